"""Import organisations and opportunities from CSV or JSON Lines files.

The columns are documented in ``docs/import-format.md``.  Every row is checked
before anything is written; an import writes in bulk inside one transaction, so
it either imports every good row or nothing.  Rows are matched to existing
records by ``external_id``: a re-import updates them, and a column that a file
does not have leaves the field as it is.
"""

import csv
import datetime
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from tqdm import tqdm

from tandem.directory.models import (
    Opportunity,
    Organisation,
    OrganisationKind,
)
from tandem.partnerships.models import Area, City

Kind = Literal["organisations", "opportunities"]
Format = Literal["csv", "jsonl"]

TRANSLATION_LANGUAGES = ("de", "ro", "en")
ORGANISATION_COLUMNS = (
    "external_id",
    "name",
    "kind",
    "city",
    "areas",
    "description",
    "language",
    "description_de",
    "description_ro",
    "description_en",
    "languages_spoken",
    "website",
    "size_band",
    "founded_year",
    "visibility",
    "verification",
)
OPPORTUNITY_COLUMNS = (
    "external_id",
    "organisation",
    "kind",
    "title",
    "summary",
    "description",
    "language",
    "areas",
    "partner_kinds",
    "deadline",
    "status",
    "published_at",
    "expires_at",
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "organisations": ORGANISATION_COLUMNS,
    "opportunities": OPPORTUNITY_COLUMNS,
}
LIST_COLUMNS = {"areas", "languages_spoken", "partner_kinds"}
LIST_SEPARATOR = "|"

# Values an import may set; other states come from a coordinator's review and are
# accepted only when they equal the record's current state (a round trip).
IMPORTABLE_VERIFICATION = {
    Organisation.Verification.PENDING,
    Organisation.Verification.VERIFIED,
}
IMPORTABLE_STATUS = {
    Opportunity.Status.DRAFT,
    Opportunity.Status.SUBMITTED,
    Opportunity.Status.PUBLISHED,
    Opportunity.Status.CLOSED,
    Opportunity.Status.EXPIRED,
}

ORGANISATION_FIELDS = (
    "name",
    "kind",
    "city_id",
    "description",
    "language",
    "description_translations",
    "languages_spoken",
    "website",
    "size_band",
    "founded_year",
    "visibility",
    "verification",
)
OPPORTUNITY_FIELDS = (
    "organisation_id",
    "kind",
    "title",
    "summary",
    "description",
    "language",
    "partner_kinds",
    "deadline",
    "status",
    "published_at",
    "expires_at",
)

# Rows per query: below SQLite's default limit of host parameters per statement.
CHUNK = 900
BATCH = 1000
UPDATE_BATCH = 100
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass
class SourceRow:
    """One record of a file: its first line number and its values by column."""

    line: int
    values: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


class ImportFileError(Exception):
    """The file cannot be read at all (unknown format, bad header)."""


# Reading files ---------------------------------------------------------------


def guess_format(path: str | Path) -> Format:
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    raise ImportFileError(
        f"Cannot tell the format of {path}: name it .csv, .jsonl or .ndjson, "
        "or pass --format."
    )


def read_csv(file: IO[str], *, kind: Kind) -> Iterator[SourceRow]:
    """Rows of a CSV file with a header line; the first data row is line 2.

    Raises ImportFileError for a missing header or unknown columns.
    """
    reader = csv.reader(file)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return
    unknown = [name for name in header if name not in COLUMNS[kind]]
    duplicates = {name for name in header if header.count(name) > 1}
    if unknown or duplicates:
        problems = [f"unknown column {name!r}" for name in unknown]
        problems += [f"column {name!r} appears twice" for name in sorted(duplicates)]
        raise ImportFileError("line 1: header: " + "; ".join(problems))
    previous_end = reader.line_num
    for record in reader:
        line, previous_end = previous_end + 1, reader.line_num
        if not record or record == [""]:
            continue
        if len(record) != len(header):
            error = RowError(
                line, "row", f"expected {len(header)} values, found {len(record)}"
            )
            yield SourceRow(line, {}, [error])
            continue
        yield SourceRow(line, dict(zip(header, record, strict=True)))


def read_jsonl(file: IO[str], *, kind: Kind) -> Iterator[SourceRow]:
    """Rows of a JSON Lines file, one object a line; blank lines are skipped."""
    for line, text in enumerate(file, start=1):
        if not text.strip():
            continue
        try:
            values = json.loads(text)
        except json.JSONDecodeError as exc:
            yield SourceRow(line, {}, [RowError(line, "json", exc.msg)])
            continue
        if not isinstance(values, dict):
            yield SourceRow(line, {}, [RowError(line, "json", "expected an object")])
            continue
        errors = [
            RowError(line, str(name), "unknown column")
            for name in values
            if name not in COLUMNS[kind]
        ]
        yield SourceRow(line, values, errors)


def read_file(file: IO[str], *, kind: Kind, format: Format) -> Iterator[SourceRow]:
    if format == "csv":
        return read_csv(file, kind=kind)
    return read_jsonl(file, kind=kind)


# Values ----------------------------------------------------------------------


class _Invalid(Exception):
    pass


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Invalid("expected text")
    return str(value).strip()


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items = value.split(LIST_SEPARATOR)
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = value
    else:
        raise _Invalid(f"expected a list of text or {LIST_SEPARATOR}-separated text")
    return [item.strip() for item in items if item.strip()]


def _year(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise _Invalid("expected a year such as 2015")


def _date(value: Any) -> datetime.date | None:
    text = _text(value)
    if not text:
        return None
    try:
        parsed = parse_date(text)
    except ValueError:
        parsed = None
    if parsed is None:
        raise _Invalid("expected a date such as 2026-06-30")
    return parsed


def _datetime(value: Any) -> datetime.datetime | None:
    text = _text(value)
    if not text:
        return None
    try:
        parsed = parse_datetime(text)
    except ValueError:
        parsed = None
    if parsed is None:
        raise _Invalid("expected a date and time such as 2026-01-31T09:00:00+00:00")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _model_errors(exc: ValidationError, line: int) -> list[RowError]:
    column = {
        "city_id": "city",
        "organisation_id": "organisation",
        "description_translations": "description_de",
    }
    if not hasattr(exc, "error_dict"):
        return [RowError(line, "row", message) for message in exc.messages]
    return [
        RowError(line, column.get(name, name), str(message))
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


def _snapshot(obj: models.Model, fields: Iterable[str]) -> tuple[Any, ...]:
    return tuple(getattr(obj, name) for name in fields)


# Shared row handling -----------------------------------------------------------


@dataclass
class _Prepared:
    line: int
    obj: Any
    area_ids: set[int] | None  # None: the file says nothing about areas
    is_new: bool
    changed: bool
    changed_fields: tuple[str, ...] = ()


class _Importer:
    model: type[models.Model]
    fields: tuple[str, ...]

    def __init__(self, rows: Iterable[SourceRow], *, progress: bool) -> None:
        self.rows = rows
        self.progress = progress
        self.areas = dict(Area.objects.values_list("slug", "pk"))
        self.errors: list[RowError] = []
        self.existing: dict[str, Any] = {}
        self.existing_areas: dict[int, set[int]] = {}
        self.snapshots: dict[int, tuple[Any, ...]] = {}

    def bar(self, items: Iterable[Any], *, desc: str, total: int) -> Iterable[Any]:
        return tqdm(
            items,
            desc=desc,
            total=total,
            unit=" rows",
            file=sys.stderr,
            disable=not self.progress or total < 1000,
        )

    def batches(
        self, objs: list[Any], *, desc: str, size: int = BATCH
    ) -> Iterator[list[Any]]:
        bar = tqdm(
            total=len(objs),
            desc=desc,
            unit=" rows",
            file=sys.stderr,
            disable=not self.progress or len(objs) < BATCH,
        )
        with bar:
            for batch in _chunks(objs, size):
                yield batch
                bar.update(len(batch))

    def area_ids(self, values: dict[str, Any], line: int) -> set[int] | None:
        if "areas" not in values:
            return None
        try:
            slugs = _list(values["areas"])
        except _Invalid as exc:
            raise _RowInvalid([RowError(line, "areas", str(exc))]) from None
        unknown = [slug for slug in slugs if slug not in self.areas]
        if unknown:
            message = "unknown area " + ", ".join(repr(slug) for slug in unknown)
            raise _RowInvalid([RowError(line, "areas", message)])
        return {self.areas[slug] for slug in slugs}

    def load_existing(self, external_ids: list[str]) -> None:
        through = self.model.areas.through  # type: ignore[attr-defined]
        owner = f"{self.model._meta.model_name}_id"
        for chunk in _chunks(external_ids):
            found = list(self.model._default_manager.filter(external_id__in=chunk))
            self.existing.update({obj.external_id: obj for obj in found})  # type: ignore[attr-defined]
            pks = [obj.pk for obj in found]
            for obj in found:
                self.existing_areas[obj.pk] = set()
            for pk, area_id in through.objects.filter(
                **{f"{owner}__in": pks}
            ).values_list(owner, "area_id"):
                self.existing_areas[pk].add(area_id)

    def run(self) -> tuple[list[_Prepared], list[RowError]]:
        seen: dict[str, int] = {}
        good: list[tuple[SourceRow, str]] = []
        for row in self.rows:
            if row.errors:
                self.errors.extend(row.errors)
                continue
            try:
                external_id = _text(row.values.get("external_id"))
            except _Invalid as exc:
                self.errors.append(RowError(row.line, "external_id", str(exc)))
                continue
            if not external_id:
                self.errors.append(
                    RowError(row.line, "external_id", "this field is required")
                )
            elif len(external_id) > 100:
                self.errors.append(
                    RowError(row.line, "external_id", "at most 100 characters")
                )
            elif external_id in seen:
                message = f"duplicate of line {seen[external_id]}"
                self.errors.append(RowError(row.line, "external_id", message))
            else:
                seen[external_id] = row.line
                good.append((row, external_id))
        self.before_validation([row for row, _ in good])
        self.load_existing(list(seen))
        prepared: list[_Prepared] = []
        for row, external_id in self.bar(good, desc="Checking", total=len(good)):
            try:
                prepared.append(self.prepare(row, external_id))
            except _RowInvalid as exc:
                self.errors.extend(exc.errors)
        self.errors.sort(key=lambda error: error.line)
        return prepared, self.errors

    def before_validation(self, rows: list[SourceRow]) -> None:
        pass

    def prepare(self, row: SourceRow, external_id: str) -> _Prepared:
        raise NotImplementedError

    def finish(
        self,
        row: SourceRow,
        external_id: str,
        obj: Any,
        errors: list[RowError],
        *,
        exclude: list[str],
    ) -> _Prepared:
        """Run the model's validation, then tell a new, changed or unchanged row."""
        line = row.line
        area_ids = None
        try:
            area_ids = self.area_ids(row.values, line)
        except _RowInvalid as exc:
            errors.extend(exc.errors)
        try:
            obj.full_clean(
                exclude=["slug", "external_id", *exclude],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors.extend(_model_errors(exc, line))
        if errors:
            raise _RowInvalid(errors)
        is_new = obj.pk is None
        changed: bool = is_new
        changed_fields: tuple[str, ...] = ()
        if not is_new:
            before = self.snapshots.pop(obj.pk)
            after = _snapshot(obj, self.fields)
            changed_fields = tuple(
                name
                for name, old, new in zip(self.fields, before, after, strict=True)
                if old != new
            )
            changed = bool(changed_fields) or (
                area_ids is not None and area_ids != self.existing_areas[obj.pk]
            )
        return _Prepared(line, obj, area_ids, is_new, changed, changed_fields)

    def start(self, external_id: str) -> Any:
        """The existing record for this external ID, or a new one."""
        obj = self.existing.get(external_id)
        if obj is None:
            return self.model(external_id=external_id)
        self.snapshots[obj.pk] = _snapshot(obj, self.fields)
        return obj

    def write(self, prepared: list[_Prepared]) -> ImportResult:
        result = ImportResult()
        new = [p for p in prepared if p.is_new]
        changed = [p for p in prepared if not p.is_new and p.changed]
        result.created, result.updated = len(new), len(changed)
        result.unchanged = len(prepared) - len(new) - len(changed)
        self.before_create([p.obj for p in new])
        manager = self.model._default_manager
        objs = [p.obj for p in new]
        for batch in self.batches(objs, desc="Creating"):
            manager.bulk_create(batch)
        # bulk_update writes one CASE per field with a WHEN per row, so it costs
        # rows x rows x fields: update only the fields that changed, in small batches.
        now = timezone.now()
        by_fields: dict[tuple[str, ...], list[Any]] = {}
        for p in changed:
            p.obj.updated_at = now
            by_fields.setdefault(p.changed_fields, []).append(p.obj)
        for fields, objs in by_fields.items():
            for batch in self.batches(objs, desc="Updating", size=UPDATE_BATCH):
                manager.bulk_update(batch, [*fields, "updated_at"])
        self.write_areas(new, changed)
        return result

    def before_create(self, objs: list[Any]) -> None:
        pass

    def write_areas(self, new: list[_Prepared], changed: list[_Prepared]) -> None:
        through = self.model.areas.through  # type: ignore[attr-defined]
        owner = f"{self.model._meta.model_name}_id"
        replaced = [
            p
            for p in changed
            if p.area_ids is not None and p.area_ids != self.existing_areas[p.obj.pk]
        ]
        for chunk in _chunks([p.obj.pk for p in replaced]):
            through.objects.filter(**{f"{owner}__in": chunk}).delete()
        links = [
            through(**{owner: p.obj.pk, "area_id": area_id})
            for p in [*new, *replaced]
            for area_id in sorted(p.area_ids or ())
        ]
        through.objects.bulk_create(links, batch_size=BATCH)


class _RowInvalid(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(errors)
        self.errors = errors


def _set(
    obj: Any,
    values: Mapping[str, Any],
    column: str,
    parse: Any,
    errors: list[RowError],
    line: int,
) -> None:
    if column not in values:
        return
    try:
        setattr(obj, column, parse(values[column]))
    except _Invalid as exc:
        errors.append(RowError(line, column, str(exc)))


# Organisations -----------------------------------------------------------------


class _OrganisationImporter(_Importer):
    model = Organisation
    fields = ORGANISATION_FIELDS

    def __init__(self, rows: Iterable[SourceRow], *, progress: bool) -> None:
        super().__init__(rows, progress=progress)
        self.cities: dict[str, int] = {}
        for city in City.objects.all():
            for name in (city.slug, *city.name_translations.values()):
                self.cities[name.casefold()] = city.pk

    def prepare(self, row: SourceRow, external_id: str) -> _Prepared:
        values, line = row.values, row.line
        errors: list[RowError] = []
        org: Organisation = self.start(external_id)
        is_new = org.pk is None
        for column in ("name", "kind", "description", "language", "website"):
            _set(org, values, column, _text, errors, line)
        for column in ("size_band", "visibility"):
            _set(org, values, column, _text, errors, line)
        _set(org, values, "founded_year", _year, errors, line)
        _set(org, values, "languages_spoken", _list, errors, line)
        bad_codes = [
            code for code in org.languages_spoken if not LANGUAGE_CODE.match(code)
        ]
        if bad_codes:
            message = "expected language codes such as de, ro, en, not " + ", ".join(
                repr(code) for code in bad_codes
            )
            errors.append(RowError(line, "languages_spoken", message))
        translations = dict(org.description_translations or {})
        for language in TRANSLATION_LANGUAGES:
            column = f"description_{language}"
            if column in values:
                try:
                    text = _text(values[column])
                except _Invalid as exc:
                    errors.append(RowError(line, column, str(exc)))
                    continue
                if text:
                    translations[language] = text
                else:
                    translations.pop(language, None)
        org.description_translations = translations
        if "city" in values or is_new:
            try:
                city = _text(values.get("city"))
            except _Invalid as exc:
                errors.append(RowError(line, "city", str(exc)))
            else:
                if not city:
                    errors.append(RowError(line, "city", "this field is required"))
                elif city.casefold() not in self.cities:
                    errors.append(RowError(line, "city", f"unknown city {city!r}"))
                else:
                    org.city_id = self.cities[city.casefold()]
        if "verification" in values:
            current = None if is_new else org.verification
            try:
                state = (
                    _text(values["verification"]) or Organisation.Verification.PENDING
                )
            except _Invalid as exc:
                errors.append(RowError(line, "verification", str(exc)))
            else:
                if state not in IMPORTABLE_VERIFICATION and state != current:
                    errors.append(
                        RowError(line, "verification", "expected pending or verified")
                    )
                else:
                    org.verification = state
        return self.finish(row, external_id, org, errors, exclude=["city"])

    def before_create(self, objs: list[Any]) -> None:
        """Give new organisations unique slugs from their names, without a query each."""
        if not objs:
            return
        taken = set(
            Organisation.objects.values_list("slug", flat=True).iterator(
                chunk_size=5000
            )
        )
        for org in objs:
            base = slugify(org.name)[:200] or "organisation"
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            org.slug = slug


# Opportunities -----------------------------------------------------------------


class _OpportunityImporter(_Importer):
    model = Opportunity
    fields = OPPORTUNITY_FIELDS

    def before_validation(self, rows: list[SourceRow]) -> None:
        """Find the organisations the rows name, by external ID or else by slug."""
        refs = set()
        for row in rows:
            value = row.values.get("organisation")
            if isinstance(value, str) and value.strip():
                refs.add(value.strip())
        self.organisations: dict[str, int] = {}
        by_slug: dict[str, int] = {}
        for chunk in _chunks(sorted(refs)):
            for external_id, pk in Organisation.objects.filter(
                external_id__in=chunk
            ).values_list("external_id", "pk"):
                self.organisations[str(external_id)] = pk
            by_slug.update(
                Organisation.objects.filter(slug__in=chunk).values_list("slug", "pk")
            )
        for slug, pk in by_slug.items():
            self.organisations.setdefault(slug, pk)

    def prepare(self, row: SourceRow, external_id: str) -> _Prepared:
        values, line = row.values, row.line
        errors: list[RowError] = []
        opp: Opportunity = self.start(external_id)
        is_new = opp.pk is None
        old_deadline = opp.deadline
        for column in ("kind", "title", "summary", "description", "language"):
            _set(opp, values, column, _text, errors, line)
        _set(opp, values, "partner_kinds", _list, errors, line)
        unknown = sorted(set(opp.partner_kinds) - set(OrganisationKind.values))
        if unknown:
            message = "unknown kind " + ", ".join(repr(kind) for kind in unknown)
            errors.append(RowError(line, "partner_kinds", message))
        _set(opp, values, "deadline", _date, errors, line)
        _set(opp, values, "published_at", _datetime, errors, line)
        _set(opp, values, "expires_at", _datetime, errors, line)
        if "organisation" in values or is_new:
            try:
                ref = _text(values.get("organisation"))
            except _Invalid as exc:
                errors.append(RowError(line, "organisation", str(exc)))
            else:
                if not ref:
                    errors.append(
                        RowError(line, "organisation", "this field is required")
                    )
                elif ref not in self.organisations:
                    errors.append(
                        RowError(line, "organisation", f"unknown organisation {ref!r}")
                    )
                else:
                    opp.organisation_id = self.organisations[ref]
        if "status" in values:
            current = None if is_new else opp.status
            try:
                status = _text(values["status"]) or Opportunity.Status.DRAFT
            except _Invalid as exc:
                errors.append(RowError(line, "status", str(exc)))
            else:
                if status not in IMPORTABLE_STATUS and status != current:
                    allowed = ", ".join(sorted(IMPORTABLE_STATUS))
                    errors.append(
                        RowError(line, "status", f"expected one of {allowed}")
                    )
                else:
                    opp.status = status
        if opp.status == Opportunity.Status.PUBLISHED:
            if opp.published_at is None:
                opp.published_at = timezone.now()
            if opp.expires_at is None:
                lifetime = settings.TANDEM_OPPORTUNITY_LIFETIME_DAYS
                opp.expires_at = opp.published_at + datetime.timedelta(days=lifetime)
        if (
            opp.deadline
            and (is_new or opp.deadline != old_deadline)
            and opp.deadline < timezone.localdate()
            and opp.status in {Opportunity.Status.DRAFT, Opportunity.Status.SUBMITTED}
        ):
            errors.append(RowError(line, "deadline", "the deadline is in the past"))
        return self.finish(row, external_id, opp, errors, exclude=["organisation"])


IMPORTERS: dict[str, type[_Importer]] = {
    "organisations": _OrganisationImporter,
    "opportunities": _OpportunityImporter,
}


def _as_source_rows(
    rows: Iterable[SourceRow | Mapping[str, Any]],
) -> Iterator[SourceRow]:
    for number, row in enumerate(rows, start=1):
        yield row if isinstance(row, SourceRow) else SourceRow(number, dict(row))


def import_records(
    *,
    kind: Kind,
    rows: Iterable[SourceRow | Mapping[str, Any]],
    skip_invalid: bool = False,
    progress: bool = False,
) -> ImportResult:
    """Check every row, then create or update the records in one transaction.

    ``rows`` are ``SourceRow``s from ``read_file`` or plain mappings (numbered
    from 1).  If any row is invalid nothing is written, unless ``skip_invalid``:
    then the good rows are.  The result lists every bad row either way.
    """
    if kind not in IMPORTERS:
        raise ValueError(f"Cannot import {kind!r}.")
    with transaction.atomic():
        importer = IMPORTERS[kind](_as_source_rows(rows), progress=progress)
        prepared, errors = importer.run()
        if errors and not skip_invalid:
            return ImportResult(errors=errors)
        result = importer.write(prepared)
    result.errors = errors
    return result
