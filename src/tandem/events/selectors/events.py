"""Events the viewer may see: the list, the search and an event's page."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import CoordinatorRole, Membership
from tandem.events import permissions
from tandem.events.models import Event, ProgrammeItem, Registration, Session
from tandem.events.selectors.participation import registration_of

Status = Event.Status


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
