from typing import Any

from django.core.management.base import BaseCommand

from tandem.notifications.services import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each user one digest of their unsent digest notifications. "
        "Run daily; a second run sends nothing new."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_digests()
        self.stdout.write(f"{count} digests sent.")
