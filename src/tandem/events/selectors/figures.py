"""What the organisers count: registrations, requests and meetings."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from tandem.events.models import Event, Meeting, MeetingRequest, Registration
from tandem.partnerships.models import City


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


@dataclass(frozen=True)
class _Registrations:
    by_city: tuple[CityRegistrations, ...]
    by_state: tuple[int, ...]  # in the order of Registration.State
    on_site: int  # not cancelled
    online: int  # not cancelled


REG_STATES = tuple(Registration.State.choices)
_REG_INDEX = {value: i for i, (value, _label) in enumerate(REG_STATES)}
_CANCELLED = _REG_INDEX[Registration.State.CANCELLED]


def _registrations(event: Event) -> _Registrations:
    """Registrations per city (the partner cities first, in the
    partnership's order; any other after), state and attendance; two queries."""
    by_city: dict[int, list[int]] = defaultdict(lambda: [0] * len(REG_STATES))
    by_state = [0] * len(REG_STATES)
    on_site = online = 0
    rows = (
        Registration.objects.filter(event=event)
        .order_by()  # no ordering columns in the GROUP BY
        .values_list("organisation__city_id", "state", "attendance")
        .annotate(n=Count("pk"))
    )
    for city_id, state, attendance, n in rows:
        by_city[city_id][_REG_INDEX[state]] += n
        by_state[_REG_INDEX[state]] += n
        if state == Registration.State.CANCELLED:
            continue
        if attendance == Registration.Attendance.ONLINE:
            online += n
        else:
            on_site += n
    first = [event.partnership.city_a_id, event.partnership.city_b_id]
    cities = sorted(
        City.objects.filter(pk__in=set(by_city) | set(first)),
        key=lambda c: (first.index(c.pk) if c.pk in first else 2, c.slug),
    )
    city_rows = tuple(
        CityRegistrations(
            city=city,
            counts=tuple(by_city[city.pk]),
            total=sum(by_city[city.pk]) - by_city[city.pk][_CANCELLED],
        )
        for city in cities
    )
    return _Registrations(city_rows, tuple(by_state), on_site, online)


def _requests(event: Event) -> tuple[RequestsInState, ...]:
    """Requests per state and priority; one query."""
    priority_index = {value: i for i, value in enumerate(MeetingRequest.Priority)}
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(priority_index))
    for state, priority, n in (
        MeetingRequest.objects.filter(event=event)
        .order_by()
        .values_list("state", "priority")
        .annotate(n=Count("pk"))
    ):
        counts[state][priority_index[priority]] += n
    return tuple(
        RequestsInState(
            state=value,
            label=str(label),
            counts=tuple(counts[value]),
            total=sum(counts[value]),
        )
        for value, label in MeetingRequest.State.choices
    )


def organiser_figures(event: Event) -> OrganiserFigures:
    """What the organisers count: registrations per city, state and attendance,
    requests per state and priority, meetings and their outcome; five queries."""
    registrations = _registrations(event)
    requests = _requests(event)
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
    by_state = registrations.by_state
    return OrganiserFigures(
        registration_states=tuple((v, str(label)) for v, label in REG_STATES),
        registrations_by_city=registrations.by_city,
        registrations_by_state=by_state,
        registrations=sum(by_state) - by_state[_CANCELLED],
        on_site=registrations.on_site,
        online=registrations.online,
        priorities=tuple(
            (v, str(label)) for v, label in MeetingRequest.Priority.choices
        ),
        requests_by_state=requests,
        requests=sum(row.total for row in requests),
        meetings_scheduled=m["scheduled"],
        meetings_held=m["held"],
        meetings_cancelled=m["cancelled"],
        follow_ups=m["follow_ups"],
        ratings=ratings,
        average_rating=rating_sum / ratings if ratings else None,
    )
