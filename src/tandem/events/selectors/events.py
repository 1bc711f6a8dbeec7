"""Events the viewer may see: the list, the search and an event's page."""

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import User, Viewer
from tandem.accounts.permissions import (
    coordinated_city_ids,
    is_active_user,
    is_staff,
    member_organisation_ids,
)
from tandem.directory.models import Organisation
from tandem.events import permissions
from tandem.events.models import Event, ProgrammeItem, Registration, Session
from tandem.events.selectors.participation import registration_of

Status = Event.Status


def organised_by(viewer: User, *, coordinated: Collection[int]) -> Q:
    """Events the viewer organises: those of the cities they coordinate
    (``coordinated``; for an online event, either partnership city) and those
    of the organisations they own or edit."""
    return (
        Q(city_id__in=coordinated)
        | Q(city__isnull=True, partnership__city_a_id__in=coordinated)
        | Q(city__isnull=True, partnership__city_b_id__in=coordinated)
        | Q(organiser_id__in=member_organisation_ids(viewer, acting=True))
    )


def visible_events(*, viewer: Viewer) -> QuerySet[Event]:
    """Published and cancelled public events; invited ones for members of the
    partner cities' organisations; drafts for their organisers; staff see all."""
    events = Event.objects.select_related("city", "partnership", "organiser")
    if is_staff(viewer):
        return events.order_by("starts_on", "pk")
    not_draft = ~Q(status=Status.DRAFT)
    seen = Q(not_draft, visibility=Event.Visibility.PUBLIC)
    if is_active_user(viewer):
        member_cities = set(
            Organisation.objects.filter(
                pk__in=member_organisation_ids(viewer)
            ).values_list("city_id", flat=True)
        )
        coordinated = set(coordinated_city_ids(viewer))
        partner_cities = member_cities | coordinated
        partner_city = Q(partnership__city_a_id__in=partner_cities) | Q(
            partnership__city_b_id__in=partner_cities
        )
        seen |= Q(not_draft, partner_city)
        seen |= organised_by(viewer, coordinated=coordinated)
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
    (``services.registrations._promote_waitlisted``)."""
    ahead = Registration.objects.filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk),
        event_id=registration.event_id,
        state=Registration.State.WAITLISTED,
    ).count()
    return ahead + 1


def event_page(*, event: Event, viewer: Viewer) -> EventPage:
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
    *, viewer: Viewer, when: str = "upcoming", kind: str = ""
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
