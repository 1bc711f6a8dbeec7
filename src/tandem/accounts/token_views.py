"""Pages where members create and revoke personal API tokens."""

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.models import ApiToken
from tandem.accounts.services import create_api_token, revoke_api_token
from tandem.forms import add_service_error
from tandem.http import act, posted, render_form


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy(
            "What the token is for, e.g. the program that uses it. Only you see it."
        ),
    )


@never_cache  # the page may show a new token's key: no copy in any cache
@login_required
# A token acts for its owner without a password: making one asks for the
# password again (allauth's reauthentication, throttled with the sign-ins).
@reauthentication_required(allow_get=True)  # type: ignore[untyped-decorator]  # allauth has no type hints
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Not handle_form: a new key is shown on the answer to the POST itself,
    # once; a redirect would have to keep it somewhere to show it after.
    form = ApiTokenForm(posted(request))
    new_key = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = create_api_token(by=request.user, **form.cleaned_data)
        except ValidationError as exc:  # Django's base class
            add_service_error(form, exc)
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "new_key": new_key,
        "tokens": ApiToken.objects.filter(user=request.user).order_by(
            "-created_at", "-pk"
        ),
    }
    return render_form(request, "accounts/api_tokens.html", context)


@require_POST
@login_required
def api_token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # Another person's token is not found, rather than forbidden.
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    return act(
        request,
        reverse("accounts:api_tokens"),
        lambda: revoke_api_token(token=token, by=request.user),
        _(
            "The token “%(name)s” is revoked. Programs that use it can no longer change data."
        )
        % {"name": token.name},
    )
