"""Every write to users' own accounts."""

import datetime
import hashlib
import secrets
from typing import TypedDict, Unpack

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import ApiToken, User
from tandem.accounts.permissions import is_active_user
from tandem.errors import PermissionDenied, ValidationError, field_error
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


# --- API tokens ------------------------------------------------------------

# A token's last use is written at most this often: one write per request would
# turn every API read into a write.
API_TOKEN_TOUCH_INTERVAL = datetime.timedelta(minutes=1)


def hash_api_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, by: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; returns it with its key, shown only this once.

    Only the key's SHA-256 hash is stored.  Raises PermissionDenied (not logged
    in) or ValidationError (no name).
    """
    if not is_active_user(by):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError(
            {"name": _("Give the token a name, e.g. the program that uses it.")},
            code="required",
        )
    key = secrets.token_urlsafe(32)
    token = ApiToken(user=by, name=name, prefix=key[:8], key_hash=hash_api_token(key))
    token.full_clean()
    token.save()
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
        token.save(update_fields=["revoked_at"])
    return token


def authenticate_api_token(*, key: str) -> User | None:
    """The active user a valid, unrevoked key belongs to, or None.

    Notes the token's last use, at most once per ``API_TOKEN_TOUCH_INTERVAL``.
    """
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(
            key_hash=hash_api_token(key),
            revoked_at__isnull=True,
            user__is_active=True,
        )
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if (
        token.last_used_at is None
        or now - token.last_used_at > API_TOKEN_TOUCH_INTERVAL
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
