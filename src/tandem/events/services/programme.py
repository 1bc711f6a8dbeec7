"""An event's days: sessions of meeting slots and the programme."""

import datetime
import zoneinfo

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.events import permissions
from tandem.events.models import Event, Meeting, ProgrammeItem, Session, Slot

MeetingState = Meeting.State


def _slot_times(
    session: Session, *, zone: str
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The session's slots (start, end) in UTC, its wall clock read in ``zone``."""
    start = datetime.datetime.combine(
        session.date, session.start_time, tzinfo=zoneinfo.ZoneInfo(zone)
    )
    step = datetime.timedelta(minutes=session.slot_minutes + session.break_minutes)
    length = datetime.timedelta(minutes=session.slot_minutes)
    return [
        (
            (start + i * step).astimezone(datetime.UTC),
            (start + i * step + length).astimezone(datetime.UTC),
        )
        for i in range(session.slot_count)
    ]


@transaction.atomic
def add_session(
    *,
    event: Event,
    by: User,
    title: str,
    date: datetime.date,
    start_time: datetime.time,
    slot_minutes: int,
    break_minutes: int,
    slot_count: int,
    tables: int = 0,
    online_rooms: int = 0,
) -> Session:
    """A session and its slots, read in the event's time zone and stored in UTC.

    Raises PermissionDenied, or ValidationError (``date_outside_event``,
    ``slots_overlap`` with another session of the event).
    """
    if not permissions.can_manage_event(by, event):
        raise PermissionDenied
    session = Session(
        event=event,
        title=title.strip(),
        date=date,
        start_time=start_time,
        slot_minutes=slot_minutes,
        break_minutes=break_minutes,
        slot_count=slot_count,
        tables=tables,
        online_rooms=online_rooms,
    )
    session.full_clean()
    if not event.starts_on <= date <= event.ends_on:
        raise field_error(
            "date",
            _("The session must be on a day of the event."),
            code="date_outside_event",
        )
    times = _slot_times(session, zone=event.time_zone)
    overlapping = Slot.objects.filter(
        session__event=event, starts_at__lt=times[-1][1], ends_at__gt=times[0][0]
    )
    if overlapping.exists():
        raise ValidationError(
            _("The slots overlap those of another session of the event."),
            code="slots_overlap",
        )
    session.save()
    Slot.objects.bulk_create(
        Slot(session=session, starts_at=begin, ends_at=end) for begin, end in times
    )
    return session


@transaction.atomic
def delete_session(*, session: Session, by: User) -> None:
    """Delete the session, its slots and the availability ticked in them.

    Cancelled meetings in its slots go with it. Raises PermissionDenied or
    ValidationError ``session_has_meetings`` (a slot has a scheduled or held
    meeting: cancel or move those first).
    """
    if not permissions.can_manage_event(by, session.event):
        raise PermissionDenied
    # Lock the slots: a meeting booked into one at the same time waits for
    # the deletion (book_meeting locks the slot too) and then fails.
    slot_ids = list(
        Slot.objects.select_for_update(of=("self",))
        .filter(session=session)
        .values_list("pk", flat=True)
    )
    meetings = Meeting.objects.filter(slot_id__in=slot_ids)
    if meetings.filter(state__in=[MeetingState.SCHEDULED, MeetingState.HELD]).exists():
        raise ValidationError(
            _("Meetings take place in this session: cancel or move them first."),
            code="session_has_meetings",
        )
    meetings.delete()  # cancelled ones, which would protect their slots
    session.delete()


@transaction.atomic
def add_programme_item(
    *,
    event: Event,
    by: User,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    description: str = "",
) -> ProgrammeItem:
    """A talk, visit or break on the event's days (in the event's time zone).

    Raises PermissionDenied or ValidationError: ``outside_event``,
    ``end_before_start``.
    """
    if not permissions.can_manage_event(by, event):
        raise PermissionDenied
    zone = zoneinfo.ZoneInfo(event.time_zone)
    first = datetime.datetime.combine(event.starts_on, datetime.time(), tzinfo=zone)
    after_last = datetime.datetime.combine(
        event.ends_on + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
    )
    if not first <= starts_at < after_last:
        raise field_error(
            "starts_at",
            _("The programme item must be on a day of the event."),
            code="outside_event",
        )
    if ends_at > after_last:
        raise field_error(
            "ends_at",
            _("The programme item must end by the end of the event's last day."),
            code="outside_event",
        )
    item = ProgrammeItem(
        event=event,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        description=description.strip(),
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def delete_programme_item(*, item: ProgrammeItem, by: User) -> None:
    """Raises PermissionDenied."""
    if not permissions.can_manage_event(by, item.event):
        raise PermissionDenied
    item.delete()
