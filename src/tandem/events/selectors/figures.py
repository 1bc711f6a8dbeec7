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
