"""Who may do what with events: predicates that services, selectors, pages
and the API call, built from ``tandem.accounts.permissions``.

- Coordinators of the event's city (either partnership city for an online
  event) and staff create and manage events.
- Coordinators allow organisations of their city to organise events: the
  owners and editors of an allowed organisation create events it organises,
  in either partner city or online, and publish, cancel and move them.
- Owners and editors of an event's organiser organisation manage the event
  (sessions, registrations, the plan); once the permission is withdrawn they
  no longer publish, cancel or move it.
- Active members of a verified organisation register themselves for it.
- Participants act on their own registration, requests and meetings; whom
  they asked in vain they do not ask again.
"""

from django.db.models import QuerySet

from tandem.accounts.models import Viewer
from tandem.accounts.permissions import (
    can_act_for,
    coordinated_city_ids,
    coordinates,
    is_active_user,
    is_member,
    is_staff,
    member_organisation_ids,
)
from tandem.directory.models import Organisation
from tandem.events.models import (
    AllowedOrganiser,
    Event,
    Meeting,
    MeetingRequest,
    Registration,
)
from tandem.partnerships.models import City, Partnership


def coordinates_event_cities(
    user: Viewer | None, *, partnership: Partnership, city: City | None
) -> bool:
    """Coordinator of the city; of either partnership city when there is none."""
    if city is not None:
        return coordinates(user, city)
    return coordinates(user, partnership.city_a) or coordinates(
        user, partnership.city_b
    )


def can_allow_organiser(user: Viewer | None, organisation: Organisation) -> bool:
    """Coordinators of the organisation's city (and staff)."""
    return coordinates(user, organisation.city)


def can_allow_organisers(user: Viewer | None) -> bool:
    """The coordinators' page of allowed organisers: coordinators of any city
    (and staff)."""
    return is_staff(user) or coordinated_city_ids(user).exists()


def is_allowed_organiser(organisation: Organisation | None) -> bool:
    """A verified organisation its city's coordinators allowed to organise."""
    return (
        organisation is not None
        and organisation.verification == Organisation.Verification.VERIFIED
        and AllowedOrganiser.objects.filter(organisation=organisation).exists()
    )


def organising_organisations(
    user: Viewer | None, *, partnership: Partnership
) -> QuerySet[Organisation]:
    """The allowed organisations of the partner cities the user owns or edits
    (every one for staff)."""
    if not is_active_user(user):
        return Organisation.objects.none()
    allowed = Organisation.objects.filter(
        event_permit__isnull=False,
        verification=Organisation.Verification.VERIFIED,
        city_id__in=[partnership.city_a_id, partnership.city_b_id],
    )
    if not is_staff(user):
        allowed = allowed.filter(pk__in=member_organisation_ids(user, acting=True))
    return allowed.order_by("name", "pk")


def can_create_event(
    user: Viewer | None, *, partnership: Partnership, city: City | None
) -> bool:
    """Coordinators of the city, or a member who may organise for an allowed
    organisation (in either partner city or online)."""
    if not is_active_user(user):
        return False
    return (
        coordinates_event_cities(user, partnership=partnership, city=city)
        or organising_organisations(user, partnership=partnership).exists()
    )


def acts_as_coordinator(user: Viewer | None, event: Event) -> bool:
    """The user acts on the event with a coordinator's (or staff's) power,
    not as one of its organisers: what they do goes to the audit trail."""
    return coordinates_event_cities(
        user, partnership=event.partnership, city=event.city
    )


def event_cities(event: Event) -> tuple[City, City | None]:
    """The cities whose coordinators answer for the event: its city, or both
    partnership cities for an online event."""
    if event.city is not None:
        return event.city, None
    return event.partnership.city_a, event.partnership.city_b


def can_coordinate_event(user: Viewer | None, event: Event) -> bool:
    """Publish, cancel, move: coordinators, staff, and the owners and editors
    of the event's organiser while it is an allowed organiser."""
    if not is_active_user(user):
        return False
    if coordinates_event_cities(user, partnership=event.partnership, city=event.city):
        return True
    return is_allowed_organiser(event.organiser) and can_act_for(
        user, event.organiser, staff=True
    )


def can_manage_event(user: Viewer | None, event: Event) -> bool:
    """Coordinators, staff and the organiser organisation's owners and editors."""
    if not is_active_user(user):
        return False
    return can_coordinate_event(user, event) or can_act_for(
        user, event.organiser, staff=True
    )


def is_partnership_member(user: Viewer | None, event: Event) -> bool:
    """Active member of an organisation of either partnership city, or one of
    their coordinators."""
    if not is_active_user(user):
        return False
    cities = [event.partnership.city_a_id, event.partnership.city_b_id]
    return (
        Organisation.objects.filter(
            pk__in=member_organisation_ids(user), city_id__in=cities
        ).exists()
        or coordinated_city_ids(user).filter(city_id__in=cities).exists()
    )


def can_see_event(user: Viewer | None, event: Event) -> bool:
    if event.status != Event.Status.DRAFT:
        if event.visibility == Event.Visibility.PUBLIC:
            return True
        if is_partnership_member(user, event):
            return True
    if not is_active_user(user):
        return False
    return (
        can_manage_event(user, event) or event.registrations.filter(user=user).exists()
    )


def can_register(user: Viewer | None, organisation: Organisation) -> bool:
    """Any active member of the organisation registers themselves."""
    return is_member(user, organisation)


def owns_registration(user: Viewer | None, registration: Registration) -> bool:
    return is_active_user(user) and registration.user_id == user.pk


def can_act_for_registration(user: Viewer | None, registration: Registration) -> bool:
    """The participant, or the event's organisers."""
    return owns_registration(user, registration) or can_manage_event(
        user, registration.event
    )


def can_answer_request(user: Viewer | None, request: MeetingRequest) -> bool:
    return owns_registration(user, request.invitee)


def takes_part(user: Viewer | None, request: MeetingRequest) -> bool:
    return owns_registration(user, request.requester) or owns_registration(
        user, request.invitee
    )


def can_book(user: Viewer | None, request: MeetingRequest) -> bool:
    """Participants in a self-booking event; organisers in every event."""
    if can_manage_event(user, request.event):
        return True
    return request.event.is_self_booking and takes_part(user, request)


def can_mark_held(user: Viewer | None, meeting: Meeting) -> bool:
    return takes_part(user, meeting.request) or can_manage_event(user, meeting.event)


def declined_by(requester: Registration) -> frozenset[int]:
    """The users who declined a meeting request of the requester's user at
    the requester's event (under any of their registrations); for
    ``may_ask``, read once for a whole list of participants."""
    if requester.user_id is None:  # its person is gone: nobody to decline
        return frozenset()
    return frozenset(
        user_id
        for user_id in MeetingRequest.objects.filter(
            event_id=requester.event_id,
            requester__user_id=requester.user_id,
            state=MeetingRequest.State.DECLINED,
        ).values_list("invitee__user_id", flat=True)
        if user_id is not None
    )


def may_ask(
    requester: Registration,
    invitee: Registration,
    *,
    declined: frozenset[int] | None = None,
) -> bool:
    """Whether the requester may ask the invitee for a meeting as far as the
    invitee's answers go: not after the invitee declined one of their
    requests at this event, whose answer stands. The organisers may still
    set a meeting between them. ``declined`` is ``declined_by(requester)``
    when the caller read it already."""
    if declined is None:
        declined = declined_by(requester)
    return invitee.user_id not in declined
