from tandem.accounts.services import create_api_token
from tandem.directory import notification_kinds as directory_kinds
from tandem.notifications.models import Notification
from tandem.notifications.services import notify
from tests.factories import NotificationFactory, UserFactory
from tests.helpers import assert_constant_queries


def _notify(user, n=1):
    for i in range(n):
        notify(
            recipients=[user],
            kind=directory_kinds.ORGANISATION_REVIEWED,
            params={"organisation": f"Org {i}", "decision": "verified", "reason": ""},
            url="/de/directory/",
        )


def _auth(user):
    _token, key = create_api_token(by=user, name="Sync")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_list_needs_token(client, db):
    assert client.get("/api/v1/notifications").status_code == 401


def test_list_own_notifications(client, member_de, settings):
    settings.SITE_URL = "https://tandem.example"
    _notify(member_de)
    _notify(UserFactory())

    response = client.get(
        "/api/v1/notifications", HTTP_ACCEPT_LANGUAGE="en", **_auth(member_de)
    )

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["text"] == "Org 0 has been verified."
    assert item["url"] == "https://tandem.example/en/directory/"
    assert item["read_at"] is None


def test_list_queries_do_not_grow(client, member_de):
    auth = _auth(member_de)
    client.get("/api/v1/notifications", **auth)  # the token's first use is recorded

    queries = assert_constant_queries(
        lambda: NotificationFactory(user=member_de),
        lambda: client.get("/api/v1/notifications", **auth),
    )

    # token+user, count, page
    assert queries == 3
    assert len(client.get("/api/v1/notifications", **auth).json()["items"]) == 3


def test_read_own(client, member_de):
    pk = NotificationFactory(user=member_de).pk

    response = client.post(f"/api/v1/notifications/{pk}/read", **_auth(member_de))

    assert response.status_code == 200
    assert response.json()["read_at"] is not None


def test_read_other_users_404(client, member_de):
    pk = NotificationFactory().pk

    response = client.post(f"/api/v1/notifications/{pk}/read", **_auth(member_de))

    assert response.status_code == 404
    assert Notification.objects.get().read_at is None
