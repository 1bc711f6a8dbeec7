"""Consent to the privacy notice: at sign-up, and again for each new version."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.legal.services import publish_legal_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Lindenbaum-Klausenburg-2020"
NOTICE = {"de": "Datenschutz", "ro": "Confidențialitate", "en": "Privacy"}


def sign_up(client, **extra):
    return client.post(
        "/en/accounts/signup/",
        {
            "first_name": "Ana",
            "last_name": "Pop",
            "email": "ana@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            **extra,
        },
    )


def test_signup_without_consent_is_refused_on_the_field(client):
    response = sign_up(client)

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["privacy_notice"][0].code == (
        "required"
    )
    assert not User.objects.exists()


def test_signup_records_the_version_accepted_and_when(client):
    publish_legal_text(kind="privacy", body_translations=NOTICE)
    publish_legal_text(kind="privacy", body_translations=NOTICE)
    before = timezone.now()

    sign_up(client, privacy_notice="on")

    user = User.objects.get(email="ana@example.org")
    assert user.privacy_notice_version == 2
    assert user.privacy_notice_accepted_at >= before


def test_the_signup_form_links_to_the_privacy_notice(client):
    html = client.get("/de/accounts/signup/").content.decode()

    assert 'href="/de/legal/privacy/"' in html
    assert 'name="privacy_notice"' in html


def test_a_new_version_sends_a_signed_in_person_to_accept_it(client):
    publish_legal_text(kind="privacy", body_translations=NOTICE)
    user = UserFactory(privacy_notice_version=1)
    client.force_login(user)
    assert client.get("/en/events/").status_code == 200

    publish_legal_text(kind="privacy", body_translations=NOTICE)
    response = client.get("/en/events/")

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("accounts:privacy_notice") + "?next=%2Fen%2Fevents%2F"
    )
    # The notice itself stays readable meanwhile.
    assert client.get("/en/legal/privacy/").status_code == 200


def test_accepting_records_the_version_and_goes_on(client):
    publish_legal_text(kind="privacy", body_translations=NOTICE)
    user = UserFactory()
    client.force_login(user)

    page = client.get(reverse("accounts:privacy_notice") + "?next=/en/events/")
    response = client.post(reverse("accounts:privacy_notice"), {"next": "/en/events/"})

    assert b"Privacy" in page.content
    assert response.status_code == 302
    assert response["Location"] == "/en/events/"
    user.refresh_from_db()
    assert user.privacy_notice_version == 1
    assert client.get("/en/events/").status_code == 200


def test_accepting_never_redirects_to_another_site(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("accounts:privacy_notice"), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("dashboard")


def test_a_version_published_for_later_is_not_asked_yet(client):
    publish_legal_text(
        kind="privacy",
        body_translations=NOTICE,
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    client.force_login(UserFactory())

    assert client.get("/en/events/").status_code == 200


def test_nobody_is_asked_while_only_the_example_notice_is_shown(client):
    client.force_login(UserFactory())

    assert client.get("/en/events/").status_code == 200


def test_staff_see_but_cannot_change_a_persons_consent(client):
    user = UserFactory(privacy_notice_version=3)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(f"/en/admin/accounts/user/{user.pk}/change/")

    form = response.context["adminform"].form
    assert "privacy_notice_version" not in form.fields
    assert b"privacy notice accepted (version)" in response.content.lower()
