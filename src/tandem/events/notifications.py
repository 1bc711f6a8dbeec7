"""Telling participants what happened at their events, and reminding them.

The services call these functions inside their transactions; ``notify`` and
``notify_many`` store the notifications and send the immediate e-mails after
commit. Parameters are captured as plain strings and ISO date-times when it
happens; the texts are rendered in each reader's language by
``tandem.notifications.kinds``, with the times in the event's time zone (its
name is stored with them).
"""

import datetime
import zoneinfo
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Min, prefetch_related_objects
from django.utils import timezone

from tandem.accounts.models import User
from tandem.accounts.selectors import members_of_organisation
from tandem.directory.models import Organisation
from tandem.events import notification_kinds
from tandem.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    ProgrammeItem,
    Registration,
    Slot,
)
from tandem.notifications.models import Notification
from tandem.notifications.services import Notice, notify, notify_many

RegState = Registration.State

# What a meeting's notification needs of its request: both sides, by name.
MEETING_RELATED = (
    "event",
    "slot",
    "request__requester__user",
    "request__requester__organisation",
    "request__invitee__user",
    "request__invitee__organisation",
)


def _event_params(event: Event) -> dict[str, Any]:
    """The event's title and clock, and its id for the kinds' links."""
    return {
        "event_id": event.pk,
        "event": event.title,
        "event_translations": dict(event.title_translations or {}),
        "time_zone": event.time_zone,
    }


def _people(registration: Registration) -> list[User]:
    """Whom to tell about a registration: its person, none once it lost them."""
    return [registration.user] if registration.user is not None else []


def _person_params(registration: Registration) -> dict[str, Any]:
    """Who the reader meets: the name (never the e-mail address) and organisation."""
    return {
        "person": registration.person_name,
        "organisation": registration.organisation.name,
    }


def _meeting_params(meeting: Meeting, *, other: Registration) -> dict[str, Any]:
    return {
        **_event_params(meeting.event),
        **_person_params(other),
        "starts_at": meeting.slot.starts_at.isoformat(),
        "table": meeting.table or "",
        "online": meeting.online,
    }


def _sides(request: MeetingRequest) -> list[tuple[Registration, Registration]]:
    """(reader, the other side) for both participants of the request."""
    return [
        (request.requester, request.invitee),
        (request.invitee, request.requester),
    ]


def _side_notices(
    meeting: Meeting,
    *,
    extra: dict[str, Any] | None = None,
    skip: Registration | None = None,
) -> list[Notice]:
    """A notice for both participants of the meeting, except ``skip``."""
    return [
        Notice(reader.user, _meeting_params(meeting, other=other) | (extra or {}))
        for reader, other in _sides(meeting.request)
        if (skip is None or reader.pk != skip.pk) and reader.user is not None
    ]


def _tell_sides(
    meeting: Meeting,
    *,
    kind: str,
    actor: User | None,
    extra: dict[str, Any] | None = None,
    skip: Registration | None = None,
) -> None:
    """Notify both participants of the meeting (except ``skip`` and ``actor``)."""
    notify_many(
        kind=kind,
        notices=_side_notices(meeting, extra=extra, skip=skip),
        actor=actor,
    )


def registration_decided(
    *,
    registration: Registration,
    event: Event,
    decision: str,
    actor: User | None,
    from_waitlist: bool = False,
) -> None:
    """``decision`` is "approved" or "cancelled" (by the organisers)."""
    notify(
        recipients=_people(registration),
        kind=notification_kinds.EVENT_REGISTRATION_DECIDED,
        params={
            **_event_params(event),
            "decision": decision,
            "from_waitlist": from_waitlist,
        },
        actor=actor,
    )


def meeting_requested(*, request: MeetingRequest, actor: User) -> None:
    """The invitee is asked; a meeting set by the organisers is told to both."""
    pairs = _sides(request) if request.set_by_organiser else _sides(request)[1:]
    for reader, other in pairs:
        notify(
            recipients=_people(reader),
            kind=notification_kinds.MEETING_REQUESTED,
            params={
                **_event_params(request.event),
                **_person_params(other),
                "set_by_organiser": request.set_by_organiser,
                "priority": request.priority,
            },
            actor=actor,
        )


def meeting_request_answered(*, request: MeetingRequest, actor: User) -> None:
    notify(
        recipients=_people(request.requester),
        kind=notification_kinds.MEETING_REQUEST_ANSWERED,
        params={
            **_event_params(request.event),
            **_person_params(request.invitee),
            "accepted": request.state == MeetingRequest.State.ACCEPTED,
        },
        actor=actor,
    )


def meeting_scheduled(*, meeting: Meeting, actor: User) -> None:
    """Both sides but the one who booked (the organisers' booking tells both)."""
    _tell_sides(meeting, kind=notification_kinds.MEETING_SCHEDULED, actor=actor)


def meeting_moved(*, meeting: Meeting, old_slot: Slot, actor: User | None) -> None:
    _tell_sides(
        meeting,
        kind=notification_kinds.MEETING_MOVED,
        actor=actor,
        extra={"old_starts_at": old_slot.starts_at.isoformat()},
    )


def meetings_cancelled(
    *, meetings: list[Meeting], actor: User | None, skip: Registration | None = None
) -> None:
    """Both sides of each meeting, except ``skip`` (the registration that was
    cancelled), in one batch: the meetings come with ``MEETING_RELATED``."""
    notify_many(
        kind=notification_kinds.MEETING_CANCELLED,
        notices=[
            notice
            for meeting in meetings
            for notice in _side_notices(meeting, skip=skip)
        ],
        actor=actor,
    )


def event_cancelled(*, event: Event, actor: User) -> None:
    """Everybody registered (approved, pending or waitlisted)."""
    users = User.objects.filter(
        event_registrations__event=event,
        event_registrations__state__in=[
            RegState.APPROVED,
            RegState.PENDING,
            RegState.WAITLISTED,
        ],
    ).distinct()
    notify(
        recipients=users.order_by("pk"),
        kind=notification_kinds.EVENT_CANCELLED,
        params={**_event_params(event), "starts_on": event.starts_on.isoformat()},
        actor=actor,
    )


def _new_meeting_notices(added: list[Meeting]) -> list[Notice]:
    """One notice per participant of the added meetings: their first meeting
    and how many they have."""
    new: dict[int, list[tuple[Meeting, Registration]]] = defaultdict(list)
    readers: dict[int, Registration] = {}
    for meeting in added:
        for reader, other in _sides(meeting.request):
            new[reader.pk].append((meeting, other))
            readers[reader.pk] = reader
    notices = []
    for reader_pk, meetings in new.items():
        meetings.sort(key=lambda pair: (pair[0].slot.starts_at, pair[0].pk))
        first, other = meetings[0]
        reader_user = readers[reader_pk].user
        if reader_user is None:
            continue
        notices.append(
            Notice(
                reader_user,
                _meeting_params(first, other=other) | {"meetings": len(meetings)},
            )
        )
    return notices


def plan_published(
    *,
    event: Event,
    added: list[Meeting],
    moved: list[tuple[Meeting, Slot]],
    cancelled: list[Meeting],
    actor: User,
) -> None:
    """Tell both sides of each meeting the plan added, moved or cancelled.

    A participant's new meetings come as one notification (a first plan
    schedules many at once); each moved or cancelled meeting as its own. The
    meetings carry their state in the new plan; their relations
    (``MEETING_RELATED``) are read only where not loaded (``publish_run``
    hands them over loaded): a plan of thousands of meetings costs a few
    queries.
    """
    # Reads only what is not loaded. Where some meetings have their request
    # loaded and others not, Django goes deeper for the fetched requests only:
    # the others' people are then read one by one, correct but slower.
    prefetch_related_objects(
        [*added, *(meeting for meeting, _old in moved), *cancelled],
        *MEETING_RELATED,
    )
    notify_many(
        kind=notification_kinds.MEETING_SCHEDULED,
        notices=_new_meeting_notices(added),
        actor=actor,
    )
    notify_many(
        kind=notification_kinds.MEETING_MOVED,
        notices=[
            notice
            for meeting, old_slot in moved
            for notice in _side_notices(
                meeting, extra={"old_starts_at": old_slot.starts_at.isoformat()}
            )
        ],
        actor=actor,
    )
    notify_many(
        kind=notification_kinds.MEETING_CANCELLED,
        notices=[notice for meeting in cancelled for notice in _side_notices(meeting)],
        actor=actor,
    )


# --- Reminders before an event -------------------------------------------------


def event_start(event: Event) -> datetime.datetime:
    """The first slot or programme item, else the first day's midnight in the
    event's time zone."""
    starts: list[datetime.datetime | None] = [
        Slot.objects.filter(session__event=event).aggregate(first=Min("starts_at"))[
            "first"
        ],
        ProgrammeItem.objects.filter(event=event).aggregate(first=Min("starts_at"))[
            "first"
        ],
    ]
    known = [start for start in starts if start is not None]
    if known:
        return min(known)
    return datetime.datetime.combine(
        event.starts_on, datetime.time(0), tzinfo=zoneinfo.ZoneInfo(event.time_zone)
    )


def _first_meetings(event: Event) -> dict[int, list[datetime.datetime]]:
    """Registration id → the starts of its scheduled meetings, in order."""
    starts: dict[int, list[datetime.datetime]] = defaultdict(list)
    rows = (
        Meeting.objects.filter(event=event, state=Meeting.State.SCHEDULED)
        .order_by("slot__starts_at", "pk")
        .values_list("request__requester_id", "request__invitee_id", "slot__starts_at")
    )
    for requester_id, invitee_id, starts_at in rows:
        starts[requester_id].append(starts_at)
        starts[invitee_id].append(starts_at)
    return starts


def send_event_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind each approved participant of a published event once, when their
    first meeting (else the event's start) is less than
    ``TANDEM_EVENT_REMINDER_HOURS`` away. Returns the number of reminders."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(hours=settings.TANDEM_EVENT_REMINDER_HOURS)
    # A day's slack each side covers the events' time zones.
    events = Event.objects.filter(
        status=Event.Status.PUBLISHED,
        starts_on__lte=horizon.date() + datetime.timedelta(days=1),
        ends_on__gte=now.date() - datetime.timedelta(days=1),
        registrations__state=RegState.APPROVED,
        registrations__reminded_at__isnull=True,
    ).distinct()
    before = Notification.objects.filter(kind=notification_kinds.EVENT_REMINDER).count()
    for event in events.order_by("pk"):
        start = event_start(event)
        meetings = _first_meetings(event)
        pending = event.registrations.filter(
            state=RegState.APPROVED, reminded_at__isnull=True
        ).order_by("pk")
        for registration_id in pending.values_list("pk", flat=True):
            mine = meetings.get(registration_id, [])
            due = mine[0] if mine else start
            if not now < due <= horizon:
                continue
            _remind(
                registration_id=registration_id,
                event=event,
                start=start,
                meetings=mine,
                now=now,
            )
    return (
        Notification.objects.filter(kind=notification_kinds.EVENT_REMINDER).count()
        - before
    )


def _remind(
    *,
    registration_id: int,
    event: Event,
    start: datetime.datetime,
    meetings: list[datetime.datetime],
    now: datetime.datetime,
) -> None:
    try:
        with transaction.atomic():
            # The lock and the check again: two runs at once remind once.
            registration = (
                Registration.objects.select_for_update(of=("self",))
                .filter(
                    pk=registration_id,
                    state=RegState.APPROVED,
                    reminded_at__isnull=True,
                )
                .select_related("user")
                .first()
            )
            if registration is None:
                return
            notify(
                recipients=_people(registration),
                kind=notification_kinds.EVENT_REMINDER,
                params={
                    **_event_params(event),
                    "starts_at": start.isoformat(),
                    "meetings": len(meetings),
                    "first_meeting_at": meetings[0].isoformat() if meetings else "",
                },
                marker=f"event-reminder:{registration.pk}",
            )
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
    except IntegrityError:  # the marker: another run got there first
        return


# --- Organisations allowed to organise events -----------------------------------


def organiser_permission_changed(
    *, organisation: Organisation, allowed: bool, actor: User
) -> None:
    """Tell the organisation's owners and editors, who create its events."""
    notify(
        recipients=members_of_organisation(organisation, acting=True),
        kind=notification_kinds.EVENT_ORGANISER_PERMISSION,
        params={
            "organisation": organisation.name,
            "city": organisation.city.name,
            "city_translations": dict(organisation.city.name_translations),
            "allowed": allowed,
        },
        actor=actor,
    )
