import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.directory.importing import import_records
from tandem.directory.importing.reading import ImportFileError, guess_format, read_file


class Command(BaseCommand):
    help = (
        "Import organisations or opportunities from a CSV or JSON Lines file "
        "(columns: docs/import-format.md). Every row is checked first; if any is "
        "invalid nothing is imported, unless --skip-invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["organisations", "opportunities"])
        parser.add_argument("path", help="the file to import")
        parser.add_argument(
            "--format",
            choices=["csv", "jsonl"],
            help="csv or jsonl; by default from the file name (.csv, .jsonl, .ndjson)",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the valid rows and list the invalid ones",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind, path = options["kind"], Path(options["path"])
        try:
            format = options["format"] or guess_format(path)
            # utf-8-sig also reads files saved with a byte order mark (Excel).
            with path.open(encoding="utf-8-sig", newline="") as file:
                result = import_records(
                    kind=kind,
                    rows=read_file(file, kind=kind, format=format),
                    skip_invalid=options["skip_invalid"],
                    progress=sys.stderr.isatty(),
                )
        except (ImportFileError, OSError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc)) from exc
        for error in result.errors:
            self.stderr.write(str(error))
        bad_rows = len({error.line for error in result.errors})
        if result.errors and not options["skip_invalid"]:
            raise CommandError(
                f"{bad_rows} invalid row(s) in {path}; nothing was imported. "
                "Fix them, or pass --skip-invalid to import the valid rows."
            )
        summary = (
            f"{kind.capitalize()}: {result.created} created, {result.updated} "
            f"updated, {result.unchanged} unchanged"
        )
        if result.errors:
            summary += f", {bad_rows} invalid row(s) skipped"
        self.stdout.write(summary + ".")
