"""What the legal pages show, and which privacy notice is in force."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from tandem.i18n import current_language
from tandem.legal.models import LegalText

EXAMPLES = Path(__file__).resolve().parent / "examples"


@dataclass(frozen=True)
class LegalPage:
    kind: str
    title: str
    body: str
    # 0 for the example text of a site whose operator has not written one.
    version: int
    published_at: datetime.datetime | None

    @property
    def is_example(self) -> bool:
        return self.version == 0


def current_text(*, kind: str) -> LegalText | None:
    """The version of ``kind`` in force now, if the operator wrote one."""
    return (
        LegalText.objects.filter(kind=kind, published_at__lte=timezone.now())
        .order_by("-version")
        .first()
    )


def legal_page(*, kind: str) -> LegalPage:
    """The text in force in the reader's language, else the example text."""
    title = str(LegalText.Kind(kind).label)
    text = current_text(kind=kind)
    if text is not None:
        return LegalPage(kind, title, text.body, text.version, text.published_at)
    example = EXAMPLES / f"{kind}.{current_language()}.txt"
    return LegalPage(kind, title, example.read_text(encoding="utf-8"), 0, None)


def privacy_notice_version() -> int:
    """The version of the privacy notice in force; 0 while only the example
    text is shown.  One indexed query: the consent step asks it on every page
    a signed-in person opens."""
    version = (
        LegalText.objects.filter(
            kind=LegalText.Kind.PRIVACY, published_at__lte=timezone.now()
        )
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return version or 0
