"""Junk sent to every write of the events API never fails with a 500."""

import pytest

from tandem.accounts.services import create_api_token

pytestmark = pytest.mark.django_db

JUNK = [
    "not json",
    "[]",
    '{"slot": "abc", "table": -1, "priority": "urgent", "rating": 99}',
    '{"slots": ["x", 1e30], "organisation": null, "attendance": "teleport"}',
    '{"invitee": 99999999999999999999999, "message": "\\u0000"}',
    '{"accept": "perhaps", "time_limit_seconds": "forever"}',
    '{"slot": 999999, "table": 40000, "languages": ["xx"], "offer": 5}',
    '{"request": -3, "slot": 0, "table": 1e9}',
]


@pytest.fixture
def ids(event, slots, accepted_request, anna_reg, bogdan_reg, anna):
    from tandem.events import services

    meeting = services.book_meeting(request=accepted_request, slot=slots[0], by=anna)
    return {
        "id": event.pk,
        "rid": accepted_request.pk,
        "mid": meeting.pk,
        "reg": anna_reg.pk,
    }


WRITES = [
    ("post", "/events/{id}/registrations"),
    ("put", "/events/{id}/availability"),
    ("post", "/events/{id}/meeting-requests"),
    ("post", "/events/{id}/meeting-requests/{rid}/answer"),
    ("post", "/events/{id}/meeting-requests/{rid}/book"),
    ("post", "/events/{id}/meetings/{mid}/held"),
    ("post", "/events/{id}/meetings/{mid}/rating"),
    ("post", "/events/{id}/plan-runs"),
    ("post", "/events/{id}/plan-runs/{mid}/publish"),
    ("post", "/events/{id}/registrations/{reg}/approve"),
    ("post", "/events/{id}/registrations/{reg}/cancel"),
    ("post", "/events/{id}/meetings"),
]


@pytest.mark.parametrize(("method", "path"), WRITES, ids=[p for _m, p in WRITES])
@pytest.mark.parametrize("who", ["anna", "coordinator"])
def test_junk_never_fails_with_a_server_error(client, ids, method, path, who, request):
    _token, key = create_api_token(by=request.getfixturevalue(who), name="Junk")
    url = "/api/v1" + path.format(**ids)
    for body in JUNK:
        response = getattr(client, method)(
            url,
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        assert response.status_code < 500, (path, body, response.status_code)
