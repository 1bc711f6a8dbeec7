import csv
import json
import sys
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from tandem.directory.models import Organisation
from tandem.matching import indexing, services
from tandem.matching.selectors import MAX_TOP, suggestions_for_organisation


class Command(BaseCommand):
    help = (
        "Suggested partners of one organisation or of all: one JSON line per "
        'organisation, {"organisation": {"slug", "external_id"}, "suggestions": '
        '[{"slug", "external_id", "score", "reasons"}]}, best first. Encodes '
        "whatever is missing first (progress on standard error)."
    )

    def add_arguments(self, parser: Any) -> None:
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
            "--lang", choices=["de", "ro", "en"], default="en", help="of reasons"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug, every = options["slug"], options["all"]
        if bool(slug) == bool(every):
            raise CommandError("Give an organisation's slug or --all.")
        if not 1 <= options["top"] <= MAX_TOP:
            raise CommandError(f"--top must be between 1 and {MAX_TOP}.")
        organisations = Organisation.objects.select_related("city").order_by("slug")
        if slug:
            organisations = organisations.filter(slug=slug)
            if not organisations.exists():
                raise CommandError(f"No organisation with the slug {slug!r}.")
        try:
            encoder = indexing.get_encoder()
        except indexing.EncoderUnavailable as exc:
            raise CommandError(str(exc)) from exc
        services.encode_missing(
            encoder=encoder,
            progress=lambda items, total: tqdm(
                items, total=total, desc="Encoding", unit="text", file=sys.stderr
            ),
        )
        if options["explain"]:
            sizes = services.rebuild_index(encoder=encoder)
            kind = "neural" if encoder.neural else "lexical"
            self.stderr.write(
                f"Encoder: {encoder.name} ({kind}, {encoder.dim} dimensions); "
                f"index: {sizes['organisations']} organisations in "
                f"{indexing.index_dir(encoder.name)}"
            )
        writer = None
        if options["format"] == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(
                [
                    "organisation_slug",
                    "organisation_external_id",
                    "rank",
                    "slug",
                    "external_id",
                    "score",
                    "reasons",
                ]
            )
        with translation.override(options["lang"]):
            for organisation in organisations.iterator(chunk_size=500):
                result = suggestions_for_organisation(
                    viewer=AnonymousUser(),
                    organisation=organisation,
                    top_k=options["top"],
                    public_only=False,
                )
                suggestions: list[dict[str, Any]] = [
                    {
                        "slug": item.organisation.slug,
                        "external_id": item.organisation.external_id,
                        "score": item.score,
                        "reasons": [vars(reason) for reason in item.reasons],
                    }
                    for item in result.items
                ]
                if writer is not None:
                    for rank, item in enumerate(suggestions, start=1):
                        codes = ";".join(r["code"] for r in item["reasons"])
                        writer.writerow(
                            [
                                organisation.slug,
                                organisation.external_id or "",
                                rank,
                                item["slug"],
                                item["external_id"] or "",
                                item["score"],
                                codes,
                            ]
                        )
                    continue
                line = {
                    "organisation": {
                        "slug": organisation.slug,
                        "external_id": organisation.external_id,
                    },
                    "suggestions": suggestions,
                }
                self.stdout.write(json.dumps(line, ensure_ascii=False))
