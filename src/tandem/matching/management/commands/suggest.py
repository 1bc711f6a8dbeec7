import json
import sys
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet
from django.utils import translation
from tqdm import tqdm

from tandem import spreadsheets
from tandem.directory.models import Organisation
from tandem.i18n import language_codes
from tandem.matching import indexing, services
from tandem.matching.encoders import Encoder
from tandem.matching.selectors import MAX_TOP, Suggestions, suggestions_for_organisation

CSV_HEADER = [
    "organisation_slug",
    "organisation_external_id",
    "rank",
    "slug",
    "external_id",
    "score",
    "reasons",
]


class Command(BaseCommand):
    help = (
        "Suggested partners of one organisation or of all: one JSON line per "
        'organisation, {"organisation": {"slug", "external_id"}, "suggestions": '
        '[{"slug", "external_id", "score", "reasons"}]}, best first. Encodes '
        "whatever is missing first (progress on standard error)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help="the organisation's slug")
        parser.add_argument("--all", action="store_true", help="every organisation")
        parser.add_argument("--top", type=int, default=10, help=f"1 to {MAX_TOP}")
        parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        parser.add_argument(
            "--explain",
            action="store_true",
            help="print the encoder and the index in use to standard error",
        )
        parser.add_argument(
            "--lang", choices=language_codes(), default="en", help="of reasons"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = _organisations(options["slug"], every=options["all"])
        if not 1 <= options["top"] <= MAX_TOP:
            raise CommandError(f"--top must be between 1 and {MAX_TOP}.")
        self._prepare(explain=options["explain"])
        # A coordinator opens this file in a spreadsheet program; slugs and
        # external ids come from imports, so no cell may run as a formula.
        writer = spreadsheets.writer(self.stdout, lineterminator="\n")
        if options["format"] == "csv":
            writer.writerow(CSV_HEADER)
        with translation.override(options["lang"]):
            for organisation in organisations.iterator(chunk_size=500):
                result = suggestions_for_organisation(
                    viewer=AnonymousUser(),
                    organisation=organisation,
                    top_k=options["top"],
                    public_only=False,
                )
                if options["format"] == "csv":
                    writer.writerows(_csv_rows(organisation, result))
                else:
                    line = _json_line(organisation, result)
                    self.stdout.write(json.dumps(line, ensure_ascii=False))

    def _prepare(self, *, explain: bool) -> None:
        """Encode what is missing (and rebuild the indexes), naming the encoder
        and the index with ``explain``."""
        try:
            encoder = indexing.get_encoder()
        except indexing.EncoderUnavailable as exc:
            raise CommandError(str(exc)) from exc
        services.encode_missing(encoder=encoder, progress=_progress)
        if explain:
            self.stderr.write(_explanation(encoder))


def _organisations(slug: str | None, *, every: bool) -> QuerySet[Organisation]:
    if bool(slug) == every:
        raise CommandError("Give an organisation's slug or --all.")
    organisations = Organisation.objects.select_related("city").order_by("slug")
    if slug:
        organisations = organisations.filter(slug=slug)
        if not organisations.exists():
            raise CommandError(f"No organisation with the slug {slug!r}.")
    return organisations


def _progress(items: list[services.Work], total: int) -> Iterable[services.Work]:
    bar: Iterable[services.Work] = tqdm(
        items, total=total, desc="Encoding", unit="text", file=sys.stderr
    )
    return bar


def _explanation(encoder: Encoder) -> str:
    sizes = services.rebuild_index(encoder=encoder)
    kind = "neural" if encoder.neural else "lexical"
    return (
        f"Encoder: {encoder.name} ({kind}, {encoder.dim} dimensions); "
        f"index: {sizes['organisations']} organisations in "
        f"{indexing.index_dir(encoder.name)}"
    )


def _json_line(organisation: Organisation, result: Suggestions) -> dict[str, Any]:
    return {
        "organisation": {
            "slug": organisation.slug,
            "external_id": organisation.external_id,
        },
        "suggestions": [
            {
                "slug": item.organisation.slug,
                "external_id": item.organisation.external_id,
                "score": item.score,
                "reasons": [vars(reason) for reason in item.reasons],
            }
            for item in result.items
        ],
    }


def _csv_rows(organisation: Organisation, result: Suggestions) -> list[list[object]]:
    return [
        [
            organisation.slug,
            organisation.external_id or "",
            rank,
            item.organisation.slug,
            item.organisation.external_id or "",
            item.score,
            ";".join(reason.code for reason in item.reasons),
        ]
        for rank, item in enumerate(result.items, start=1)
    ]
