"""The small helpers every app's form and action views share.

Requests typed with Tandem's user are in ``tandem.accounts.http``; this module
knows no app, so every app may use it."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from tandem.forms import add_service_error

T = TypeVar("T")


class HtmxRequest(HttpRequest):
    """A request that went through django-htmx's middleware."""

    htmx: HtmxDetails


def partial_template(request: HtmxRequest, name: str, partial: str) -> str:
    """The page, or only its ``partial`` for htmx; history restores need the page."""
    if request.htmx and not request.htmx.history_restore_request:
        return f"{name}#{partial}"
    return name


def render_form(
    request: HtmxRequest, template: str, context: dict[str, Any]
) -> HttpResponse:
    """A form page: 422 when the form has errors, the ``#form`` partial for htmx."""
    form = context["form"]
    status = 422 if form.is_bound and form.errors else 200
    return render(
        request, partial_template(request, template, "form"), context, status=status
    )


def done(request: HtmxRequest, url: str) -> HttpResponse:
    """After a successful form: go to ``url`` (htmx follows on the client)."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def act(
    request: HtmxRequest,
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


def posted(request: HttpRequest) -> Any:
    """The data to bind a form to: the POST's, else None (an unbound form)."""
    return request.POST if request.method == "POST" else None


def handle_form(
    request: HtmxRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[], T],
    url: str | Callable[[T], str],
    success: str | Callable[[T], str] | None,
    template: str,
    context: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
) -> HttpResponse:
    """A form page: on a valid POST, ``save()`` (one service call, reading
    ``form.cleaned_data``), then the ``success`` message and a redirect to
    ``url``; ``success`` and ``url`` may be given from the service's result.

    A service's ``ValidationError`` goes next to the form's fields (the others
    on the whole form) and the page comes again with 422, as for the form's
    own errors. ``PermissionDenied`` is not caught: Django answers 403.
    ``context`` may be a function: a page that lists much is then read only
    when it is shown again, not after a successful save.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = save()
        except ValidationError as exc:  # Django's base class
            add_service_error(form, exc)
        else:
            if success is not None:
                messages.success(
                    request, success if isinstance(success, str) else success(result)
                )
            return done(request, url if isinstance(url, str) else url(result))
    extra = context() if callable(context) else context
    return render_form(request, template, {**(extra or {}), "form": form})


def safe_next(request: HttpRequest, default: str = "") -> str:
    """Where the person was going (``next``, posted or in the address) if it
    is a page of this site, else ``default``: never a redirect elsewhere."""
    going = request.POST.get("next") or request.GET.get("next") or ""
    if going and url_has_allowed_host_and_scheme(
        going, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return going
    return default
