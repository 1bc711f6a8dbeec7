from typing import Any

from django.core.management.base import BaseCommand

from tandem.directory.services import expire_opportunities


class Command(BaseCommand):
    help = "Mark published opportunities past their expiry date as expired."

    def handle(self, *args: Any, **options: Any) -> None:
        count = expire_opportunities()
        self.stdout.write(f"{count} opportunities expired.")
