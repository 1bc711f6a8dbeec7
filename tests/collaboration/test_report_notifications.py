"""A reported message is announced to the people who review reports."""

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext, override

from tandem.collaboration import notification_kinds as collaboration_kinds
from tandem.collaboration import selectors, services
from tandem.notifications.models import Notification
from tests.factories import CoordinatorRoleFactory, UserFactory

BODY = "Überweisen Sie 500 Euro an kontakt@betrug.example"
REASON = "Sieht nach Betrug aus"


@pytest.fixture
def message(world, conversation):
    return services.post_message(
        conversation=conversation, by=world.sender_owner, body=BODY
    )


@pytest.fixture
def cluj_coordinator_de(world):
    return CoordinatorRoleFactory(
        city=world.recipient.city, user=UserFactory(preferred_language="de")
    ).user


def _report(world: Any, message: Any) -> Any:
    return services.report_message(
        message=message, by=world.recipient_viewer, reason=REASON
    )


def _reported() -> list[Notification]:
    return list(
        Notification.objects.filter(kind=collaboration_kinds.MESSAGE_REPORTED)
        .select_related("user")
        .order_by("user_id")
    )


def _expected_text(language: str) -> str:
    with override(language):
        return gettext(
            "%(reporter)s reported a message from %(sender)s for review."
        ) % {
            "reporter": "Agro Cluj",
            "sender": "Sensorik Dortmund",
        }


def test_report_notifies_coordinators_of_reporters_city_once(
    world, message, cluj_coordinator_de
):
    _report(world, message)

    assert [(n.user, n.params, n.url) for n in _reported()] == [
        (
            coordinator,
            {"reporter": "Agro Cluj", "sender": "Sensorik Dortmund"},
            reverse("collaboration:report_list"),
        )
        for coordinator in sorted(
            [world.cluj_coordinator, cluj_coordinator_de], key=lambda u: u.pk
        )
    ]


def test_report_does_not_notify_senders_city_members_or_reporter(world, message):
    _report(world, message)

    assert [n.user for n in _reported()] == [world.cluj_coordinator]


def test_report_by_a_coordinator_does_not_notify_the_reporter(world, message):
    CoordinatorRoleFactory(city=world.recipient.city, user=world.recipient_viewer)

    _report(world, message)

    assert [n.user for n in _reported()] == [world.cluj_coordinator]


def test_report_notifies_active_staff_not_inactive_coordinators(world, message):
    staff = UserFactory(is_staff=True)
    UserFactory(is_staff=True, is_active=False)
    CoordinatorRoleFactory(city=world.recipient.city, user=UserFactory(is_active=False))

    _report(world, message)

    assert {n.user for n in _reported()} == {world.cluj_coordinator, staff}


def test_report_notified_exactly_who_the_report_list_shows_it_to(world, message):
    staff = UserFactory(is_staff=True)
    inactive = CoordinatorRoleFactory(
        city=world.recipient.city, user=UserFactory(is_active=False)
    ).user
    people = [
        staff,
        inactive,
        world.cluj_coordinator,
        world.dortmund_coordinator,
        world.sender_owner,
        world.recipient_owner,
        world.recipient_viewer,
        world.other_member,
    ]

    report = _report(world, message)

    notified = {n.user for n in _reported()}
    shown = {
        person
        for person in people
        if report in selectors.reports_for_coordinator(viewer=person)
    }
    assert notified == shown == {staff, world.cluj_coordinator}


def test_refused_report_notifies_nobody_again(world, message):
    _report(world, message)

    with pytest.raises(ValidationError):
        _report(world, message)

    assert [n.user for n in _reported()] == [world.cluj_coordinator]


@pytest.mark.parametrize("language", ["de", "ro"])
def test_report_notification_text_in_readers_language(world, message, language):
    world.cluj_coordinator.preferred_language = language
    world.cluj_coordinator.save(update_fields=["preferred_language"])

    _report(world, message)

    [notification] = _reported()
    with override(language):
        assert notification.text == _expected_text(language)


@pytest.mark.parametrize("language", ["de", "ro"])
def test_report_email_in_readers_language(
    world, message, language, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://tandem.example"
    world.cluj_coordinator.preferred_language = language
    world.cluj_coordinator.save(update_fields=["preferred_language"])

    with django_capture_on_commit_callbacks(execute=True):
        _report(world, message)

    [email] = mail.outbox
    assert email.to == [world.cluj_coordinator.email]
    assert email.extra_headers["Content-Language"] == language
    with override(language):
        subject = gettext("A message was reported")
        link = "https://tandem.example" + reverse("collaboration:report_list")
    assert email.subject.endswith(subject)
    assert _expected_text(language) in email.body
    assert link in email.body


@pytest.mark.parametrize("language", ["de", "ro", "en"])
def test_report_notification_leaves_out_body_reason_and_emails(
    world, message, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _report(world, message)

    [notification] = _reported()
    [email] = mail.outbox
    with override(language):
        text = notification.text
    for private in (
        BODY,
        "kontakt@betrug.example",
        REASON,
        world.recipient_viewer.email,
        world.sender_owner.email,
    ):
        assert private not in text
        assert private not in str(notification.params)
        assert private not in email.body
        assert private not in email.alternatives[0][0]
