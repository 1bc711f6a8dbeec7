"""Events in API v1: public reads; registration, availability, meeting
requests and agendas for participants with a token; scheduler runs for
organisers.

Reads of events need no token; with one, members also see invited events and
the drafts they organise.  Writes go through ``tandem.events.services``, which
hold every rule.  Times of an event (slots, programme, registration window)
come in the event's time zone, with their offset.
"""

from typing import Literal

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import P, QueryEx, Router
from ninja.pagination import paginate
from ninja.responses import Status

from tandem.accounts.api import optional_token_auth, token_auth
from tandem.accounts.http import ApiRequest, PublicApiRequest
from tandem.accounts.models import User, Viewer
from tandem.api.common import (
    ERRORS,
    LIST_ERRORS,
    PK,
    READ_ERRORS,
    Choice,
    ErrorOut,
    Pagination,
)
from tandem.directory.selectors import visible_organisations
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.events import permissions, planning, selectors, services
from tandem.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    PlanRun,
    Registration,
    Slot,
)
from tandem.events.schemas import (
    AvailabilityIn,
    BookIn,
    EventDetailOut,
    EventOut,
    MeetingIn,
    MeetingOut,
    MeetingRequestAnswerIn,
    MeetingRequestIn,
    MeetingRequestOut,
    OrganiserMeetingOut,
    OrganiserRegistrationOut,
    ParticipantOut,
    PlanRunIn,
    PlanRunOut,
    PublishedOut,
    RatingIn,
    RegistrationIn,
    RegistrationOut,
    SlotOut,
)

router = Router(tags=["events"])


# --- Lookups ---------------------------------------------------------------


def _slot(pk: int) -> Slot:
    """The slot (the service checks it is of the event), else a field error."""
    slot = Slot.objects.select_related("session__event").filter(pk=pk).first()
    if slot is None:
        raise field_error("slot", _("Choose a slot of this event."), code="other_event")
    return slot


def _event(viewer: Viewer, pk: int) -> Event:
    return get_object_or_404(selectors.visible_events(viewer=viewer), pk=pk)


def _my_registration(event: Event, viewer: User) -> Registration:
    registration = selectors.registration_of(event=event, viewer=viewer)
    if registration is None:
        raise ValidationError(
            _("You are not registered for this event."), code="not_registered"
        )
    return registration


def _my_requests(event: Event, viewer: User) -> QuerySet[MeetingRequest]:
    """Requests the viewer sent or received at the event."""
    return (
        MeetingRequest.objects.filter(event=event)
        .filter(Q(requester__user=viewer) | Q(invitee__user=viewer))
        .select_related(
            "event",
            "requester__user",
            "requester__organisation__city",
            "invitee__user",
            "invitee__organisation__city",
            "meeting",
        )
        .order_by("-created_at", "-pk")
    )


def _my_meetings(event: Event, viewer: User) -> QuerySet[Meeting]:
    return selectors.agenda(viewer=viewer, event=event).select_related(
        "request__requester__organisation__city",
        "request__invitee__organisation__city",
    )


def _slots(pks: list[int]) -> list[Slot]:
    """The slots with these ids; an unknown id is refused like another event's."""
    wanted = set(pks)
    slots = list(Slot.objects.select_related("session__event").filter(pk__in=wanted))
    if len(slots) != len(wanted):
        raise field_error(
            "slots", _("Choose slots of this event only."), code="other_event"
        )
    return slots


# --- Events ----------------------------------------------------------------


@router.get(
    "/events", response={200: list[EventOut], **LIST_ERRORS}, auth=optional_token_auth
)
@paginate(Pagination)
def list_events(
    request: PublicApiRequest,
    upcoming: QueryEx[
        bool | None,
        P(
            description="true: not ended yet, soonest first; false: ended, "
            "latest first; left out: all, by date."
        ),
    ] = None,
    city: QueryEx[str, P(description="City slug; online events have none.")] = "",
    kind: Choice[Event.Kind] | None = None,
) -> QuerySet[Event]:
    """Events you may see: published public ones, and with a token the invited
    events of your partnership and the drafts you organise."""
    when = "all" if upcoming is None else "upcoming" if upcoming else "past"
    events = selectors.search_events(viewer=request.auth, when=when, kind=kind or "")
    if city:
        events = events.filter(city__slug=city)
    return events


@router.get(
    "/events/{id}",
    response={200: EventDetailOut, **READ_ERRORS},
    auth=optional_token_auth,
)
def get_event(request: PublicApiRequest, id: PK) -> Event:
    """The event with its sessions, slots and programme."""
    return get_object_or_404(
        selectors.visible_events(viewer=request.auth).prefetch_related(
            "areas", "sessions__slots", "programme"
        ),
        pk=id,
    )


# --- Registration and availability ----------------------------------------


@router.post(
    "/events/{id}/registrations",
    response={201: RegistrationOut, **ERRORS},
    auth=token_auth,
)
def register(
    request: ApiRequest, id: PK, payload: RegistrationIn
) -> Status[Registration]:
    """Register yourself for one of your organisations: ``approved``, ``pending``
    (the organisers approve) or ``waitlisted`` (the event is full).  A second
    registration gets 400 ``already_registered``."""
    event = _event(request.auth, id)
    slug = payload.organisation
    organisation = visible_organisations(viewer=request.auth).filter(slug=slug).first()
    if organisation is None:
        raise field_error(
            "organisation",
            _("Unknown organisation: %(slug)s.") % {"slug": slug},
            code="unknown_organisation",
        )
    registration = services.register(
        event=event,
        by=request.auth,
        organisation=organisation,
        offer=payload.offer,
        seek=payload.seek,
        languages=payload.languages,
        attendance=payload.attendance,
    )
    return Status(201, registration)


@router.delete(
    "/events/{id}/registration",
    response={200: RegistrationOut, **ERRORS},
    auth=token_auth,
)
def cancel_registration(request: ApiRequest, id: PK) -> Registration:
    """Cancel your registration, with your open requests and meetings."""
    event = _event(request.auth, id)
    registration = selectors.registration_of(event=event, viewer=request.auth)
    if registration is None:
        raise Http404
    return services.cancel_registration(registration=registration, by=request.auth)


@router.put(
    "/events/{id}/availability",
    response={200: list[SlotOut], **ERRORS},
    auth=token_auth,
)
def set_availability(
    request: ApiRequest, id: PK, payload: AvailabilityIn
) -> list[Slot]:
    """Replace the slots you are free in; returns them by time.  A slot of
    another event (or an unknown id) gets 400 ``other_event``."""
    event = _event(request.auth, id)
    registration = _my_registration(event, request.auth)
    return services.set_availability(
        registration=registration, slots=_slots(payload.slots), by=request.auth
    )


@router.get(
    "/events/{id}/participants",
    response={200: list[ParticipantOut], **READ_ERRORS},
    auth=token_auth,
)
@paginate(Pagination)
def list_participants(request: ApiRequest, id: PK) -> QuerySet[Registration]:
    """Approved participants, by organisation; empty unless you are an approved
    participant or an organiser."""
    event = _event(request.auth, id)
    return selectors.event_participants(event=event, viewer=request.auth)


# --- Meeting requests ------------------------------------------------------


@router.post(
    "/events/{id}/meeting-requests",
    response={201: MeetingRequestOut, **ERRORS},
    auth=token_auth,
)
def create_meeting_request(
    request: ApiRequest, id: PK, payload: MeetingRequestIn
) -> Status[MeetingRequest]:
    """Ask an approved participant for a meeting; 400 ``self_meeting`` for
    yourself, ``duplicate`` when one is open between you two,
    ``declined_before`` when they declined a request of yours at the event."""
    event = _event(request.auth, id)
    mine = _my_registration(event, request.auth)
    if not mine.is_approved:
        raise ValidationError(
            _("Both registrations must be approved."), code="not_approved"
        )
    invitee = (
        selectors.event_participants(event=event, viewer=request.auth)
        .filter(pk=payload.invitee)
        .first()
    )
    if invitee is None:
        raise field_error(
            "invitee",
            _("No approved participant of this event has this id."),
            code="unknown_participant",
        )
    meeting_request = services.request_meeting(
        requester=mine,
        invitee=invitee,
        by=request.auth,
        priority=payload.priority,
        message=payload.message,
    )
    return Status(201, _my_requests(event, request.auth).get(pk=meeting_request.pk))


@router.get(
    "/events/{id}/meeting-requests",
    response={200: list[MeetingRequestOut], **READ_ERRORS},
    auth=token_auth,
)
@paginate(Pagination)
def list_meeting_requests(
    request: ApiRequest,
    id: PK,
    box: QueryEx[
        Literal["sent", "received"] | None,
        P(description="Only the requests you sent or received."),
    ] = None,
    state: Choice[MeetingRequest.State] | None = None,
) -> QuerySet[MeetingRequest]:
    """Your requests at the event, sent and received, newest first."""
    event = _event(request.auth, id)
    requests = _my_requests(event, request.auth)
    if box == "sent":
        requests = requests.filter(requester__user=request.auth)
    elif box == "received":
        requests = requests.filter(invitee__user=request.auth)
    if state:
        requests = requests.filter(state=state)
    return requests


@router.post(
    "/events/{id}/meeting-requests/{rid}/answer",
    response={200: MeetingRequestOut, **ERRORS},
    auth=token_auth,
)
def answer_meeting_request(
    request: ApiRequest, id: PK, rid: PK, payload: MeetingRequestAnswerIn
) -> MeetingRequest:
    """The invitee accepts or declines; a second answer gets 400
    ``already_answered``."""
    event = _event(request.auth, id)
    requests = _my_requests(event, request.auth)
    meeting_request = get_object_or_404(requests, pk=rid)
    services.answer_meeting_request(
        request=meeting_request, accept=payload.accept, by=request.auth
    )
    return requests.get(pk=rid)


@router.post(
    "/events/{id}/meeting-requests/{rid}/book",
    response={201: MeetingOut, **ERRORS},
    auth=token_auth,
)
def book_meeting(
    request: ApiRequest, id: PK, rid: PK, payload: BookIn
) -> Status[Meeting]:
    """Book an accepted request into a slot (self-booking events), at the table
    given or the first free one; 400 ``table_taken``, ``participant_busy``,
    ``not_available``, ``other_event`` and the like say why not."""
    event = _event(request.auth, id)
    meeting_request = get_object_or_404(_my_requests(event, request.auth), pk=rid)
    slot = _slot(payload.slot)
    meeting = services.book_meeting(
        request=meeting_request, slot=slot, by=request.auth, table=payload.table
    )
    return Status(201, _my_meetings(event, request.auth).get(pk=meeting.pk))


# --- Agenda and meetings ---------------------------------------------------


@router.get(
    "/events/{id}/agenda",
    response={200: list[MeetingOut], **READ_ERRORS},
    auth=token_auth,
)
@paginate(Pagination)
def agenda(request: ApiRequest, id: PK) -> QuerySet[Meeting]:
    """Your scheduled and held meetings at the event, by time."""
    event = _event(request.auth, id)
    return _my_meetings(event, request.auth)


@router.post(
    "/events/{id}/meetings/{mid}/held",
    response={200: MeetingOut, **ERRORS},
    auth=token_auth,
)
def mark_meeting_held(request: ApiRequest, id: PK, mid: PK) -> Meeting:
    """Mark a meeting that has started as held; then it can be rated."""
    event = _event(request.auth, id)
    meetings = _my_meetings(event, request.auth)
    meeting = get_object_or_404(meetings, pk=mid)
    services.mark_meeting_held(meeting=meeting, by=request.auth)
    return meetings.get(pk=mid)


@router.post(
    "/events/{id}/meetings/{mid}/rating",
    response={200: MeetingOut, **ERRORS},
    auth=token_auth,
)
def rate_meeting(request: ApiRequest, id: PK, mid: PK, payload: RatingIn) -> Meeting:
    """Rate a held meeting from 1 to 5 (again to change it); 400
    ``invalid_rating`` or ``not_held``."""
    event = _event(request.auth, id)
    meeting = get_object_or_404(_my_meetings(event, request.auth), pk=mid)
    return services.rate_meeting(
        meeting=meeting, rating=payload.rating, by=request.auth
    )


# --- The scheduler, for organisers -------------------------------------------


def _managed_event(viewer: User, pk: int) -> Event:
    event = _event(viewer, pk)
    if not permissions.can_manage_event(viewer, event):
        raise PermissionDenied
    return event


@router.post(
    "/events/{id}/plan-runs",
    response={202: PlanRunOut, **ERRORS},
    auth=token_auth,
)
def start_plan_run(request: ApiRequest, id: PK, payload: PlanRunIn) -> Status[PlanRun]:
    """Organisers: run the meeting scheduler in the background; read the run
    until its state is ``finished``, then publish it. 400 ``event_not_open``
    or ``run_in_progress``."""
    event = _managed_event(request.auth, id)
    run = planning.start_run(
        event=event, by=request.auth, time_limit_seconds=payload.time_limit_seconds
    )
    return Status(202, run)


@router.get(
    "/events/{id}/plan-runs/{rid}",
    response={200: PlanRunOut, **READ_ERRORS, 403: ErrorOut},
    auth=token_auth,
)
def get_plan_run(request: ApiRequest, id: PK, rid: PK) -> PlanRun:
    """Organisers: a scheduler run, how close its plan is to the bound, and
    what it could not schedule."""
    event = _managed_event(request.auth, id)
    return get_object_or_404(event.plan_runs, pk=rid)


@router.post(
    "/events/{id}/plan-runs/{rid}/publish",
    response={200: PublishedOut, **ERRORS},
    auth=token_auth,
)
def publish_plan_run(request: ApiRequest, id: PK, rid: PK) -> dict[str, object]:
    """Organisers: make a finished run's plan the event's meetings; the
    participants concerned are notified. 400 ``plan_outdated`` when another
    plan was published since the run or the requests changed: run again."""
    event = _managed_event(request.auth, id)
    run = get_object_or_404(event.plan_runs, pk=rid)
    published = planning.publish_run(run=run, by=request.auth)
    return {
        "run": published.run,
        "added": len(published.added),
        "moved": len(published.moved),
        "cancelled": len(published.cancelled),
        "kept": published.kept,
    }


# --- For organisers: registrations and meetings -------------------------------


def _managed_registrations(event: Event, viewer: User) -> QuerySet[Registration]:
    return selectors.registrations_with_meetings(event=event, viewer=viewer)


@router.get(
    "/events/{id}/registrations",
    response={200: list[OrganiserRegistrationOut], **READ_ERRORS, 403: ErrorOut},
    auth=token_auth,
)
@paginate(Pagination)
def list_registrations(request: ApiRequest, id: PK) -> QuerySet[Registration]:
    """Organisers: every registration, the earliest first, in every state."""
    event = _managed_event(request.auth, id)
    return _managed_registrations(event, request.auth)


@router.post(
    "/events/{id}/registrations/{rid}/approve",
    response={200: OrganiserRegistrationOut, **ERRORS},
    auth=token_auth,
)
def approve_registration(request: ApiRequest, id: PK, rid: PK) -> Registration:
    """Organisers: approve a pending or waitlisted registration; 400
    ``not_pending`` or ``event_full``."""
    event = _managed_event(request.auth, id)
    registrations = _managed_registrations(event, request.auth)
    registration = get_object_or_404(registrations, pk=rid)
    services.approve_registration(registration=registration, by=request.auth)
    return registrations.get(pk=rid)


@router.post(
    "/events/{id}/registrations/{rid}/cancel",
    response={200: OrganiserRegistrationOut, **ERRORS},
    auth=token_auth,
)
def cancel_registration_by_organiser(
    request: ApiRequest, id: PK, rid: PK
) -> Registration:
    """Organisers: cancel a registration with its open requests and meetings;
    the first on the waiting list moves up. 400 ``already_cancelled``."""
    event = _managed_event(request.auth, id)
    registrations = _managed_registrations(event, request.auth)
    registration = get_object_or_404(registrations, pk=rid)
    services.cancel_registration(registration=registration, by=request.auth)
    return registrations.get(pk=rid)


@router.get(
    "/events/{id}/meetings",
    response={200: list[OrganiserMeetingOut], **READ_ERRORS, 403: ErrorOut},
    auth=token_auth,
)
@paginate(Pagination)
def list_meetings(request: ApiRequest, id: PK) -> QuerySet[Meeting]:
    """Organisers: the scheduled and held meetings of the event, by time."""
    event = _managed_event(request.auth, id)
    return selectors.event_meetings(event=event, viewer=request.auth)


@router.post(
    "/events/{id}/meetings",
    response={201: OrganiserMeetingOut, **ERRORS},
    auth=token_auth,
)
def set_meeting(request: ApiRequest, id: PK, payload: MeetingIn) -> Status[Meeting]:
    """Organisers: place an accepted request in a slot, at the table given or
    the first free one (in any event, also one the scheduler plans); 400
    ``table_taken``, ``participant_busy``, ``not_available``, ``other_event``
    and the like say why not."""
    event = _managed_event(request.auth, id)
    meeting_request = MeetingRequest.objects.filter(
        event=event, pk=payload.request
    ).first()
    if meeting_request is None:
        raise field_error(
            "request",
            _("Choose a meeting request of this event."),
            code="other_event",
        )
    slot = _slot(payload.slot)
    meeting = services.book_meeting(
        request=meeting_request, slot=slot, by=request.auth, table=payload.table
    )
    return Status(
        201,
        selectors.event_meetings(event=event, viewer=request.auth).get(pk=meeting.pk),
    )
