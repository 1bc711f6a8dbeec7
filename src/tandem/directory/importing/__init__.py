"""Import organisations and opportunities from CSV or JSON Lines files.

The columns are documented in ``docs/import-format.md``.  Every row is checked
before anything is written; an import writes in bulk inside one transaction, so
it either imports every good row or nothing.  Rows are matched to existing
records by ``external_id``: a re-import updates them, and a column that a file
does not have leaves the field as it is.
"""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.db import transaction

from tandem.directory.importing.importer import ImportResult
from tandem.directory.importing.reading import Kind, SourceRow
from tandem.directory.importing.records import IMPORTERS


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
