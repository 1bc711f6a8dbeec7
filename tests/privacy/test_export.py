"""Download my data: the archive, who may download it and for how long."""

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import ApiToken
from tandem.accounts.services import create_api_token
from tandem.audit.models import AuditEntry
from tandem.collaboration.models import ContactCard
from tandem.notifications.models import Notification
from tandem.privacy.models import DataExport
from tandem.privacy.services import export_path, purge_expired, request_data_export
from tests.factories import (
    ContactRequestFactory,
    MessageFactory,
    NotificationFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


def _archive(content: bytes) -> dict[str, object]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name.removesuffix(".json"): json.loads(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".json")
        }


def _export(user, django_capture_on_commit_callbacks) -> DataExport:
    with django_capture_on_commit_callbacks(execute=True):
        export = request_data_export(by=user)
    export.refresh_from_db()
    return export


def test_archive_holds_what_tandem_knows_about_the_person(
    django_capture_on_commit_callbacks,
):
    message = MessageFactory(body="Wir freuen uns auf das Treffen.")
    user = message.author
    ContactCard.objects.create(user=user, phone="+49 231 0000", share_phone=True)
    ContactRequestFactory(created_by=user, message="Wir suchen Pilotbetriebe.")
    RegistrationFactory(offer="Bodensensoren")
    create_api_token(by=user, name="Sync")
    NotificationFactory(user=user)

    data = _archive(
        export_path(_export(user, django_capture_on_commit_callbacks)).read_bytes()
    )

    assert data["account"]["account"]["email"] == user.email
    assert [t["name"] for t in data["account"]["api_tokens"]] == ["Sync"]
    assert data["contacts"]["contact_card"]["phone"] == "+49 231 0000"
    assert [m["body"] for m in data["contacts"]["messages"]] == [
        "Wir freuen uns auf das Treffen."
    ]
    assert [r["message"] for r in data["contacts"]["contact_requests"]] == [
        "Wir suchen Pilotbetriebe."
    ]
    assert data["notifications"]["notifications"][0]["kind"] == (
        "contact_request_received"
    )
    assert sorted(e["action"] for e in data["audit"]) == [
        "accounts.api_token_created",
        "privacy.data_exported",
    ]
    assert data["events"]["registrations"] == []  # the registration is another's


def test_archive_never_holds_a_token_key_or_its_hash(
    user, django_capture_on_commit_callbacks
):
    _token, key = create_api_token(by=user, name="Sync")
    content = export_path(
        _export(user, django_capture_on_commit_callbacks)
    ).read_bytes()
    text = json.dumps(_archive(content))

    assert key not in text
    assert ApiToken.objects.get().key_hash not in text


def test_archive_holds_the_persons_registrations(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(offer="Bodensensoren")
    data = _archive(
        export_path(
            _export(registration.user, django_capture_on_commit_callbacks)
        ).read_bytes()
    )

    assert [r["offer"] for r in data["events"]["registrations"]] == ["Bodensensoren"]


def test_asking_notifies_and_audits(user, django_capture_on_commit_callbacks):
    export = _export(user, django_capture_on_commit_callbacks)

    assert export.is_ready
    assert export.expires_at - export.ready_at == datetime.timedelta(hours=72)
    notification = Notification.objects.get(user=user)
    assert notification.kind == "data_export_ready"
    assert notification.url == reverse("privacy:data")
    entry = AuditEntry.objects.get(action="privacy.data_exported")
    assert entry.actor == user


def test_the_expiry_follows_the_setting(
    user, settings, django_capture_on_commit_callbacks
):
    settings.TANDEM_DATA_EXPORT_HOURS = 2
    export = _export(user, django_capture_on_commit_callbacks)

    assert export.expires_at - export.ready_at == datetime.timedelta(hours=2)


def test_only_the_owner_downloads(client, user, django_capture_on_commit_callbacks):
    export = _export(user, django_capture_on_commit_callbacks)
    url = reverse("privacy:export_download", args=[export.key])

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404

    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "account" in _archive(b"".join(response.streaming_content))


def test_anonymous_visitors_are_sent_to_log_in(
    client, user, django_capture_on_commit_callbacks
):
    export = _export(user, django_capture_on_commit_callbacks)

    response = client.get(reverse("privacy:export_download", args=[export.key]))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_expired_archive_is_gone_and_then_removed(
    client, user, django_capture_on_commit_callbacks
):
    export = _export(user, django_capture_on_commit_callbacks)
    client.force_login(user)
    later = timezone.now() + datetime.timedelta(hours=73)
    DataExport.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    url = reverse("privacy:export_download", args=[export.key])
    assert client.get(url).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        purged = purge_expired(now=later)
    assert purged.data_exports == 1
    assert not export_path(export).exists()
    assert not DataExport.objects.exists()


def test_the_file_lies_outside_the_static_files_with_a_random_name(
    user, settings, django_capture_on_commit_callbacks
):
    first = _export(user, django_capture_on_commit_callbacks)
    second = _export(user, django_capture_on_commit_callbacks)
    path = export_path(first)

    assert path.is_relative_to(settings.MEDIA_ROOT / "private")
    assert first.key != second.key and len(first.key) >= 32
    assert path.stem == first.key


def test_settings_page_asks_for_the_archive(
    client, user, django_capture_on_commit_callbacks
):
    client.force_login(user)
    page = client.get(reverse("accounts:settings"))
    assert reverse("privacy:export_request") in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:export_request"))

    assert response.status_code == 302
    export = DataExport.objects.get(user=user)
    data = client.get(reverse("privacy:data")).content.decode()
    assert reverse("privacy:export_download", args=[export.key]) in data


def test_the_archives_page_reads_the_same_for_one_and_three(client, user):
    client.force_login(user)

    assert_constant_queries(
        lambda: DataExport.objects.create(user=user),
        lambda: client.get(reverse("privacy:data")),
    )


def test_asking_twice_while_it_is_built_queues_one_archive(user):
    first = request_data_export(by=user)  # not built: on_commit never runs here

    assert request_data_export(by=user) == first
    assert DataExport.objects.count() == 1
    assert AuditEntry.objects.filter(action="privacy.data_exported").count() == 1
