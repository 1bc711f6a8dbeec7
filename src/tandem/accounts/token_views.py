"""Pages where members create and revoke personal API tokens."""

from typing import Any

from allauth.account.decorators import reauthentication_required
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tandem.accounts.http import AuthenticatedHttpRequest
from tandem.accounts.models import ApiToken
from tandem.accounts.services import create_api_token, revoke_api_token
from tandem.forms import add_service_error
from tandem.http import act, posted, render_form

# Shorter lifetimes the creation form offers besides the longest one.
SHORTER_LIFETIMES = (30, 90, 180)


def lifetime_choices() -> list[tuple[int, str]]:
    longest = settings.TANDEM_API_TOKEN_LIFETIME_DAYS
    days = [d for d in SHORTER_LIFETIMES if d < longest] + [longest]
    return [
        (
            d,
            _("One year")
            if d == 365
            else ngettext("%(days)s day", "%(days)s days", d) % {"days": d},
        )
        for d in days
    ]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy(
            "What the token is for, e.g. the program that uses it. Only you see it."
        ),
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Access"),
        choices=[
            (
                ApiToken.Scope.READ,
                gettext_lazy("Read only: the program can read, not change anything"),
            ),
            (
                ApiToken.Scope.READ_WRITE,
                gettext_lazy(
                    "Read and write: the program can also create and edit, as you can"
                ),
            ),
        ],
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
    lifetime_days = forms.TypedChoiceField(
        label=gettext_lazy("Valid for"),
        coerce=int,
        help_text=gettext_lazy("After that the token stops working."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["lifetime_days"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = lifetime_choices()
        field.initial = settings.TANDEM_API_TOKEN_LIFETIME_DAYS


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
        "now": timezone.now(),
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
