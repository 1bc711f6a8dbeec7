from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from tandem.events.notifications import send_event_reminders


class Command(BaseCommand):
    help = (
        "Remind approved participants of published events by e-mail when their "
        "first meeting (else the event's start) is less than "
        "TANDEM_EVENT_REMINDER_HOURS away. Run hourly; each registration is "
        "reminded once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_event_reminders()
        hours = settings.TANDEM_EVENT_REMINDER_HOURS
        self.stdout.write(f"{count} reminders sent ({hours} hours ahead).")
