"""iCalendar files and feeds: a participant's meetings, an event's programme.

``build_calendar`` turns plain ``CalendarItem`` values into an .ics file with a
VTIMEZONE for every zone used; the functions below it make those items from
the models, with their texts in the active language. UIDs stay the same from
one download to the next and SEQUENCE grows with every change, so calendar
apps update a moved or cancelled meeting instead of adding a second one.
"""

import datetime
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import icalendar
from django.core import signing
from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext

from tandem.accounts.models import User
from tandem.events import selectors
from tandem.events.models import CalendarFeedKey, Event, Meeting, Registration
from tandem.i18n import translated

PRODID = "-//Tandem//Tandem events//EN"
UID_DOMAIN = "tandem"
FEED_SALT = "tandem.events.personal-feed"
# How often subscribed calendar apps should fetch a feed again.
FEED_REFRESH = datetime.timedelta(hours=1)
# The VTIMEZONE covers the items and a year either side (DST rules may change).
ZONE_MARGIN = datetime.timedelta(days=366)

# A path on this site → the same as an absolute URL.
Absolute = Callable[[str], str]


@dataclass(frozen=True)
class CalendarItem:
    """One VEVENT. Aware datetimes are written in ``time_zone``; dates make an
    all-day item (``ends_at`` is then the day after the last)."""

    uid: str
    summary: str
    starts_at: datetime.datetime | datetime.date
    ends_at: datetime.datetime | datetime.date
    time_zone: str = "UTC"
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False
    sequence: int = 0
    modified_at: datetime.datetime | None = None
    created_at: datetime.datetime | None = None


def _in_zone(
    value: datetime.datetime | datetime.date, zone: str
) -> datetime.datetime | datetime.date:
    if isinstance(value, datetime.datetime):
        return value.astimezone(zoneinfo.ZoneInfo(zone))
    return value


def _day(value: datetime.datetime | datetime.date) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def build_calendar(
    items: Iterable[CalendarItem], *, name: str, uid: str, feed: bool = False
) -> bytes:
    """The .ics text of the items; ``feed`` adds how often apps should refresh."""
    calendar = icalendar.Calendar.new(
        prodid=PRODID,
        name=name,
        uid=uid,
        method="PUBLISH",
        refresh_interval=FEED_REFRESH if feed else None,
    )
    if feed:  # The older property that Outlook and Apple Calendar read.
        calendar.add("X-PUBLISHED-TTL", FEED_REFRESH)
    days: list[datetime.date] = []
    for item in items:
        # Without METHOD, DTSTAMP is when the item last changed; the same
        # value keeps the file the same while nothing changes.
        stamp = (
            item.modified_at or item.created_at or datetime.datetime.now(datetime.UTC)
        )
        calendar.add_component(
            icalendar.Event.new(
                uid=item.uid,
                summary=item.summary,
                start=_in_zone(item.starts_at, item.time_zone),
                end=_in_zone(item.ends_at, item.time_zone),
                stamp=stamp,
                created=item.created_at,
                last_modified=item.modified_at,
                sequence=item.sequence,
                location=item.location or None,
                description=item.description or None,
                url=item.url or None,
                status=(
                    icalendar.STATUS.CANCELLED
                    if item.cancelled
                    else icalendar.STATUS.CONFIRMED
                ),
            )
        )
        days += [_day(item.starts_at), _day(item.ends_at)]
    if days:
        calendar.add_missing_timezones(
            first_date=min(days) - ZONE_MARGIN, last_date=max(days) + ZONE_MARGIN
        )
    return bytes(calendar.to_ical())


def _uid(kind: str, pk: int | str) -> str:
    return f"{kind}-{pk}@{UID_DOMAIN}"


def sequence(
    created_at: datetime.datetime | None, updated_at: datetime.datetime | None
) -> int:
    """Seconds from creation to the last change: grows with every change."""
    if created_at is None or updated_at is None:
        return 0
    return max(0, int((updated_at - created_at).total_seconds()))


def _event_place(event: Event) -> str:
    if event.city is not None:
        return translated(event.city, "name")
    return pgettext("place of an event", "Online")


def _other_side(meeting: Meeting, reader: User) -> Registration:
    request = meeting.request
    if request.requester.user_id == reader.pk:
        return request.invitee
    return request.requester


def meeting_summary(other: Registration) -> str:
    """ "Meeting with Ana Pop (Agro Cluj)" in the active language."""
    person = other.person_name
    organisation = other.organisation.name
    if person:
        return gettext("Meeting with %(person)s (%(organisation)s)") % {
            "person": person,
            "organisation": organisation,
        }
    return gettext("Meeting with %(organisation)s") % {"organisation": organisation}


def meeting_location(meeting: Meeting, event: Event) -> str:
    """The video-conference link of an online meeting, else table and city."""
    if meeting.online:
        return meeting.meeting_url or pgettext("place of a meeting", "Online")
    if event.city is None:
        return gettext("Table %(table)s") % {"table": meeting.table}
    return gettext("Table %(table)s, %(city)s") % {
        "table": meeting.table,
        "city": translated(event.city, "name"),
    }


def meeting_item(
    meeting: Meeting, *, event: Event, reader: User, absolute: Absolute
) -> CalendarItem:
    """The reader's meeting (``event`` is the meeting's, with its city)."""
    title, _language = event.title_for_reader()
    lines = [title]
    if meeting.online and meeting.meeting_url:
        lines.append(
            gettext("Video conference: %(url)s") % {"url": meeting.meeting_url}
        )
    return CalendarItem(
        uid=_uid("meeting", meeting.pk),
        summary=meeting_summary(_other_side(meeting, reader)),
        starts_at=meeting.slot.starts_at,
        ends_at=meeting.slot.ends_at,
        time_zone=event.time_zone,
        location=meeting_location(meeting, event),
        description="\n".join(lines),
        url=absolute(reverse("events:agenda", args=[event.pk])),
        cancelled=meeting.state == Meeting.State.CANCELLED,
        sequence=sequence(meeting.created_at, meeting.updated_at),
        modified_at=meeting.updated_at,
        created_at=meeting.created_at,
    )


def calendar_meetings(*, user: User, event: Event) -> list[Meeting]:
    """The user's meetings at the event by time, cancelled ones too: a
    calendar app takes a meeting out only when the feed says it is cancelled."""
    cancelled = Meeting.objects.filter(
        Q(request__requester__user=user) | Q(request__invitee__user=user),
        event=event,
        state=Meeting.State.CANCELLED,
    ).select_related(
        "event",
        "slot",
        "request__requester__user",
        "request__requester__organisation",
        "request__invitee__user",
        "request__invitee__organisation",
    )
    meetings = [*selectors.agenda(viewer=user, event=event), *cancelled]
    return sorted(meetings, key=lambda m: (m.slot.starts_at, m.pk))


def agenda_calendar(
    *,
    event: Event,
    meetings: Iterable[Meeting],
    reader: User,
    absolute: Absolute,
    feed: bool = False,
) -> bytes:
    """The reader's meetings at the event as an .ics file, in the active language."""
    title, _language = event.title_for_reader()
    return build_calendar(
        [
            meeting_item(m, event=event, reader=reader, absolute=absolute)
            for m in meetings
        ],
        name=gettext("My meetings: %(event)s") % {"event": title},
        uid=_uid(f"agenda-{event.pk}", reader.pk),
        feed=feed,
    )


def event_items(event: Event, *, absolute: Absolute) -> list[CalendarItem]:
    """The meeting blocks of the sessions and the programme; the event's days
    as one all-day item while it has neither."""
    title, _language = event.title_for_reader()
    url = absolute(reverse("events:event_detail", args=[event.pk]))
    place = _event_place(event)
    common: dict[str, Any] = {
        "time_zone": event.time_zone,
        "url": url,
        "cancelled": event.status == Event.Status.CANCELLED,
        # Sessions and programme items are added and deleted, not edited: the
        # event's own changes (its cancellation) are what they follow.
        "sequence": sequence(event.created_at, event.updated_at),
        "modified_at": event.updated_at,
        "created_at": event.created_at,
    }
    items = []
    sessions = event.sessions.annotate(
        first=Min("slots__starts_at"), last=Max("slots__ends_at")
    ).filter(first__isnull=False)
    for session in sessions.order_by("first", "pk"):
        items.append(
            CalendarItem(
                uid=_uid("session", session.pk),
                # Translators: the block of one-to-one meetings of a session.
                summary=gettext("Meetings: %(session)s") % {"session": session.title},
                starts_at=session.first,
                ends_at=session.last,
                location=place,
                description=title,
                **common,
            )
        )
    for programme_item in event.programme.order_by("starts_at", "pk"):
        items.append(
            CalendarItem(
                uid=_uid("programme", programme_item.pk),
                summary=programme_item.title,
                starts_at=programme_item.starts_at,
                ends_at=programme_item.ends_at,
                location=programme_item.place or place,
                description="\n\n".join(
                    text for text in (title, programme_item.description) if text
                ),
                **common,
            )
        )
    if not items:
        items.append(
            CalendarItem(
                uid=_uid("event", event.pk),
                summary=title,
                starts_at=event.starts_on,
                ends_at=event.ends_on + datetime.timedelta(days=1),
                location=place,
                **common,
            )
        )
    return items


def event_calendar(*, event: Event, absolute: Absolute) -> bytes:
    """The event's subscribable feed, in the active language."""
    title, _language = event.title_for_reader()
    return build_calendar(
        event_items(event, absolute=absolute),
        name=title,
        uid=_uid("event-calendar", event.pk),
        feed=True,
    )


# --- The personal feed: subscribed without logging in -------------------------


def _generation(user_id: int | None) -> int:
    if user_id is None:
        return 0
    key = CalendarFeedKey.objects.filter(user_id=user_id).first()
    return key.generation if key is not None else 0


def personal_feed_token(registration: Registration) -> str:
    """A token for the participant's feed of the event: the same every time
    (the subscribed URL keeps working), valid also after re-registering, until
    the participant makes new addresses (``services.renew_calendar_feeds``)."""
    data = {"u": registration.user_id, "e": registration.event_id}
    generation = _generation(registration.user_id)
    if generation:
        data["g"] = generation
    return signing.Signer(salt=FEED_SALT).sign_object(data)


def personal_feed_path(registration: Registration) -> str:
    """The feed's path (in the active language), for a page to show."""
    return reverse(
        "events:personal_feed", kwargs={"token": personal_feed_token(registration)}
    )


def read_personal_feed_token(token: str) -> tuple[User, Event]:
    """The user and event of a feed token.

    Raises signing.BadSignature (tampered with, or of an older generation than
    the user's addresses), User.DoesNotExist (an inactive or deleted user) or
    Event.DoesNotExist (the event is gone, hidden from the user, or the user
    never registered for it).
    """
    try:
        data = signing.Signer(salt=FEED_SALT).unsign_object(token)
        user_id, event_id = int(data["u"]), int(data["e"])
        generation = int(data.get("g", 0))
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise signing.BadSignature("Malformed feed token.") from exc
    user = User.objects.get(pk=user_id, is_active=True)
    if generation != _generation(user.pk):
        raise signing.BadSignature("The participant made new feed addresses.")
    event = selectors.visible_events(viewer=user).get(pk=event_id)
    if not Registration.objects.filter(event=event, user=user).exists():
        raise Event.DoesNotExist("Not registered for the event.")
    return user, event
