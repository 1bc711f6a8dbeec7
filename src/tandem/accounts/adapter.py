from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.i18n import language_codes


@dataclass(frozen=True)
class TandemSite:
    """What e-mails call the site: "Tandem", not the host name."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth has no type hints
    """Remembers the language a person signed up in as their preferred language,
    and brings them back to it when they log in."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is switched off."),
        "email_password_mismatch": _(
            "The e-mail address or the password is not right. Check both and try again."
        ),
        "email_taken": _("An account with this e-mail address already exists."),
        "invalid_login": _("Log-in failed. Check your e-mail address and password."),
        "invalid_or_expired_key": _("This link is not valid or has expired."),
        "too_many_login_attempts": _(
            "Too many failed log-in attempts. Try again in a few minutes."
        ),
        "unknown_email": _("No account uses this e-mail address."),
        "unverified_primary_email": _("Confirm your e-mail address first."),
        "cannot_remove_primary_email": _(
            "You cannot remove your primary e-mail address."
        ),
        "duplicate_email": _("This e-mail address already belongs to your account."),
    }

    def save_user(
        self, request: HttpRequest, user: User, form: forms.Form, commit: bool = True
    ) -> User:
        user.preferred_language = translation.get_language() or ""
        saved: User = super().save_user(request, user, form, commit)
        return saved

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """The dashboard under the person's preferred language prefix.

        A ``next`` URL given with the login takes precedence (allauth's rule).
        """
        language = getattr(request.user, "preferred_language", "")
        if language not in language_codes():
            return str(super().get_login_redirect_url(request))
        with translation.override(language):
            return reverse("dashboard")

    def send_mail(
        self, template_prefix: str, email: str, context: dict[str, Any]
    ) -> None:
        request = allauth_context.request
        domain = request.get_host() if request is not None else ""
        context = {"current_site": TandemSite(name="Tandem", domain=domain), **context}
        super().send_mail(template_prefix, email, context)
