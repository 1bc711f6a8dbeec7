"""Forms of a person's own pages; field names are the services' keyword names."""

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.accounts.services import accept_privacy_notice


def _languages_in_their_own_names() -> list[tuple[str, str]]:
    # A reader who cannot read the current language still finds their own.
    return [
        (code, get_language_info(code)["name_local"])
        for code, _name in settings.LANGUAGES
    ]


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=_languages_in_their_own_names,
        widget=forms.RadioSelect,
        help_text=_("Tandem's pages and e-mails use this language."),
    )


class SignupForm(AllauthSignupForm):  # type: ignore[misc]  # allauth has no type hints
    """allauth's sign-up, with the consent to the privacy notice."""

    privacy_notice = forms.BooleanField(
        label=_("I have read the privacy notice"),
        required=True,
        error_messages={
            "required": _("Please read the privacy notice and tick the box.")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Last, after the fields allauth orders: read, then confirm.
        self.fields["privacy_notice"] = self.fields.pop("privacy_notice")
        # A new tab: following the link keeps what was typed in the form.
        self.fields["privacy_notice"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("legal:privacy"),
            _("Read the privacy notice (opens in a new tab)"),
        )

    def save(self, request: HttpRequest) -> User:
        with transaction.atomic():
            user: User = super().save(request)
            accept_privacy_notice(by=user)
        return user
