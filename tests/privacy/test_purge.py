"""Retention: ``tandem manage purge_expired`` removes what is past its time."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tandem.collaboration.models import ContactRequest
from tandem.events.models import Availability, Registration
from tandem.events.selectors.figures import organiser_figures
from tandem.notifications.models import Notification
from tandem.privacy.models import DataExport
from tandem.privacy.services import purge_expired
from tests.factories import (
    ContactRequestFactory,
    EventFactory,
    MeetingFactory,
    NotificationFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _ago(days: int) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days)


def test_texts_of_requests_closed_long_ago_go_the_requests_stay():
    old = ContactRequestFactory(
        state="declined", answered_at=_ago(181), decline_reason="Kein Bedarf."
    )
    expired = ContactRequestFactory(state="expired", expires_at=_ago(200))
    recent = ContactRequestFactory(state="declined", answered_at=_ago(10))
    pending = ContactRequestFactory(expires_at=_ago(200))

    purged = purge_expired(now=NOW)

    assert purged.contact_request_texts == 2
    old.refresh_from_db()
    assert (old.message, old.decline_reason, old.state) == ("", "", "declined")
    assert ContactRequest.objects.get(pk=expired.pk).message == ""
    assert ContactRequest.objects.get(pk=recent.pk).message != ""
    assert ContactRequest.objects.get(pk=pending.pk).message != ""


def test_the_request_period_follows_the_setting(settings):
    settings.TANDEM_RETENTION_EXPIRED_REQUEST_DAYS = 5
    request = ContactRequestFactory(state="declined", answered_at=_ago(10))

    purge_expired(now=NOW)

    assert ContactRequest.objects.get(pk=request.pk).message == ""


def test_old_read_notifications_go_unread_ones_stay():
    old = NotificationFactory()
    unread = NotificationFactory()
    recent = NotificationFactory()
    Notification.objects.filter(pk=old.pk).update(read_at=_ago(366))
    Notification.objects.filter(pk=recent.pk).update(read_at=_ago(3))

    assert purge_expired(now=NOW).notifications == 1

    assert set(Notification.objects.values_list("pk", flat=True)) == {
        unread.pk,
        recent.pk,
    }


def test_registrations_of_events_long_over_lose_their_people_not_the_figures():
    event = EventFactory(
        starts_on=(NOW - datetime.timedelta(days=800)).date(),
        ends_on=(NOW - datetime.timedelta(days=800)).date(),
    )
    meeting = MeetingFactory(
        request__requester__event=event,
        request__message="Treffen wir uns?",
        requester_rating=4,
        state="held",
    )
    registration = meeting.request.requester
    Availability.objects.create(registration=registration, slot=meeting.slot)
    recent = RegistrationFactory()
    before = organiser_figures(event)

    purged = purge_expired(now=NOW)

    assert purged.registrations == 2
    registration.refresh_from_db()
    assert registration.user is None and registration.offer == ""
    assert not Availability.objects.exists()
    meeting.request.refresh_from_db()
    assert meeting.request.message == ""
    assert organiser_figures(event) == before
    assert Registration.objects.get(pk=recent.pk).user is not None


def test_a_dry_run_removes_nothing(capsys):
    NotificationFactory()
    Notification.objects.update(read_at=_ago(400))

    call_command("purge_expired", "--dry-run")

    assert "Would remove 1 read notification(s)." in capsys.readouterr().out
    assert Notification.objects.count() == 1


def test_the_command_says_what_it_removed(capsys):
    NotificationFactory()
    Notification.objects.update(read_at=_ago(400))

    call_command("purge_expired")

    out = capsys.readouterr().out
    assert "Removed 1 read notification(s)." in out
    assert "Removed the texts of 0 closed contact request(s)." in out
    assert not Notification.objects.exists()


def test_archives_never_built_go_after_their_lifetime(user):
    stuck = DataExport.objects.create(user=user, created_at=_ago(4))
    fresh = DataExport.objects.create(user=user)

    assert purge_expired(now=NOW).data_exports == 1

    assert list(DataExport.objects.all()) == [fresh]
    assert not DataExport.objects.filter(pk=stuck.pk).exists()
