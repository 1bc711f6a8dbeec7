"""Every write to the legal texts."""

import datetime
from collections.abc import Mapping

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from tandem.i18n import check_complete_translations
from tandem.legal.models import LegalText


@transaction.atomic
def publish_legal_text(
    *,
    kind: str,
    body_translations: Mapping[str, str],
    published_at: datetime.datetime | None = None,
    by: AbstractBaseUser | None = None,
) -> LegalText:
    """Save the next version of ``kind``, in force from ``published_at`` (now
    if not given).  Only staff reach this, through the admin.

    Raises ValidationError (a language missing, an unknown kind).
    """
    body = {code: text.strip() for code, text in body_translations.items()}
    check_complete_translations(body, field="body_translations")
    # The lock on the latest version (SQLite's transactions take the write
    # lock when they begin) keeps two versions from getting one number; the
    # unique constraint guards the first version.
    last = (
        LegalText.objects.select_for_update()
        .filter(kind=kind)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    text = LegalText(
        kind=kind,
        version=(last or 0) + 1,
        published_at=published_at or timezone.now(),
        body_translations=body,
        created_by_id=by.pk if by is not None else None,
    )
    text.full_clean()
    text.save()
    return text
