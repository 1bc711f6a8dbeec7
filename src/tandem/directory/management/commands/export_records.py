from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tandem.directory.exporting import write_records


class Command(BaseCommand):
    help = (
        "Export every organisation or opportunity in the columns that import "
        "reads (docs/import-format.md), ordered by external_id. For programs, "
        "not people: cells are written exactly as stored, so an import gives "
        "back the same records, and a cell starting with =, +, - or @ is not "
        "neutralised. Do not open this file in a spreadsheet program; for "
        "people, use the pages' downloads."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["organisations", "opportunities"])
        parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")
        parser.add_argument(
            "--output", help="file to write; standard output if not given"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind, format = options["kind"], options["format"]
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                count = write_records(kind=kind, format=format, out=out)
            self.stderr.write(f"Wrote {count} {kind} to {options['output']}.")
        else:
            write_records(kind=kind, format=format, out=self.stdout)
