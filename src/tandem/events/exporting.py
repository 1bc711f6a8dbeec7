"""The organisers' list of registrations as a spreadsheet (CSV).

Headings and values in the reader's language, times on the event's clock;
no e-mail addresses (contact details stay with the participants). A byte
order mark lets spreadsheet programs read the diacritics of both cities.
"""

import io
import zoneinfo
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext

from tandem import spreadsheets
from tandem.directory.templatetags.tandem_public import language_name
from tandem.events.models import Event, Registration


def registrations_csv(event: Event, registrations: Iterable[Registration]) -> str:
    """One row per registration; ``registrations`` carry ``meetings``
    (``selectors.registrations_with_meetings``)."""
    zone = zoneinfo.ZoneInfo(event.time_zone)
    out = io.StringIO()
    out.write("\ufeff")
    # Names, offers and seeks are participants' text: never run as formulas.
    writer = spreadsheets.writer(out)
    writer.writerow(
        [
            gettext("Participant"),
            gettext("Organisation"),
            gettext("City"),
            gettext("Attendance"),
            gettext("State"),
            # Translators: a column heading; the time zone follows, e.g. "Europe/Berlin".
            gettext("Registered at (%(zone)s)") % {"zone": event.time_zone},
            gettext("Languages"),
            gettext("What I offer"),
            gettext("What I seek"),
            gettext("Meetings"),
        ]
    )
    for registration in registrations:
        writer.writerow(
            [
                registration.public_name,
                registration.organisation.name,
                registration.organisation.city.name,
                registration.get_attendance_display(),
                registration.get_state_display(),
                timezone.localtime(registration.created_at, zone).strftime(
                    "%Y-%m-%d %H:%M"
                ),
                ", ".join(language_name(code) for code in registration.languages),
                registration.offer,
                registration.seek,
                getattr(registration, "meetings", ""),
            ]
        )
    return out.getvalue()
