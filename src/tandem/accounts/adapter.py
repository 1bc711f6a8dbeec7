from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django import forms
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
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

    def get_reauthentication_methods(self, user: Any) -> list[dict[str, Any]]:
        """allauth's ways to confirm it is you, in Tandem's words."""
        descriptions = {
            "reauthenticate": _("With your password"),
            "mfa_reauthenticate": _("With a code from your authenticator app"),
        }
        methods: list[dict[str, Any]] = super().get_reauthentication_methods(user)
        for method in methods:
            method["description"] = descriptions.get(
                method["id"], method["description"]
            )
        return methods

    def send_notification_mail(
        self,
        template_prefix: str,
        user: User,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        """allauth's notices of changes to an account; those about the second
        factor are always sent (allauth sends any only when all are on): if it
        was not the person, they know to act."""
        if not template_prefix.startswith("mfa/"):
            super().send_notification_mail(template_prefix, user, context, email)
            return
        email = email or EmailAddress.objects.get_primary_email(user)
        if not email:
            return
        notice = {
            "timestamp": timezone.now(),
            "ip": self.get_client_ip(self.request),
            "user_agent": self.get_http_user_agent(self.request)[:200],
            **(context or {}),
        }
        self.send_mail(template_prefix, email, notice)

    def send_mail(
        self, template_prefix: str, email: str, context: dict[str, Any]
    ) -> None:
        request = allauth_context.request
        domain = request.get_host() if request is not None else ""
        context = {"current_site": TandemSite(name="Tandem", domain=domain), **context}
        super().send_mail(template_prefix, email, context)


class MFAAdapter(DefaultMFAAdapter):  # type: ignore[misc]  # allauth has no type hints
    """The second factor's messages in Tandem's words."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": _(
            "Turn off two-factor authentication before you add an e-mail address."
        ),
        "cannot_delete_authenticator": _(
            "You cannot turn off two-factor authentication: as a coordinator or "
            "member of staff you need it."
        ),
        "cannot_generate_recovery_codes": _(
            "Set up an authenticator app first; recovery codes stand in for it."
        ),
        "incorrect_code": _(
            "This code is not right. Enter the code your app shows now."
        ),
        "unverified_email": _(
            "Confirm your e-mail address first, then set up two-factor authentication."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # Coordinators and staff keep their authenticator app.
        from tandem.accounts.second_factor import must_use_second_factor

        if authenticator.type == Authenticator.Type.TOTP and must_use_second_factor(
            authenticator.user
        ):
            return False
        return bool(super().can_delete_authenticator(authenticator))
