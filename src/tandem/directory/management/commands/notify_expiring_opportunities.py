from typing import Any

from django.core.management.base import BaseCommand

from tandem.directory.services import notify_expiring_opportunities


class Command(BaseCommand):
    help = (
        "Tell the members of organisations whose published opportunities expire "
        "within 30 days. Run daily; each opportunity and expiry date is told once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = notify_expiring_opportunities()
        self.stdout.write(f"{count} notifications created.")
