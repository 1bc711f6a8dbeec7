import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tandem.accounts.selectors import members_of_organisation
from tandem.collaboration import notification_kinds as collaboration_kinds
from tandem.directory import notification_kinds as directory_kinds
from tandem.events import notification_kinds as events_kinds
from tandem.notifications import kinds
from tandem.notifications.models import Notification, NotificationPreference
from tandem.notifications.selectors import channels_for
from tandem.notifications.services import (
    mark_all_read,
    mark_read,
    notify,
    send_digests,
    set_preferences,
    unsubscribe,
)
from tandem.privacy import notification_kinds as privacy_kinds
from tandem.projects import notification_kinds as projects_kinds
from tests.factories import MembershipFactory, UserFactory

PARAMS = {"sender": "Agro Cluj", "recipient": "Sensorik GmbH", "opportunity": ""}


def _notify(recipients, kind=collaboration_kinds.CONTACT_REQUEST_RECEIVED, **kwargs):
    params = kwargs.pop("params", PARAMS)
    notify(recipients=recipients, kind=kind, params=params, **kwargs)


def test_members_of_organisation_only_active_members(org, member_de, member_ro):
    MembershipFactory(organisation=org, state="pending")
    MembershipFactory(organisation=org, user=UserFactory(is_active=False))

    assert members_of_organisation(org) == [member_de, member_ro]


def test_notify_stores_rows_except_actor(member_de, member_ro):
    _notify([member_de, member_ro], url="/en/contacts/1/", actor=member_ro)

    rows = list(Notification.objects.values_list("user", "kind", "params", "url"))
    assert rows == [
        (
            member_de.pk,
            collaboration_kinds.CONTACT_REQUEST_RECEIVED,
            PARAMS,
            "/en/contacts/1/",
        )
    ]


def test_notify_skips_inactive_and_duplicate_recipients(member_de):
    inactive = UserFactory(is_active=False)

    _notify([member_de, member_de, inactive])

    assert list(Notification.objects.values_list("user", flat=True)) == [member_de.pk]


def test_notify_unknown_kind_raises(member_de):
    with pytest.raises(ValueError):
        _notify([member_de], kind="nonsense")


def test_notify_channel_none_stores_nothing(member_de):
    unsubscribe(user=member_de, kind=collaboration_kinds.CONTACT_REQUEST_RECEIVED)

    _notify([member_de])

    assert Notification.objects.count() == 0


def test_notify_in_app_only_sends_no_email(
    member_de, django_capture_on_commit_callbacks
):
    set_preferences(
        by=member_de, channels={collaboration_kinds.CONTACT_REQUEST_RECEIVED: "in_app"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        _notify([member_de])

    assert Notification.objects.get().emailed_at is None
    assert mail.outbox == []


def test_notify_immediate_sends_one_email_in_recipient_language(
    member_de, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://tandem.example"

    with django_capture_on_commit_callbacks(execute=True):
        _notify([member_de], url="/en/contacts/requests/7/")

    [message] = mail.outbox
    assert message.to == [member_de.email]
    assert message.extra_headers["Content-Language"] == "de"
    html = message.alternatives[0][0]
    assert '<html lang="de">' in html
    # The link is absolute and in the recipient's language.
    assert "https://tandem.example/de/contacts/requests/7/" in message.body
    assert "Agro Cluj hat Sensorik GmbH eine Kontaktanfrage gesendet." in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://tandem.example/de/notifications/unsubscribe/"
    )
    assert Notification.objects.get().emailed_at is not None


def test_notify_immediate_language_falls_back_to_site_language(
    org, settings, django_capture_on_commit_callbacks
):
    user = UserFactory(preferred_language="")

    with django_capture_on_commit_callbacks(execute=True):
        _notify([user])

    assert mail.outbox[0].extra_headers["Content-Language"] == settings.LANGUAGE_CODE


def test_notify_email_not_sent_twice(member_de, django_capture_on_commit_callbacks):
    from tandem.notifications.tasks import send_notification_email

    with django_capture_on_commit_callbacks(execute=True):
        _notify([member_de])
    result = send_notification_email.call(Notification.objects.get().pk)

    assert result is False
    assert len(mail.outbox) == 1


def test_notify_rolled_back_sends_no_email(
    member_de, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                _notify([member_de])
                raise RuntimeError
        except RuntimeError:
            pass

    assert callbacks == []
    assert mail.outbox == []


def test_default_channels(member_de):
    assert channels_for(user=member_de) == {
        collaboration_kinds.CONTACT_REQUEST_RECEIVED: "immediate",
        collaboration_kinds.CONTACT_REQUEST_ANSWERED: "immediate",
        collaboration_kinds.MESSAGE_RECEIVED: "digest",
        directory_kinds.OPPORTUNITY_EXPIRING: "digest",
        directory_kinds.ORGANISATION_REVIEWED: "immediate",
        directory_kinds.ORGANISATION_CHANGES_PROPOSED: "immediate",
        directory_kinds.ORGANISATION_CHANGES_REVIEWED: "immediate",
        projects_kinds.PROJECT_INVITATION: "immediate",
        events_kinds.EVENT_REGISTRATION_DECIDED: "immediate",
        events_kinds.MEETING_REQUESTED: "immediate",
        events_kinds.MEETING_REQUEST_ANSWERED: "immediate",
        events_kinds.MEETING_SCHEDULED: "immediate",
        events_kinds.MEETING_MOVED: "immediate",
        events_kinds.MEETING_CANCELLED: "immediate",
        events_kinds.EVENT_CANCELLED: "immediate",
        events_kinds.EVENT_REMINDER: "immediate",
        collaboration_kinds.MESSAGE_REPORTED: "immediate",
        events_kinds.EVENT_ORGANISER_PERMISSION: "immediate",
        privacy_kinds.DATA_EXPORT_READY: "immediate",
        privacy_kinds.ORGANISATION_HANDED_OVER: "immediate",
    }


def test_set_preferences_invalid_channel(member_de):
    with pytest.raises(ValidationError) as exc:
        set_preferences(
            by=member_de, channels={collaboration_kinds.MESSAGE_RECEIVED: "pigeon"}
        )

    assert (
        exc.value.error_dict[collaboration_kinds.MESSAGE_RECEIVED][0].code
        == "invalid_channel"
    )


def test_set_preferences_updates_existing(member_de):
    set_preferences(
        by=member_de, channels={collaboration_kinds.MESSAGE_RECEIVED: "none"}
    )
    set_preferences(
        by=member_de, channels={collaboration_kinds.MESSAGE_RECEIVED: "immediate"}
    )

    assert list(NotificationPreference.objects.values_list("kind", "channel")) == [
        (collaboration_kinds.MESSAGE_RECEIVED, "immediate")
    ]


def test_mark_read_other_users_notification_denied(member_de, member_ro):
    _notify([member_de])

    with pytest.raises(PermissionDenied):
        mark_read(notification=Notification.objects.get(), by=member_ro)


def test_mark_read_sets_read_at(member_de):
    _notify([member_de])

    notification = mark_read(notification=Notification.objects.get(), by=member_de)

    assert notification.read_at is not None


def test_mark_all_read_only_own(member_de, member_ro):
    _notify([member_de, member_ro])
    _notify([member_de])

    assert mark_all_read(by=member_de) == 2
    assert Notification.objects.filter(read_at__isnull=True).get().user == member_ro


def _message(users, excerpt="Hallo!"):
    _notify(
        users,
        kind=collaboration_kinds.MESSAGE_RECEIVED,
        params={
            "sender": "Agro Cluj",
            "recipient": "Sensorik GmbH",
            "excerpt": excerpt,
        },
        url="/en/contacts/conversations/3/",
    )


def test_send_digests_one_email_per_user_grouped(member_de, member_ro):
    _message([member_de, member_ro], "first")
    _message([member_de], "second")

    sent = send_digests(now=timezone.now())

    assert sent == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    body = by_recipient[member_de.email].body
    # German quotes: the digest is written in the recipient's language.
    assert "„first“" in body
    assert "„second“" in body
    assert by_recipient[member_ro.email].extra_headers["Content-Language"] == "ro"
    assert "/ro/contacts/conversations/3/" in by_recipient[member_ro.email].body


def test_send_digests_is_idempotent(member_de):
    _message([member_de])
    send_digests(now=timezone.now())

    assert send_digests(now=timezone.now()) == 0
    assert len(mail.outbox) == 1


def test_send_digests_skips_later_notifications(member_de):
    _message([member_de])

    sent = send_digests(now=timezone.now() - datetime.timedelta(minutes=5))

    assert sent == 0
    assert Notification.objects.get().emailed_at is None


def test_send_digests_skips_immediate_and_in_app(member_de):
    _notify([member_de])  # immediate, already e-mailed
    set_preferences(
        by=member_de, channels={collaboration_kinds.MESSAGE_RECEIVED: "in_app"}
    )
    _message([member_de])
    mail.outbox.clear()

    assert send_digests(now=timezone.now()) == 0


def test_send_digests_leaves_out_kinds_switched_off_since(member_de):
    _message([member_de])
    unsubscribe(user=member_de, kind=collaboration_kinds.MESSAGE_RECEIVED)

    assert send_digests(now=timezone.now()) == 0
    assert Notification.objects.get().emailed_at is not None


@pytest.mark.parametrize(
    ("kind", "params", "expected"),
    [
        (
            collaboration_kinds.CONTACT_REQUEST_RECEIVED,
            {"sender": "A", "recipient": "B", "opportunity": "Soil"},
            "A sent B a contact request about “Soil”.",
        ),
        (
            collaboration_kinds.CONTACT_REQUEST_ANSWERED,
            {"sender": "A", "recipient": "B", "accepted": True, "reason": ""},
            "B accepted the contact request of A.",
        ),
        (
            collaboration_kinds.CONTACT_REQUEST_ANSWERED,
            {"sender": "A", "recipient": "B", "accepted": False, "reason": "No"},
            "B declined the contact request of A.",
        ),
        (
            directory_kinds.OPPORTUNITY_EXPIRING,
            {"title": "Soil", "expires_on": "2027-01-31"},
            "The opportunity “Soil” expires on Jan. 31, 2027.",
        ),
        (
            directory_kinds.ORGANISATION_REVIEWED,
            {"organisation": "B", "decision": "verified", "reason": ""},
            "B has been verified.",
        ),
        (
            projects_kinds.PROJECT_INVITATION,
            {"project": "P", "organisation": "B", "by_organisation": "A"},
            "A invited B to the joint project “P”.",
        ),
    ],
)
def test_kind_texts(kind, params, expected):
    from django.utils import translation

    with translation.override("en"):
        assert kinds.render_text(kind, params) == expected
        assert kinds.render_subject(kind, params)


def test_kind_text_tolerates_missing_params():
    assert kinds.render_text(projects_kinds.PROJECT_INVITATION, {}) != ""
