"""Reads of events, scoped to what the viewer may see."""

from typing import Any

from django.db.models import Q, QuerySet

from tandem.accounts.models import CoordinatorRole, Membership
from tandem.events import permissions
from tandem.events.models import Event, Meeting, Registration

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


def event_registrations(*, event: Event, viewer: Any) -> QuerySet[Registration]:
    """All registrations, for the event's organisers only (else none)."""
    if not permissions.can_manage_event(viewer, event):
        return Registration.objects.none()
    return (
        Registration.objects.filter(event=event)
        .select_related("user", "organisation__city")
        .order_by("created_at", "pk")
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
