"""Reading import files: CSV or JSON Lines, into numbered rows of values by column."""

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from tandem.i18n import language_codes

Kind = Literal["organisations", "opportunities"]
Format = Literal["csv", "jsonl"]


def organisation_columns() -> tuple[str, ...]:
    """An organisation's columns: a translation of the description in each
    of the site's languages (``description_de``, ...)."""
    return (
        "external_id",
        "name",
        "kind",
        "city",
        "areas",
        "description",
        "language",
        *(f"description_{code}" for code in language_codes()),
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


def columns(kind: Kind) -> tuple[str, ...]:
    return organisation_columns() if kind == "organisations" else OPPORTUNITY_COLUMNS


LIST_COLUMNS = {"areas", "languages_spoken", "partner_kinds"}
LIST_SEPARATOR = "|"


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
    known = columns(kind)
    unknown = [name for name in header if name not in known]
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
    known = columns(kind)
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
            if name not in known
        ]
        yield SourceRow(line, values, errors)


def read_file(file: IO[str], *, kind: Kind, format: Format) -> Iterator[SourceRow]:
    if format == "csv":
        return read_csv(file, kind=kind)
    return read_jsonl(file, kind=kind)
