import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from tandem.accounts.models import Membership
from tandem.collaboration.models import ContactRequest
from tandem.events import services
from tandem.events.models import Event, Meeting, MeetingRequest, Registration
from tandem.events.templatetags.tandem_events import format_event_time
from tandem.matching.services import encode_missing
from tests.events.conftest import make_event, participant, past
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.helpers import assert_constant_queries, error_codes

pytestmark = pytest.mark.django_db


def _url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def _text(response):
    return response.content.decode()


def _booked(request, slot, by, **kwargs):
    return services.book_meeting(request=request, slot=slot, by=by, **kwargs)


@pytest.fixture
def meeting(accepted_request, available, slots, anna):
    return _booked(accepted_request, slots[0], anna, table=1)


def _started(meeting):
    meeting.slot.starts_at, meeting.slot.ends_at = past(60), past(40)
    meeting.slot.save()


# Registration


def test_register_through_the_form_is_approved(client, event, anna, dortmund_org):
    client.force_login(anna)
    page = client.get(_url("events:register", event.pk))
    assert [c[0] for c in page.context["form"].fields["attendance"].choices] == [
        "on_site"
    ]

    response = client.post(
        _url("events:register", event.pk),
        {
            "organisation": dortmund_org.pk,
            "offer": "Soil sensors",
            "seek": "Farms to test them",
            "languages": ["de", "en"],
            "attendance": "on_site",
        },
        follow=True,
    )

    registration = Registration.objects.get(event=event, user=anna)
    assert (registration.state, registration.languages, registration.offer) == (
        "approved",
        ["de", "en"],
        "Soil sensors",
    )
    assert response.redirect_chain[-1][0] == _url("events:availability", event.pk)
    assert "You are registered." in _text(response)


def test_the_event_page_tells_a_waiting_participant_their_place_in_line(
    client, event, coordinator, anna_reg, anna, bogdan, cluj_org
):
    services.update_event(event=event, by=coordinator, capacity=1)
    carla = participant(cluj_org)
    services.register(event=event, by=bogdan, organisation=cluj_org)
    services.register(event=event, by=carla, organisation=cluj_org)
    line = "You are number %s on the waiting list."

    client.force_login(carla)
    assert line % 2 in _text(client.get(_url("events:event_detail", event.pk)))
    services.cancel_registration(registration=anna_reg, by=anna)  # Bogdan moves in
    assert line % 1 in _text(client.get(_url("events:event_detail", event.pk)))
    client.force_login(bogdan)
    assert "on the waiting list" not in _text(
        client.get(_url("events:event_detail", event.pk))
    )


def test_register_without_automatic_approval_waits(
    client, partnership, dortmund_city, coordinator, anna, dortmund_org
):
    event = make_event(
        by=coordinator,
        partnership=partnership,
        city=dortmund_city,
        approve_automatically=False,
    )
    services.publish_event(event=event, by=coordinator)
    client.force_login(anna)

    response = client.post(
        _url("events:register", event.pk),
        {"organisation": dortmund_org.pk, "attendance": "on_site"},
        follow=True,
    )

    assert Registration.objects.get(event=event, user=anna).state == "pending"
    assert response.redirect_chain[-1][0] == _url("events:event_detail", event.pk)
    assert "The organisers approve registrations themselves" in _text(response)


def test_register_twice_shows_the_error(client, anna_reg, anna, dortmund_org):
    client.force_login(anna)

    response = client.post(
        _url("events:register", anna_reg.event_id),
        {"organisation": dortmund_org.pk, "attendance": "on_site"},
    )

    assert response.status_code == 422
    assert error_codes(response.context["form"].non_field_errors()) == [
        "already_registered"
    ]
    assert "You are already registered for this event." in _text(response)
    assert Registration.objects.filter(user=anna).count() == 1


def test_register_explains_an_unverified_organisation(client, event, dortmund_city):
    pending = OrganisationFactory(
        city=dortmund_city, name="Neu GmbH", verification="pending"
    )
    user = MembershipFactory(organisation=pending).user
    client.force_login(user)

    response = client.get(_url("events:register", event.pk))

    assert response.context["has_organisations"] is False
    assert response.context["unverified"] == [pending]
    assert 'name="organisation"' not in _text(response)


def test_cancel_registration_asks_first(client, anna_reg, anna):
    client.force_login(anna)
    url = _url("events:registration_cancel", anna_reg.event_id)

    asked = client.post(url)
    anna_reg.refresh_from_db()
    assert (asked.status_code, anna_reg.state) == (200, "approved")

    client.post(url, {"confirm": "yes"})
    anna_reg.refresh_from_db()
    assert anna_reg.state == "cancelled"


# Availability


def test_availability_saves_the_ticked_slots(client, anna_reg, anna, slots):
    client.force_login(anna)
    url = _url("events:availability", anna_reg.event_id)

    client.post(url, {"slots": [slots[0].pk, slots[2].pk]})

    ticked = set(anna_reg.availabilities.values_list("slot_id", flat=True))
    assert ticked == {slots[0].pk, slots[2].pk}
    form = client.get(url).context["form"]
    assert sorted(form.initial["slots"]) == sorted([slots[0].pk, slots[2].pk])


def test_availability_ticks_a_whole_session(client, anna_reg, anna, session, slots):
    client.force_login(anna)

    client.post(
        _url("events:availability", anna_reg.event_id),
        {"slots": [slots[0].pk], "select_session": str(session.pk)},
    )

    ticked = set(anna_reg.availabilities.values_list("slot_id", flat=True))
    assert ticked == {slot.pk for slot in slots}


# Participants and requests


def test_request_a_meeting_from_the_participant_list(
    client, anna_reg, bogdan_reg, anna
):
    client.force_login(anna)
    list_url = _url("events:participants", anna_reg.event_id)
    rows = client.get(list_url).context["rows"]
    assert [row.registration for row in rows] == [bogdan_reg]
    assert rows[0].form is not None

    response = client.post(
        _url("events:meeting_request_create", anna_reg.event_id, bogdan_reg.pk),
        {
            f"meet-{bogdan_reg.pk}-priority": "must",
            f"meet-{bogdan_reg.pk}-message": "Let us talk about sensors.",
        },
    )

    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert (request.requester, request.invitee, request.priority, request.message) == (
        anna_reg,
        bogdan_reg,
        "must",
        "Let us talk about sensors.",
    )
    row = client.get(list_url).context["rows"][0]
    assert (row.request, row.form) == (request, None)


def test_a_request_message_is_marked_with_its_authors_language(
    client, anna_reg, bogdan_reg, anna, bogdan
):
    anna.preferred_language = "de"
    anna.save(update_fields=["preferred_language"])
    client.force_login(anna)
    client.post(
        _url("events:meeting_request_create", anna_reg.event_id, bogdan_reg.pk),
        {
            f"meet-{bogdan_reg.pk}-priority": "like",
            f"meet-{bogdan_reg.pk}-message": "Reden wir über Sensoren.",
        },
    )

    client.force_login(bogdan)
    page = _text(client.get(_url("events:requests", anna_reg.event_id)))
    assert '<blockquote class="user-text" lang="de">Reden wir über Sensoren.' in page


def test_request_from_htmx_returns_the_row(client, anna_reg, bogdan_reg, anna):
    client.force_login(anna)

    response = client.post(
        _url("events:meeting_request_create", anna_reg.event_id, bogdan_reg.pk),
        {f"meet-{bogdan_reg.pk}-priority": "like"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response.context["row"].request.state == "pending"
    assert _text(response).lstrip().startswith("<li")


def test_second_request_shows_duplicate(client, accepted_request, anna, bogdan_reg):
    client.force_login(anna)

    response = client.post(
        _url("events:meeting_request_create", bogdan_reg.event_id, bogdan_reg.pk),
        {f"meet-{bogdan_reg.pk}-priority": "like"},
    )

    assert response.status_code == 422
    assert error_codes(response.context["row"].form.non_field_errors()) == ["duplicate"]


def _declined(anna_reg, bogdan_reg, anna, bogdan):
    first = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)
    return services.answer_meeting_request(request=first, accept=False, by=bogdan)


def test_after_a_decline_the_list_offers_no_second_request(
    client, anna_reg, bogdan_reg, anna, bogdan
):
    declined = _declined(anna_reg, bogdan_reg, anna, bogdan)
    client.force_login(anna)

    row = client.get(_url("events:participants", anna_reg.event_id)).context["rows"][0]

    assert (row.request, row.form) == (declined, None)


def test_who_declined_is_offered_to_ask_the_other(
    client, anna_reg, bogdan_reg, anna, bogdan
):
    declined = _declined(anna_reg, bogdan_reg, anna, bogdan)
    client.force_login(bogdan)

    row = client.get(_url("events:participants", anna_reg.event_id)).context["rows"][0]

    assert row.request == declined
    assert row.form is not None


@pytest.mark.parametrize("htmx", [False, True])
def test_a_forced_request_after_a_decline_shows_the_refusal(
    client, anna_reg, bogdan_reg, anna, bogdan, htmx
):
    _declined(anna_reg, bogdan_reg, anna, bogdan)
    client.force_login(anna)

    response = client.post(
        _url("events:meeting_request_create", anna_reg.event_id, bogdan_reg.pk),
        {f"meet-{bogdan_reg.pk}-priority": "like"},
        headers={"HX-Request": "true"} if htmx else {},
    )

    assert response.status_code == 422
    assert error_codes(response.context["row"].form.errors) == ["declined_before"]
    assert "declined your earlier request" in _text(response)
    assert MeetingRequest.objects.count() == 1


def test_participant_list_filters_by_city_and_text(
    client, anna_reg, bogdan_reg, event, dortmund_city
):
    other = OrganisationFactory(city=dortmund_city, name="Stadtwerke Dortmund")
    carol = participant(other)
    carol_reg = services.register(
        event=event, by=carol, organisation=other, offer="District heating"
    )
    client.force_login(anna_reg.user)
    url = _url("events:participants", event.pk)

    by_city = client.get(url, {"city": "dortmund"}).context["rows"]
    by_text = client.get(url, {"q": "heating"}).context["rows"]

    assert [row.registration for row in by_city] == [carol_reg]
    assert [row.registration for row in by_text] == [carol_reg]


def test_participant_list_marks_suggested_partners(
    client, anna_reg, bogdan_reg, event, dortmund_city
):
    # An organisation of the viewer's own city is never a suggested partner.
    other = OrganisationFactory(city=dortmund_city, name="Stadtwerke Dortmund")
    services.register(event=event, by=participant(other), organisation=other)
    encode_missing()
    client.force_login(anna_reg.user)

    response = client.get(_url("events:participants", event.pk))

    marked = {
        row.registration.organisation.name: row.suggested
        for row in response.context["rows"]
    }
    assert marked == {"Agro Cluj": True, "Stadtwerke Dortmund": False}
    assert _text(response).count("Suggested for you") == 1


def test_participant_list_queries_do_not_grow(client, anna_reg, event, cluj_city):
    asked = []

    def add_participant():
        organisation = OrganisationFactory(city=cluj_city)
        registration = services.register(
            event=event, by=participant(organisation), organisation=organisation
        )
        request = services.request_meeting(
            requester=anna_reg, invitee=registration, by=anna_reg.user
        )
        if len(asked) % 2:  # some declined, some waiting
            services.answer_meeting_request(
                request=request, accept=False, by=registration.user
            )
        asked.append(registration)
        encode_missing()

    client.force_login(anna_reg.user)
    url = _url("events:participants", event.pk)
    client.get(url)  # warms the matching index

    assert_constant_queries(add_participant, lambda: client.get(url))
    assert len(client.get(url).context["rows"]) == 3


def test_invitee_accepts(client, anna_reg, bogdan_reg, anna, bogdan):
    request = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)
    client.force_login(bogdan)
    page = client.get(_url("events:requests", bogdan_reg.event_id))
    assert [row.request for row in page.context["received"]] == [request]
    assert 'Accept<span class="visually-hidden"> the request from' in _text(page)

    client.post(
        _url("events:request_answer", bogdan_reg.event_id, request.pk),
        {"answer": "accept"},
    )

    request.refresh_from_db()
    assert request.state == "accepted"


def test_booking_puts_the_meeting_on_both_agendas(
    client, accepted_request, available, slots, anna, bogdan, event
):
    client.force_login(anna)
    page = client.get(_url("events:requests", event.pk))
    form = page.context["sent"][0].booking_form
    assert [choice for choice, _label in form.fields["slot"].choices] == [
        slot.pk for slot in slots
    ]
    prefix = f"book-{accepted_request.pk}"

    response = client.post(
        _url("events:request_book", event.pk, accepted_request.pk),
        {f"{prefix}-slot": slots[1].pk, f"{prefix}-table": "2"},
    )

    meeting = Meeting.objects.get()
    assert (meeting.slot, meeting.table) == (slots[1], 2)
    assert response.url == _url("events:agenda", event.pk) + f"#meeting-{meeting.pk}"
    for person in (anna, bogdan):
        client.force_login(person)
        agenda = client.get(_url("events:agenda", event.pk))
        assert [row.meeting for row in agenda.context["rows"]] == [meeting]
        assert "Table 2 (Morning)" in _text(agenda)


def test_booking_a_taken_table_shows_table_taken(
    client, accepted_request, available, slots, anna, event, dortmund_org, cluj_org
):
    carol, dan = participant(dortmund_org), participant(cluj_org)
    carol_reg = services.register(event=event, by=carol, organisation=dortmund_org)
    dan_reg = services.register(event=event, by=dan, organisation=cluj_org)
    other = services.request_meeting(requester=carol_reg, invitee=dan_reg, by=carol)
    services.answer_meeting_request(request=other, accept=True, by=dan)
    _booked(other, slots[0], carol, table=1)
    client.force_login(anna)
    prefix = f"book-{accepted_request.pk}"

    response = client.post(
        _url("events:request_book", event.pk, accepted_request.pk),
        {f"{prefix}-slot": slots[0].pk, f"{prefix}-table": "1"},
    )

    assert response.status_code == 422
    assert error_codes(response.context["sent"][0].booking_form.errors["table"]) == [
        "table_taken"
    ]
    assert "Table 1 is taken in this slot." in _text(response)
    assert Meeting.objects.count() == 1


def test_organiser_scheduled_event_offers_no_booking(
    client, accepted_request, event, coordinator, anna
):
    services.update_event(
        event=event, by=coordinator, booking_mode="organiser_scheduled"
    )
    client.force_login(anna)

    response = client.get(_url("events:requests", event.pk))

    assert response.context["sent"][0].booking_form is None
    assert "The organisers will schedule this meeting" in _text(response)


# Agenda


def test_agenda_shows_both_time_zones_for_a_cluj_participant(
    client, meeting, bogdan, anna, event
):
    client.force_login(bogdan)
    text = _text(client.get(_url("events:agenda", event.pk)))
    # 10:00 in Dortmund is 11:00 in Cluj-Napoca.
    assert "11 a.m.–11:20 a.m. (10 a.m.–10:20 a.m. Dortmund time)" in text

    client.force_login(anna)
    text = _text(client.get(_url("events:agenda", event.pk)))
    assert "10 a.m.–10:20 a.m. ·" in text
    assert "Dortmund time" not in text


def test_agenda_empty_explains_self_booking(client, anna_reg, anna, event):
    client.force_login(anna)

    response = client.get(_url("events:agenda", event.pk))

    assert response.context["rows"] == []
    assert "either of you books a time" in _text(response)


def test_mark_held_and_rate(client, meeting, anna, event):
    _started(meeting)
    client.force_login(anna)

    client.post(_url("events:meeting_held", event.pk, meeting.pk))
    client.post(
        _url("events:meeting_rate", event.pk, meeting.pk),
        {f"rate-{meeting.pk}-rating": "4"},
    )

    meeting.refresh_from_db()
    assert (meeting.state, meeting.requester_rating) == ("held", 4)
    page = client.get(_url("events:agenda", event.pk))
    assert "You rated it 4 of 5." in _text(page)
    assert page.context["rows"][0].rating_form.initial == {"rating": 4}


def test_mark_held_before_it_starts_says_so(client, meeting, anna, event):
    client.force_login(anna)

    response = client.post(
        _url("events:meeting_held", event.pk, meeting.pk), follow=True
    )

    meeting.refresh_from_db()
    assert meeting.state == "scheduled"
    assert "The meeting has not started yet." in _text(response)


def test_follow_up_creates_a_contact_request(
    client, meeting, anna, event, dortmund_org, cluj_org
):
    Membership.objects.filter(user=anna).update(role="editor")
    _started(meeting)
    services.mark_meeting_held(meeting=meeting, by=anna)
    client.force_login(anna)

    client.post(
        _url("events:meeting_follow_up", event.pk, meeting.pk),
        {f"follow-{meeting.pk}-message": "Shall we start a pilot?"},
    )

    contact = ContactRequest.objects.get()
    assert (contact.sender, contact.recipient, contact.message) == (
        dortmund_org,
        cluj_org,
        "Shall we start a pilot?",
    )
    meeting.refresh_from_db()
    assert meeting.follow_up == contact
    text = _text(client.get(_url("events:agenda", event.pk)))
    assert contact.get_absolute_url() in text
    assert "?contact=" not in text

    ContactRequest.objects.filter(pk=contact.pk).update(state="accepted")
    text = _text(client.get(_url("events:agenda", event.pk)))
    assert f"{_url('projects:project_create')}?contact={contact.pk}" in text


def test_follow_up_twice_shows_already_followed_up(client, meeting, anna, event):
    Membership.objects.filter(user=anna).update(role="editor")
    _started(meeting)
    services.mark_meeting_held(meeting=meeting, by=anna)
    services.follow_up_meeting(meeting=meeting, by=anna, message="Hello")
    client.force_login(anna)

    response = client.post(
        _url("events:meeting_follow_up", event.pk, meeting.pk),
        {f"follow-{meeting.pk}-message": "Hello again"},
    )

    assert response.status_code == 422
    assert ContactRequest.objects.count() == 1


def test_viewer_of_an_organisation_gets_no_follow_up_form(client, meeting, anna, event):
    _started(meeting)
    services.mark_meeting_held(meeting=meeting, by=anna)
    client.force_login(anna)

    response = client.get(_url("events:agenda", event.pk))

    assert response.context["rows"][0].follow_up_form is None
    assert "an owner or editor of Sensorik Dortmund" in _text(response)


# Access


@pytest.mark.parametrize(
    "name", ["register", "participants", "requests", "agenda", "availability"]
)
def test_outsiders_get_404_for_invited_and_draft_events(
    client, name, partnership, dortmund_city, coordinator, draft_event
):
    invited = make_event(
        by=coordinator,
        partnership=partnership,
        city=dortmund_city,
        visibility=Event.Visibility.INVITED,
    )
    services.publish_event(event=invited, by=coordinator)
    client.force_login(UserFactory())

    assert client.get(_url(f"events:{name}", invited.pk)).status_code == 404
    assert client.get(_url(f"events:{name}", draft_event.pk)).status_code == 404


def test_pages_need_an_approved_registration(client, event, anna):
    client.force_login(anna)

    response = client.get(_url("events:agenda", event.pk), follow=True)

    assert response.redirect_chain[-1][0] == _url("events:event_detail", event.pk)
    assert "Register for the event first." in _text(response)


def test_pages_need_a_login(client, event):
    response = client.get(_url("events:agenda", event.pk))

    assert response.status_code == 302
    assert "login" in response.url


# The follow-up service and the event_time filter


def test_follow_up_needs_a_held_meeting(meeting, anna):
    Membership.objects.filter(user=anna).update(role="editor")

    with pytest.raises(ValidationError) as exc_info:
        services.follow_up_meeting(meeting=meeting, by=anna, message="Hi")

    assert [e.code for e in exc_info.value.error_list] == ["not_held"]


def test_follow_up_only_by_a_participant(meeting, anna, dortmund_org):
    _started(meeting)
    services.mark_meeting_held(meeting=meeting, by=anna)
    outsider = MembershipFactory(organisation=dortmund_org, role="owner").user

    with pytest.raises(PermissionDenied):
        services.follow_up_meeting(meeting=meeting, by=outsider, message="Hi")


def test_follow_up_passes_on_same_city(
    event, dortmund_org, dortmund_city, slots, anna, anna_reg
):
    neighbour = OrganisationFactory(city=dortmund_city)
    carol = MembershipFactory(organisation=neighbour, role="owner").user
    carol_reg = services.register(event=event, by=carol, organisation=neighbour)
    request = services.request_meeting(requester=carol_reg, invitee=anna_reg, by=carol)
    services.answer_meeting_request(request=request, accept=True, by=anna)
    meeting = _booked(request, slots[0], carol)
    _started(meeting)
    services.mark_meeting_held(meeting=meeting, by=carol)

    with pytest.raises(ValidationError) as exc_info:
        services.follow_up_meeting(meeting=meeting, by=carol, message="Hi")

    assert [e.code for e in exc_info.value.error_list] == ["same_city"]
    meeting.refresh_from_db()
    assert meeting.follow_up is None


def test_event_time_names_the_event_city_or_the_zone(event, slots):
    slot = slots[0]  # 10:00 in Dortmund

    def both(time: str, event_time: str, place: str) -> str:
        return translation.gettext("%(time)s (%(event_time)s %(place)s time)") % {
            "time": time,
            "event_time": event_time,
            "place": place,
        }

    with translation.override("de"), timezone.override("Europe/Bucharest"):
        assert format_event_time(slot.starts_at, event) == both(
            "11:00", "10:00", "Dortmund"
        )
        assert format_event_time(slot, event) == both(
            "11:00–11:20", "10:00–10:20", "Dortmund"
        )
    with translation.override("de"), timezone.override("Europe/Berlin"):
        assert format_event_time(slot, event) == "10:00–10:20"
        assert format_event_time(slot.starts_at, "Asia/Tokyo") == both(
            "10:00", "17:00", "JST"
        )
