"""notify_many: many notifications of one kind, each reader their own."""

import pytest
from django.core import mail

from tandem.collaboration import notification_kinds as collaboration_kinds
from tandem.notifications.models import Notification
from tandem.notifications.services import Notice, notify_many, unsubscribe
from tests.factories import UserFactory

KIND = collaboration_kinds.CONTACT_REQUEST_RECEIVED


def _params(sender):
    return {"sender": sender, "recipient": "Sensorik GmbH", "opportunity": ""}


def _rows():
    return list(
        Notification.objects.order_by("pk").values_list("user", "params", "url")
    )


def test_notify_many_gives_each_recipient_their_own_params(member_de, member_ro):
    notify_many(
        kind=KIND,
        notices=[
            Notice(member_de, _params("Agro Cluj"), "/en/contacts/1/"),
            Notice(member_ro, _params("Logistik Dortmund"), "/en/contacts/2/"),
        ],
    )

    assert _rows() == [
        (member_de.pk, _params("Agro Cluj"), "/en/contacts/1/"),
        (member_ro.pk, _params("Logistik Dortmund"), "/en/contacts/2/"),
    ]


def test_notify_many_gives_a_recipient_one_notification_per_notice(member_de):
    notify_many(
        kind=KIND,
        notices=[
            Notice(member_de, _params("Agro Cluj")),
            Notice(member_de, _params("Logistik Dortmund")),
        ],
    )

    assert [params["sender"] for _user, params, _url in _rows()] == [
        "Agro Cluj",
        "Logistik Dortmund",
    ]


def test_notify_many_respects_the_none_channel(member_de, member_ro):
    unsubscribe(user=member_de, kind=KIND)

    notify_many(
        kind=KIND,
        notices=[
            Notice(member_de, _params("Agro Cluj")),
            Notice(member_ro, _params("Agro Cluj")),
        ],
    )

    assert [user for user, _params, _url in _rows()] == [member_ro.pk]


def test_notify_many_skips_the_actor_and_inactive_users(member_de, member_ro):
    inactive = UserFactory(is_active=False)

    notify_many(
        kind=KIND,
        notices=[
            Notice(member_de, _params("Agro Cluj")),
            Notice(member_ro, _params("Agro Cluj")),
            Notice(inactive, _params("Agro Cluj")),
        ],
        actor=member_ro,
    )

    assert list(Notification.objects.values_list("user", "actor")) == [
        (member_de.pk, member_ro.pk)
    ]


def test_notify_many_stores_a_marker_once_per_user(member_de, member_ro):
    notify_many(
        kind=KIND, notices=[Notice(member_de, _params("Agro Cluj"), marker="m:1")]
    )

    notify_many(
        kind=KIND,
        notices=[
            Notice(member_de, _params("Agro Cluj"), marker="m:1"),
            Notice(member_ro, _params("Agro Cluj"), marker="m:1"),
            Notice(member_ro, _params("Agro Cluj"), marker="m:1"),
            Notice(member_ro, _params("Agro Cluj"), marker="m:2"),
        ],
    )

    assert sorted(Notification.objects.values_list("user", "marker")) == sorted(
        [(member_de.pk, "m:1"), (member_ro.pk, "m:1"), (member_ro.pk, "m:2")]
    )


def test_notify_many_unknown_kind_raises(member_de):
    with pytest.raises(ValueError):
        notify_many(kind="nonsense", notices=[Notice(member_de, {})])


def test_notify_many_emails_each_immediate_recipient_after_commit(
    member_de, member_ro, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify_many(
            kind=KIND,
            notices=[
                Notice(member_de, _params("Agro Cluj")),
                Notice(member_ro, _params("Logistik Dortmund")),
            ],
        )

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert set(bodies) == {member_de.email, member_ro.email}
    assert (
        "Agro Cluj hat Sensorik GmbH eine Kontaktanfrage gesendet."
        in (bodies[member_de.email])
    )
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


@pytest.mark.parametrize("recipients", [1, 20])
def test_notify_many_queries_do_not_grow_with_recipients(
    db, recipients, django_assert_max_num_queries
):
    users = UserFactory.create_batch(recipients + 1)
    unsubscribe(user=users[0], kind=KIND)

    # The preferences, the insert and its savepoint (tests run in a transaction).
    with django_assert_max_num_queries(4):
        notify_many(
            kind=KIND,
            notices=[
                Notice(user, _params(f"Sender {i}")) for i, user in enumerate(users)
            ],
        )

    assert Notification.objects.count() == recipients
