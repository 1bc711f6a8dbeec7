"""Every write to events, their sessions, registrations, requests and meetings.

Each service checks ``tandem.events.permissions``, validates and saves. Rows
whose count or state decides the outcome are locked with ``select_for_update``
so two requests at once apply one after the other.
"""

import datetime
import zoneinfo
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.collaboration.models import ContactRequest
from tandem.collaboration.services import request_contact
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.events import notifications, permissions
from tandem.events.models import (
    AllowedOrganiser,
    Availability,
    CalendarFeedKey,
    Event,
    Meeting,
    MeetingRequest,
    ProgrammeItem,
    Registration,
    Session,
    Slot,
)
from tandem.i18n import clean_translations, language_codes, writing_language
from tandem.partnerships.models import Area, City, Partnership

Status = Event.Status
RegState = Registration.State
RequestState = MeetingRequest.State
MeetingState = Meeting.State

# Registrations that hold a place at the event.
HOLDING_PLACE = (RegState.PENDING, RegState.APPROVED)
OPEN_REQUEST = (RequestState.PENDING, RequestState.ACCEPTED)

EVENT_FIELDS = (
    "title",
    "description",
    "language",
    "title_translations",
    "description_translations",
    "kind",
    "city",
    "online",
    "time_zone",
    "starts_on",
    "ends_on",
    "registration_opens_at",
    "registration_closes_at",
    "capacity",
    "approve_automatically",
    "visibility",
    "booking_mode",
    "max_meetings",
    "meeting_url_template",
    "organiser",
)


def _check_place(*, partnership: Partnership, city: City | None, online: bool) -> None:
    if city is not None and city.pk not in {
        partnership.city_a_id,
        partnership.city_b_id,
    }:
        raise field_error(
            "city",
            _("The event takes place in one of the partner cities."),
            code="city_outside_partnership",
        )
    if city is None and not online:
        raise field_error(
            "city",
            _("An event takes place in a city or online."),
            code="city_or_online",
        )


def _check_organiser(event: Event, organiser: Organisation | None) -> None:
    partnership = event.partnership
    if organiser is not None and organiser.city_id not in {
        partnership.city_a_id,
        partnership.city_b_id,
    }:
        raise field_error(
            "organiser",
            _("The organiser must be an organisation of a partner city."),
            code="organiser_outside_partnership",
        )


def _check_organiser_chosen_by(
    by: User, *, partnership: Partnership, city: City | None, organiser: Any
) -> None:
    """Coordinators choose any organisation of a partner city, or none; members
    of allowed organisations choose one of those."""
    if permissions.coordinates_event_cities(by, partnership=partnership, city=city):
        return
    mine = permissions.organising_organisations(by, partnership=partnership)
    if organiser is None or not mine.filter(pk=organiser.pk).exists():
        raise field_error(
            "organiser",
            _(
                "Choose one of your organisations that the coordinators allowed "
                "to organise events."
            ),
            code="organiser_not_allowed",
        )


def _locked_event(event: Event) -> Event:
    return Event.objects.select_for_update(of=("self",)).get(pk=event.pk)


@transaction.atomic
def create_event(
    *,
    by: User,
    partnership: Partnership,
    title: str,
    language: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    time_zone: str,
    city: City | None = None,
    online: bool = False,
    description: str = "",
    kind: str = Event.Kind.MATCHMAKING_DAY,
    title_translations: Mapping[str, str] | None = None,
    description_translations: Mapping[str, str] | None = None,
    registration_opens_at: datetime.datetime | None = None,
    registration_closes_at: datetime.datetime | None = None,
    capacity: int | None = None,
    approve_automatically: bool = True,
    visibility: str = Event.Visibility.PUBLIC,
    booking_mode: str = Event.BookingMode.SELF_BOOKING,
    max_meetings: int | None = None,
    meeting_url_template: str = "",
    organiser: Organisation | None = None,
    areas: Iterable[Area] = (),
) -> Event:
    """A draft event.

    Raises PermissionDenied (neither a coordinator of the city, or of either
    partnership city for an online event, nor a member who organises for an
    allowed organisation) or ValidationError (``organiser_not_allowed``: such a
    member chooses one of those organisations as organiser).
    """
    if not permissions.can_create_event(by, partnership=partnership, city=city):
        raise PermissionDenied
    _check_place(partnership=partnership, city=city, online=online)
    _check_organiser_chosen_by(
        by, partnership=partnership, city=city, organiser=organiser
    )
    event = Event(
        partnership=partnership,
        title=title.strip(),
        description=description.strip(),
        language=language,
        title_translations=clean_translations(
            title_translations, field="title_translations", language=language
        ),
        description_translations=clean_translations(
            description_translations,
            field="description_translations",
            language=language,
        ),
        kind=kind,
        city=city,
        online=online,
        time_zone=time_zone,
        starts_on=starts_on,
        ends_on=ends_on,
        registration_opens_at=registration_opens_at,
        registration_closes_at=registration_closes_at,
        capacity=capacity,
        approve_automatically=approve_automatically,
        visibility=visibility,
        booking_mode=booking_mode,
        max_meetings=max_meetings or settings.TANDEM_EVENT_MAX_MEETINGS,
        meeting_url_template=meeting_url_template.strip(),
        organiser=organiser,
        created_by=by,
    )
    _check_organiser(event, organiser)
    event.full_clean()
    event.save()
    event.areas.set(list(areas))
    return event


@transaction.atomic
def update_event(*, event: Event, by: User, **fields: Any) -> Event:
    """Change the fields given (and ``areas``).

    Raises PermissionDenied (only coordinators, staff and members of an allowed
    organiser move the event to another city or change the organiser) or
    ValidationError.
    """
    if not permissions.can_manage_event(by, event):
        raise PermissionDenied
    areas = fields.pop("areas", None)
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    coordinator_only = {"city", "online", "organiser"} & set(fields)
    if coordinator_only and not permissions.can_coordinate_event(by, event):
        raise PermissionDenied
    language = fields.get("language", event.language)
    for field in ("title_translations", "description_translations"):
        if field in fields:
            fields[field] = clean_translations(
                fields[field], field=field, language=language
            )
    for field in ("title", "description", "meeting_url_template"):
        if field in fields:
            fields[field] = fields[field].strip()
    if "city" in fields or "online" in fields:
        city = fields.get("city", event.city)
        if city is not None and not permissions.can_create_event(
            by, partnership=event.partnership, city=city
        ):
            raise PermissionDenied
        _check_place(
            partnership=event.partnership,
            city=city,
            online=fields.get("online", event.online),
        )
    if "organiser" in fields:
        _check_organiser(event, fields["organiser"])
        _check_organiser_chosen_by(
            by,
            partnership=event.partnership,
            city=fields.get("city", event.city),
            organiser=fields["organiser"],
        )
    before = {f: getattr(event, f) for f in fields}
    for field, value in fields.items():
        setattr(event, field, value)
    event.full_clean()
    changed = [f for f in fields if getattr(event, f) != before[f]]
    if changed:
        event.save(update_fields=[*changed, "updated_at"])
    if areas is not None:
        event.areas.set(list(areas))
    return event


@transaction.atomic
def publish_event(*, event: Event, by: User) -> Event:
    """Open a draft event. Raises PermissionDenied or ValidationError
    ``not_draft``."""
    if not permissions.can_coordinate_event(by, event):
        raise PermissionDenied
    current = _locked_event(event)
    if current.status != Status.DRAFT:
        raise ValidationError(
            _("Only a draft event can be published."), code="not_draft"
        )
    current.status = Status.PUBLISHED
    current.save(update_fields=["status", "updated_at"])
    event.status, event.updated_at = current.status, current.updated_at
    return event


@transaction.atomic
def cancel_event(*, event: Event, by: User) -> Event:
    """Cancel the event and its scheduled meetings.

    Raises PermissionDenied or ValidationError ``already_cancelled``.
    """
    if not permissions.can_coordinate_event(by, event):
        raise PermissionDenied
    current = _locked_event(event)
    if current.status == Status.CANCELLED:
        raise ValidationError(
            _("The event is already cancelled."), code="already_cancelled"
        )
    current.status = Status.CANCELLED
    current.save(update_fields=["status", "updated_at"])
    Meeting.objects.filter(event=current, state=MeetingState.SCHEDULED).update(
        state=MeetingState.CANCELLED, updated_at=timezone.now()
    )
    notifications.event_cancelled(event=current, actor=by)
    event.status, event.updated_at = current.status, current.updated_at
    return event


@transaction.atomic
def add_session(
    *,
    event: Event,
    by: User,
    title: str,
    date: datetime.date,
    start_time: datetime.time,
    slot_minutes: int,
    break_minutes: int,
    slot_count: int,
    tables: int = 0,
    online_rooms: int = 0,
) -> Session:
    """A session and its slots, read in the event's time zone and stored in UTC.

    Raises PermissionDenied, or ValidationError (``date_outside_event``,
    ``slots_overlap`` with another session of the event).
    """
    if not permissions.can_manage_event(by, event):
        raise PermissionDenied
    session = Session(
        event=event,
        title=title.strip(),
        date=date,
        start_time=start_time,
        slot_minutes=slot_minutes,
        break_minutes=break_minutes,
        slot_count=slot_count,
        tables=tables,
        online_rooms=online_rooms,
    )
    session.full_clean()
    if not event.starts_on <= date <= event.ends_on:
        raise field_error(
            "date",
            _("The session must be on a day of the event."),
            code="date_outside_event",
        )
    zone = zoneinfo.ZoneInfo(event.time_zone)
    start = datetime.datetime.combine(date, start_time, tzinfo=zone)
    step = datetime.timedelta(minutes=slot_minutes + break_minutes)
    length = datetime.timedelta(minutes=slot_minutes)
    times = [(start + i * step, start + i * step + length) for i in range(slot_count)]
    overlapping = Slot.objects.filter(
        session__event=event, starts_at__lt=times[-1][1], ends_at__gt=times[0][0]
    )
    if overlapping.exists():
        raise ValidationError(
            _("The slots overlap those of another session of the event."),
            code="slots_overlap",
        )
    session.save()
    utc = datetime.UTC
    Slot.objects.bulk_create(
        Slot(
            session=session,
            starts_at=begin.astimezone(utc),
            ends_at=end.astimezone(utc),
        )
        for begin, end in times
    )
    return session


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
    current = _locked_event(event)
    if current.status != Status.PUBLISHED:
        raise ValidationError(
            _("This event takes no registrations."), code="event_not_open"
        )
    if not current.registration_is_open():
        raise ValidationError(
            _("Registration for this event is closed."), code="registration_closed"
        )
    if current.registrations.filter(user=by).exclude(state=RegState.CANCELLED).exists():
        raise ValidationError(
            _("You are already registered for this event."),
            code="already_registered",
        )
    if current.city_id is None and attendance != Registration.Attendance.ONLINE:
        raise field_error(
            "attendance", _("This event is online only."), code="online_only"
        )
    if not current.online and attendance == Registration.Attendance.ONLINE:
        raise field_error(
            "attendance", _("This event is on site only."), code="on_site_only"
        )
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
    event = _locked_event(registration.event)
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
    from_waitlist = current.state == RegState.WAITLISTED
    current.state = RegState.APPROVED
    current.decided_at = timezone.now()
    current.save(update_fields=["state", "decided_at"])
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
    event = _locked_event(registration.event)
    current = Registration.objects.select_for_update(of=("self",)).get(
        pk=registration.pk
    )
    if current.state == RegState.CANCELLED:
        raise ValidationError(
            _("This registration is already cancelled."), code="already_cancelled"
        )
    held_place = current.state in HOLDING_PLACE
    now = timezone.now()
    current.state = RegState.CANCELLED
    current.decided_at = now
    current.save(update_fields=["state", "decided_at"])
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
    the two, in either direction, that is not a crossing one).
    """
    event = requester.event
    by_organiser = permissions.can_manage_event(by, event)
    if not (permissions.owns_registration(by, requester) or by_organiser):
        raise PermissionDenied
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
        # Both asked: the other side's waiting request is accepted at once.
        crossing.state = RequestState.ACCEPTED
        crossing.answered_at = timezone.now()
        crossing.mutual = True
        if priority == MeetingRequest.Priority.MUST:
            crossing.priority = MeetingRequest.Priority.MUST
        crossing.save(update_fields=["state", "answered_at", "mutual", "priority"])
        notifications.meeting_request_answered(request=crossing, actor=by)
        return crossing
    pair = Q(requester=requester, invitee=invitee) | Q(
        requester=invitee, invitee=requester
    )
    if MeetingRequest.objects.filter(pair, state__in=OPEN_REQUEST).exists():
        raise ValidationError(
            _("A meeting between you two is already requested."), code="duplicate"
        )
    request = MeetingRequest(
        event=event,
        requester=requester,
        invitee=invitee,
        priority=priority,
        message=message.strip(),
        language=writing_language(by),
        set_by_organiser=by_organiser
        and not permissions.owns_registration(by, requester),
    )
    if request.set_by_organiser:
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
    current = MeetingRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if current.state != RequestState.ACCEPTED:
        raise ValidationError(
            _("Only an accepted request can be booked."), code="not_accepted"
        )
    if Meeting.objects.filter(request=current).exists():
        raise ValidationError(
            _("This meeting is already booked."), code="already_booked"
        )
    session = slot.session
    if session.event_id != event.pk:
        raise field_error("slot", _("Choose a slot of this event."), code="other_event")
    people = [current.requester_id, current.invitee_id]
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
    busy = Meeting.objects.filter(
        slot=slot,
        state=MeetingState.SCHEDULED,
    ).filter(Q(request__requester_id__in=people) | Q(request__invitee_id__in=people))
    if busy.exists():
        raise field_error(
            "slot",
            _("A participant already has a meeting in this slot."),
            code="participant_busy",
        )
    # An online-only event has no city; in a hybrid one either side may be online.
    online = (
        event.city_id is None
        or Registration.objects.filter(
            pk__in=people, attendance=Registration.Attendance.ONLINE
        ).exists()
    )
    if online:
        table = None
    else:
        used = {meeting.table for meeting in taken if meeting.table is not None}
        if table is None:
            free = [t for t in range(1, session.tables + 1) if t not in used]
            if not free:
                raise field_error(
                    "slot",
                    _("No table is free in this slot."),
                    code="no_free_table",
                )
            table = free[0]
        elif not 1 <= table <= session.tables:
            raise field_error(
                "table",
                _("This session has tables 1 to %(tables)s.")
                % {"tables": session.tables},
                code="invalid_table",
            )
        elif table in used:
            raise field_error(
                "table",
                _("Table %(table)s is taken in this slot.") % {"table": table},
                code="table_taken",
            )
    meeting = Meeting(
        event=event,
        request=current,
        slot=slot,
        table=table,
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


# --- Follow-ups


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


# --- Sessions and programme


@transaction.atomic
def delete_session(*, session: Session, by: User) -> None:
    """Delete the session, its slots and the availability ticked in them.

    Cancelled meetings in its slots go with it. Raises PermissionDenied or
    ValidationError ``session_has_meetings`` (a slot has a scheduled or held
    meeting: cancel or move those first).
    """
    if not permissions.can_manage_event(by, session.event):
        raise PermissionDenied
    # Lock the slots: a meeting booked into one at the same time waits for
    # the deletion (book_meeting locks the slot too) and then fails.
    slot_ids = list(
        Slot.objects.select_for_update(of=("self",))
        .filter(session=session)
        .values_list("pk", flat=True)
    )
    meetings = Meeting.objects.filter(slot_id__in=slot_ids)
    if meetings.filter(state__in=[MeetingState.SCHEDULED, MeetingState.HELD]).exists():
        raise ValidationError(
            _("Meetings take place in this session: cancel or move them first."),
            code="session_has_meetings",
        )
    meetings.delete()  # cancelled ones, which would protect their slots
    session.delete()


@transaction.atomic
def add_programme_item(
    *,
    event: Event,
    by: User,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    description: str = "",
) -> ProgrammeItem:
    """A talk, visit or break on the event's days (in the event's time zone).

    Raises PermissionDenied or ValidationError: ``outside_event``,
    ``end_before_start``.
    """
    if not permissions.can_manage_event(by, event):
        raise PermissionDenied
    zone = zoneinfo.ZoneInfo(event.time_zone)
    first = datetime.datetime.combine(event.starts_on, datetime.time(), tzinfo=zone)
    after_last = datetime.datetime.combine(
        event.ends_on + datetime.timedelta(days=1), datetime.time(), tzinfo=zone
    )
    if not first <= starts_at < after_last:
        raise field_error(
            "starts_at",
            _("The programme item must be on a day of the event."),
            code="outside_event",
        )
    if ends_at > after_last:
        raise field_error(
            "ends_at",
            _("The programme item must end by the end of the event's last day."),
            code="outside_event",
        )
    item = ProgrammeItem(
        event=event,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        description=description.strip(),
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def delete_programme_item(*, item: ProgrammeItem, by: User) -> None:
    """Raises PermissionDenied."""
    if not permissions.can_manage_event(by, item.event):
        raise PermissionDenied
    item.delete()


# --- Organisations allowed to organise events -----------------------------------


@transaction.atomic
def allow_organiser(*, organisation: Organisation, by: User) -> AllowedOrganiser:
    """Let the organisation's owners and editors create, publish and run events.

    Raises PermissionDenied (not a coordinator of its city) or ValidationError
    ``not_verified`` or ``already_allowed``.
    """
    if not permissions.can_allow_organiser(by, organisation):
        raise PermissionDenied
    if organisation.verification != Organisation.Verification.VERIFIED:
        raise field_error(
            "organisation",
            _("Only a verified organisation can organise events."),
            code="not_verified",
        )
    permit, created = AllowedOrganiser.objects.get_or_create(
        organisation=organisation, defaults={"allowed_by": by}
    )
    if not created:
        raise field_error(
            "organisation",
            _("%(organisation)s may already organise events.")
            % {"organisation": organisation.name},
            code="already_allowed",
        )
    notifications.organiser_permission_changed(
        organisation=organisation, allowed=True, actor=by
    )
    return permit


@transaction.atomic
def withdraw_organiser(*, organisation: Organisation, by: User) -> None:
    """Its events stay; their organisers manage them, the coordinators publish,
    cancel and move them. Raises PermissionDenied or ValidationError
    ``not_allowed``."""
    if not permissions.can_allow_organiser(by, organisation):
        raise PermissionDenied
    deleted, _rows = AllowedOrganiser.objects.filter(organisation=organisation).delete()
    if not deleted:
        raise ValidationError(
            _("%(organisation)s was not allowed to organise events.")
            % {"organisation": organisation.name},
            code="not_allowed",
        )
    notifications.organiser_permission_changed(
        organisation=organisation, allowed=False, actor=by
    )


# --- Personal calendar feeds --------------------------------------------------


@transaction.atomic
def renew_calendar_feeds(*, by: User) -> CalendarFeedKey:
    """New addresses for all the user's personal calendar feeds; the old ones
    stop working (for a leaked address)."""
    key, _created = CalendarFeedKey.objects.select_for_update().get_or_create(user=by)
    key.generation += 1
    key.renewed_at = timezone.now()
    key.save(update_fields=["generation", "renewed_at"])
    return key
