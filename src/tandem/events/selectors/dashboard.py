"""The events on the viewer's dashboard."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from tandem.accounts.models import CoordinatorRole, Membership
from tandem.events.models import Event, Meeting, MeetingRequest, Registration


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
