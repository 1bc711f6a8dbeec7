from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from tandem.i18n import language_codes


@dataclass(frozen=True)
class TandemSite:
    """What e-mails call the site: "Tandem", not the host name."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    """Remembers the language a person signed up in as their preferred language,
    and brings them back to it when they log in."""

    def save_user(
        self, request: HttpRequest, user: Any, form: Any, commit: bool = True
    ) -> Any:
        user.preferred_language = translation.get_language() or ""
        return super().save_user(request, user, form, commit)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """The dashboard under the person's preferred language prefix.

        A ``next`` URL given with the login takes precedence (allauth's rule).
        """
        language = getattr(request.user, "preferred_language", "")
        if language not in language_codes():
            return super().get_login_redirect_url(request)
        with translation.override(language):
            return reverse("accounts:dashboard")

    def send_mail(
        self, template_prefix: str, email: str, context: dict[str, Any]
    ) -> None:
        request = allauth_context.request
        domain = request.get_host() if request is not None else ""
        context = {"current_site": TandemSite(name="Tandem", domain=domain), **context}
        super().send_mail(template_prefix, email, context)
