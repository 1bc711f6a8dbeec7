"""Who may do what with events: predicates that services and selectors call.

- Coordinators of the event's city (either partnership city for an online
  event) and staff create and manage events.
- Owners and editors of the organiser organisation a coordinator allowed
  manage the event too, but cannot create events or change the organiser.
- Active members of a verified organisation register themselves for it.
- Participants act on their own registration, requests and meetings.
"""

from typing import Any

from tandem.accounts.models import CoordinatorRole, Membership
from tandem.accounts.permissions import coordinates, role_in
from tandem.events.models import Event, Meeting, MeetingRequest, Registration
from tandem.projects.permissions import can_act_for


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def coordinates_event_cities(user: Any, *, partnership: Any, city: Any) -> bool:
    """Coordinator of the city; of either partnership city when there is none."""
    if city is not None:
        return coordinates(user, city)
    return coordinates(user, partnership.city_a) or coordinates(
        user, partnership.city_b
    )


def can_create_event(user: Any, *, partnership: Any, city: Any) -> bool:
    if not _active(user):
        return False
    return coordinates_event_cities(user, partnership=partnership, city=city)


def can_coordinate_event(user: Any, event: Event) -> bool:
    """Coordinators and staff: publish, cancel, choose the organiser."""
    return can_create_event(user, partnership=event.partnership, city=event.city)


def can_manage_event(user: Any, event: Event) -> bool:
    """Coordinators, staff and the organiser organisation's owners and editors."""
    if not _active(user):
        return False
    return can_coordinate_event(user, event) or (
        event.organiser is not None and can_act_for(user, event.organiser)
    )


def is_partnership_member(user: Any, event: Event) -> bool:
    """Active member of an organisation of either partnership city."""
    if not _active(user):
        return False
    partnership = event.partnership
    return (
        Membership.objects.filter(
            user=user,
            state=Membership.State.ACTIVE,
            organisation__city_id__in=[partnership.city_a_id, partnership.city_b_id],
        ).exists()
        or CoordinatorRole.objects.filter(
            user=user, city_id__in=[partnership.city_a_id, partnership.city_b_id]
        ).exists()
    )


def can_see_event(user: Any, event: Event) -> bool:
    if event.status != Event.Status.DRAFT:
        if event.visibility == Event.Visibility.PUBLIC:
            return True
        if is_partnership_member(user, event):
            return True
    if not _active(user):
        return False
    return (
        can_manage_event(user, event) or event.registrations.filter(user=user).exists()
    )


def can_register(user: Any, organisation: Any) -> bool:
    """Any active member of the organisation registers themselves."""
    return _active(user) and role_in(user, organisation) is not None


def owns_registration(user: Any, registration: Registration) -> bool:
    return _active(user) and registration.user_id == user.pk


def can_act_for_registration(user: Any, registration: Registration) -> bool:
    """The participant, or the event's organisers."""
    return owns_registration(user, registration) or can_manage_event(
        user, registration.event
    )


def can_answer_request(user: Any, request: MeetingRequest) -> bool:
    return owns_registration(user, request.invitee)


def takes_part(user: Any, request: MeetingRequest) -> bool:
    return owns_registration(user, request.requester) or owns_registration(
        user, request.invitee
    )


def can_book(user: Any, request: MeetingRequest) -> bool:
    """Participants in a self-booking event; organisers in every event."""
    if can_manage_event(user, request.event):
        return True
    return request.event.is_self_booking and takes_part(user, request)


def can_mark_held(user: Any, meeting: Meeting) -> bool:
    return takes_part(user, meeting.request) or can_manage_event(user, meeting.event)
