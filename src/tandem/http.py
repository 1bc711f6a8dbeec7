"""Typed requests for views: ``request.user`` is a Tandem user, ``request.htmx`` is set."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from tandem.accounts.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
    user: User | AnonymousUser


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User
