"""Telling a person, right after their password changed, that their API
tokens were revoked (``passwords.RevokeApiTokensOnPasswordChange`` did it)."""

import datetime
from typing import Any

from allauth.account.signals import password_changed, password_reset, password_set
from django.contrib import messages
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext

from tandem.accounts.models import ApiToken, User

# The revocation happened moments before, in the same request.
JUST_NOW = datetime.timedelta(minutes=1)


@receiver(password_changed)
@receiver(password_reset)
@receiver(password_set)
def tell_about_revoked_tokens(
    sender: Any, request: HttpRequest | None = None, user: User | None = None, **_: Any
) -> None:
    if request is None or user is None:
        return
    count = ApiToken.objects.filter(
        user=user,
        revoked_because=ApiToken.RevokedBecause.PASSWORD_CHANGED,
        revoked_at__gte=timezone.now() - JUST_NOW,
    ).count()
    if count:
        messages.info(
            request,
            ngettext(
                "Your new password revoked your API token: programs that used "
                "it can no longer reach your account. Create a new one on the "
                "page “API tokens” if you still need it.",
                "Your new password revoked your %(count)s API tokens: programs "
                "that used them can no longer reach your account. Create new ones "
                "on the page “API tokens” if you still need them.",
                count,
            )
            % {"count": count},
        )
