"""Reads of events, scoped to what the viewer may see."""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import (
    Count,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from tandem.accounts.models import CoordinatorRole, Membership
from tandem.directory.models import Organisation
from tandem.directory.selectors import coordinated_city_ids
from tandem.events import permissions
from tandem.events.models import (
    AllowedOrganiser,
    Availability,
    Event,
    Meeting,
    MeetingRequest,
    ProgrammeItem,
    Registration,
    Session,
    Slot,
)
from tandem.matching.selectors import suggestions_for_organisation
from tandem.partnerships.models import City

Status = Event.Status
_M = TypeVar("_M", bound=Model)


def visible_events(*, viewer: Any) -> QuerySet[Event]:
    """Published and cancelled public events; invited ones for members of the
    partner cities' organisations; drafts for their organisers; staff see all."""
    events = Event.objects.select_related("city", "partnership", "organiser")
    if viewer.is_authenticated and viewer.is_active and viewer.is_staff:
        return events.order_by("starts_on", "pk")
    not_draft = ~Q(status=Status.DRAFT)
    seen = Q(not_draft, visibility=Event.Visibility.PUBLIC)
    if viewer.is_authenticated and viewer.is_active:
        city_ids = set(
            Membership.objects.filter(
                user=viewer, state=Membership.State.ACTIVE
            ).values_list("organisation__city_id", flat=True)
        )
        coordinated = set(
            CoordinatorRole.objects.filter(user=viewer).values_list(
                "city_id", flat=True
            )
        )
        partner_city = Q(partnership__city_a_id__in=city_ids | coordinated) | Q(
            partnership__city_b_id__in=city_ids | coordinated
        )
        organiser_ids = Membership.objects.filter(
            user=viewer,
            state=Membership.State.ACTIVE,
            role__in=[Membership.Role.OWNER, Membership.Role.EDITOR],
        ).values("organisation_id")
        seen |= Q(not_draft, partner_city)
        seen |= Q(city_id__in=coordinated)
        seen |= Q(city__isnull=True) & (
            Q(partnership__city_a_id__in=coordinated)
            | Q(partnership__city_b_id__in=coordinated)
        )
        seen |= Q(organiser_id__in=organiser_ids)
        seen |= Q(registrations__user=viewer)
    return events.filter(seen).distinct().order_by("starts_on", "pk")


def event_registrations(*, event: Event, viewer: Any) -> QuerySet[Registration]:
    """All registrations, for the event's organisers only (else none)."""
    if not permissions.can_manage_event(viewer, event):
        return Registration.objects.none()
    return (
        Registration.objects.filter(event=event)
        .select_related("user", "organisation__city")
        .order_by("created_at", "pk")
    )


def _meetings_of(side: str) -> Coalesce:
    """The scheduled and held meetings of the registration as ``side``
    (requester or invitee) of their requests."""
    counted = (
        Meeting.objects.filter(
            **{f"request__{side}": OuterRef("pk")},
            state__in=[Meeting.State.SCHEDULED, Meeting.State.HELD],
        )
        .values(f"request__{side}")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def registrations_with_meetings(*, event: Event, viewer: Any) -> QuerySet[Registration]:
    """``event_registrations`` with ``meetings``: how many scheduled or held
    meetings each has."""
    return event_registrations(event=event, viewer=viewer).annotate(
        meetings=_meetings_of("requester") + _meetings_of("invitee")
    )


def event_meetings(*, event: Event, viewer: Any) -> QuerySet[Meeting]:
    """The scheduled and held meetings of the event by time, with both sides,
    for its organisers only (else none)."""
    if not permissions.can_manage_event(viewer, event):
        return Meeting.objects.none()
    return (
        Meeting.objects.filter(
            event=event, state__in=[Meeting.State.SCHEDULED, Meeting.State.HELD]
        )
        .select_related(
            "event",
            "slot__session",
            "request__requester__user",
            "request__requester__organisation__city",
            "request__invitee__user",
            "request__invitee__organisation__city",
        )
        .order_by("slot__starts_at", "table", "pk")
    )


def agenda(*, viewer: Any, event: Event | None = None) -> QuerySet[Meeting]:
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


def registration_of(*, event: Event, viewer: Any) -> Registration | None:
    """The viewer's current (not cancelled) registration for the event."""
    if not viewer.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=viewer)
        .exclude(state=Registration.State.CANCELLED)
        .select_related("organisation__city")
        .first()
    )


def event_participants(*, event: Event, viewer: Any) -> QuerySet[Registration]:
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


@dataclass(frozen=True)
class EventPage:
    """What the event page shows the viewer besides the event itself."""

    registration: Registration | None
    can_manage: bool
    places_left: int | None  # None: no limit
    sessions: list[Session]
    programme: list[ProgrammeItem]
    waitlist_position: int | None = None  # 1: the next to get a place


def _waitlist_position(registration: Registration) -> int:
    """Waiting registrations move up in the order they came
    (``services._promote_waitlisted``)."""
    ahead = Registration.objects.filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk),
        event_id=registration.event_id,
        state=Registration.State.WAITLISTED,
    ).count()
    return ahead + 1


def event_page(*, event: Event, viewer: Any) -> EventPage:
    places_left = None
    if event.capacity is not None:
        taken = event.registrations.filter(
            state__in=[Registration.State.PENDING, Registration.State.APPROVED]
        ).count()
        places_left = max(event.capacity - taken, 0)
    registration = registration_of(event=event, viewer=viewer)
    position = None
    if registration is not None and registration.state == Registration.State.WAITLISTED:
        position = _waitlist_position(registration)
    return EventPage(
        registration=registration,
        waitlist_position=position,
        can_manage=permissions.can_manage_event(viewer, event),
        places_left=places_left,
        sessions=list(event.sessions.annotate(slots_total=Count("slots"))),
        programme=list(event.programme.all()),
    )


def search_events(
    *, viewer: Any, when: str = "upcoming", kind: str = ""
) -> QuerySet[Event]:
    """Visible events: ``when`` upcoming (not ended, soonest first), past
    (latest first) or all; ``kind`` one of Event.Kind or empty."""
    events = visible_events(viewer=viewer).prefetch_related("areas")
    today = timezone.localdate()
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    if when == "past":
        return events.filter(ends_on__lt=today).order_by("-starts_on", "-pk")
    if when == "all":
        return events
    return events.filter(ends_on__gte=today)


# --- Participants' pages


def participant_directory(
    *, event: Event, viewer: Any, q: str = "", city: str = ""
) -> QuerySet[Registration]:
    """The approved participants besides the viewer (none for outsiders), in a
    city (by slug) and matching every word of ``q`` in a person's name, the
    organisation's name, the offer or the seek."""
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


def participant_agenda(*, viewer: Any, event: Event) -> QuerySet[Meeting]:
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
    now = now or timezone.now()
    slots = list(
        Slot.objects.filter(session__event=event, starts_at__gt=now)
        .select_related("session")
        .order_by("starts_at", "pk")
    )
    people = {r.requester_id for r in requests} | {r.invitee_id for r in requests}
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
    online_attendance = Registration.Attendance.ONLINE
    result: dict[int, list[BookableSlot]] = {}
    for request in requests:
        pair = {request.requester_id, request.invitee_id}
        online = event.city_id is None or online_attendance in {
            request.requester.attendance,
            request.invitee.attendance,
        }
        options = []
        for slot in slots:
            if any(ticked[p] and slot.pk not in ticked[p] for p in pair):
                continue
            if busy[slot.pk] & pair:
                continue
            free: tuple[int, ...] = ()
            if not online:
                free = tuple(
                    t
                    for t in range(1, slot.session.tables + 1)
                    if t not in tables_used[slot.pk]
                )
                if not free:
                    continue
            options.append(BookableSlot(slot=slot, online=online, free_tables=free))
        result[request.pk] = options
    return result


def suggested_organisation_ids(*, viewer: Any, organisation: Any) -> frozenset[int]:
    """The organisations among the matching suggestions for ``organisation``;
    none while its profile is being prepared or no encoder is available."""
    suggestions = suggestions_for_organisation(viewer=viewer, organisation=organisation)
    return frozenset(item.organisation.pk for item in suggestions.items)


# --- Organisers' figures and printable pages

LIVE_MEETING = (Meeting.State.SCHEDULED, Meeting.State.HELD)


@dataclass(frozen=True)
class CityRegistrations:
    """One row of the registrations table: a city's registrations by state."""

    city: City
    counts: tuple[int, ...]  # in the order of Registration.State
    total: int  # not cancelled


@dataclass(frozen=True)
class RequestsInState:
    """One row of the requests table: the requests in a state by priority."""

    state: str
    label: str
    counts: tuple[int, ...]  # in the order of MeetingRequest.Priority
    total: int


@dataclass(frozen=True)
class OrganiserFigures:
    registration_states: tuple[tuple[str, str], ...]  # (value, label)
    registrations_by_city: tuple[CityRegistrations, ...]
    registrations_by_state: tuple[int, ...]  # in the order of Registration.State
    registrations: int  # not cancelled
    on_site: int  # not cancelled
    online: int  # not cancelled
    priorities: tuple[tuple[str, str], ...]  # (value, label)
    requests_by_state: tuple[RequestsInState, ...]
    requests: int
    meetings_scheduled: int
    meetings_held: int
    meetings_cancelled: int
    follow_ups: int  # meetings that led to a contact request
    ratings: int  # ratings given, by either side
    average_rating: float | None

    def per_city(self) -> dict[str, int]:
        """City slug → registrations not cancelled."""
        return {row.city.slug: row.total for row in self.registrations_by_city}


def organiser_figures(event: Event) -> OrganiserFigures:
    """What the organisers count: registrations per city, state and attendance,
    requests per state and priority, meetings and their outcome; five queries."""
    reg_states = tuple(Registration.State.choices)
    cancelled = Registration.State.CANCELLED
    by_city: dict[int, list[int]] = defaultdict(lambda: [0] * len(reg_states))
    by_state = [0] * len(reg_states)
    state_index = {value: i for i, (value, _label) in enumerate(reg_states)}
    on_site = online = 0
    rows = (
        Registration.objects.filter(event=event)
        .order_by()  # no ordering columns in the GROUP BY
        .values_list("organisation__city_id", "state", "attendance")
        .annotate(n=Count("pk"))
    )
    for city_id, state, attendance, n in rows:
        by_city[city_id][state_index[state]] += n
        by_state[state_index[state]] += n
        if state != cancelled:
            if attendance == Registration.Attendance.ONLINE:
                online += n
            else:
                on_site += n
    # The partner cities first, in the partnership's order; any other after.
    partnership = event.partnership
    first = [partnership.city_a_id, partnership.city_b_id]
    cities = sorted(
        City.objects.filter(pk__in=set(by_city) | set(first)),
        key=lambda c: (first.index(c.pk) if c.pk in first else 2, c.slug),
    )
    cancelled_index = state_index[cancelled]
    city_rows = tuple(
        CityRegistrations(
            city=city,
            counts=tuple(by_city[city.pk]),
            total=sum(by_city[city.pk]) - by_city[city.pk][cancelled_index],
        )
        for city in cities
    )

    priorities = tuple(MeetingRequest.Priority.choices)
    priority_index = {value: i for i, (value, _label) in enumerate(priorities)}
    requests: dict[str, list[int]] = defaultdict(lambda: [0] * len(priorities))
    for state, priority, n in (
        MeetingRequest.objects.filter(event=event)
        .order_by()
        .values_list("state", "priority")
        .annotate(n=Count("pk"))
    ):
        requests[state][priority_index[priority]] += n
    request_rows = tuple(
        RequestsInState(
            state=value,
            label=str(label),
            counts=tuple(requests[value]),
            total=sum(requests[value]),
        )
        for value, label in MeetingRequest.State.choices
    )

    m = Meeting.objects.filter(event=event).aggregate(
        scheduled=Count("pk", filter=Q(state=Meeting.State.SCHEDULED)),
        held=Count("pk", filter=Q(state=Meeting.State.HELD)),
        cancelled=Count("pk", filter=Q(state=Meeting.State.CANCELLED)),
        follow_ups=Count("pk", filter=Q(follow_up__isnull=False)),
        requester_ratings=Count("requester_rating"),
        invitee_ratings=Count("invitee_rating"),
        requester_sum=Sum("requester_rating"),
        invitee_sum=Sum("invitee_rating"),
    )
    ratings = m["requester_ratings"] + m["invitee_ratings"]
    rating_sum = (m["requester_sum"] or 0) + (m["invitee_sum"] or 0)
    return OrganiserFigures(
        registration_states=tuple((v, str(label)) for v, label in reg_states),
        registrations_by_city=city_rows,
        registrations_by_state=tuple(by_state),
        registrations=sum(by_state) - by_state[cancelled_index],
        on_site=on_site,
        online=online,
        priorities=tuple((v, str(label)) for v, label in priorities),
        requests_by_state=request_rows,
        requests=sum(row.total for row in request_rows),
        meetings_scheduled=m["scheduled"],
        meetings_held=m["held"],
        meetings_cancelled=m["cancelled"],
        follow_ups=m["follow_ups"],
        ratings=ratings,
        average_rating=rating_sum / ratings if ratings else None,
    )


def managed_sessions(event: Event) -> list[Session]:
    """The event's sessions with their slots and ``live_meetings`` (scheduled
    or held: a session with any cannot be deleted); two queries."""
    return list(
        event.sessions.annotate(
            live_meetings=Count(
                "slots__meetings", filter=Q(slots__meetings__state__in=LIVE_MEETING)
            )
        ).prefetch_related("slots")
    )


def _live_meetings(event: Event) -> list[Meeting]:
    """Scheduled and held meetings with their people; each shares ``event``
    (for its link) instead of a copy of it per row."""
    meetings = list(
        Meeting.objects.filter(event=event, state__in=LIVE_MEETING)
        .select_related(
            "slot__session",
            "request__requester__user",
            "request__requester__organisation__city",
            "request__invitee__user",
            "request__invitee__organisation__city",
        )
        .order_by("slot__starts_at", "table", "pk")
    )
    for meeting in meetings:
        meeting.event = event
    return meetings


@dataclass(frozen=True)
class AgendaLine:
    meeting: Meeting
    other: Registration  # whom the participant meets


@dataclass(frozen=True)
class ParticipantSheet:
    """A participant's printed agenda."""

    registration: Registration
    lines: tuple[AgendaLine, ...]


def participant_sheets(event: Event) -> list[ParticipantSheet]:
    """Every approved participant with their scheduled and held meetings by
    time, by organisation and name; two queries."""
    registrations = list(
        Registration.objects.filter(event=event, state=Registration.State.APPROVED)
        .select_related("user", "organisation__city")
        .order_by("organisation__name", "user__last_name", "user__first_name", "pk")
    )
    lines: dict[int, list[AgendaLine]] = defaultdict(list)
    for meeting in _live_meetings(event):
        requester, invitee = meeting.request.requester, meeting.request.invitee
        lines[requester.pk].append(AgendaLine(meeting=meeting, other=invitee))
        lines[invitee.pk].append(AgendaLine(meeting=meeting, other=requester))
    return [
        ParticipantSheet(registration=r, lines=tuple(lines[r.pk]))
        for r in registrations
    ]


@dataclass(frozen=True)
class SlotRow:
    slot: Slot
    tables: tuple[Meeting | None, ...]  # table 1, 2, ...
    online: tuple[Meeting, ...]


@dataclass(frozen=True)
class SessionPlan:
    """A session's table plan: rows are slots, columns are tables."""

    session: Session
    table_numbers: tuple[int, ...]
    rows: tuple[SlotRow, ...]
    has_online: bool
    meetings: int


def table_plan(event: Event) -> list[SessionPlan]:
    """Per session and slot, which meeting sits at which table (and which
    meet online); scheduled and held meetings, three queries."""
    by_slot: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in _live_meetings(event):
        by_slot[meeting.slot_id].append(meeting)
    plans = []
    for session in event.sessions.prefetch_related("slots"):
        slots = list(session.slots.all())
        meetings = [m for slot in slots for m in by_slot[slot.pk]]
        last_table = max(
            [session.tables, *(m.table for m in meetings if m.table is not None)]
        )
        rows = []
        for slot in slots:
            at_table: dict[int, Meeting] = {
                m.table: m for m in by_slot[slot.pk] if m.table is not None
            }
            rows.append(
                SlotRow(
                    slot=slot,
                    tables=tuple(at_table.get(t) for t in range(1, last_table + 1)),
                    online=tuple(m for m in by_slot[slot.pk] if m.table is None),
                )
            )
        plans.append(
            SessionPlan(
                session=session,
                table_numbers=tuple(range(1, last_table + 1)),
                rows=tuple(rows),
                has_online=session.online_rooms > 0
                or any(m.table is None for m in meetings),
                meetings=len(meetings),
            )
        )
    return plans


# --- The dashboard ------------------------------------------------------------


@dataclass(frozen=True)
class MyEvent:
    """An event the viewer takes part in, with what waits for them there."""

    registration: Registration
    meetings: int  # scheduled
    to_answer: int  # meeting requests waiting for the viewer's answer


def my_upcoming_events(*, viewer: Any, limit: int = 5) -> list[MyEvent]:
    """The viewer's registrations for events not over yet, soonest first."""
    if not viewer.is_authenticated:
        return []
    registrations = list(
        Registration.objects.filter(
            user=viewer,
            event__ends_on__gte=timezone.localdate(),
            event__status=Event.Status.PUBLISHED,
        )
        .exclude(state=Registration.State.CANCELLED)
        .select_related("event", "organisation")
        .annotate(
            to_answer=Count(
                "requests_received",
                filter=Q(requests_received__state=MeetingRequest.State.PENDING),
                distinct=True,
            )
        )
        .order_by("event__starts_on", "event__pk")[:limit]
    )
    scheduled = dict(
        Meeting.objects.filter(
            Q(request__requester__in=registrations)
            | Q(request__invitee__in=registrations),
            state=Meeting.State.SCHEDULED,
        )
        .values("event_id")
        .annotate(n=Count("pk"))
        .values_list("event_id", "n")
    )
    return [
        MyEvent(
            registration=r,
            meetings=scheduled.get(r.event_id, 0),
            to_answer=r.to_answer,
        )
        for r in registrations
    ]


def organised_events(*, viewer: Any, limit: int = 5) -> list[Event]:
    """Events not over yet that the viewer organises (coordinators: their
    cities' events; owners and editors: their organisation's), drafts included."""
    if not (viewer.is_authenticated and viewer.is_active):
        return []
    coordinated = list(
        CoordinatorRole.objects.filter(user=viewer).values_list("city_id", flat=True)
    )
    organising = Membership.objects.filter(
        user=viewer,
        state=Membership.State.ACTIVE,
        role__in=[Membership.Role.OWNER, Membership.Role.EDITOR],
    ).values("organisation_id")
    mine = (
        Q(city_id__in=coordinated)
        | Q(city__isnull=True, partnership__city_a_id__in=coordinated)
        | Q(city__isnull=True, partnership__city_b_id__in=coordinated)
        | Q(organiser_id__in=organising)
    )
    return list(
        Event.objects.filter(mine, ends_on__gte=timezone.localdate())
        .exclude(status=Event.Status.CANCELLED)
        .select_related("city")
        .order_by("starts_on", "pk")[:limit]
    )


# --- Organisations allowed to organise events -----------------------------------


def _in_coordinated_cities(
    rows: QuerySet[_M], viewer: Any, prefix: str = ""
) -> QuerySet[_M]:
    cities = coordinated_city_ids(viewer)
    if cities is None:
        return rows
    return rows.filter(**{f"{prefix}city_id__in": cities})


def allowed_organisers(*, viewer: Any) -> QuerySet[AllowedOrganiser]:
    """The allowed organisations of the cities the viewer coordinates (every
    city for staff), with the number of events each organises."""
    permits = AllowedOrganiser.objects.select_related(
        "organisation__city", "allowed_by"
    ).annotate(events=Count("organisation__organised_events", distinct=True))
    return _in_coordinated_cities(permits, viewer, "organisation__").order_by(
        "organisation__city__slug", "organisation__name", "pk"
    )


def organiser_candidates(*, viewer: Any) -> QuerySet[Organisation]:
    """Verified organisations of the viewer's cities not yet allowed."""
    organisations = Organisation.objects.filter(
        verification=Organisation.Verification.VERIFIED, event_permit__isnull=True
    ).select_related("city")
    return _in_coordinated_cities(organisations, viewer).order_by(
        "city__slug", "name", "pk"
    )
