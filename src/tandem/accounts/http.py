"""Typed requests: ``request.user`` is a Tandem user (or anonymous), ``request.htmx``
is set, and the API's ``request.auth`` is the token's user."""

from django.http import HttpRequest

from tandem.accounts.models import User, Viewer
from tandem.http import HtmxRequest


class HtmxHttpRequest(HtmxRequest):
    """A page anybody may read."""

    user: Viewer


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A page behind ``login_required``."""

    user: User


class ApiRequest(HttpRequest):
    """An API call with ``auth=token_auth``: a valid token was sent."""

    auth: User


class PublicApiRequest(HttpRequest):
    """An API read with ``auth=optional_token_auth``: anonymous without a token."""

    auth: Viewer
