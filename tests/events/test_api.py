"""API v1: events for everybody, participation with a token; JSON errors."""

import datetime

import pytest

from tandem.accounts.services import create_api_token
from tandem.events import services
from tandem.events.models import ProgrammeItem
from tests.events.conftest import TODAY, make_event, participant
from tests.factories import OrganisationFactory
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db
BASE = "/api/v1"


def auth(user):
    _token, key = create_api_token(by=user, name="Test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, data, user):
    return client.post(BASE + path, data, content_type="application/json", **auth(user))


def put(client, path, data, user):
    return client.put(BASE + path, data, content_type="application/json", **auth(user))


def get(client, path, user):
    return client.get(BASE + path, **auth(user))


def error(response):
    body = response.json()
    return response.status_code, body["code"], sorted(body["fields"])


@pytest.fixture
def cluj_event(partnership, cluj_city, other_coordinator):
    event = make_event(
        by=other_coordinator,
        partnership=partnership,
        city=cluj_city,
        title="Agri day Cluj",
        time_zone="Europe/Bucharest",
        starts_on=TODAY + datetime.timedelta(days=30),
        ends_on=TODAY + datetime.timedelta(days=30),
    )
    return services.publish_event(event=event, by=other_coordinator)


@pytest.fixture
def carla_reg(event, dortmund_org):
    carla = participant(dortmund_org)
    return services.register(event=event, by=carla, organisation=dortmund_org)


@pytest.fixture
def dan_reg(event, cluj_org):
    dan = participant(cluj_org)
    return services.register(event=event, by=dan, organisation=cluj_org)


# --- Events ----------------------------------------------------------------


def test_list_shows_published_events_to_anonymous_not_drafts(
    client, event, partnership, dortmund_city, coordinator
):
    make_event(by=coordinator, partnership=partnership, city=dortmund_city, title="D")

    response = client.get(BASE + "/events")

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 1
    assert [(e["id"], e["title"], e["status"]) for e in body["items"]] == [
        (event.pk, "Matchmaking day Dortmund", "published")
    ]


def test_list_filters_by_city_and_upcoming(client, event, cluj_event):
    by_city = client.get(BASE + "/events", {"city": "cluj-napoca"}).json()
    upcoming = client.get(BASE + "/events", {"upcoming": "true"}).json()
    past = client.get(BASE + "/events", {"upcoming": "false"}).json()

    assert [e["title"] for e in by_city["items"]] == ["Agri day Cluj"]
    assert [e["title"] for e in upcoming["items"]] == [
        "Matchmaking day Dortmund",
        "Agri day Cluj",
    ]
    assert past["count"] == 0


def test_list_queries_do_not_grow(client, partnership, dortmund_city, coordinator):
    def add_event():
        event = make_event(by=coordinator, partnership=partnership, city=dortmund_city)
        services.publish_event(event=event, by=coordinator)

    assert_constant_queries(add_event, lambda: client.get(BASE + "/events"))
    assert client.get(BASE + "/events").json()["count"] == 3


def test_detail_in_reader_language_with_times_in_event_zone(
    client, event, coordinator, slots
):
    services.update_event(
        event=event, by=coordinator, title_translations={"de": "Matchmaking-Tag"}
    )
    ProgrammeItem.objects.create(
        event=event,
        title="Welcome",
        starts_at=slots[0].starts_at - datetime.timedelta(hours=1),
        ends_at=slots[0].starts_at,
    )

    response = client.get(f"{BASE}/events/{event.pk}", HTTP_ACCEPT_LANGUAGE="de")

    body = response.json()
    assert response.status_code == 200
    assert (body["title"], body["language"], body["description_language"]) == (
        "Matchmaking-Tag",
        "de",
        "en",
    )
    assert (body["time_zone"], body["booking_mode"], body["registration_open"]) == (
        "Europe/Berlin",
        "self_booking",
        True,
    )
    session = body["sessions"][0]
    assert (session["title"], session["tables"]) == ("Morning", 2)
    assert [(s["id"], s["starts_at"], s["ends_at"]) for s in session["slots"]] == [
        (slots[0].pk, "2030-05-14T10:00:00+02:00", "2030-05-14T10:20:00+02:00"),
        (slots[1].pk, "2030-05-14T10:30:00+02:00", "2030-05-14T10:50:00+02:00"),
        (slots[2].pk, "2030-05-14T11:00:00+02:00", "2030-05-14T11:20:00+02:00"),
    ]
    assert [(p["title"], p["starts_at"]) for p in body["programme"]] == [
        ("Welcome", "2030-05-14T09:00:00+02:00")
    ]


def test_detail_of_draft_is_404_for_anonymous(client, draft_event):
    response = client.get(f"{BASE}/events/{draft_event.pk}")

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


# --- Registration and availability ----------------------------------------


def test_register_with_token_then_twice_is_400(client, event, anna, dortmund_org):
    data = {
        "organisation": dortmund_org.slug,
        "offer": "Sensors",
        "languages": ["de", "en"],
    }

    first = post(client, f"/events/{event.pk}/registrations", data, anna)
    second = post(client, f"/events/{event.pk}/registrations", data, anna)

    body = first.json()
    assert first.status_code == 201
    assert (body["state"], body["organisation"]["slug"], body["languages"]) == (
        "approved",
        dortmund_org.slug,
        ["de", "en"],
    )
    assert error(second) == (400, "already_registered", [])


def test_register_for_unknown_organisation_is_400(client, event, anna):
    response = post(
        client, f"/events/{event.pk}/registrations", {"organisation": "nope"}, anna
    )

    assert error(response) == (400, "unknown_organisation", ["organisation"])


def test_cancel_registration(client, event, anna, anna_reg):
    response = client.delete(f"{BASE}/events/{event.pk}/registration", **auth(anna))

    assert (response.status_code, response.json()["state"]) == (200, "cancelled")
    assert get(client, f"/events/{event.pk}/agenda", anna).json()["count"] == 0


def test_set_availability(client, event, anna, anna_reg, slots):
    path = f"/events/{event.pk}/availability"

    response = put(client, path, {"slots": [slots[2].pk, slots[0].pk]}, anna)

    assert response.status_code == 200
    assert [(s["id"], s["starts_at"]) for s in response.json()] == [
        (slots[0].pk, "2030-05-14T10:00:00+02:00"),
        (slots[2].pk, "2030-05-14T11:00:00+02:00"),
    ]


def test_availability_with_slots_of_another_event_or_unknown_is_400(
    client, event, cluj_event, other_coordinator, anna, anna_reg, slots
):
    other = services.add_session(
        event=cluj_event,
        by=other_coordinator,
        title="Afternoon",
        date=cluj_event.starts_on,
        start_time=datetime.time(14, 0),
        slot_minutes=20,
        break_minutes=0,
        slot_count=1,
        tables=1,
    )
    path = f"/events/{event.pk}/availability"

    other_event = put(client, path, {"slots": [other.slots.get().pk]}, anna)
    unknown = put(client, path, {"slots": [slots[0].pk, 10**9]}, anna)

    assert error(other_event) == (400, "other_event", ["slots"])
    assert error(unknown) == (400, "other_event", ["slots"])


def test_availability_without_registration_is_400(client, event, anna, slots):
    response = put(
        client, f"/events/{event.pk}/availability", {"slots": [slots[0].pk]}, anna
    )

    assert error(response) == (400, "not_registered", [])


def test_participants_for_participants_only(
    client, event, anna, anna_reg, bogdan_reg, dortmund_org
):
    outsider = participant(OrganisationFactory(city=dortmund_org.city))

    mine = get(client, f"/events/{event.pk}/participants", anna).json()
    theirs = get(client, f"/events/{event.pk}/participants", outsider).json()

    assert [(p["id"], p["organisation"]["name"]) for p in mine["items"]] == [
        (bogdan_reg.pk, "Agro Cluj"),
        (anna_reg.pk, "Sensorik Dortmund"),
    ]
    assert theirs["count"] == 0


def test_a_nameless_participant_is_named_by_organisation(
    client, event, anna, anna_reg, bogdan, bogdan_reg
):
    bogdan.first_name = bogdan.last_name = ""
    bogdan.save(update_fields=["first_name", "last_name"])

    response = get(client, f"/events/{event.pk}/participants", anna)

    names = {p["id"]: p["name"] for p in response.json()["items"]}
    assert names[bogdan_reg.pk] == "A participant of Agro Cluj"
    assert bogdan.email not in response.content.decode()


# --- Meeting requests and the agenda ---------------------------------------


def test_request_accept_book_and_see_on_agenda(
    client, event, anna, bogdan, anna_reg, bogdan_reg, available, slots
):
    created = post(
        client,
        f"/events/{event.pk}/meeting-requests",
        {"invitee": bogdan_reg.pk, "priority": "must", "message": "Sensors?"},
        anna,
    )
    rid = created.json()["id"]
    received = get(client, f"/events/{event.pk}/meeting-requests", bogdan).json()
    answered = post(
        client,
        f"/events/{event.pk}/meeting-requests/{rid}/answer",
        {"accept": True},
        bogdan,
    )
    booked = post(
        client,
        f"/events/{event.pk}/meeting-requests/{rid}/book",
        {"slot": slots[1].pk, "table": 2},
        anna,
    )
    agenda = get(client, f"/events/{event.pk}/agenda", bogdan).json()

    assert (created.status_code, created.json()["state"]) == (201, "pending")
    assert created.json()["language"] == "en"
    assert [
        (r["id"], r["direction"], r["priority"], r["requester"]["id"])
        for r in received["items"]
    ] == [(rid, "received", "must", anna_reg.pk)]
    assert (answered.status_code, answered.json()["state"]) == (200, "accepted")
    assert (booked.status_code, booked.json()["table"]) == (201, 2)
    assert [
        (
            m["id"],
            m["starts_at"],
            m["ends_at"],
            m["table"],
            m["online"],
            m["other"]["name"],
            m["other"]["organisation"]["name"],
            m["state"],
            m["my_rating"],
        )
        for m in agenda["items"]
    ] == [
        (
            booked.json()["id"],
            "2030-05-14T10:30:00+02:00",
            "2030-05-14T10:50:00+02:00",
            2,
            False,
            anna.get_full_name(),
            "Sensorik Dortmund",
            "scheduled",
            None,
        )
    ]


def test_booking_a_taken_table_is_400_table_taken(
    client, event, anna, bogdan, carla_reg, dan_reg, accepted_request, slots
):
    services.book_meeting(request=accepted_request, slot=slots[0], by=anna, table=1)
    other = services.request_meeting(
        requester=carla_reg, invitee=dan_reg, by=carla_reg.user
    )
    services.answer_meeting_request(request=other, accept=True, by=dan_reg.user)

    response = post(
        client,
        f"/events/{event.pk}/meeting-requests/{other.pk}/book",
        {"slot": slots[0].pk, "table": 1},
        carla_reg.user,
    )

    assert error(response) == (400, "table_taken", ["table"])


def test_requesting_oneself_is_400_self_meeting(client, event, anna, anna_reg):
    response = post(
        client, f"/events/{event.pk}/meeting-requests", {"invitee": anna_reg.pk}, anna
    )

    assert error(response) == (400, "self_meeting", ["invitee"])


def test_asking_again_after_a_decline_is_400_declined_before(
    client, event, anna, anna_reg, bogdan, bogdan_reg
):
    first = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)
    services.answer_meeting_request(request=first, accept=False, by=bogdan)

    refused = post(
        client, f"/events/{event.pk}/meeting-requests", {"invitee": bogdan_reg.pk}, anna
    )
    theirs = post(
        client, f"/events/{event.pk}/meeting-requests", {"invitee": anna_reg.pk}, bogdan
    )

    assert error(refused) == (400, "declined_before", [])
    assert (theirs.status_code, theirs.json()["state"]) == (201, "pending")


def test_answer_by_the_requester_is_403(client, event, anna, anna_reg, bogdan_reg):
    request = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)

    response = post(
        client,
        f"/events/{event.pk}/meeting-requests/{request.pk}/answer",
        {"accept": True},
        anna,
    )

    assert (response.status_code, response.json()["code"]) == (
        403,
        "permission_denied",
    )


def test_rating_a_meeting_not_held_is_400(client, event, anna, accepted_request, slots):
    meeting = services.book_meeting(request=accepted_request, slot=slots[0], by=anna)

    response = post(
        client, f"/events/{event.pk}/meetings/{meeting.pk}/rating", {"rating": 5}, anna
    )

    assert error(response) == (400, "not_held", [])


# --- Refusals --------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/registrations"),
        ("delete", "/registration"),
        ("put", "/availability"),
        ("get", "/participants"),
        ("post", "/meeting-requests"),
        ("get", "/meeting-requests"),
        ("post", "/meeting-requests/1/answer"),
        ("post", "/meeting-requests/1/book"),
        ("get", "/agenda"),
        ("post", "/meetings/1/held"),
        ("post", "/meetings/1/rating"),
    ],
)
def test_participation_needs_a_token(client, event, method, path):
    response = getattr(client, method)(
        f"{BASE}/events/{event.pk}{path}", {}, content_type="application/json"
    )

    assert (response.status_code, response.json()["code"]) == (
        401,
        "not_authenticated",
    )


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/availability", {"slots": "all"}),
        ("/availability", {}),
        ("/meeting-requests", {"invitee": "bogdan"}),
        ("/meeting-requests", {"invitee": 2**70}),
        ("/registrations", {"attendance": "on_site"}),
    ],
)
def test_bad_input_is_422(client, event, anna, anna_reg, path, data):
    method = put if path == "/availability" else post

    response = method(client, f"/events/{event.pk}{path}", data, anna)

    assert response.status_code == 422


def test_unknown_event_is_404(client, anna):
    response = post(client, "/events/999999/registrations", {"organisation": "x"}, anna)

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize("path", ["participants", "meeting-requests", "agenda"])
def test_participant_lists_queries_do_not_grow(
    client, event, anna, anna_reg, cluj_org, slots, path
):
    free = iter(slots)

    def add_meeting():
        other = participant(cluj_org)
        invitee = services.register(event=event, by=other, organisation=cluj_org)
        request = services.request_meeting(requester=anna_reg, invitee=invitee, by=anna)
        services.answer_meeting_request(request=request, accept=True, by=other)
        services.book_meeting(request=request, slot=next(free), by=anna)

    headers = auth(anna)
    url = f"{BASE}/events/{event.pk}/{path}"
    client.get(url, **headers)  # the token's first use is written down

    assert_constant_queries(add_meeting, lambda: client.get(url, **headers))
    assert client.get(url, **headers).json()["count"] == (
        4 if path == "participants" else 3
    )


# --- Scheduler runs, for organisers ----------------------------------------------


def test_organiser_runs_and_publishes_a_plan(
    client,
    event,
    session,
    coordinator,
    accepted_request,
    anna,
    bogdan,
    django_capture_on_commit_callbacks,
):
    services.update_event(
        event=event, by=coordinator, booking_mode="organiser_scheduled"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            f"/events/{event.pk}/plan-runs",
            {"time_limit_seconds": 5},
            coordinator,
        )
    assert response.status_code == 202
    run_id = response.json()["id"]

    run = get(client, f"/events/{event.pk}/plan-runs/{run_id}", coordinator)
    body = run.json()
    assert (body["state"], body["meetings"], body["share_of_bound"]) == (
        "finished",
        1,
        1.0,
    )

    published = post(
        client, f"/events/{event.pk}/plan-runs/{run_id}/publish", {}, coordinator
    )
    assert published.status_code == 200
    assert (published.json()["added"], published.json()["run"]["state"]) == (
        1,
        "published",
    )
    agenda = get(client, f"/events/{event.pk}/agenda", anna).json()
    assert agenda["count"] == 1 and agenda["items"][0]["table"] in {1, 2}

    again = post(
        client, f"/events/{event.pk}/plan-runs/{run_id}/publish", {}, coordinator
    )
    assert error(again)[:2] == (400, "not_finished")


def test_participants_cannot_run_the_scheduler(client, event, anna_reg, anna):
    response = post(client, f"/events/{event.pk}/plan-runs", {}, anna)
    assert response.status_code == 403


def test_plan_run_time_limit_is_validated(client, event, coordinator):
    response = post(
        client,
        f"/events/{event.pk}/plan-runs",
        {"time_limit_seconds": 0},
        coordinator,
    )
    assert response.status_code == 422


def test_plan_run_of_a_draft_is_refused(
    client, partnership, dortmund_city, coordinator
):
    draft = make_event(by=coordinator, partnership=partnership, city=dortmund_city)
    response = post(client, f"/events/{draft.pk}/plan-runs", {}, coordinator)
    assert error(response)[:2] == (400, "event_not_open")
