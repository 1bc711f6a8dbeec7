"""Export organisations and opportunities in the columns that import reads.

An export imported again changes nothing (``docs/import-format.md``).  Records
without an ``external_id`` (those created on the website) are written with an
empty one; import refuses such rows, so give them an ID before a round trip.

For programs, not people: cells are written exactly as stored, so text that a
spreadsheet would run as a formula (``=HYPERLINK(...)``) stays as it is; the
files meant for people go through ``tandem.spreadsheets.writer`` instead.
"""

import csv
import json
from collections.abc import Iterator
from typing import Any, Protocol, TypeVar

from django.db.models import F, QuerySet

from tandem.directory.importing.reading import (
    LIST_COLUMNS,
    LIST_SEPARATOR,
    Format,
    Kind,
    columns,
)
from tandem.directory.models import Opportunity, Organisation
from tandem.i18n import language_codes

CHUNK = 2000
M = TypeVar("M", Organisation, Opportunity)


class TextOut(Protocol):
    """A text file, or a management command's ``self.stdout``."""

    def write(self, text: str, /) -> Any: ...


def _ordered(queryset: QuerySet[M]) -> QuerySet[M]:
    return queryset.order_by(F("external_id").asc(nulls_last=True), "pk")


def organisation_records() -> Iterator[dict[str, Any]]:
    """Every organisation as a record of import columns, by external ID."""
    organisations = _ordered(
        Organisation.objects.select_related("city").prefetch_related("areas")
    )
    for org in organisations.iterator(chunk_size=CHUNK):
        translations = org.description_translations or {}
        record: dict[str, Any] = {
            "external_id": org.external_id or "",
            "name": org.name,
            "kind": org.kind,
            "city": org.city.slug,
            "areas": sorted(area.slug for area in org.areas.all()),
            "description": org.description,
            "language": org.language,
        }
        for language in language_codes():
            record[f"description_{language}"] = translations.get(language, "")
        record.update(
            languages_spoken=list(org.languages_spoken),
            website=org.website,
            size_band=org.size_band,
            founded_year=org.founded_year,
            visibility=org.visibility,
            verification=org.verification,
        )
        yield record


def opportunity_records() -> Iterator[dict[str, Any]]:
    """Every opportunity as a record of import columns, by external ID.

    The organisation is named by its external ID, or by its slug if it has none.
    """
    opportunities = _ordered(
        Opportunity.objects.select_related("organisation").prefetch_related("areas")
    )
    for opp in opportunities.iterator(chunk_size=CHUNK):
        organisation = opp.organisation
        yield {
            "external_id": opp.external_id or "",
            "organisation": organisation.external_id or organisation.slug,
            "kind": opp.kind,
            "title": opp.title,
            "summary": opp.summary,
            "description": opp.description,
            "language": opp.language,
            "areas": sorted(area.slug for area in opp.areas.all()),
            "partner_kinds": list(opp.partner_kinds),
            "deadline": opp.deadline.isoformat() if opp.deadline else None,
            "status": opp.status,
            "published_at": opp.published_at.isoformat() if opp.published_at else None,
            "expires_at": opp.expires_at.isoformat() if opp.expires_at else None,
        }


def records(kind: Kind) -> Iterator[dict[str, Any]]:
    if kind == "organisations":
        return organisation_records()
    return opportunity_records()


def _csv_value(column: str, value: Any) -> str:
    if column in LIST_COLUMNS:
        return LIST_SEPARATOR.join(value)
    return "" if value is None else str(value)


def write_records(*, kind: Kind, format: Format, out: TextOut) -> int:
    """Write every record of ``kind`` to ``out``; returns how many."""
    names = columns(kind)
    count = 0
    if format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        for record in records(kind):
            writer.writerow([_csv_value(name, record[name]) for name in names])
            count += 1
    else:
        for record in records(kind):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
