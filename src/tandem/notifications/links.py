"""The addresses notifications point to: a stored path in the reader's
language, made absolute for e-mails and the API, and the signed token of the
unsubscribe link."""

from django.conf import settings
from django.core import signing

from tandem.accounts.models import User
from tandem.errors import ValidationError
from tandem.notifications import kinds

UNSUBSCRIBE_SALT = "tandem.notifications.unsubscribe"


def localised_path(path: str, language: str) -> str:
    """``path`` with its language prefix (the actor's, from ``reverse``) swapped
    for ``language``; paths without a prefix are returned unchanged."""
    parts = path.split("/", 2)
    codes = {code for code, _name in settings.LANGUAGES}
    if len(parts) == 3 and parts[0] == "" and parts[1] in codes:
        return f"/{language}/{parts[2]}"
    return path


def absolute_url(path: str) -> str:
    """``path`` made absolute with TANDEM_SITE_URL (absolute URLs unchanged)."""
    if not path or "://" in path:
        return path
    site: str = settings.SITE_URL
    return site.rstrip("/") + "/" + path.lstrip("/")


def unsubscribe_token(*, user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[User, str]:
    """The user and kind of a token; raises ValidationError when tampered with."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user = User.objects.get(pk=int(data["u"]), is_active=True)
        kind = str(data["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, User.DoesNotExist):
        raise ValidationError("Invalid link.", code="invalid_token") from None
    if not kinds.is_kind(kind):
        raise ValidationError("Invalid link.", code="invalid_token")
    return user, kind
