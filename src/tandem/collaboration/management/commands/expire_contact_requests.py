from typing import Any

from django.core.management.base import BaseCommand

from tandem.collaboration.services import expire_requests


class Command(BaseCommand):
    help = (
        "Mark contact requests that went unanswered past their expiry date "
        "(TANDEM_CONTACT_REQUEST_EXPIRY_DAYS) as expired."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = expire_requests()
        self.stdout.write(f"{count} contact requests expired.")
