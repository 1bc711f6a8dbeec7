"""Time `tandem import organisations` on 100,000 synthetic rows (not a test).

Generates a CSV into a temporary folder and imports it into a throwaway SQLite
database there, then imports it again (every row unchanged) and once more with
every name changed (every row updated). The times include queueing the encoding of
every created or changed organisation for matching (one task each, after the commit).

    .venv/bin/python benchmarks/import_100k.py [ROWS]
"""

import csv
import os
import sys
import tempfile
import time
from pathlib import Path

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
AREAS = ["ai-data", "iot", "agritech", "smart-city", "research-cooperation"]
KINDS = ["startup", "company", "it_services", "agricultural", "ngo"]


def generate(path: Path, *, suffix: str = "") -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            [
                "external_id",
                "name",
                "kind",
                "city",
                "areas",
                "description",
                "language",
                "languages_spoken",
                "website",
                "founded_year",
            ]
        )
        for n in range(ROWS):
            city, language = ("dortmund", "de") if n % 2 else ("Klausenburg", "ro")
            writer.writerow(
                [
                    f"bench-{n:06d}",
                    f"Beispielfirma {n % 5000}{suffix}",
                    KINDS[n % len(KINDS)],
                    city,
                    "|".join(AREAS[n % 3 : n % 3 + 2]),
                    f"Synthetische Organisation Nummer {n} für den Import-Benchmark.",
                    language,
                    "de|en" if language == "de" else "ro|en",
                    f"https://example.org/{n}",
                    str(1990 + n % 30),
                ]
            )


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    os.environ["TANDEM_DATA_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from tandem.directory.importing import import_records
    from tandem.directory.importing.reading import read_csv
    from tandem.directory.models import Organisation
    from tandem.partnerships.models import City

    call_command("migrate", interactive=False, verbosity=0)
    City.objects.create(
        slug="dortmund",
        name_translations={"de": "Dortmund", "ro": "Dortmund", "en": "Dortmund"},
        country="DE",
        languages=["de"],
        time_zone="Europe/Berlin",
    )
    City.objects.create(
        slug="cluj-napoca",
        name_translations={
            "de": "Klausenburg",
            "ro": "Cluj-Napoca",
            "en": "Cluj-Napoca",
        },
        country="RO",
        languages=["ro"],
        time_zone="Europe/Bucharest",
    )
    path, renamed = folder / "organisations.csv", folder / "renamed.csv"
    generate(path)
    generate(renamed, suffix=" GmbH")
    print(f"{ROWS:,} rows, {path.stat().st_size / 1e6:.1f} MB, in {folder}")

    for label, source in (("create", path), ("unchanged", path), ("update", renamed)):
        started = time.perf_counter()
        with source.open(encoding="utf-8", newline="") as file:
            result = import_records(
                kind="organisations",
                rows=read_csv(file, kind="organisations"),
                progress=sys.stderr.isatty(),
            )
        seconds = time.perf_counter() - started
        print(
            f"{label:>9}: {seconds:6.1f} s ({ROWS / seconds:,.0f} rows/s); "
            f"created {result.created:,}, updated {result.updated:,}, "
            f"unchanged {result.unchanged:,}, errors {len(result.errors)}"
        )
    print(f"organisations in the database: {Organisation.objects.count():,}")


if __name__ == "__main__":
    main()
