"""Registrations: taking part, the waiting list, approval, cancellation and
the slots a participant can meet in.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.events import audit_actions, notifications, permissions
from tandem.events.models import (
    Availability,
    Event,
    Meeting,
    MeetingRequest,
    Registration,
    Slot,
)
from tandem.events.services.lifecycle import locked_event, record_event_act
from tandem.events.services.meetings import OPEN_REQUEST
from tandem.i18n import language_codes

Status = Event.Status
RegState = Registration.State
RequestState = MeetingRequest.State
MeetingState = Meeting.State

# Registrations that hold a place at the event.
HOLDING_PLACE = (RegState.PENDING, RegState.APPROVED)


def _check_open(event: Event, by: User) -> None:
    """Raises ValidationError ``event_not_open``, ``registration_closed`` or
    ``already_registered``."""
    if event.status != Status.PUBLISHED:
        raise ValidationError(
            _("This event takes no registrations."), code="event_not_open"
        )
    if not event.registration_is_open():
        raise ValidationError(
            _("Registration for this event is closed."), code="registration_closed"
        )
    if event.registrations.filter(user=by).exclude(state=RegState.CANCELLED).exists():
        raise ValidationError(
            _("You are already registered for this event."),
            code="already_registered",
        )


def _check_attendance(event: Event, attendance: str) -> None:
    """Raises ValidationError ``online_only`` or ``on_site_only``."""
    if event.city_id is None and attendance != Registration.Attendance.ONLINE:
        raise field_error(
            "attendance", _("This event is online only."), code="online_only"
        )
    if not event.online and attendance == Registration.Attendance.ONLINE:
        raise field_error(
            "attendance", _("This event is on site only."), code="on_site_only"
        )


@transaction.atomic
def register(
    *,
    event: Event,
    by: User,
    organisation: Organisation,
    offer: str = "",
    seek: str = "",
    languages: Iterable[str] = (),
    attendance: str = Registration.Attendance.ON_SITE,
) -> Registration:
    """Register ``by`` for their organisation: approved (or pending when the
    organisers approve), waitlisted when the event is full.

    Raises PermissionDenied (not logged in, not a member of the organisation,
    event not visible) or ValidationError: ``organisation_not_verified``,
    ``event_not_open``, ``registration_closed``, ``already_registered``,
    ``online_only``, ``on_site_only``.
    """
    if not permissions.can_register(by, organisation):
        raise PermissionDenied
    if not permissions.can_see_event(by, event):
        raise PermissionDenied
    if organisation.verification != Organisation.Verification.VERIFIED:
        raise field_error(
            "organisation",
            _("Only members of a verified organisation can register."),
            code="organisation_not_verified",
        )
    # Lock the event: of two registrations for the last place, one waits.
    current = locked_event(event)
    _check_open(current, by)
    _check_attendance(current, attendance)
    languages = list(languages)
    if set(languages) - set(language_codes()):
        raise field_error(
            "languages",
            _("Languages can be German, Romanian or English."),
            code="invalid_language",
        )
    registration = Registration(
        event=current,
        user=by,
        organisation=organisation,
        offer=offer.strip(),
        seek=seek.strip(),
        languages=languages,
        attendance=attendance,
        state=_state_for_new_place(current),
    )
    registration.full_clean()
    registration.save()
    return registration


def _places_taken(event: Event) -> int:
    return event.registrations.filter(state__in=HOLDING_PLACE).count()


def _state_for_new_place(event: Event) -> str:
    if event.capacity is not None and _places_taken(event) >= event.capacity:
        return RegState.WAITLISTED
    return RegState.APPROVED if event.approve_automatically else RegState.PENDING


@transaction.atomic
def approve_registration(*, registration: Registration, by: User) -> Registration:
    """Approve a pending or waitlisted registration.

    Raises PermissionDenied or ValidationError ``not_pending`` or ``event_full``
    (a waitlisted registration needs a free place).
    """
    if not permissions.can_manage_event(by, registration.event):
        raise PermissionDenied
    event = locked_event(registration.event)
    current = Registration.objects.select_for_update(of=("self",)).get(
        pk=registration.pk
    )
    if current.state not in {RegState.PENDING, RegState.WAITLISTED}:
        raise ValidationError(
            _("Only a pending or waitlisted registration can be approved."),
            code="not_pending",
        )
    if (
        current.state == RegState.WAITLISTED
        and event.capacity is not None
        and _places_taken(event) >= event.capacity
    ):
        raise ValidationError(_("The event is full."), code="event_full")
    before = current.state
    from_waitlist = current.state == RegState.WAITLISTED
    current.state = RegState.APPROVED
    current.decided_at = timezone.now()
    current.save(update_fields=["state", "decided_at"])
    if permissions.acts_as_coordinator(by, event):
        record_event_act(
            audit_actions.REGISTRATION_APPROVED,
            event,
            by,
            target=current,
            changes={"state": (before, current.state)},
        )
    notifications.registration_decided(
        registration=current,
        event=event,
        decision="approved",
        actor=by,
        from_waitlist=from_waitlist,
    )
    registration.state, registration.decided_at = current.state, current.decided_at
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration, by: User) -> Registration:
    """Cancel the registration, its open requests and scheduled meetings; the
    first waitlisted registration takes the freed place.

    Raises PermissionDenied or ValidationError ``already_cancelled``.
    """
    if not permissions.can_act_for_registration(by, registration):
        raise PermissionDenied
    event = locked_event(registration.event)
    current = Registration.objects.select_for_update(of=("self",)).get(
        pk=registration.pk
    )
    if current.state == RegState.CANCELLED:
        raise ValidationError(
            _("This registration is already cancelled."), code="already_cancelled"
        )
    before = current.state
    held_place = current.state in HOLDING_PLACE
    now = timezone.now()
    current.state = RegState.CANCELLED
    current.decided_at = now
    current.save(update_fields=["state", "decided_at"])
    if current.user_id != by.pk and permissions.acts_as_coordinator(by, event):
        record_event_act(
            audit_actions.REGISTRATION_CANCELLED,
            event,
            by,
            target=current,
            changes={"state": (before, current.state)},
        )
    mine = Q(requester=current) | Q(invitee=current)
    dropped = list(
        Meeting.objects.filter(
            Q(request__requester=current) | Q(request__invitee=current),
            state=MeetingState.SCHEDULED,
        ).select_related(*notifications.MEETING_RELATED)
    )
    Meeting.objects.filter(pk__in=[m.pk for m in dropped]).update(
        state=MeetingState.CANCELLED, updated_at=now
    )
    MeetingRequest.objects.filter(mine, state__in=OPEN_REQUEST).update(
        state=RequestState.CANCELLED, answered_at=now
    )
    # The other participants; ``by`` is skipped.
    notifications.meetings_cancelled(meetings=dropped, actor=by, skip=current)
    if current.user_id != by.pk:
        notifications.registration_decided(
            registration=current, event=event, decision="cancelled", actor=by
        )
    promoted = _promote_waitlisted(event) if held_place else None
    if promoted is not None and promoted.is_approved:
        notifications.registration_decided(
            registration=promoted,
            event=event,
            decision="approved",
            actor=by,
            from_waitlist=True,
        )
    registration.state, registration.decided_at = current.state, current.decided_at
    return registration


def _promote_waitlisted(event: Event) -> Registration | None:
    if event.capacity is not None and _places_taken(event) >= event.capacity:
        return None
    first = (
        event.registrations.select_for_update(of=("self",))
        .filter(state=RegState.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.state = RegState.APPROVED if event.approve_automatically else RegState.PENDING
    first.decided_at = timezone.now()
    first.save(update_fields=["state", "decided_at"])
    return first


@transaction.atomic
def set_availability(
    *, registration: Registration, slots: Iterable[Slot], by: User
) -> list[Slot]:
    """Replace the slots in which the participant can meet; returns them by time.

    Raises PermissionDenied or ValidationError ``other_event`` (a slot of
    another event) or ``registration_cancelled``.
    """
    if not permissions.can_act_for_registration(by, registration):
        raise PermissionDenied
    if registration.state == RegState.CANCELLED:
        raise ValidationError(
            _("This registration is cancelled."), code="registration_cancelled"
        )
    chosen = {slot.pk: slot for slot in slots}
    own = set(
        Slot.objects.filter(
            pk__in=chosen, session__event_id=registration.event_id
        ).values_list("pk", flat=True)
    )
    if own != set(chosen):
        raise field_error(
            "slots",
            _("Choose slots of this event only."),
            code="other_event",
        )
    registration.availabilities.exclude(slot_id__in=own).delete()
    existing = set(registration.availabilities.values_list("slot_id", flat=True))
    Availability.objects.bulk_create(
        Availability(registration=registration, slot_id=pk) for pk in own - existing
    )
    return sorted(chosen.values(), key=lambda slot: (slot.starts_at, slot.pk))
