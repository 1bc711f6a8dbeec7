"""The participants' reads: their registration, the other participants,
their requests, agenda and the slots a request can be booked into.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import Viewer
from tandem.accounts.permissions import is_active_user
from tandem.directory.models import Organisation
from tandem.events import permissions
from tandem.events.models import (
    Availability,
    Event,
    Meeting,
    MeetingRequest,
    Registration,
    Slot,
)
from tandem.matching.selectors import suggestions_for_organisation


def agenda(*, viewer: Viewer, event: Event | None = None) -> QuerySet[Meeting]:
    """The viewer's scheduled and held meetings, by slot."""
    if not viewer.is_authenticated:
        return Meeting.objects.none()
    meetings = Meeting.objects.filter(
        Q(request__requester__user=viewer) | Q(request__invitee__user=viewer),
        state__in=[Meeting.State.SCHEDULED, Meeting.State.HELD],
    )
    if event is not None:
        meetings = meetings.filter(event=event)
    return meetings.select_related(
        "event",
        "slot__session",
        "request__requester__user",
        "request__requester__organisation",
        "request__invitee__user",
        "request__invitee__organisation",
    ).order_by("slot__starts_at", "pk")


def registration_of(*, event: Event, viewer: Viewer) -> Registration | None:
    """The viewer's current (not cancelled) registration for the event."""
    if not viewer.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=viewer)
        .exclude(state=Registration.State.CANCELLED)
        .select_related("organisation__city")
        .first()
    )


def event_participants(*, event: Event, viewer: Viewer) -> QuerySet[Registration]:
    """Approved participants, for approved participants and organisers (else none)."""
    mine = registration_of(event=event, viewer=viewer)
    if not (
        (mine is not None and mine.is_approved)
        or permissions.can_manage_event(viewer, event)
    ):
        return Registration.objects.none()
    return (
        Registration.objects.filter(event=event, state=Registration.State.APPROVED)
        .select_related("user", "organisation__city")
        .order_by("organisation__name", "user__email", "pk")
    )


def participant_directory(
    *, event: Event, viewer: Viewer, q: str = "", city: str = ""
) -> QuerySet[Registration]:
    """The approved participants besides the viewer (none for outsiders), in a
    city (by slug) and matching every word of ``q`` in a person's name, the
    organisation's name, the offer or the seek."""
    if not is_active_user(viewer):
        return Registration.objects.none()
    participants = event_participants(event=event, viewer=viewer).exclude(
        user_id=viewer.pk
    )
    if city:
        participants = participants.filter(organisation__city__slug=city)
    for word in q.split():
        participants = participants.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(offer__icontains=word)
            | Q(seek__icontains=word)
        )
    return participants


def meeting_requests_of(*, registration: Registration) -> QuerySet[MeetingRequest]:
    """The registration's requests, sent and received, newest first, with both
    participants and the booked meeting."""
    return (
        MeetingRequest.objects.filter(
            Q(requester=registration) | Q(invitee=registration)
        )
        .select_related(
            "requester__user",
            "requester__organisation__city",
            "invitee__user",
            "invitee__organisation__city",
            "meeting__slot",
        )
        .order_by("-created_at", "-pk")
    )


def participant_agenda(*, viewer: Viewer, event: Event) -> QuerySet[Meeting]:
    """The viewer's agenda of the event with the organisations' cities and the
    follow-up contact requests."""
    return agenda(viewer=viewer, event=event).select_related(
        "request__requester__organisation__city",
        "request__invitee__organisation__city",
        "follow_up",
    )


@dataclass(frozen=True)
class BookableSlot:
    """A slot an accepted request can be booked into."""

    slot: Slot
    online: bool
    free_tables: tuple[int, ...]  # empty for an online meeting


@dataclass(frozen=True)
class _SlotsInUse:
    """What a booking has to respect: who ticked which slots, who is busy and
    which tables are taken in each slot."""

    ticked: dict[int, set[int]]  # registration → slots (none: free in every)
    busy: dict[int, set[int]]  # slot → registrations with a meeting
    tables_used: dict[int, set[int]]  # slot → tables


def _slots_in_use(event: Event, people: set[int]) -> _SlotsInUse:
    ticked: dict[int, set[int]] = defaultdict(set)
    for registration_id, slot_id in Availability.objects.filter(
        registration_id__in=people
    ).values_list("registration_id", "slot_id"):
        ticked[registration_id].add(slot_id)
    busy: dict[int, set[int]] = defaultdict(set)
    tables_used: dict[int, set[int]] = defaultdict(set)
    scheduled = Meeting.objects.filter(
        event=event, state=Meeting.State.SCHEDULED
    ).values_list("slot_id", "table", "request__requester_id", "request__invitee_id")
    for slot_id, table, requester_id, invitee_id in scheduled:
        busy[slot_id] |= {requester_id, invitee_id}
        if table is not None:
            tables_used[slot_id].add(table)
    return _SlotsInUse(ticked, busy, tables_used)


def _options(
    pair: set[int], slots: list[Slot], used: _SlotsInUse, *, online: bool
) -> list[BookableSlot]:
    """The slots both of ``pair`` may meet in, with their free tables."""
    options = []
    for slot in slots:
        if any(used.ticked[p] and slot.pk not in used.ticked[p] for p in pair):
            continue
        if used.busy[slot.pk] & pair:
            continue
        free: tuple[int, ...] = ()
        if not online:
            taken = used.tables_used[slot.pk]
            free = tuple(t for t in range(1, slot.session.tables + 1) if t not in taken)
            if not free:
                continue
        options.append(BookableSlot(slot=slot, online=online, free_tables=free))
    return options


def bookable_slots(
    *,
    event: Event,
    requests: Sequence[MeetingRequest],
    now: datetime.datetime | None = None,
) -> dict[int, list[BookableSlot]]:
    """By request id: the slots not yet begun where both participants are
    available (ticked the slot, or ticked none) and have no meeting, with the
    free tables for a meeting on site (a slot without one is left out).

    The requests need their requester and invitee loaded; four queries in all.
    """
    if not requests:
        return {}
    slots = list(
        Slot.objects.filter(session__event=event, starts_at__gt=now or timezone.now())
        .select_related("session")
        .order_by("starts_at", "pk")
    )
    people = {r.requester_id for r in requests} | {r.invitee_id for r in requests}
    used = _slots_in_use(event, people)
    online_attendance = Registration.Attendance.ONLINE
    return {
        request.pk: _options(
            {request.requester_id, request.invitee_id},
            slots,
            used,
            online=event.city_id is None
            or online_attendance
            in {request.requester.attendance, request.invitee.attendance},
        )
        for request in requests
    }


def suggested_organisation_ids(
    *, viewer: Viewer, organisation: Organisation
) -> frozenset[int]:
    """The organisations among the matching suggestions for ``organisation``;
    none while its profile is being prepared or no encoder is available."""
    suggestions = suggestions_for_organisation(viewer=viewer, organisation=organisation)
    return frozenset(item.organisation.pk for item in suggestions.items)
