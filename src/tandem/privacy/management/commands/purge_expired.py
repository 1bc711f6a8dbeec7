"""``tandem manage purge_expired [--dry-run]``: remove what is past its retention."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from tandem.privacy.services import purge_expired


class Command(BaseCommand):
    help = (
        "Removes what is past its retention period: expired archives of "
        "people's data, texts of contact requests closed long ago, old read "
        "notifications, and the people of registrations of events long over "
        "(the organisers' figures still count them)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only print what would be removed.",
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        purged = purge_expired(now=timezone.now(), dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        lines = [
            f"{verb} {purged.data_exports} expired data archive(s).",
            f"{verb} the texts of {purged.contact_request_texts} closed contact "
            "request(s).",
            f"{verb} {purged.notifications} read notification(s).",
            f"{verb} the people of {purged.registrations} registration(s) of past "
            "events.",
        ]
        for line in lines:
            self.stdout.write(line)
