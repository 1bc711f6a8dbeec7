"""Forms of a person's own pages; field names are the services' keyword names."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


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
