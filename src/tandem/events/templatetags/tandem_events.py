"""Display helpers of the event pages.

``event_time`` and ``event_datetime`` show a time in the reader's zone (the
zone ``ReaderTimeZoneMiddleware`` activated) and, when the event's clock shows
another time, also the event's, named after its city::

    {% load tandem_events %}
    {{ slot|event_time:event }}        10:00–10:20 (11:00–11:20 Cluj-Napoca time)
    {{ meeting.slot.starts_at|event_time:event }}   10:00 (11:00 Cluj-Napoca time)
    {{ slot|event_datetime:event }}    14 May 2030, 10:00–10:20 (11:00–11:20 Cluj-Napoca time)

The value is a datetime, or anything with ``starts_at`` and ``ends_at`` (a slot,
a programme item) for a range. The argument is the event, or a time zone name.
Formats are Django's localized ``TIME_FORMAT`` and ``DATE_FORMAT``. The text is
plain (no markup), so it fits an ``<option>`` or an ``aria-label`` too.
"""

import datetime
import zoneinfo
from typing import Any, Protocol

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tandem.events.models import Event, Registration

register = template.Library()


class Timed(Protocol):
    """A slot or a programme item: a range of times."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime


# A time or a range; templates pass "" for a missing value.
When = datetime.datetime | Timed | None | str
# The event, or a time zone's name; "" or None for none.
Clock = Event | str | None


def _event_zone(event: Event | str) -> tuple[zoneinfo.ZoneInfo, str]:
    """The event's zone and the name of a city on its clock ("" if none)."""
    if isinstance(event, str):
        return zoneinfo.ZoneInfo(event), ""
    zone_name = event.time_zone
    cities = [event.city]
    if event.city is None:  # online: the partner cities' clocks
        cities += [event.partnership.city_a, event.partnership.city_b]
    place = next(
        (str(c.name) for c in cities if c is not None and c.time_zone == zone_name),
        "",
    )
    return zoneinfo.ZoneInfo(zone_name), place


def _times(
    start: datetime.datetime,
    end: datetime.datetime | None,
    zone: datetime.tzinfo,
    *,
    with_date: bool,
) -> str:
    start = timezone.localtime(start, zone)
    text = formats.time_format(start, "TIME_FORMAT")
    if end is not None:
        end = timezone.localtime(end, zone)
        text = _("%(start)s–%(end)s") % {
            "start": text,
            "end": formats.time_format(end, "TIME_FORMAT"),
        }
    if with_date:
        # Translators: a day and a time (or range of times), e.g. "14 May 2030, 10:00".
        text = _("%(date)s, %(time)s") % {
            "date": formats.date_format(start, "DATE_FORMAT"),
            "time": text,
        }
    return text


def format_event_time(value: When, event: Clock, *, with_date: bool = False) -> str:
    """The time (or ``starts_at``–``ends_at``) in the reader's zone, followed by
    the event's clock when it shows another time."""
    if value is None or isinstance(value, str):
        return ""
    if isinstance(value, datetime.datetime):
        start, end = value, None
    else:
        start, end = value.starts_at, value.ends_at
    reader = timezone.get_current_timezone()
    text = _times(start, end, reader, with_date=with_date)
    if event is None or event == "":
        return text
    zone, place = _event_zone(event)
    if start.astimezone(reader).utcoffset() == start.astimezone(zone).utcoffset():
        return text
    # The event's day only when its clock shows another day than the reader's.
    other_day = timezone.localtime(start, zone).date() != (
        timezone.localtime(start, reader).date()
    )
    there = _times(start, end, zone, with_date=other_day)
    if not place:
        place = timezone.localtime(start, zone).tzname() or str(zone)
    # Translators: a time for the reader, then the same time on the event's
    # clock, e.g. "10:00 (11:00 Cluj-Napoca time)".
    return _("%(time)s (%(event_time)s %(place)s time)") % {
        "time": text,
        "event_time": there,
        "place": place,
    }


@register.filter
def event_time(value: When, event: Clock) -> str:
    """``{{ slot|event_time:event }}``: "10:00–10:20 (11:00–11:20 Cluj-Napoca time)"."""
    return format_event_time(value, event)


@register.filter
def event_datetime(value: When, event: Clock) -> str:
    """``event_time`` with the day: "14 May 2030, 10:00 (11:00 Cluj-Napoca time)"."""
    return format_event_time(value, event, with_date=True)


@register.filter
def participant_name(registration: Registration) -> str:
    """``{{ registration|participant_name }}``: ``Registration.public_name``."""
    return str(registration.public_name)


@register.inclusion_tag("events/dashboard_panel.html", takes_context=True)
def events_panel(context: dict[str, Any]) -> dict[str, Any]:
    """The dashboard's events: where the viewer takes part and what they organise."""
    from tandem.events.permissions import can_create_event
    from tandem.events.selectors import my_upcoming_events, organised_events
    from tandem.partnerships.selectors import main_partnership

    user = context["request"].user
    partnership = main_partnership()
    return {
        "mine": my_upcoming_events(viewer=user),
        "organised": organised_events(viewer=user),
        "can_create": partnership is not None
        and can_create_event(user, partnership=partnership, city=None),
    }
