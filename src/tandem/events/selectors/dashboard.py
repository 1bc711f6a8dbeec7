"""The events on the viewer's dashboard."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from tandem.accounts.models import Viewer
from tandem.accounts.permissions import coordinated_city_ids, is_active_user
from tandem.events.models import Event, Meeting, MeetingRequest, Registration
from tandem.events.selectors.events import organised_by


@dataclass(frozen=True)
class MyEvent:
    """An event the viewer takes part in, with what waits for them there."""

    registration: Registration
    meetings: int  # scheduled
    to_answer: int  # meeting requests waiting for the viewer's answer


def my_upcoming_events(*, viewer: Viewer, limit: int = 5) -> list[MyEvent]:
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


def organised_events(*, viewer: Viewer, limit: int = 5) -> list[Event]:
    """Events not over yet that the viewer organises (coordinators: their
    cities' events; owners and editors: their organisation's), drafts included."""
    if not is_active_user(viewer):
        return []
    mine = organised_by(viewer, coordinated=list(coordinated_city_ids(viewer)))
    return list(
        Event.objects.filter(mine, ends_on__gte=timezone.localdate())
        .exclude(status=Event.Status.CANCELLED)
        .select_related("city")
        .order_by("starts_on", "pk")[:limit]
    )
