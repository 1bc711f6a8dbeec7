"""API v1 for organisers: every registration and meeting of their event,
approving and cancelling registrations, and setting meetings."""

import pytest

from tandem.events import services
from tandem.events.models import Event, Meeting, Registration
from tests.events.conftest import participant
from tests.events.test_api import get, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(event, coordinator, anna_reg, cluj_org):
    """A full event (capacity 1, Anna's place) and Carla on its waiting list."""
    services.update_event(event=event, by=coordinator, capacity=1)
    carla = participant(cluj_org)
    return services.register(event=event, by=carla, organisation=cluj_org)


def test_organisers_list_every_registration_with_its_meetings(
    client, event, coordinator, accepted_request, available, slots, anna_reg
):
    services.book_meeting(request=accepted_request, slot=slots[0], by=coordinator)
    anna_reg.user.first_name = "Anna"
    anna_reg.user.save(update_fields=["first_name"])

    response = get(client, f"/events/{event.pk}/registrations", coordinator)

    assert response.status_code == 200
    items = response.json()["items"]
    assert [(r["id"], r["state"], r["meetings"]) for r in items] == [
        (accepted_request.requester_id, "approved", 1),
        (accepted_request.invitee_id, "approved", 1),
    ]
    assert items[0]["name"].startswith("Anna")
    assert anna_reg.user.email not in response.content.decode()


def test_participants_cannot_read_the_organisers_lists(client, event, anna, anna_reg):
    for path in ("registrations", "meetings"):
        response = get(client, f"/events/{event.pk}/{path}", anna)
        assert response.status_code == 403, path


def test_organisers_approve_and_cancel_registrations(
    client, event, coordinator, anna_reg, waiting
):
    full = post(
        client,
        f"/events/{event.pk}/registrations/{waiting.pk}/approve",
        {},
        coordinator,
    )
    assert (full.status_code, full.json()["code"]) == (400, "event_full")

    cancelled = post(
        client,
        f"/events/{event.pk}/registrations/{anna_reg.pk}/cancel",
        {},
        coordinator,
    )
    assert (cancelled.status_code, cancelled.json()["state"]) == (200, "cancelled")
    # Carla moved up from the waiting list into the freed place.
    waiting.refresh_from_db()
    assert waiting.state == Registration.State.APPROVED
    again = post(
        client,
        f"/events/{event.pk}/registrations/{anna_reg.pk}/cancel",
        {},
        coordinator,
    )
    assert (again.status_code, again.json()["code"]) == (400, "already_cancelled")


def test_organisers_set_a_meeting_and_list_it(
    client, event, coordinator, accepted_request, available, slots, anna_reg, bogdan_reg
):
    event.booking_mode = Event.BookingMode.ORGANISER_SCHEDULED
    event.save(update_fields=["booking_mode"])

    created = post(
        client,
        f"/events/{event.pk}/meetings",
        {"request": accepted_request.pk, "slot": slots[1].pk, "table": 2},
        coordinator,
    )
    listed = get(client, f"/events/{event.pk}/meetings", coordinator).json()["items"]

    assert created.status_code == 201
    body = created.json()
    assert (body["table"], body["requester"]["id"], body["invitee"]["id"]) == (
        2,
        anna_reg.pk,
        bogdan_reg.pk,
    )
    assert body["time_zone"] == "Europe/Berlin"
    assert [m["id"] for m in listed] == [body["id"]]
    assert Meeting.objects.get().slot == slots[1]
    # The same table in the same slot is taken.
    taken = post(
        client,
        f"/events/{event.pk}/meetings",
        {"request": accepted_request.pk, "slot": slots[1].pk, "table": 2},
        coordinator,
    )
    assert taken.status_code == 400


def test_setting_a_meeting_with_unknown_ids_names_the_field(
    client, event, coordinator, accepted_request, anna
):
    for payload, field in (
        ({"request": 987654, "slot": 1}, "request"),
        ({"request": accepted_request.pk, "slot": 987654}, "slot"),
        ({"request": "x", "slot": []}, None),
    ):
        response = post(client, f"/events/{event.pk}/meetings", payload, coordinator)
        assert response.status_code in {400, 422}, payload
        if field:
            assert field in response.json()["fields"], payload
    participant_try = post(
        client,
        f"/events/{event.pk}/meetings",
        {"request": accepted_request.pk, "slot": 1},
        anna,
    )
    assert participant_try.status_code == 403
