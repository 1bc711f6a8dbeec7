from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from tandem.accounts import steps

# Pages every signed-in person may always open: signing out, and switching
# the language the pages are shown in.
ALWAYS_ALLOWED = frozenset({"account_logout", "set_language"})
# Addresses outside the pages: the API answers tokens, not sessions.
PREFIXES_OUTSIDE = ("/api/", "/static/", "/i18n/")


class RequiredStepsMiddleware:
    """Sends a signed-in person with a pending step (``tandem.accounts.steps``)
    to the step's page, with where they were going as ``next``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or request.path_info.startswith(PREFIXES_OUTSIDE)
        ):
            return self.get_response(request)
        step = steps.pending(user)
        if step is None:
            return self.get_response(request)
        try:
            name = resolve(request.path_info).view_name
        except Resolver404:
            return self.get_response(request)
        if name in ALWAYS_ALLOWED or name == step.url_name or name in step.also_allowed:
            return self.get_response(request)
        target = reverse(step.url_name)
        going = request.get_full_path()
        if request.method == "GET" and url_has_allowed_host_and_scheme(
            going, allowed_hosts={request.get_host()}
        ):
            target = f"{target}?{urlencode({'next': going})}"
        return HttpResponseRedirect(target)
