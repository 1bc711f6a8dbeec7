"""Every write to users' own accounts."""

import datetime
import hashlib
import secrets
from typing import TypedDict, Unpack

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.audit_actions import (
    API_TOKEN_CREATED,
    API_TOKEN_REVOKED,
    API_TOKENS_REVOKED_ON_PASSWORD_CHANGE,
)
from tandem.accounts.models import ApiToken, User
from tandem.accounts.permissions import is_active_user
from tandem.audit.services import record
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.legal.selectors import privacy_notice_version
from tandem.updates import check_known, model_update

# --- Profile ---------------------------------------------------------------


class ProfileChanges(TypedDict, total=False):
    first_name: str
    last_name: str
    preferred_language: str


@transaction.atomic
def update_profile(*, user: User, by: User, **changes: Unpack[ProfileChanges]) -> User:
    """Change a person's name and preferred language; only they may.

    Raises PermissionDenied or ValidationError (no name left, unknown
    language), leaving
    ``user`` as it was.
    """
    if not is_active_user(by) or by.pk != user.pk:
        raise PermissionDenied
    check_known(changes, ProfileChanges.__optional_keys__)
    values = dict(changes)
    if "first_name" in changes:
        values["first_name"] = changes["first_name"].strip()
    if "last_name" in changes:
        values["last_name"] = changes["last_name"].strip()
    first = values.get("first_name", user.first_name)
    last = values.get("last_name", user.last_name)
    if ("first_name" in changes or "last_name" in changes) and not f"{first}{last}":
        # Others see a person by name; without one, by nothing better.
        raise field_error(
            "first_name", _("Give the name others should see you by."), code="required"
        )
    model_update(user, values, exclude_clean=["password"])
    return user


# --- Privacy notice --------------------------------------------------------


@transaction.atomic
def accept_privacy_notice(*, by: User) -> User:
    """Record that ``by`` accepted the privacy notice in force now, and when.

    Raises PermissionDenied (not an active account).
    """
    if not is_active_user(by):
        raise PermissionDenied
    model_update(
        by,
        {
            "privacy_notice_version": privacy_notice_version(),
            "privacy_notice_accepted_at": timezone.now(),
        },
        exclude_clean=["password"],
    )
    return by


# --- API tokens ------------------------------------------------------------

# A token's last use is written at most this often: one write per request would
# turn every API read into a write.
API_TOKEN_TOUCH_INTERVAL = datetime.timedelta(minutes=1)


def hash_api_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_token(
    *,
    by: User,
    name: str,
    scope: str = ApiToken.Scope.READ_WRITE,
    lifetime_days: int | None = None,
) -> tuple[ApiToken, str]:
    """Create a personal API token; returns it with its key, shown only this once.

    Only the key's SHA-256 hash is stored.  The token expires after
    ``lifetime_days`` (at most, and by default, ``TANDEM_API_TOKEN_LIFETIME_DAYS``).
    Raises PermissionDenied (not logged in) or ValidationError (no name, unknown
    scope, lifetime out of range).
    """
    if not is_active_user(by):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError(
            {"name": _("Give the token a name, e.g. the program that uses it.")},
            code="required",
        )
    longest = settings.TANDEM_API_TOKEN_LIFETIME_DAYS
    days = longest if lifetime_days is None else lifetime_days
    if not 1 <= days <= longest:
        raise ValidationError(
            {
                "lifetime_days": ValidationError(
                    _("A token lasts at least one day and at most %(days)s days.")
                    % {"days": longest},
                    code="invalid_lifetime",
                )
            }
        )
    key = secrets.token_urlsafe(32)
    token = ApiToken(
        user=by,
        name=name,
        prefix=key[:8],
        key_hash=hash_api_token(key),
        scope=scope,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    token.full_clean()
    token.save()
    record(
        action=API_TOKEN_CREATED.key,
        actor=by,
        target=token,
        changes={
            "scope": (None, token.scope),
            "expires_at": (None, token.expires_at.isoformat()),
        },
    )
    return token, key


@transaction.atomic
def revoke_api_token(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke a token for good; only its owner may. Revoking twice changes nothing.

    Raises PermissionDenied.
    """
    if not by.is_authenticated or token.user_id != by.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_because = ApiToken.RevokedBecause.OWNER
        token.save(update_fields=["revoked_at", "revoked_because"])
        record(
            action=API_TOKEN_REVOKED.key,
            actor=by,
            target=token,
            changes={"revoked_at": (None, token.revoked_at.isoformat())},
        )
    return token


@transaction.atomic
def revoke_all_api_tokens(*, user: User) -> int:
    """Revoke every token of the user still in force: their password changed.

    Whoever learnt the old password may have created a token with it; a new
    password must shut that door too.  Returns how many were revoked; records
    one audit entry when there were any.
    """
    now = timezone.now()
    tokens = list(
        ApiToken.objects.select_for_update()
        .filter(user=user, revoked_at__isnull=True, expires_at__gt=now)
        .order_by("pk")
    )
    if not tokens:
        return 0
    ApiToken.objects.filter(pk__in=[t.pk for t in tokens]).update(
        revoked_at=now, revoked_because=ApiToken.RevokedBecause.PASSWORD_CHANGED
    )
    record(
        action=API_TOKENS_REVOKED_ON_PASSWORD_CHANGE.key,
        actor=None,
        target=user,
        changes={"api_tokens": ([str(t) for t in tokens], [])},
        reason="password changed",
    )
    return len(tokens)


def authenticate_api_token(*, key: str) -> ApiToken | None:
    """The valid token of ``key``: known, unrevoked, unexpired, of an active user.

    Notes the token's last use, at most once per ``API_TOKEN_TOUCH_INTERVAL``.
    """
    if not key or len(key) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(
            key_hash=hash_api_token(key),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )
        .first()
    )
    if token is None:
        return None
    if (
        token.last_used_at is None
        or now - token.last_used_at > API_TOKEN_TOUCH_INTERVAL
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
