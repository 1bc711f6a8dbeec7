import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tandem.collaboration import notification_kinds as collaboration_kinds
from tandem.directory import notification_kinds as directory_kinds
from tandem.notifications import kinds
from tandem.notifications.links import unsubscribe_token
from tandem.notifications.models import Notification, NotificationPreference
from tandem.notifications.services import notify
from tandem.projects import notification_kinds as projects_kinds
from tests.factories import UserFactory


def _notify(user, n=1, url="/en/directory/"):
    for i in range(n):
        notify(
            recipients=[user],
            kind=directory_kinds.ORGANISATION_REVIEWED,
            params={"organisation": f"Org {i}", "decision": "verified", "reason": ""},
            url=url,
        )
    mail.outbox.clear()


def _url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"notifications:{name}", args=args)


def test_list_needs_login(client, db):
    response = client.get(_url("list"))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_list_shows_own_notifications_in_page_language(client, member_de):
    _notify(member_de, url="/en/directory/")
    _notify(UserFactory())  # someone else's
    client.force_login(member_de)

    response = client.get(_url("list", lang="en"))

    assert response.status_code == 200
    items = response.context["items"]
    assert [item["text"] for item in items] == ["Org 0 has been verified."]
    assert items[0]["link"] == "/en/directory/"
    assert b'href="/en/directory/"' in response.content


@pytest.mark.parametrize("rows", [1, 3])
def test_list_queries_do_not_grow(client, member_de, rows, django_assert_num_queries):
    _notify(member_de, n=rows)
    client.force_login(member_de)

    # session, user, memberships (middleware), page count, page rows,
    # partnership, header count (once, used twice), coordinator roles (nav),
    # the privacy notice's version (consent step), whether a second factor is
    # still needed (required steps)
    with django_assert_num_queries(QUERIES):
        response = client.get(_url("list"))

    assert len(response.context["items"]) == rows


QUERIES = 10


def test_header_shows_unread_count_with_label(client, member_de):
    _notify(member_de, n=3)
    Notification.objects.filter(pk=Notification.objects.first().pk).update(
        read_at="2026-01-01T00:00:00Z"
    )
    client.force_login(member_de)

    response = client.get(_url("settings"))

    assert b'<span class="count">2</span>' in response.content
    assert b"Notifications, 2 unread" in response.content


def test_header_without_unread_has_plain_link(client, member_de):
    client.force_login(member_de)

    response = client.get(_url("settings"))

    assert b"unread" not in response.content
    assert f'href="{_url("list")}"'.encode() in response.content


def test_mark_read_other_users_notification_404(client, member_de):
    _notify(UserFactory())
    client.force_login(member_de)

    response = client.post(_url("read", Notification.objects.get().pk))

    assert response.status_code == 404
    assert Notification.objects.get().read_at is None


def test_mark_read_own(client, member_de):
    _notify(member_de)
    client.force_login(member_de)

    response = client.post(_url("read", Notification.objects.get().pk))

    assert response.status_code == 302
    assert Notification.objects.get().read_at is not None


def test_mark_read_get_not_allowed(client, member_de):
    _notify(member_de)
    client.force_login(member_de)

    response = client.get(_url("read", Notification.objects.get().pk))

    assert response.status_code == 405
    assert Notification.objects.get().read_at is None


def test_mark_all_read(client, member_de):
    _notify(member_de, n=2)
    client.force_login(member_de)

    response = client.post(_url("read_all"))

    assert response.status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_preferences_page_saves_channels(client, member_de):
    client.force_login(member_de)
    data = {
        key: kind.default_channel
        for key, kind in ((kind.key, kind) for kind in kinds.registered())
    }
    data[collaboration_kinds.MESSAGE_RECEIVED] = "none"

    response = client.post(_url("settings"), data)

    assert response.status_code == 302
    assert list(
        NotificationPreference.objects.filter(channel="none").values_list(
            "user", "kind"
        )
    ) == [(member_de.pk, collaboration_kinds.MESSAGE_RECEIVED)]


def test_preferences_page_invalid_channel_422(client, member_de):
    client.force_login(member_de)
    data = {
        key: kind.default_channel
        for key, kind in ((kind.key, kind) for kind in kinds.registered())
    }
    data[collaboration_kinds.MESSAGE_RECEIVED] = "pigeon"

    response = client.post(_url("settings"), data)

    assert response.status_code == 422
    assert list(response.context["form"].errors) == [
        collaboration_kinds.MESSAGE_RECEIVED
    ]
    assert NotificationPreference.objects.count() == 0


def test_preferences_form_errors_to_htmx_are_the_form_alone(client, member_de):
    client.force_login(member_de)
    data = {kind.key: kind.default_channel for kind in kinds.registered()}
    data[collaboration_kinds.MESSAGE_RECEIVED] = "pigeon"

    response = client.post(_url("settings"), data, headers={"HX-Request": "true"})

    assert response.status_code == 422
    assert response.content.lstrip().startswith(b"<form")


def test_preferences_page_has_fieldset_per_kind(client, member_de):
    client.force_login(member_de)

    response = client.get(_url("settings"))

    assert response.content.count(b"<legend") == len(kinds.registered())
    assert response.content.count(b'type="radio"') == 4 * len(kinds.registered())


def _token(user, kind=collaboration_kinds.MESSAGE_RECEIVED):
    return unsubscribe_token(user=user, kind=kind)


def test_unsubscribe_get_confirms_without_changing(client, member_de):
    response = client.get(_url("unsubscribe", _token(member_de)))

    assert response.status_code == 200
    assert response.context["done"] is False
    assert NotificationPreference.objects.count() == 0


def test_unsubscribe_post_without_login(client, member_de):
    response = client.post(_url("unsubscribe", _token(member_de)))

    assert response.status_code == 200
    assert response.context["done"] is True
    assert list(
        NotificationPreference.objects.values_list("user", "kind", "channel")
    ) == [(member_de.pk, collaboration_kinds.MESSAGE_RECEIVED, "none")]


def test_unsubscribe_one_click_post_needs_no_csrf_token(member_de):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post(
        _url("unsubscribe", _token(member_de)),
        {"List-Unsubscribe": "One-Click"},
    )

    assert response.status_code == 200
    assert NotificationPreference.objects.get().channel == "none"


@pytest.mark.parametrize("method", ["get", "post"])
def test_unsubscribe_tampered_token_400(client, member_de, method):
    token = _token(member_de)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")

    response = getattr(client, method)(_url("unsubscribe", tampered))

    assert response.status_code == 400
    assert NotificationPreference.objects.count() == 0


def test_unsubscribe_token_of_other_salt_rejected(client, member_de):
    from django.core import signing

    token = signing.dumps(
        {"u": member_de.pk, "k": collaboration_kinds.MESSAGE_RECEIVED}
    )

    response = client.post(_url("unsubscribe", token))

    assert response.status_code == 400


def test_unsubscribe_link_in_email_works(
    client, member_de, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[member_de],
            kind=projects_kinds.PROJECT_INVITATION,
            params={"project": "P", "organisation": "B", "by_organisation": "A"},
        )
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    path = header.strip("<>").split("://", 1)[1].split("/", 1)[1]

    response = client.post("/" + path)

    assert response.status_code == 200
    assert (
        NotificationPreference.objects.get().kind == projects_kinds.PROJECT_INVITATION
    )
