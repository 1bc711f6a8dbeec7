"""Typed requests for views (``request.user`` is a Tandem user, ``request.htmx``
is set) and the small helpers every app's form and action views share."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from tandem.accounts.models import User

T = TypeVar("T")


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
    user: User | AnonymousUser


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User


def partial_template(request: HtmxHttpRequest, name: str, partial: str) -> str:
    """The page, or only its ``partial`` for htmx; history restores need the page."""
    if request.htmx and not request.htmx.history_restore_request:
        return f"{name}#{partial}"
    return name


def render_form(
    request: HtmxHttpRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    """A form page: 422 when the form has errors, the ``#form`` partial for htmx."""
    form = context["form"]
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request, partial_template(request, template, "form"), context, status=status
    )


def done(request: HtmxHttpRequest, url: str) -> HttpResponse:
    """After a successful form: go to ``url`` (htmx follows on the client)."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def act(
    request: HtmxHttpRequest,
    url: str,
    action: Callable[[], T],
    success: str | Callable[[T], str],
) -> HttpResponse:
    """A button's POST: run ``action`` (one service call), then go to ``url``.

    ``success`` is the message, or gives it from the action's result when it
    names what the action changed (a plain message is made before the action
    runs); a ``ValidationError`` becomes an error message instead.
    ``PermissionDenied`` is not caught: Django answers 403.
    """
    try:
        result = action()
    except ValidationError as exc:  # Django's base class
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, success if isinstance(success, str) else success(result)
        )
    return done(request, url)
