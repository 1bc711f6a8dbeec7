"""Forms of people's own data; field names are the services' keyword names."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )
    hand_over = forms.BooleanField(
        label=_(
            "Hand the organisations I alone administer over to their city's "
            "coordinators"
        ),
        required=False,
    )
