"""Meetings: requests and answers, bookings, held meetings, ratings and the
follow-up contact requests.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.collaboration.models import ContactRequest
from tandem.collaboration.services import request_contact
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.events import notifications, permissions
from tandem.events.models import (
    Availability,
    Meeting,
    MeetingRequest,
    Registration,
    Session,
    Slot,
)
from tandem.i18n import writing_language

RequestState = MeetingRequest.State
MeetingState = Meeting.State

OPEN_REQUEST = (RequestState.PENDING, RequestState.ACCEPTED)


def _check_pair(requester: Registration, invitee: Registration) -> None:
    """Raises ValidationError ``self_meeting``, ``other_event`` or
    ``not_approved``."""
    if requester.pk == invitee.pk or requester.user_id == invitee.user_id:
        raise field_error(
            "invitee", _("You cannot meet yourself."), code="self_meeting"
        )
    if requester.event_id != invitee.event_id:
        raise field_error(
            "invitee",
            _("Both participants must take part in the same event."),
            code="other_event",
        )
    if not (requester.is_approved and invitee.is_approved):
        raise ValidationError(
            _("Both registrations must be approved."), code="not_approved"
        )


def _accept_crossing(
    crossing: MeetingRequest, *, priority: str, by: User
) -> MeetingRequest:
    """Both asked: the other side's waiting request is accepted at once,
    marked mutual and given the higher priority of the two."""
    crossing.state = RequestState.ACCEPTED
    crossing.answered_at = timezone.now()
    crossing.mutual = True
    if priority == MeetingRequest.Priority.MUST:
        crossing.priority = MeetingRequest.Priority.MUST
    crossing.save(update_fields=["state", "answered_at", "mutual", "priority"])
    notifications.meeting_request_answered(request=crossing, actor=by)
    return crossing


def _check_new_request(
    requester: Registration, invitee: Registration, *, set_by_organiser: bool
) -> None:
    """Raises ValidationError ``duplicate`` (an open request between the two,
    in either direction) or ``declined_before`` (a participant's request the
    invitee declined; the organisers may still set the meeting)."""
    pair = Q(requester=requester, invitee=invitee) | Q(
        requester=invitee, invitee=requester
    )
    if MeetingRequest.objects.filter(pair, state__in=OPEN_REQUEST).exists():
        raise ValidationError(
            _("A meeting between you two is already requested."), code="duplicate"
        )
    if not set_by_organiser and not permissions.may_ask(requester, invitee):
        raise ValidationError(
            _(
                "This participant declined your earlier request, so you cannot "
                "ask again. The organisers can still set a meeting between you."
            ),
            code="declined_before",
        )


@transaction.atomic
def request_meeting(
    *,
    requester: Registration,
    invitee: Registration,
    by: User,
    priority: str = MeetingRequest.Priority.LIKE,
    message: str = "",
) -> MeetingRequest:
    """Ask for a meeting; set by an organiser it is accepted at once.

    When the invitee's own request to the requester waits for an answer, both
    want to meet: that request is accepted, marked mutual (weighing more in
    the scheduler) and returned, taking the higher priority of the two.

    Raises PermissionDenied or ValidationError: ``self_meeting``,
    ``other_event``, ``not_approved``, ``duplicate`` (an open request between
    the two, in either direction, that is not a crossing one),
    ``declined_before`` (the invitee declined one of the requester's requests
    at this event: their answer stands, but organisers may set the meeting).
    """
    by_organiser = permissions.can_manage_event(by, requester.event)
    if not (permissions.owns_registration(by, requester) or by_organiser):
        raise PermissionDenied
    _check_pair(requester, invitee)
    # Lock both registrations: two crossing requests at once cannot both pass.
    list(
        Registration.objects.select_for_update(of=("self",))
        .filter(pk__in=[requester.pk, invitee.pk])
        .order_by("pk")
    )
    crossing = (
        MeetingRequest.objects.select_for_update(of=("self",))
        .filter(requester=invitee, invitee=requester, state=RequestState.PENDING)
        .first()
    )
    if crossing is not None and not by_organiser:
        return _accept_crossing(crossing, priority=priority, by=by)
    set_by_organiser = by_organiser and not permissions.owns_registration(by, requester)
    _check_new_request(requester, invitee, set_by_organiser=set_by_organiser)
    request = MeetingRequest(
        event=requester.event,
        requester=requester,
        invitee=invitee,
        priority=priority,
        message=message.strip(),
        language=writing_language(by),
        set_by_organiser=set_by_organiser,
    )
    if set_by_organiser:
        request.state = RequestState.ACCEPTED
        request.answered_at = timezone.now()
    request.full_clean()
    request.save()
    notifications.meeting_requested(request=request, actor=by)
    return request


@transaction.atomic
def answer_meeting_request(
    *, request: MeetingRequest, accept: bool, by: User
) -> MeetingRequest:
    """The invitee accepts or declines. Raises PermissionDenied or
    ValidationError ``already_answered``."""
    if not permissions.can_answer_request(by, request):
        raise PermissionDenied
    current = MeetingRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if current.state != RequestState.PENDING:
        raise ValidationError(
            _("This request was already answered."), code="already_answered"
        )
    current.state = RequestState.ACCEPTED if accept else RequestState.DECLINED
    current.answered_at = timezone.now()
    current.save(update_fields=["state", "answered_at"])
    notifications.meeting_request_answered(request=current, actor=by)
    request.state, request.answered_at = current.state, current.answered_at
    return request


def _available(registration_id: int, slot: Slot) -> bool:
    """Free in the slot: ticked it, or ticked no slot of the event at all."""
    ticked = Availability.objects.filter(
        registration_id=registration_id, slot__session__event_id=slot.session.event_id
    )
    return not ticked.exists() or ticked.filter(slot=slot).exists()


def _bookable_request(request: MeetingRequest) -> MeetingRequest:
    """The request's row, locked; raises ValidationError ``not_accepted`` or
    ``already_booked``."""
    current = MeetingRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if current.state != RequestState.ACCEPTED:
        raise ValidationError(
            _("Only an accepted request can be booked."), code="not_accepted"
        )
    if Meeting.objects.filter(request=current).exists():
        raise ValidationError(
            _("This meeting is already booked."), code="already_booked"
        )
    return current


def _check_slot(slot: Slot, *, event_id: int, people: list[int]) -> list[Meeting]:
    """The slot's scheduled meetings, locked; raises ValidationError
    ``other_event``, ``not_available`` or ``participant_busy``."""
    if slot.session.event_id != event_id:
        raise field_error("slot", _("Choose a slot of this event."), code="other_event")
    if not all(_available(pk, slot) for pk in people):
        raise field_error(
            "slot",
            _("Both participants must be available in this slot."),
            code="not_available",
        )
    # Lock the slot, then its meetings: two bookings of one table or person at
    # once see each other, also when the slot has no meeting yet (a lock on an
    # empty set locks nothing). The table's unique constraint backs this up.
    Slot.objects.select_for_update(of=("self",)).get(pk=slot.pk)
    taken = list(
        Meeting.objects.select_for_update(of=("self",)).filter(
            slot=slot, state=MeetingState.SCHEDULED
        )
    )
    busy = Q(request__requester_id__in=people) | Q(request__invitee_id__in=people)
    if Meeting.objects.filter(busy, slot=slot, state=MeetingState.SCHEDULED).exists():
        raise field_error(
            "slot",
            _("A participant already has a meeting in this slot."),
            code="participant_busy",
        )
    return taken


def _table(session: Session, taken: list[Meeting], table: int | None) -> int:
    """The table given, or the first free one; raises ValidationError
    ``no_free_table``, ``invalid_table`` or ``table_taken``."""
    used = {meeting.table for meeting in taken if meeting.table is not None}
    if table is None:
        free = [t for t in range(1, session.tables + 1) if t not in used]
        if not free:
            raise field_error(
                "slot", _("No table is free in this slot."), code="no_free_table"
            )
        return free[0]
    if not 1 <= table <= session.tables:
        raise field_error(
            "table",
            _("This session has tables 1 to %(tables)s.") % {"tables": session.tables},
            code="invalid_table",
        )
    if table in used:
        raise field_error(
            "table",
            _("Table %(table)s is taken in this slot.") % {"table": table},
            code="table_taken",
        )
    return table


@transaction.atomic
def book_meeting(
    *,
    request: MeetingRequest,
    slot: Slot,
    by: User,
    table: int | None = None,
) -> Meeting:
    """Book an accepted request into a slot, at the table given or the first free one.

    Online when the event or either participant is online; then no table.
    Raises PermissionDenied (participants book only in self-booking events) or
    ValidationError: ``not_accepted``, ``already_booked``, ``other_event``,
    ``not_available``, ``participant_busy``, ``table_taken``, ``invalid_table``,
    ``no_free_table``.
    """
    if not permissions.can_book(by, request):
        raise PermissionDenied
    event = request.event
    current = _bookable_request(request)
    people = [current.requester_id, current.invitee_id]
    taken = _check_slot(slot, event_id=event.pk, people=people)
    # An online-only event has no city; in a hybrid one either side may be online.
    online = (
        event.city_id is None
        or Registration.objects.filter(
            pk__in=people, attendance=Registration.Attendance.ONLINE
        ).exists()
    )
    meeting = Meeting(
        event=event,
        request=current,
        slot=slot,
        table=None if online else _table(slot.session, taken, table),
        online=online,
        plan_version=0,
    )
    meeting.full_clean()
    meeting.save()
    notifications.meeting_scheduled(meeting=meeting, actor=by)
    return meeting


@transaction.atomic
def mark_meeting_held(*, meeting: Meeting, by: User) -> Meeting:
    """Raises PermissionDenied or ValidationError ``not_scheduled`` or
    ``not_started``."""
    if not permissions.can_mark_held(by, meeting):
        raise PermissionDenied
    current = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    if current.state != MeetingState.SCHEDULED:
        raise ValidationError(
            _("Only a scheduled meeting can be marked held."), code="not_scheduled"
        )
    if current.slot.starts_at > timezone.now():
        raise ValidationError(_("The meeting has not started yet."), code="not_started")
    current.state = MeetingState.HELD
    current.save(update_fields=["state", "updated_at"])
    meeting.state, meeting.updated_at = current.state, current.updated_at
    return meeting


@transaction.atomic
def rate_meeting(*, meeting: Meeting, rating: int, by: User) -> Meeting:
    """A participant rates a held meeting from 1 to 5 (again to change it).

    Raises PermissionDenied or ValidationError ``not_held`` or ``invalid_rating``.
    """
    request = meeting.request
    if permissions.owns_registration(by, request.requester):
        field = "requester_rating"
    elif permissions.owns_registration(by, request.invitee):
        field = "invitee_rating"
    else:
        raise PermissionDenied
    if meeting.state != MeetingState.HELD:
        raise ValidationError(_("Only a held meeting can be rated."), code="not_held")
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise field_error("rating", _("Rate from 1 to 5."), code="invalid_rating")
    setattr(meeting, field, rating)
    meeting.save(update_fields=[field, "updated_at"])
    return meeting


@transaction.atomic
def follow_up_meeting(*, meeting: Meeting, by: User, message: str) -> ContactRequest:
    """After a held meeting, a contact request from the participant's organisation
    to the other participant's; the meeting keeps it as its follow-up.

    Raises PermissionDenied (not a participant of the meeting), ValidationError
    ``not_held`` or ``already_followed_up``, and whatever ``request_contact``
    raises (PermissionDenied for a viewer of the organisation; ``same_city``,
    ``duplicate``, ``already_in_contact`` ...).
    """
    request = meeting.request
    if permissions.owns_registration(by, request.requester):
        mine, other = request.requester, request.invitee
    elif permissions.owns_registration(by, request.invitee):
        mine, other = request.invitee, request.requester
    else:
        raise PermissionDenied
    # Of two follow-ups at once (one per side), the second sees the first.
    current = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    if current.state != MeetingState.HELD:
        raise ValidationError(
            _("Only a held meeting can be followed up."), code="not_held"
        )
    if current.follow_up_id is not None:
        raise ValidationError(
            _("This meeting was already followed up."), code="already_followed_up"
        )
    contact = request_contact(
        sender=mine.organisation,
        recipient=other.organisation,
        message=message,
        by=by,
    )
    current.follow_up = contact
    current.save(update_fields=["follow_up", "updated_at"])
    meeting.follow_up, meeting.updated_at = contact, current.updated_at
    return contact
