"""The organisers' pages: create, edit, publish and cancel an event, its
sessions, programme and registrations, set meetings, figures and print pages."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils import timezone, translation

from tandem.errors import ValidationError
from tandem.events import selectors, services
from tandem.events.models import Event, MeetingRequest, ProgrammeItem, Registration
from tests.events.conftest import TODAY, make_event, participant
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _event_data(**overrides):
    data = {
        "title": "Agritech matchmaking",
        "description": "Farms meet sensor makers.",
        "language": "en",
        "title_de": "Agritech-Matchmaking",
        "title_ro": "",
        "title_en": "",
        "description_de": "",
        "description_ro": "Fermele întâlnesc producători de senzori.",
        "description_en": "",
        "kind": "matchmaking_day",
        "city": "",
        "online": "",
        "time_zone": "Europe/Bucharest",
        "starts_on": "2030-05-14",
        "ends_on": "2030-05-15",
        "registration_opens_at": "2030-05-01T09:00",
        "registration_closes_at": "",
        "capacity": "40",
        "approve_automatically": "on",
        "visibility": "public",
        "booking_mode": "organiser_scheduled",
        "max_meetings": "8",
        "meeting_url_template": "https://meet.jit.si/tandem-{event}-{meeting}",
        "organiser": "",
    }
    return data | overrides


@pytest.fixture
def stranger(partnership, cluj_city):
    """An owner of another organisation, who organises nothing."""
    return MembershipFactory(
        organisation=OrganisationFactory(city=cluj_city), role="owner"
    ).user


@pytest.fixture
def booked(event, coordinator, accepted_request, available, slots):
    """Anna (Dortmund) and Bogdan (Cluj-Napoca) meet at a table in the first slot."""
    return services.book_meeting(
        request=accepted_request, slot=slots[0], by=coordinator
    )


# --- Creating and editing


def test_coordinator_creates_a_draft_event_through_the_form(
    client, coordinator, partnership, cluj_city, dortmund_city
):
    client.force_login(coordinator)
    response = client.post(
        _url("events:event_create"), _event_data(city=dortmund_city.pk)
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("events:event_manage", event.pk)
    assert event.status == Event.Status.DRAFT
    assert event.city == dortmund_city
    assert event.title_translations == {"de": "Agritech-Matchmaking"}
    assert event.description_translations == {
        "ro": "Fermele întâlnesc producători de senzori."
    }
    # 09:00 on the event's clock (Cluj-Napoca, UTC+3 in May), whatever the reader's.
    assert event.registration_opens_at == datetime.datetime(2030, 5, 1, 6, tzinfo=UTC)
    assert event.capacity == 40
    assert event.booking_mode == Event.BookingMode.ORGANISER_SCHEDULED
    assert event.max_meetings == 8


def test_create_form_offers_only_the_cities_the_coordinator_coordinates(
    client, coordinator, partnership, dortmund_city
):
    client.force_login(coordinator)
    response = client.get(_url("events:event_create"))
    form = response.context["form"]
    assert list(form.fields["city"].queryset) == [dortmund_city]
    assert [value for value, _label in form.fields["time_zone"].choices] == [
        "Europe/Berlin",
        "Europe/Bucharest",
        "UTC",
    ]


def test_create_with_last_day_before_first_day_shows_the_error(
    client, coordinator, partnership, dortmund_city
):
    client.force_login(coordinator)
    response = client.post(
        _url("events:event_create"),
        _event_data(
            city=dortmund_city.pk, starts_on="2030-05-14", ends_on="2030-05-13"
        ),
    )
    assert response.status_code == 422
    assert response.context["form"].has_error("ends_on", "end_before_start")
    assert 'class="error-summary"' in response.content.decode()
    assert not Event.objects.exists()


def test_create_without_city_or_online_is_refused(client, coordinator, partnership):
    client.force_login(coordinator)
    response = client.post(_url("events:event_create"), _event_data())
    assert response.status_code == 422
    assert response.context["form"].has_error("city", "city_or_online")


def test_online_event_needs_no_city(client, coordinator, partnership):
    client.force_login(coordinator)
    client.post(_url("events:event_create"), _event_data(online="on"))
    event = Event.objects.get()
    assert (event.city, event.online) == (None, True)


def test_members_cannot_create_events(client, owner, partnership):
    client.force_login(owner)
    response = client.get(_url("events:event_create"))
    assert response.status_code == 403


def test_coordinator_edits_the_event(client, coordinator, draft_event):
    client.force_login(coordinator)
    page = client.get(_url("events:event_edit", draft_event.pk))
    assert page.context["form"].initial["title"] == "Matchmaking day Dortmund"
    response = client.post(
        _url("events:event_edit", draft_event.pk),
        _event_data(
            title="Matchmaking day 2030",
            city=draft_event.city_id,
            time_zone="Europe/Berlin",
            starts_on="2030-05-14",
            ends_on="2030-05-14",
        ),
    )
    assert response.status_code == 302
    draft_event.refresh_from_db()
    assert draft_event.title == "Matchmaking day 2030"
    assert draft_event.title_translations == {"de": "Agritech-Matchmaking"}
    # 09:00 Dortmund time is 07:00 UTC in May.
    assert draft_event.registration_opens_at == datetime.datetime(
        2030, 5, 1, 7, tzinfo=UTC
    )


def test_editing_shows_the_registration_window_on_the_event_clock(
    client, coordinator, draft_event
):
    services.update_event(
        event=draft_event,
        by=coordinator,
        registration_closes_at=datetime.datetime(2030, 5, 10, 16, tzinfo=UTC),
    )
    client.force_login(coordinator)
    response = client.get(_url("events:event_edit", draft_event.pk))
    assert 'value="2030-05-10T18:00"' in response.content.decode()


def test_organiser_editor_edits_without_the_coordinators_fields(
    client, coordinator, draft_event, dortmund_org
):
    editor = MembershipFactory(organisation=dortmund_org, role="editor").user
    services.update_event(event=draft_event, by=coordinator, organiser=dortmund_org)
    client.force_login(editor)
    page = client.get(_url("events:event_edit", draft_event.pk))
    assert {"city", "online", "organiser"} & set(page.context["form"].fields) == set()
    data = _event_data(title="Renamed by the organiser", time_zone="Europe/Berlin")
    response = client.post(_url("events:event_edit", draft_event.pk), data)
    assert response.status_code == 302
    draft_event.refresh_from_db()
    assert (draft_event.title, draft_event.organiser) == (
        "Renamed by the organiser",
        dortmund_org,
    )


# --- Publishing and cancelling


def test_coordinator_publishes_the_draft(client, coordinator, draft_event):
    client.force_login(coordinator)
    response = client.post(_url("events:event_publish", draft_event.pk), follow=True)
    draft_event.refresh_from_db()
    assert draft_event.status == Event.Status.PUBLISHED
    assert response.redirect_chain[-1][0] == _url("events:event_manage", draft_event.pk)
    assert len(_messages(response)) == 1


def test_publishing_twice_shows_the_service_error(client, coordinator, event):
    client.force_login(coordinator)
    response = client.post(_url("events:event_publish", event.pk), follow=True)
    assert _messages(response) == ["Only a draft event can be published."]


def test_cancelling_needs_the_confirmation_box(client, coordinator, event):
    client.force_login(coordinator)
    response = client.post(_url("events:event_cancel", event.pk), {})
    assert response.status_code == 422
    assert response.context["form"].has_error("confirm", "required")
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED

    client.post(_url("events:event_cancel", event.pk), {"confirm": "on"})
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED


def test_organiser_editors_cannot_cancel(client, coordinator, event, dortmund_org):
    editor = MembershipFactory(organisation=dortmund_org, role="editor").user
    services.update_event(event=event, by=coordinator, organiser=dortmund_org)
    client.force_login(editor)
    assert client.get(_url("events:event_cancel", event.pk)).status_code == 403
    assert client.get(_url("events:event_manage", event.pk)).status_code == 200


# --- Who may see the organisers' pages

MANAGE_PAGES = [
    "events:event_manage",
    "events:event_edit",
    "events:session_create",
    "events:programme_create",
    "events:organiser_request_create",
    "events:print_agendas",
    "events:print_tables",
]


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_another_organisations_member_gets_404_for_a_draft(
    client, stranger, draft_event, name
):
    client.force_login(stranger)
    assert client.get(_url(name, draft_event.pk)).status_code == 404


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_another_organisations_member_gets_403_for_a_published_event(
    client, stranger, event, name
):
    client.force_login(stranger)
    response = client.get(_url(name, event.pk))
    assert response.status_code == 403
    assert "errors/403.html" in [t.name for t in response.templates]


def test_another_organisation_cannot_approve(client, stranger, event, cluj_org):
    event.approve_automatically = False
    event.save(update_fields=["approve_automatically"])
    registration = services.register(
        event=event, by=participant(cluj_org), organisation=cluj_org
    )
    client.force_login(stranger)
    response = client.post(
        _url("events:registration_approve", event.pk, registration.pk)
    )
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.state == Registration.State.PENDING


def test_anonymous_visitors_are_sent_to_log_in(client, event):
    response = client.get(_url("events:event_manage", event.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- The dashboard


def test_manage_page_shows_the_empty_states(client, coordinator, draft_event):
    client.force_login(coordinator)
    response = client.get(_url("events:event_manage", draft_event.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "No meeting sessions yet." in html
    assert "Nobody has registered yet" in html
    assert "A meeting needs two approved participants." in html
    assert _url("events:event_publish", draft_event.pk) in html


# --- Sessions


def test_adding_a_session_lists_its_slots(client, coordinator, event):
    client.force_login(coordinator)
    response = client.post(
        _url("events:session_create", event.pk),
        {
            "title": "Afternoon",
            "date": "2030-05-14",
            "start_time": "14:00",
            "slot_minutes": "25",
            "break_minutes": "5",
            "slot_count": "3",
            "tables": "4",
            "online_rooms": "0",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == _url("events:event_manage", event.pk) + (
        "#sessions"
    )
    [session] = response.context["sessions"]
    assert [s.starts_at.astimezone(UTC).time() for s in session.slots.all()] == [
        datetime.time(12, 0),
        datetime.time(12, 30),
        datetime.time(13, 0),
    ]
    # The reader (Dortmund) and the event share a clock: one time each.
    html = client.get(_url("events:event_manage", event.pk, lang="de")).content.decode()
    assert "14:00–14:25" in html
    assert "15:00–15:25" in html


def test_session_outside_the_event_days_is_refused(client, coordinator, event):
    client.force_login(coordinator)
    response = client.post(
        _url("events:session_create", event.pk),
        {
            "title": "Too late",
            "date": "2030-06-01",
            "start_time": "10:00",
            "slot_minutes": "20",
            "break_minutes": "5",
            "slot_count": "2",
            "tables": "2",
            "online_rooms": "0",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].has_error("date", "date_outside_event")
    assert not event.sessions.exists()


def test_overlapping_session_is_refused(client, coordinator, event, session):
    client.force_login(coordinator)
    response = client.post(
        _url("events:session_create", event.pk),
        {
            "title": "Overlap",
            "date": TODAY.isoformat(),
            "start_time": "10:30",
            "slot_minutes": "20",
            "break_minutes": "5",
            "slot_count": "2",
            "tables": "2",
            "online_rooms": "0",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].has_error(NON_FIELD_ERRORS, "slots_overlap")


def test_deleting_a_session_without_meetings(client, coordinator, event, session):
    client.force_login(coordinator)
    client.post(_url("events:session_delete", event.pk, session.pk))
    assert not event.sessions.exists()


def test_deleting_a_session_with_a_meeting_is_refused(
    client, coordinator, event, session, booked
):
    client.force_login(coordinator)
    response = client.post(
        _url("events:session_delete", event.pk, session.pk), follow=True
    )
    assert event.sessions.get() == session
    assert _messages(response) == [
        "Meetings take place in this session: cancel or move them first."
    ]


def test_delete_session_service_refuses_with_code(coordinator, session, booked):
    with pytest.raises(ValidationError) as error:
        services.delete_session(session=session, by=coordinator)
    assert error.value.code == "session_has_meetings"


def test_delete_session_removes_cancelled_meetings(
    coordinator, session, booked, anna_reg
):
    services.cancel_registration(registration=anna_reg, by=coordinator)
    services.delete_session(session=session, by=coordinator)
    assert not session.event.meetings.exists()


# --- Programme


def test_adding_and_removing_a_programme_item(client, coordinator, event):
    client.force_login(coordinator)
    client.post(
        _url("events:programme_create", event.pk),
        {
            "title": "Welcome by both mayors",
            "starts_at": "2030-05-14T09:00",
            "ends_at": "2030-05-14T09:30",
            "place": "Rathaus",
            "description": "",
        },
    )
    item = ProgrammeItem.objects.get()
    assert item.starts_at == datetime.datetime(2030, 5, 14, 7, tzinfo=UTC)
    client.post(_url("events:programme_delete", event.pk, item.pk))
    assert not ProgrammeItem.objects.exists()


def test_programme_item_outside_the_event_is_refused(client, coordinator, event):
    client.force_login(coordinator)
    response = client.post(
        _url("events:programme_create", event.pk),
        {
            "title": "Dinner the day after",
            "starts_at": "2030-05-15T19:00",
            "ends_at": "2030-05-15T21:00",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].has_error("starts_at", "outside_event")


def test_programme_item_may_end_at_midnight(coordinator, event):
    zone = datetime.timezone(datetime.timedelta(hours=2))
    item = services.add_programme_item(
        event=event,
        by=coordinator,
        title="Reception",
        starts_at=datetime.datetime(2030, 5, 14, 20, tzinfo=zone),
        ends_at=datetime.datetime(2030, 5, 15, 0, tzinfo=zone),
    )
    assert item.pk is not None


# --- Registrations and meetings


def test_approving_a_pending_registration(
    client, coordinator, event, anna, dortmund_org
):
    services.update_event(event=event, by=coordinator, approve_automatically=False)
    registration = services.register(event=event, by=anna, organisation=dortmund_org)
    client.force_login(coordinator)
    page = client.get(_url("events:event_manage", event.pk))
    assert list(page.context["registrations"]) == [registration]
    assert _url("events:registration_approve", event.pk, registration.pk) in (
        page.content.decode()
    )
    response = client.post(
        _url("events:registration_approve", event.pk, registration.pk), {"page": "1"}
    )
    assert response["Location"] == _url("events:event_manage", event.pk) + (
        "#registrations"
    )
    registration.refresh_from_db()
    assert registration.state == Registration.State.APPROVED


def test_organiser_cancels_a_registration(client, coordinator, event, anna_reg):
    client.force_login(coordinator)
    client.post(_url("events:registration_cancel_by_organiser", event.pk, anna_reg.pk))
    anna_reg.refresh_from_db()
    assert anna_reg.state == Registration.State.CANCELLED


def test_organiser_sets_a_meeting_between_two_participants(
    client, coordinator, event, anna_reg, bogdan_reg
):
    client.force_login(coordinator)
    page = client.get(_url("events:event_manage", event.pk))
    assert page.context["has_pair"] is True
    response = client.post(
        _url("events:organiser_request_create", event.pk),
        {"requester": anna_reg.pk, "invitee": bogdan_reg.pk, "priority": "must"},
    )
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert (request.requester, request.invitee) == (anna_reg, bogdan_reg)
    assert request.state == MeetingRequest.State.ACCEPTED
    assert request.set_by_organiser is True
    assert request.priority == MeetingRequest.Priority.MUST


def test_organiser_sets_a_meeting_the_invitee_once_declined(
    client, coordinator, event, anna_reg, bogdan_reg
):
    asked = services.request_meeting(
        requester=anna_reg, invitee=bogdan_reg, by=anna_reg.user
    )
    services.answer_meeting_request(request=asked, accept=False, by=bogdan_reg.user)
    client.force_login(coordinator)

    response = client.post(
        _url("events:organiser_request_create", event.pk),
        {"requester": anna_reg.pk, "invitee": bogdan_reg.pk, "priority": "must"},
    )

    assert response.status_code == 302
    set_ = MeetingRequest.objects.exclude(pk=asked.pk).get()
    assert (set_.state, set_.set_by_organiser) == ("accepted", True)


def test_setting_a_meeting_twice_shows_the_error(
    client, coordinator, event, accepted_request, anna_reg, bogdan_reg
):
    client.force_login(coordinator)
    response = client.post(
        _url("events:organiser_request_create", event.pk),
        {"requester": bogdan_reg.pk, "invitee": anna_reg.pk, "priority": "like"},
    )
    assert response.status_code == 422
    assert response.context["form"].has_error(NON_FIELD_ERRORS, "duplicate")


def test_a_meeting_with_oneself_is_refused(client, coordinator, event, anna_reg):
    client.force_login(coordinator)
    response = client.post(
        _url("events:organiser_request_create", event.pk),
        {"requester": anna_reg.pk, "invitee": anna_reg.pk, "priority": "like"},
    )
    assert response.status_code == 422
    assert response.context["form"].has_error("invitee", "self_meeting")


# --- Figures


def test_figures_count_registrations_per_city(
    coordinator, event, anna_reg, bogdan_reg, dortmund_org, booked
):
    other = participant(dortmund_org)
    cancelled = services.register(event=event, by=other, organisation=dortmund_org)
    services.cancel_registration(registration=cancelled, by=other)

    figures = selectors.organiser_figures(event)

    assert figures.per_city() == {"dortmund": 1, "cluj-napoca": 1}
    dortmund_row = figures.registrations_by_city[0]
    states = [value for value, _label in figures.registration_states]
    assert dict(zip(states, dortmund_row.counts, strict=True)) == {
        "pending": 0,
        "approved": 1,
        "waitlisted": 0,
        "cancelled": 1,
    }
    assert (figures.registrations, figures.on_site, figures.online) == (2, 2, 0)
    assert figures.requests == 1
    assert (figures.meetings_scheduled, figures.meetings_held) == (1, 0)
    assert figures.average_rating is None


def test_figures_are_on_the_manage_page(client, coordinator, event, anna_reg):
    client.force_login(coordinator)
    response = client.get(_url("events:event_manage", event.pk))
    assert response.context["figures"].per_city() == {"dortmund": 1, "cluj-napoca": 0}
    assert "Registrations by city and state" in response.content.decode()


# --- Printable pages


def test_table_plan_shows_the_scheduled_meeting_at_its_table(
    client, coordinator, event, booked, anna_reg, bogdan_reg
):
    client.force_login(coordinator)
    response = client.get(_url("events:print_tables", event.pk))
    [plan] = response.context["plans"]
    assert plan.table_numbers == (1, 2)
    assert plan.rows[0].tables == (booked, None)
    assert [row.tables for row in plan.rows[1:]] == [(None, None), (None, None)]
    html = response.content.decode()
    assert "Table 1" in html
    assert "Sensorik Dortmund" in html
    assert "Agro Cluj" in html


def test_agendas_show_each_participants_meeting(
    client, coordinator, event, booked, anna_reg, bogdan_reg
):
    client.force_login(coordinator)
    response = client.get(_url("events:print_agendas", event.pk, lang="de"))
    sheets = {sheet.registration: sheet for sheet in response.context["sheets"]}
    assert [line.other for line in sheets[anna_reg].lines] == [bogdan_reg]
    assert [line.other for line in sheets[bogdan_reg].lines] == [anna_reg]
    assert sheets[anna_reg].lines[0].meeting.table == 1
    html = response.content.decode()
    assert html.count("10:00–10:20") == 2


def test_print_pages_without_meetings_say_so(client, coordinator, event, anna_reg):
    client.force_login(coordinator)
    agendas = client.get(_url("events:print_agendas", event.pk))
    tables = client.get(_url("events:print_tables", event.pk))
    assert "No meetings are scheduled yet." in agendas.content.decode()
    assert "The event has no meeting sessions yet." in tables.content.decode()


def test_online_meeting_shows_its_link_on_the_agenda(
    client, coordinator, partnership, session
):
    online_event = make_event(
        by=coordinator, partnership=partnership, city=None, online=True
    )
    services.publish_event(event=online_event, by=coordinator)
    services.add_session(
        event=online_event,
        by=coordinator,
        title="Online",
        date=TODAY,
        start_time=datetime.time(15, 0),
        slot_minutes=20,
        break_minutes=0,
        slot_count=1,
        online_rooms=5,
    )
    a_org, b_org = OrganisationFactory(), OrganisationFactory()
    a, b = participant(a_org), participant(b_org)
    a_reg = services.register(
        event=online_event, by=a, organisation=a_org, attendance="online"
    )
    b_reg = services.register(
        event=online_event, by=b, organisation=b_org, attendance="online"
    )
    request = services.request_meeting(requester=a_reg, invitee=b_reg, by=coordinator)
    slot = online_event.sessions.get().slots.get()
    meeting = services.book_meeting(request=request, slot=slot, by=coordinator)
    client.force_login(coordinator)
    response = client.get(_url("events:print_agendas", online_event.pk))
    assert response.content.decode().count(meeting.meeting_url) == 4  # href and text


def test_maximum_of_meetings_must_be_at_least_one(
    client, coordinator, partnership, dortmund_city
):
    client.force_login(coordinator)
    response = client.post(
        _url("events:event_create"),
        _event_data(city=dortmund_city.pk, max_meetings="0"),
    )
    assert response.status_code == 422
    assert response.context["form"].has_error("max_meetings")
    assert not Event.objects.exists()


# --- The registrations as a spreadsheet


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheet programs read ș and ü
    return list(csv.reader(io.StringIO(text[1:])))


def test_organiser_downloads_the_registrations_in_their_language(
    client, coordinator, event, booked, anna, anna_reg, bogdan, bogdan_reg, cluj_org
):
    anna.first_name, anna.last_name = "Anna", "Schmidt"
    anna.save(update_fields=["first_name", "last_name"])
    services.update_event(event=event, by=coordinator, capacity=2)
    carla = participant(cluj_org)
    services.register(event=event, by=carla, organisation=cluj_org)  # waiting
    client.force_login(coordinator)

    response = client.get(_url("events:registrations_download", event.pk, lang="de"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="tandem-event-{event.pk}-registrations.csv"'
    )
    header, *rows = _csv_rows(response)
    with translation.override("de"):
        assert header == [
            translation.gettext(h)
            for h in (
                "Participant",
                "Organisation",
                "City",
                "Attendance",
                "State",
            )
        ] + [
            translation.gettext("Registered at (%(zone)s)") % {"zone": "Europe/Berlin"},
            translation.gettext("Languages"),
            translation.gettext("What I offer"),
            translation.gettext("What I seek"),
            translation.gettext("Meetings"),
        ]
        assert [(r[0], r[1], r[4], r[9]) for r in rows] == [
            ("Anna Schmidt", "Sensorik Dortmund", anna_reg.get_state_display(), "1"),
            (
                bogdan_reg.public_name,
                "Agro Cluj",
                bogdan_reg.get_state_display(),
                "1",
            ),
            (
                Registration.objects.get(user=carla).public_name,
                "Agro Cluj",
                translation.gettext("On the waiting list"),
                "0",
            ),
        ]
    # Times on the event's clock (Dortmund), whatever the reader's.
    registered = timezone.localtime(
        anna_reg.created_at, zoneinfo.ZoneInfo("Europe/Berlin")
    )
    assert rows[0][5] == registered.strftime("%Y-%m-%d %H:%M")
    assert anna.email not in response.content.decode()


def test_only_organisers_download_the_registrations(client, event, anna, anna_reg):
    client.force_login(anna)
    response = client.get(_url("events:registrations_download", event.pk))
    assert response.status_code == 403


def test_the_registrations_spreadsheet_never_runs_a_name_as_formula(
    client, coordinator, event, anna, anna_reg
):
    anna.first_name, anna.last_name = '=HYPERLINK("http://evil")', ""
    anna.save(update_fields=["first_name", "last_name"])
    client.force_login(coordinator)

    response = client.get(_url("events:registrations_download", event.pk))

    _header, row = _csv_rows(response)
    assert row[0] == '\'=HYPERLINK("http://evil")'


def test_the_event_form_refuses_a_javascript_video_link(
    client, coordinator, draft_event
):
    client.force_login(coordinator)

    response = client.post(
        _url("events:event_edit", draft_event.pk),
        _event_data(
            city=draft_event.city_id,
            meeting_url_template="javascript:alert(document.cookie)//{meeting}",
        ),
    )

    assert response.status_code == 422
    errors = response.context["form"].errors.as_data()["meeting_url_template"]
    assert [error.code for error in errors] == ["invalid_url_template"]
    draft_event.refresh_from_db()
    assert draft_event.meeting_url_template.startswith("https://")


def test_a_stored_javascript_video_link_is_never_rendered_as_a_link(
    client, coordinator, partnership
):
    online_event = make_event(
        by=coordinator, partnership=partnership, city=None, online=True
    )
    services.publish_event(event=online_event, by=coordinator)
    services.add_session(
        event=online_event,
        by=coordinator,
        title="Online",
        date=TODAY,
        start_time=datetime.time(15, 0),
        slot_minutes=20,
        break_minutes=0,
        slot_count=1,
        online_rooms=5,
    )
    a_org, b_org = OrganisationFactory(), OrganisationFactory()
    a, b = participant(a_org), participant(b_org)
    a_reg = services.register(
        event=online_event, by=a, organisation=a_org, attendance="online"
    )
    b_reg = services.register(
        event=online_event, by=b, organisation=b_org, attendance="online"
    )
    request = services.request_meeting(requester=a_reg, invitee=b_reg, by=coordinator)
    slot = online_event.sessions.get().slots.get()
    services.book_meeting(request=request, slot=slot, by=coordinator)
    # A row stored before links had to be https.
    Event.objects.filter(pk=online_event.pk).update(
        meeting_url_template="javascript:alert(document.cookie)//{meeting}"
    )
    client.force_login(coordinator)

    pages = [
        client.get(_url("events:print_agendas", online_event.pk)),
        client.get(_url("events:print_tables", online_event.pk)),
    ]
    client.force_login(a)
    pages.append(client.get(_url("events:agenda", online_event.pk)))

    from tandem.accounts.services import create_api_token

    _token, key = create_api_token(by=a, name="Test")
    pages.append(
        client.get(
            f"/api/v1/events/{online_event.pk}/agenda",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
    )

    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    assert [("javascript:" in page.content.decode()) for page in pages] == [
        False,
        False,
        False,
        False,
    ]
    assert [m["meeting_url"] for m in pages[3].json()["items"]] == [""]
