"""The organisers' lists: every registration and meeting of their event,
its sessions, and the coordinators' allowed organisations.
"""

from typing import TypeVar

from django.db.models import Count, IntegerField, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tandem.accounts.models import Viewer
from tandem.accounts.permissions import coordinated_city_ids, is_staff
from tandem.directory.models import Organisation
from tandem.events import permissions
from tandem.events.models import AllowedOrganiser, Event, Meeting, Registration, Session
from tandem.events.selectors.printing import LIVE_MEETING

_M = TypeVar("_M", bound=Model)


def event_registrations(*, event: Event, viewer: Viewer) -> QuerySet[Registration]:
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


def registrations_with_meetings(
    *, event: Event, viewer: Viewer
) -> QuerySet[Registration]:
    """``event_registrations`` with ``meetings``: how many scheduled or held
    meetings each has."""
    return event_registrations(event=event, viewer=viewer).annotate(
        meetings=_meetings_of("requester") + _meetings_of("invitee")
    )


def event_meetings(*, event: Event, viewer: Viewer) -> QuerySet[Meeting]:
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


def _in_coordinated_cities(
    rows: QuerySet[_M], viewer: Viewer, prefix: str = ""
) -> QuerySet[_M]:
    """The rows of the cities the viewer coordinates; every row for staff."""
    if is_staff(viewer):
        return rows
    return rows.filter(**{f"{prefix}city_id__in": coordinated_city_ids(viewer)})


def allowed_organisers(*, viewer: Viewer) -> QuerySet[AllowedOrganiser]:
    """The allowed organisations of the cities the viewer coordinates (every
    city for staff), with the number of events each organises."""
    permits = AllowedOrganiser.objects.select_related(
        "organisation__city", "allowed_by"
    ).annotate(events=Count("organisation__organised_events", distinct=True))
    return _in_coordinated_cities(permits, viewer, "organisation__").order_by(
        "organisation__city__slug", "organisation__name", "pk"
    )


def organiser_candidates(*, viewer: Viewer) -> QuerySet[Organisation]:
    """Verified organisations of the viewer's cities not yet allowed."""
    organisations = Organisation.objects.filter(
        verification=Organisation.Verification.VERIFIED, event_permit__isnull=True
    ).select_related("city")
    return _in_coordinated_cities(organisations, viewer).order_by(
        "city__slug", "name", "pk"
    )
