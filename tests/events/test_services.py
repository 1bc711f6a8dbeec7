import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tandem.directory.models import Organisation
from tandem.events import selectors, services
from tandem.events.models import Event, Meeting, MeetingRequest, Registration
from tests.events.conftest import TODAY, make_event, participant, past
from tests.factories import CityFactory, CoordinatorRoleFactory, OrganisationFactory
from tests.helpers import error_codes, field_codes

pytestmark = pytest.mark.django_db

RegState = Registration.State


# Events


def test_create_event_is_a_draft(partnership, dortmund_city, coordinator):
    event = make_event(
        by=coordinator,
        partnership=partnership,
        city=dortmund_city,
        title_translations={"de": " Matchmaking-Tag ", "en": "ignored"},
    )

    assert (event.status, event.created_by, event.title_translations) == (
        Event.Status.DRAFT,
        coordinator,
        {"de": "Matchmaking-Tag"},
    )


def test_create_event_ends_before_start(partnership, dortmund_city, coordinator):
    with pytest.raises(ValidationError) as exc_info:
        make_event(
            by=coordinator,
            partnership=partnership,
            city=dortmund_city,
            ends_on=TODAY - datetime.timedelta(days=1),
        )

    assert error_codes(exc_info) == ["end_before_start"]


def test_create_event_bad_time_zone(partnership, dortmund_city, coordinator):
    with pytest.raises(ValidationError) as exc_info:
        make_event(
            by=coordinator,
            partnership=partnership,
            city=dortmund_city,
            time_zone="Europe/Dortmund",
        )

    assert error_codes(exc_info) == ["invalid_time_zone"]


def test_create_event_bad_url_template(partnership, dortmund_city, coordinator):
    with pytest.raises(ValidationError) as exc_info:
        make_event(
            by=coordinator,
            partnership=partnership,
            city=dortmund_city,
            meeting_url_template="https://meet.jit.si/{room}",
        )

    assert error_codes(exc_info) == ["invalid_url_template"]


def test_create_event_outside_partnership(partnership, coordinator):
    vienna = CityFactory(slug="vienna")
    vienna_coordinator = CoordinatorRoleFactory(city=vienna).user

    with pytest.raises(ValidationError) as exc_info:
        make_event(by=vienna_coordinator, partnership=partnership, city=vienna)

    assert error_codes(exc_info) == ["city_outside_partnership"]


def test_update_event(draft_event, coordinator):
    services.update_event(event=draft_event, by=coordinator, title=" New ", capacity=5)

    draft_event.refresh_from_db()
    assert (draft_event.title, draft_event.capacity) == ("New", 5)


def test_update_event_refused_leaves_the_event_as_it_was(draft_event, coordinator):
    before = (draft_event.title, draft_event.starts_on, draft_event.ends_on)

    with pytest.raises(ValidationError) as exc_info:
        services.update_event(
            event=draft_event,
            by=coordinator,
            title="Moved",
            starts_on=TODAY + datetime.timedelta(days=2),
        )

    assert error_codes(exc_info) == ["end_before_start"]
    assert (draft_event.title, draft_event.starts_on, draft_event.ends_on) == before
    draft_event.refresh_from_db()
    assert (draft_event.title, draft_event.starts_on, draft_event.ends_on) == before


def test_update_event_saves_only_what_changed(draft_event, coordinator):
    updated_at = draft_event.updated_at
    same = {"title": draft_event.title, "capacity": draft_event.capacity}

    services.update_event(event=draft_event, by=coordinator, **same)

    draft_event.refresh_from_db()
    assert draft_event.updated_at == updated_at


def test_update_event_refuses_unknown_fields(draft_event, coordinator):
    with pytest.raises(TypeError):
        services.update_event(event=draft_event, by=coordinator, status="published")


def test_publish_event_twice(event, coordinator):
    with pytest.raises(ValidationError) as exc_info:
        services.publish_event(event=event, by=coordinator)

    assert error_codes(exc_info) == ["not_draft"]


def test_cancel_event_cancels_meetings(
    event, coordinator, accepted_request, available, slots, anna
):
    meeting = services.book_meeting(request=accepted_request, slot=slots[0], by=anna)

    services.cancel_event(event=event, by=coordinator)

    meeting.refresh_from_db()
    assert (event.status, meeting.state) == (
        Event.Status.CANCELLED,
        Meeting.State.CANCELLED,
    )


def test_cancel_event_twice(event, coordinator):
    services.cancel_event(event=event, by=coordinator)

    with pytest.raises(ValidationError) as exc_info:
        services.cancel_event(event=event, by=coordinator)

    assert error_codes(exc_info) == ["already_cancelled"]


# Sessions


def test_add_session_generates_slots_in_utc(session):
    times = [
        (slot.starts_at.isoformat(), slot.ends_at.isoformat())
        for slot in session.slots.order_by("starts_at")
    ]

    # 10:00 in Dortmund in May is 08:00 UTC; 20 minutes each, 10 between.
    assert times == [
        ("2030-05-14T08:00:00+00:00", "2030-05-14T08:20:00+00:00"),
        ("2030-05-14T08:30:00+00:00", "2030-05-14T08:50:00+00:00"),
        ("2030-05-14T09:00:00+00:00", "2030-05-14T09:20:00+00:00"),
    ]


def test_add_session_outside_event(event, coordinator):
    with pytest.raises(ValidationError) as exc_info:
        services.add_session(
            event=event,
            by=coordinator,
            title="Later",
            date=TODAY + datetime.timedelta(days=1),
            start_time=datetime.time(10, 0),
            slot_minutes=20,
            break_minutes=5,
            slot_count=2,
            tables=3,
        )

    assert error_codes(exc_info) == ["date_outside_event"]


def test_add_session_overlapping(session, event, coordinator):
    with pytest.raises(ValidationError) as exc_info:
        services.add_session(
            event=event,
            by=coordinator,
            title="Clash",
            date=TODAY,
            start_time=datetime.time(11, 0),
            slot_minutes=20,
            break_minutes=5,
            slot_count=2,
            tables=3,
        )

    assert error_codes(exc_info) == ["slots_overlap"]


def test_add_session_by_participant(event, anna, anna_reg):
    with pytest.raises(PermissionDenied):
        services.add_session(
            event=event,
            by=anna,
            title="Mine",
            date=TODAY,
            start_time=datetime.time(14, 0),
            slot_minutes=20,
            break_minutes=5,
            slot_count=2,
            tables=3,
        )


# Registration


def test_register_is_approved(anna_reg, anna, dortmund_org):
    assert (anna_reg.user, anna_reg.organisation, anna_reg.state) == (
        anna,
        dortmund_org,
        RegState.APPROVED,
    )


def test_register_pending_when_organisers_approve(
    event, coordinator, anna, dortmund_org
):
    services.update_event(event=event, by=coordinator, approve_automatically=False)

    registration = services.register(event=event, by=anna, organisation=dortmund_org)

    assert registration.state == RegState.PENDING


def test_register_twice(anna_reg, event, anna, dortmund_org):
    with pytest.raises(ValidationError) as exc_info:
        services.register(event=event, by=anna, organisation=dortmund_org)

    assert error_codes(exc_info) == ["already_registered"]


def test_register_again_after_cancelling(anna_reg, event, anna, dortmund_org):
    services.cancel_registration(registration=anna_reg, by=anna)

    again = services.register(event=event, by=anna, organisation=dortmund_org)

    assert again.state == RegState.APPROVED


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(-120, -60), (60, 120)],
    ids=["closed", "not_yet_open"],
)
def test_register_outside_window(event, coordinator, anna, dortmund_org, opens, closes):
    now = timezone.now()
    services.update_event(
        event=event,
        by=coordinator,
        registration_opens_at=now + datetime.timedelta(minutes=opens),
        registration_closes_at=now + datetime.timedelta(minutes=closes),
    )

    with pytest.raises(ValidationError) as exc_info:
        services.register(event=event, by=anna, organisation=dortmund_org)

    assert error_codes(exc_info) == ["registration_closed"]


def test_register_for_cancelled_event(event, coordinator, anna, dortmund_org):
    services.cancel_event(event=event, by=coordinator)

    with pytest.raises(ValidationError) as exc_info:
        services.register(event=event, by=anna, organisation=dortmund_org)

    assert error_codes(exc_info) == ["event_not_open"]


def test_register_unverified_organisation(event, dortmund_city):
    pending = OrganisationFactory(
        city=dortmund_city, verification=Organisation.Verification.PENDING
    )

    with pytest.raises(ValidationError) as exc_info:
        services.register(event=event, by=participant(pending), organisation=pending)

    assert error_codes(exc_info) == ["organisation_not_verified"]


def test_register_for_another_organisation(event, anna, cluj_org):
    with pytest.raises(PermissionDenied):
        services.register(event=event, by=anna, organisation=cluj_org)


def test_register_anonymous(event, dortmund_org):
    with pytest.raises(PermissionDenied):
        services.register(event=event, by=AnonymousUser(), organisation=dortmund_org)


def test_register_online_at_on_site_event(event, anna, dortmund_org):
    with pytest.raises(ValidationError) as exc_info:
        services.register(
            event=event,
            by=anna,
            organisation=dortmund_org,
            attendance=Registration.Attendance.ONLINE,
        )

    assert error_codes(exc_info) == ["on_site_only"]


def test_capacity_waitlists_and_cancelling_promotes(
    event, coordinator, anna_reg, anna, bogdan, cluj_org
):
    services.update_event(event=event, by=coordinator, capacity=1)
    carla = participant(cluj_org)
    waiting_1 = services.register(event=event, by=bogdan, organisation=cluj_org)
    waiting_2 = services.register(event=event, by=carla, organisation=cluj_org)

    services.cancel_registration(registration=anna_reg, by=anna)

    waiting_1.refresh_from_db()
    waiting_2.refresh_from_db()
    assert (waiting_1.state, waiting_2.state) == (
        RegState.APPROVED,
        RegState.WAITLISTED,
    )


def test_cancelling_a_waitlisted_registration_promotes_nobody(
    event, coordinator, anna_reg, bogdan, cluj_org
):
    services.update_event(event=event, by=coordinator, capacity=1)
    carla = participant(cluj_org)
    waiting_1 = services.register(event=event, by=bogdan, organisation=cluj_org)
    waiting_2 = services.register(event=event, by=carla, organisation=cluj_org)

    services.cancel_registration(registration=waiting_1, by=bogdan)

    waiting_2.refresh_from_db()
    assert waiting_2.state == RegState.WAITLISTED


def test_approve_registration(event, coordinator, anna, dortmund_org):
    services.update_event(event=event, by=coordinator, approve_automatically=False)
    registration = services.register(event=event, by=anna, organisation=dortmund_org)

    services.approve_registration(registration=registration, by=coordinator)

    registration.refresh_from_db()
    assert registration.state == RegState.APPROVED


def test_approve_registration_twice(anna_reg, coordinator):
    with pytest.raises(ValidationError) as exc_info:
        services.approve_registration(registration=anna_reg, by=coordinator)

    assert error_codes(exc_info) == ["not_pending"]


def test_approve_waitlisted_when_full(event, coordinator, anna_reg, bogdan, cluj_org):
    services.update_event(event=event, by=coordinator, capacity=1)
    waiting = services.register(event=event, by=bogdan, organisation=cluj_org)

    with pytest.raises(ValidationError) as exc_info:
        services.approve_registration(registration=waiting, by=coordinator)

    assert error_codes(exc_info) == ["event_full"]


def test_approve_registration_by_participant(anna_reg, bogdan):
    with pytest.raises(PermissionDenied):
        services.approve_registration(registration=anna_reg, by=bogdan)


def test_cancel_registration_twice(anna_reg, anna):
    services.cancel_registration(registration=anna_reg, by=anna)

    with pytest.raises(ValidationError) as exc_info:
        services.cancel_registration(registration=anna_reg, by=anna)

    assert error_codes(exc_info) == ["already_cancelled"]


def test_cancel_registration_by_someone_else(anna_reg, bogdan):
    with pytest.raises(PermissionDenied):
        services.cancel_registration(registration=anna_reg, by=bogdan)


def test_cancel_registration_cancels_requests(accepted_request, anna_reg, anna):
    services.cancel_registration(registration=anna_reg, by=anna)

    accepted_request.refresh_from_db()
    assert accepted_request.state == MeetingRequest.State.CANCELLED


# Availability


def test_set_availability_replaces(anna_reg, anna, slots):
    services.set_availability(registration=anna_reg, slots=slots[:2], by=anna)

    chosen = services.set_availability(registration=anna_reg, slots=slots[1:], by=anna)

    assert chosen == slots[1:]
    assert sorted(anna_reg.availabilities.values_list("slot_id", flat=True)) == [
        slot.pk for slot in slots[1:]
    ]


def test_set_availability_other_event(
    anna_reg, anna, partnership, dortmund_city, coordinator
):
    other = make_event(by=coordinator, partnership=partnership, city=dortmund_city)
    other_session = services.add_session(
        event=other,
        by=coordinator,
        title="Other",
        date=TODAY,
        start_time=datetime.time(10, 0),
        slot_minutes=20,
        break_minutes=5,
        slot_count=1,
        tables=1,
    )

    with pytest.raises(ValidationError) as exc_info:
        services.set_availability(
            registration=anna_reg, slots=list(other_session.slots.all()), by=anna
        )

    assert error_codes(exc_info) == ["other_event"]


# Meeting requests


def test_request_meeting(anna_reg, bogdan_reg, anna):
    request = services.request_meeting(
        requester=anna_reg, invitee=bogdan_reg, by=anna, priority="must"
    )

    assert (request.state, request.priority, request.set_by_organiser) == (
        MeetingRequest.State.PENDING,
        MeetingRequest.Priority.MUST,
        False,
    )


def test_request_meeting_set_by_organiser(anna_reg, bogdan_reg, coordinator):
    request = services.request_meeting(
        requester=anna_reg, invitee=bogdan_reg, by=coordinator
    )

    assert (request.state, request.set_by_organiser) == (
        MeetingRequest.State.ACCEPTED,
        True,
    )


def test_request_meeting_with_oneself(anna_reg, anna):
    with pytest.raises(ValidationError) as exc_info:
        services.request_meeting(requester=anna_reg, invitee=anna_reg, by=anna)

    assert error_codes(exc_info) == ["self_meeting"]


def test_request_meeting_other_event(
    anna_reg, anna, bogdan, cluj_org, partnership, dortmund_city, coordinator
):
    other = make_event(by=coordinator, partnership=partnership, city=dortmund_city)
    services.publish_event(event=other, by=coordinator)
    elsewhere = services.register(event=other, by=bogdan, organisation=cluj_org)

    with pytest.raises(ValidationError) as exc_info:
        services.request_meeting(requester=anna_reg, invitee=elsewhere, by=anna)

    assert error_codes(exc_info) == ["other_event"]


def test_request_meeting_duplicate(anna_reg, bogdan_reg, anna, bogdan):
    services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)

    with pytest.raises(ValidationError) as exc_info:
        services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)

    assert error_codes(exc_info) == ["duplicate"]


def test_crossing_requests_make_one_mutual_meeting(anna_reg, bogdan_reg, anna, bogdan):
    first = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)

    crossing = services.request_meeting(
        requester=bogdan_reg, invitee=anna_reg, by=bogdan, priority="must"
    )

    assert crossing.pk == first.pk
    assert (crossing.state, crossing.mutual, crossing.priority) == (
        "accepted",
        True,
        "must",
    )
    assert MeetingRequest.objects.count() == 1
    # Anna hears that Bogdan wants to meet too.
    assert anna.notifications.filter(kind="meeting_request_answered").exists()


def test_requesting_again_after_acceptance_is_a_duplicate(
    accepted_request, anna_reg, bogdan_reg, bogdan
):
    with pytest.raises(ValidationError) as exc_info:
        services.request_meeting(requester=bogdan_reg, invitee=anna_reg, by=bogdan)

    assert error_codes(exc_info) == ["duplicate"]


def test_request_meeting_again_after_decline_is_refused(
    anna_reg, bogdan_reg, anna, bogdan
):
    first = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)
    services.answer_meeting_request(request=first, accept=False, by=bogdan)

    with pytest.raises(ValidationError) as exc_info:
        services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)

    assert error_codes(exc_info) == ["declined_before"]
    assert MeetingRequest.objects.count() == 1


def test_request_meeting_after_reregistering_still_respects_the_decline(
    event, anna_reg, bogdan_reg, anna, bogdan, dortmund_org
):
    first = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)
    services.answer_meeting_request(request=first, accept=False, by=bogdan)
    services.cancel_registration(registration=anna_reg, by=anna)
    again = services.register(event=event, by=anna, organisation=dortmund_org)

    with pytest.raises(ValidationError) as exc_info:
        services.request_meeting(requester=again, invitee=bogdan_reg, by=anna)

    assert error_codes(exc_info) == ["declined_before"]


def test_who_declined_may_still_ask_the_other(anna_reg, bogdan_reg, anna, bogdan):
    first = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)
    services.answer_meeting_request(request=first, accept=False, by=bogdan)

    theirs = services.request_meeting(requester=bogdan_reg, invitee=anna_reg, by=bogdan)

    assert (theirs.requester, theirs.state) == (bogdan_reg, "pending")


def test_organisers_set_a_meeting_after_a_decline(
    anna_reg, bogdan_reg, anna, bogdan, coordinator
):
    first = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)
    services.answer_meeting_request(request=first, accept=False, by=bogdan)

    set_ = services.request_meeting(
        requester=anna_reg, invitee=bogdan_reg, by=coordinator
    )

    assert (set_.state, set_.set_by_organiser) == ("accepted", True)


def test_request_meeting_not_approved(
    event, coordinator, anna_reg, anna, bogdan, cluj_org
):
    services.update_event(event=event, by=coordinator, approve_automatically=False)
    pending = services.register(event=event, by=bogdan, organisation=cluj_org)

    with pytest.raises(ValidationError) as exc_info:
        services.request_meeting(requester=anna_reg, invitee=pending, by=anna)

    assert error_codes(exc_info) == ["not_approved"]


def test_request_meeting_for_someone_else(anna_reg, bogdan_reg, bogdan):
    with pytest.raises(PermissionDenied):
        services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=bogdan)


@pytest.mark.parametrize("accept", [True, False])
def test_answer_meeting_request(anna_reg, bogdan_reg, anna, bogdan, accept):
    request = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)

    services.answer_meeting_request(request=request, accept=accept, by=bogdan)

    request.refresh_from_db()
    expected = (
        MeetingRequest.State.ACCEPTED if accept else MeetingRequest.State.DECLINED
    )
    assert request.state == expected


def test_answer_meeting_request_twice(accepted_request, bogdan):
    with pytest.raises(ValidationError) as exc_info:
        services.answer_meeting_request(
            request=accepted_request, accept=False, by=bogdan
        )

    assert error_codes(exc_info) == ["already_answered"]


def test_answer_meeting_request_by_requester(anna_reg, bogdan_reg, anna):
    request = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)

    with pytest.raises(PermissionDenied):
        services.answer_meeting_request(request=request, accept=True, by=anna)


# Booking


def test_book_meeting_first_free_table(accepted_request, available, slots, anna):
    meeting = services.book_meeting(request=accepted_request, slot=slots[1], by=anna)

    assert (meeting.slot, meeting.table, meeting.online, meeting.state) == (
        slots[1],
        1,
        False,
        Meeting.State.SCHEDULED,
    )


def _second_pair(event, slots, cluj_org, dortmund_org):
    """Two more approved participants, available everywhere, with an accepted request."""
    dora, emil = participant(dortmund_org), participant(cluj_org)
    dora_reg = services.register(event=event, by=dora, organisation=dortmund_org)
    emil_reg = services.register(event=event, by=emil, organisation=cluj_org)
    services.set_availability(registration=dora_reg, slots=slots, by=dora)
    services.set_availability(registration=emil_reg, slots=slots, by=emil)
    request = services.request_meeting(requester=dora_reg, invitee=emil_reg, by=dora)
    services.answer_meeting_request(request=request, accept=True, by=emil)
    return request, dora


def test_book_meeting_table_taken(
    event, accepted_request, available, slots, anna, cluj_org, dortmund_org
):
    services.book_meeting(request=accepted_request, slot=slots[0], by=anna, table=2)
    other_request, dora = _second_pair(event, slots, cluj_org, dortmund_org)

    with pytest.raises(ValidationError) as exc_info:
        services.book_meeting(request=other_request, slot=slots[0], by=dora, table=2)

    assert error_codes(exc_info) == ["table_taken"]
    assert Meeting.objects.filter(slot=slots[0]).count() == 1


def test_book_meeting_no_free_table(
    event, accepted_request, available, slots, anna, cluj_org, dortmund_org, coordinator
):
    services.book_meeting(request=accepted_request, slot=slots[0], by=anna)
    first, dora = _second_pair(event, slots, cluj_org, dortmund_org)
    services.book_meeting(request=first, slot=slots[0], by=dora)
    third, fritz = _second_pair(event, slots, cluj_org, dortmund_org)

    with pytest.raises(ValidationError) as exc_info:
        services.book_meeting(request=third, slot=slots[0], by=fritz)

    assert error_codes(exc_info) == ["no_free_table"]


def test_book_meeting_invalid_table(accepted_request, available, slots, anna):
    with pytest.raises(ValidationError) as exc_info:
        services.book_meeting(request=accepted_request, slot=slots[0], by=anna, table=3)

    assert error_codes(exc_info) == ["invalid_table"]


def test_book_meeting_participant_busy(
    event, accepted_request, available, slots, anna, anna_reg, cluj_org
):
    services.book_meeting(request=accepted_request, slot=slots[0], by=anna)
    carla = participant(cluj_org)
    carla_reg = services.register(event=event, by=carla, organisation=cluj_org)
    services.set_availability(registration=carla_reg, slots=slots, by=carla)
    second = services.request_meeting(requester=anna_reg, invitee=carla_reg, by=anna)
    services.answer_meeting_request(request=second, accept=True, by=carla)

    with pytest.raises(ValidationError) as exc_info:
        services.book_meeting(request=second, slot=slots[0], by=carla)

    assert error_codes(exc_info) == ["participant_busy"]


def test_book_meeting_not_available(
    accepted_request, anna_reg, bogdan_reg, slots, anna, bogdan
):
    services.set_availability(registration=anna_reg, slots=slots, by=anna)
    services.set_availability(registration=bogdan_reg, slots=slots[1:], by=bogdan)

    with pytest.raises(ValidationError) as exc_info:
        services.book_meeting(request=accepted_request, slot=slots[0], by=anna)

    assert error_codes(exc_info) == ["not_available"]


def test_book_meeting_not_accepted(anna_reg, bogdan_reg, available, slots, anna):
    request = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)

    with pytest.raises(ValidationError) as exc_info:
        services.book_meeting(request=request, slot=slots[0], by=anna)

    assert error_codes(exc_info) == ["not_accepted"]


def test_book_meeting_twice(accepted_request, available, slots, anna):
    services.book_meeting(request=accepted_request, slot=slots[0], by=anna)

    with pytest.raises(ValidationError) as exc_info:
        services.book_meeting(request=accepted_request, slot=slots[1], by=anna)

    assert error_codes(exc_info) == ["already_booked"]


def test_book_meeting_organiser_scheduled(
    event, coordinator, accepted_request, available, slots, anna
):
    services.update_event(
        event=event, by=coordinator, booking_mode=Event.BookingMode.ORGANISER_SCHEDULED
    )
    accepted_request.event.refresh_from_db()

    with pytest.raises(PermissionDenied):
        services.book_meeting(request=accepted_request, slot=slots[0], by=anna)
    meeting = services.book_meeting(
        request=accepted_request, slot=slots[0], by=coordinator
    )

    assert meeting.table == 1


def test_book_online_meeting_has_a_link(
    partnership, coordinator, cluj_org, dortmund_org, anna, bogdan
):
    event = make_event(by=coordinator, partnership=partnership, city=None, online=True)
    services.publish_event(event=event, by=coordinator)
    session = services.add_session(
        event=event,
        by=coordinator,
        title="Online",
        date=TODAY,
        start_time=datetime.time(10, 0),
        slot_minutes=20,
        break_minutes=5,
        slot_count=1,
        online_rooms=5,
    )
    slot = session.slots.get()
    online = Registration.Attendance.ONLINE
    regs = [
        services.register(event=event, by=user, organisation=org, attendance=online)
        for user, org in [(anna, dortmund_org), (bogdan, cluj_org)]
    ]
    services.set_availability(registration=regs[0], slots=[slot], by=anna)
    services.set_availability(registration=regs[1], slots=[slot], by=bogdan)
    request = services.request_meeting(requester=regs[0], invitee=regs[1], by=anna)
    services.answer_meeting_request(request=request, accept=True, by=bogdan)

    meeting = services.book_meeting(request=request, slot=slot, by=bogdan)

    assert (meeting.online, meeting.table, meeting.meeting_url) == (
        True,
        None,
        f"https://meet.jit.si/tandem-{event.pk}-{meeting.pk}",
    )


# After the meeting


@pytest.fixture
def meeting(accepted_request, available, slots, anna):
    return services.book_meeting(request=accepted_request, slot=slots[0], by=anna)


def _started(meeting):
    meeting.slot.starts_at, meeting.slot.ends_at = past(60), past(40)
    meeting.slot.save()


def test_mark_meeting_held(meeting, bogdan):
    _started(meeting)

    services.mark_meeting_held(meeting=meeting, by=bogdan)

    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.HELD


def test_mark_meeting_held_before_it_starts(meeting, bogdan):
    with pytest.raises(ValidationError) as exc_info:
        services.mark_meeting_held(meeting=meeting, by=bogdan)

    assert error_codes(exc_info) == ["not_started"]


def test_mark_meeting_held_twice(meeting, bogdan):
    _started(meeting)
    services.mark_meeting_held(meeting=meeting, by=bogdan)

    with pytest.raises(ValidationError) as exc_info:
        services.mark_meeting_held(meeting=meeting, by=bogdan)

    assert error_codes(exc_info) == ["not_scheduled"]


def test_mark_meeting_held_by_outsider(meeting, cluj_org):
    with pytest.raises(PermissionDenied):
        services.mark_meeting_held(meeting=meeting, by=participant(cluj_org))


def test_rate_meeting_each_side(meeting, anna, bogdan):
    _started(meeting)
    services.mark_meeting_held(meeting=meeting, by=anna)

    services.rate_meeting(meeting=meeting, rating=5, by=anna)
    services.rate_meeting(meeting=meeting, rating=3, by=bogdan)

    meeting.refresh_from_db()
    assert (meeting.requester_rating, meeting.invitee_rating) == (5, 3)


def test_rate_meeting_not_held(meeting, anna):
    with pytest.raises(ValidationError) as exc_info:
        services.rate_meeting(meeting=meeting, rating=5, by=anna)

    assert error_codes(exc_info) == ["not_held"]


def test_rate_meeting_out_of_range(meeting, anna):
    _started(meeting)
    services.mark_meeting_held(meeting=meeting, by=anna)

    with pytest.raises(ValidationError) as exc_info:
        services.rate_meeting(meeting=meeting, rating=6, by=anna)

    assert error_codes(exc_info) == ["invalid_rating"]


def test_rate_meeting_by_organiser(meeting, coordinator):
    with pytest.raises(PermissionDenied):
        services.rate_meeting(meeting=meeting, rating=5, by=coordinator)


# Selectors


def test_visible_events_for_anonymous(event, partnership, dortmund_city, coordinator):
    make_event(by=coordinator, partnership=partnership, city=dortmund_city)  # draft
    invited = make_event(
        by=coordinator,
        partnership=partnership,
        city=dortmund_city,
        visibility=Event.Visibility.INVITED,
    )
    services.publish_event(event=invited, by=coordinator)

    assert list(selectors.visible_events(viewer=AnonymousUser())) == [event]


def test_visible_events_for_partner_city_member(
    event, partnership, dortmund_city, coordinator, bogdan
):
    draft = make_event(by=coordinator, partnership=partnership, city=dortmund_city)
    invited = make_event(
        by=coordinator,
        partnership=partnership,
        city=dortmund_city,
        visibility=Event.Visibility.INVITED,
    )
    services.publish_event(event=invited, by=coordinator)

    seen = list(selectors.visible_events(viewer=bogdan))
    coordinator_sees = list(selectors.visible_events(viewer=coordinator))

    assert seen == [event, invited]
    assert coordinator_sees == [event, draft, invited]


def test_event_registrations_for_organisers_only(
    anna_reg, bogdan_reg, event, coordinator, anna
):
    assert list(selectors.event_registrations(event=event, viewer=coordinator)) == [
        anna_reg,
        bogdan_reg,
    ]
    assert list(selectors.event_registrations(event=event, viewer=anna)) == []


def test_agenda_ordered_by_slot(
    event, accepted_request, available, slots, anna, anna_reg, bogdan, cluj_org
):
    later = services.book_meeting(request=accepted_request, slot=slots[2], by=anna)
    carla = participant(cluj_org)
    carla_reg = services.register(event=event, by=carla, organisation=cluj_org)
    services.set_availability(registration=carla_reg, slots=slots, by=carla)
    request = services.request_meeting(requester=anna_reg, invitee=carla_reg, by=anna)
    services.answer_meeting_request(request=request, accept=True, by=carla)
    earlier = services.book_meeting(request=request, slot=slots[0], by=carla)

    assert list(selectors.agenda(viewer=anna)) == [earlier, later]
    assert list(selectors.agenda(viewer=bogdan)) == [later]


@pytest.mark.parametrize(
    "template",
    [
        "javascript:alert(document.cookie)//{event}-{meeting}",
        "JavaScript:alert(1)",
        "http://meet.example.org/{meeting}",
        "data:text/html,<script>alert(1)</script>",
        "//meet.example.org/{meeting}",
        "https:///{meeting}",
    ],
)
def test_a_video_link_template_must_be_an_https_link(
    partnership, dortmund_city, coordinator, template
):
    event = make_event(by=coordinator, partnership=partnership, city=dortmund_city)

    with pytest.raises(ValidationError) as exc_info:
        services.update_event(
            event=event, by=coordinator, meeting_url_template=template
        )

    assert field_codes(exc_info) == {"meeting_url_template": ["invalid_url_template"]}
    event.refresh_from_db()
    assert event.meeting_url_template == "https://meet.jit.si/tandem-{event}-{meeting}"
