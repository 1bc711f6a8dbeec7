"""Forms of a person's own pages; field names are the services' keyword names."""

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User


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


class NameForm(forms.Form):
    """The name others see: Tandem never shows a person by e-mail address."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )


class SignupNameForm(NameForm):
    """The name fields of allauth's sign-up form (``ACCOUNT_SIGNUP_FORM_CLASS``);
    the adapter's ``save_user`` stores them with the account."""

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request: HttpRequest, user: User) -> None:
        """Nothing more to save: allauth's ``save_user`` already stored the names."""
