"""Spreadsheets meant for people: cells a spreadsheet would run as formulas.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is read by spreadsheet programs as a formula (``=HYPERLINK(...)`` in a
participant's name, say). Every CSV file Tandem hands to people writes its
cells through ``writer``, which prefixes such text with an apostrophe, as
OWASP recommends; the spreadsheet shows the text as written. Exports meant
for machines (``tandem export``) keep an exact round trip instead.
"""

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value, with text that would start a formula made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Writable(Protocol):
    def write(self, s: str, /) -> Any: ...


class SafeWriter:
    """A ``csv.writer`` whose cells are neutralised."""

    def __init__(self, out: _Writable, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: _Writable, **options: Any) -> SafeWriter:
    """A CSV writer for a spreadsheet meant for people."""
    return SafeWriter(out, **options)
