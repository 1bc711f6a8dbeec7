"""What every import does: check each row, then write the good ones in bulk."""

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from tqdm import tqdm

from tandem.directory.importing.reading import RowError, SourceRow
from tandem.directory.importing.values import Invalid, parse_list, parse_text
from tandem.directory.signals import profile_changed
from tandem.partnerships.models import Area

# Rows per query: below SQLite's default limit of host parameters per statement.
CHUNK = 900
BATCH = 1000
UPDATE_BATCH = 100

T = TypeVar("T")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


def chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
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


@dataclass
class Prepared:
    line: int
    obj: Any
    area_ids: set[int] | None  # None: the file says nothing about areas
    is_new: bool
    changed: bool
    changed_fields: tuple[str, ...] = ()


class Importer:
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

    def bar(self, items: Iterable[T], *, desc: str, total: int) -> Iterable[T]:
        bar: Iterable[T] = tqdm(
            items,
            desc=desc,
            total=total,
            unit=" rows",
            file=sys.stderr,
            disable=not self.progress or total < 1000,
        )
        return bar

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
            for batch in chunks(objs, size):
                yield batch
                bar.update(len(batch))

    def area_ids(self, values: dict[str, Any], line: int) -> set[int] | None:
        if "areas" not in values:
            return None
        try:
            slugs = parse_list(values["areas"])
        except Invalid as exc:
            raise RowInvalid([RowError(line, "areas", str(exc))]) from None
        unknown = [slug for slug in slugs if slug not in self.areas]
        if unknown:
            message = "unknown area " + ", ".join(repr(slug) for slug in unknown)
            raise RowInvalid([RowError(line, "areas", message)])
        return {self.areas[slug] for slug in slugs}

    def load_existing(self, external_ids: list[str]) -> None:
        through = self.model.areas.through  # type: ignore[attr-defined]  # both models have areas
        owner = f"{self.model._meta.model_name}_id"
        for chunk in chunks(external_ids):
            found = list(self.model._default_manager.filter(external_id__in=chunk))
            self.existing.update({obj.external_id: obj for obj in found})  # type: ignore[attr-defined]  # both have it
            pks = [obj.pk for obj in found]
            for obj in found:
                self.existing_areas[obj.pk] = set()
            for pk, area_id in through.objects.filter(
                **{f"{owner}__in": pks}
            ).values_list(owner, "area_id"):
                self.existing_areas[pk].add(area_id)

    def run(self) -> tuple[list[Prepared], list[RowError]]:
        seen: dict[str, int] = {}
        good: list[tuple[SourceRow, str]] = []
        for row in self.rows:
            if row.errors:
                self.errors.extend(row.errors)
                continue
            try:
                external_id = parse_text(row.values.get("external_id"))
            except Invalid as exc:
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
        prepared: list[Prepared] = []
        for row, external_id in self.bar(good, desc="Checking", total=len(good)):
            try:
                prepared.append(self.prepare(row, external_id))
            except RowInvalid as exc:
                self.errors.extend(exc.errors)
        self.errors.sort(key=lambda error: error.line)
        return prepared, self.errors

    def before_validation(self, rows: list[SourceRow]) -> None:
        pass

    def prepare(self, row: SourceRow, external_id: str) -> Prepared:
        raise NotImplementedError

    def finish(
        self,
        row: SourceRow,
        external_id: str,
        obj: Any,
        errors: list[RowError],
        *,
        exclude: list[str],
    ) -> Prepared:
        """Run the model's validation, then tell a new, changed or unchanged row."""
        line = row.line
        area_ids = None
        try:
            area_ids = self.area_ids(row.values, line)
        except RowInvalid as exc:
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
            raise RowInvalid(errors)
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
        return Prepared(line, obj, area_ids, is_new, changed, changed_fields)

    def start(self, external_id: str) -> Any:
        """The existing record for this external ID, or a new one."""
        obj = self.existing.get(external_id)
        if obj is None:
            return self.model(external_id=external_id)
        self.snapshots[obj.pk] = _snapshot(obj, self.fields)
        return obj

    def write(self, prepared: list[Prepared]) -> ImportResult:
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
        # Matching encodes what was written, as after the services' writes.
        for p in [*new, *changed]:
            profile_changed.send(self.model, pk=p.obj.pk)
        return result

    def before_create(self, objs: list[Any]) -> None:
        pass

    def write_areas(self, new: list[Prepared], changed: list[Prepared]) -> None:
        through = self.model.areas.through  # type: ignore[attr-defined]  # both models have areas
        owner = f"{self.model._meta.model_name}_id"
        replaced = [
            p
            for p in changed
            if p.area_ids is not None and p.area_ids != self.existing_areas[p.obj.pk]
        ]
        for chunk in chunks([p.obj.pk for p in replaced]):
            through.objects.filter(**{f"{owner}__in": chunk}).delete()
        links = [
            through(**{owner: p.obj.pk, "area_id": area_id})
            for p in [*new, *replaced]
            for area_id in sorted(p.area_ids or ())
        ]
        through.objects.bulk_create(links, batch_size=BATCH)


class RowInvalid(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(errors)
        self.errors = errors
