"""A cell's value, parsed and checked: problems become RowErrors of its row."""

import datetime
from collections.abc import Callable, Collection, Mapping
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from tandem.directory.importing.reading import LIST_SEPARATOR, RowError


class Invalid(Exception):
    pass


def parse_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Invalid("expected text")
    return str(value).strip()


def parse_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items = value.split(LIST_SEPARATOR)
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = value
    else:
        raise Invalid(f"expected a list of text or {LIST_SEPARATOR}-separated text")
    return [item.strip() for item in items if item.strip()]


def parse_year(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise Invalid("expected a year such as 2015")


def parse_date_value(value: Any) -> datetime.date | None:
    text = parse_text(value)
    if not text:
        return None
    try:
        parsed = parse_date(text)
    except ValueError:
        parsed = None
    if parsed is None:
        raise Invalid("expected a date such as 2026-06-30")
    return parsed


def parse_datetime_value(value: Any) -> datetime.datetime | None:
    text = parse_text(value)
    if not text:
        return None
    try:
        parsed = parse_datetime(text)
    except ValueError:
        parsed = None
    if parsed is None:
        raise Invalid("expected a date and time such as 2026-01-31T09:00:00+00:00")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def set_value(
    obj: models.Model,
    values: Mapping[str, Any],
    column: str,
    parse: Callable[[Any], object],
    errors: list[RowError],
    line: int,
) -> None:
    if column not in values:
        return
    try:
        setattr(obj, column, parse(values[column]))
    except Invalid as exc:
        errors.append(RowError(line, column, str(exc)))


def reference_id(
    values: Mapping[str, Any],
    column: str,
    ids: Mapping[str, int],
    errors: list[RowError],
    line: int,
    *,
    required: bool,
    casefold: bool = False,
) -> int | None:
    """The id of the row ``column`` names in ``ids`` (required on a new
    record), or None when the file says nothing or the name is wrong."""
    if column not in values and not required:
        return None
    try:
        name = parse_text(values.get(column))
    except Invalid as exc:
        errors.append(RowError(line, column, str(exc)))
        return None
    key = name.casefold() if casefold else name
    if not name:
        errors.append(RowError(line, column, "this field is required"))
    elif key not in ids:
        errors.append(RowError(line, column, f"unknown {column} {name!r}"))
    else:
        return ids[key]
    return None


def imported_state(
    values: Mapping[str, Any],
    column: str,
    errors: list[RowError],
    line: int,
    *,
    default: str,
    importable: Collection[str],
    current: str | None,
    expected: str,
) -> str | None:
    """The state a row sets: an importable one, or the record's own so that
    an export imports back unchanged; None when the file says nothing."""
    if column not in values:
        return None
    try:
        state = parse_text(values[column]) or default
    except Invalid as exc:
        errors.append(RowError(line, column, str(exc)))
        return None
    if state not in importable and state != current:
        errors.append(RowError(line, column, expected))
        return None
    return state
