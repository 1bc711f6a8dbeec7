"""What the legal pages show, and which privacy notice is in force."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.utils import timezone

from tandem.i18n import current_language
from tandem.legal.models import LegalText

EXAMPLES = Path(__file__).resolve().parent / "examples"
# The privacy notice's version in force is read on every page a signed-in
# person opens (the consent step); a new version is seen within this time on
# every web node, at once on the node that saved it.
PRIVACY_VERSION_CACHE_KEY = "tandem.legal.privacy_version"
PRIVACY_VERSION_CACHE_SECONDS = 60


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
    text is shown."""
    version = cache.get(PRIVACY_VERSION_CACHE_KEY)
    if version is None:
        text = current_text(kind=LegalText.Kind.PRIVACY)
        version = text.version if text is not None else 0
        cache.set(PRIVACY_VERSION_CACHE_KEY, version, PRIVACY_VERSION_CACHE_SECONDS)
    return int(version)
