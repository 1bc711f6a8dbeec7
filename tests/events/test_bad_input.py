"""Junk sent to every event form answers with a page or an error, never a 500."""

import pytest
from django.urls import reverse

from tandem.events import planning, services

pytestmark = pytest.mark.django_db

JUNK = [
    {},
    {
        "slot": "abc",
        "table": "-1",
        "priority": "urgent",
        "rating": "9",
        "accept": "maybe",
        "confirm": "no",
        "time_limit_seconds": "forever",
        "slots": ["x", "999999"],
        "organisation": "nobody",
        "attendance": "teleport",
        "languages": ["xx"],
        "requester": "0",
        "invitee": "-5",
        "date": "2030-02-31",
        "start_time": "25:61",
        "slot_minutes": "0",
        "slot_count": "100000",
        "starts_at": "yesterday",
        "ends_at": "",
        "message": "\x00" * 3,
        "title": "x" * 5000,
    },
    {"slot": "999999999999999999999", "table": "99999", "rating": "0"},
]


@pytest.fixture
def everything(
    event, session, slots, coordinator, anna_reg, bogdan_reg, accepted_request, anna
):
    meeting = services.book_meeting(request=accepted_request, slot=slots[0], by=anna)
    run = planning.start_run(event=event, by=coordinator, time_limit_seconds=1)
    return {
        "pk": event.pk,
        "registration_pk": bogdan_reg.pk,
        "request_pk": accepted_request.pk,
        "meeting_pk": meeting.pk,
        "session_pk": session.pk,
        "item_pk": 999,
        "run_pk": run.pk,
        "organisation_slug": anna_reg.organisation.slug,
    }


POSTS = [
    ("register", ["pk"]),
    ("registration_cancel", ["pk"]),
    ("availability", ["pk"]),
    ("meeting_request_create", ["pk", "registration_pk"]),
    ("request_answer", ["pk", "request_pk"]),
    ("request_book", ["pk", "request_pk"]),
    ("meeting_held", ["pk", "meeting_pk"]),
    ("meeting_rate", ["pk", "meeting_pk"]),
    ("meeting_follow_up", ["pk", "meeting_pk"]),
    ("event_create", []),
    ("event_edit", ["pk"]),
    ("event_publish", ["pk"]),
    ("event_cancel", ["pk"]),
    ("session_create", ["pk"]),
    ("session_delete", ["pk", "session_pk"]),
    ("programme_create", ["pk"]),
    ("programme_delete", ["pk", "item_pk"]),
    ("registration_approve", ["pk", "registration_pk"]),
    ("registration_cancel_by_organiser", ["pk", "registration_pk"]),
    ("organiser_request_create", ["pk"]),
    ("plan_run", ["pk"]),
    ("plan_publish", ["pk", "run_pk"]),
    ("feeds_renew", ["pk"]),
    ("organisers", []),
    ("organiser_withdraw", ["organisation_slug"]),
]


@pytest.mark.parametrize(("name", "args"), POSTS, ids=[name for name, _ in POSTS])
@pytest.mark.parametrize("who", ["anna", "coordinator"])
def test_junk_never_fails_with_a_server_error(
    client, everything, name, args, who, request
):
    client.force_login(request.getfixturevalue(who))
    url = reverse(f"events:{name}", args=[everything[a] for a in args])
    for data in JUNK:
        response = client.post(url, data)
        assert response.status_code < 500, (name, data)


def test_unknown_ids_are_not_found(client, everything, anna):
    client.force_login(anna)
    for name, args in POSTS:
        if not args:
            continue
        ids = [everything[a] for a in args]
        ids[-1] = "no-such-organisation" if args[-1].endswith("slug") else 987654
        response = client.post(reverse(f"events:{name}", args=ids), {})
        assert response.status_code in {403, 404}, name


@pytest.mark.parametrize(("name", "args"), POSTS, ids=[name for name, _ in POSTS])
@pytest.mark.parametrize("who", ["anna", "coordinator"])
def test_junk_from_htmx_never_fails_with_a_server_error(
    client, everything, name, args, who, request
):
    client.force_login(request.getfixturevalue(who))
    url = reverse(f"events:{name}", args=[everything[a] for a in args])
    for data in JUNK:
        response = client.post(url, data, headers={"HX-Request": "true"})
        assert response.status_code < 500, (name, data)
