"""The sign-up form (``ACCOUNT_FORMS["signup"]``): allauth's, with the name
fields of ``forms.SignupNameForm`` (its base, ``ACCOUNT_SIGNUP_FORM_CLASS``) and
the consent to the privacy notice.

Its own module: allauth's forms import ``forms.SignupNameForm`` when they load,
so this form, which subclasses them, cannot live beside it.
"""

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.accounts.services import accept_privacy_notice


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
