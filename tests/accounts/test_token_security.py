"""API tokens end: they expire, and a password change revokes them all."""

import datetime
import re
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.management.commands import changepassword
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tandem.accounts.services import authenticate_api_token, create_api_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OLD = "correct horse battery staple"
NEW = "Lindenbaum-Klausenburg-2020"
API_URL = "/api/v1/notifications"


def _api_status(key):
    return Client().get(API_URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code


def test_a_token_older_than_a_year_is_refused(user):
    _token, key = create_api_token(by=user, name="Sync")
    later = timezone.now() + datetime.timedelta(days=366)

    with mock.patch("django.utils.timezone.now", return_value=later):
        assert authenticate_api_token(key=key) is None
        response = Client().get(API_URL, HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_changing_the_password_on_the_account_page_revokes_the_tokens(client, user):
    _token, key = create_api_token(by=user, name="Sync")
    client.force_login(user)

    response = client.post(
        "/en/accounts/password/change/",
        {"oldpassword": OLD, "password1": NEW, "password2": NEW},
    )

    assert response.status_code == 302
    assert _api_status(key) == 401


def test_resetting_the_password_revokes_the_tokens(client):
    user = UserFactory(email="ion@example.org")
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    _token, key = create_api_token(by=user, name="Sync")
    client.post("/en/accounts/password/reset/", {"email": user.email})
    [link] = re.findall(r"https?://testserver(/\S+)", mail.outbox[0].body)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]

    response = client.post(form_url, {"password1": NEW, "password2": NEW})

    assert response.status_code == 302
    assert _api_status(key) == 401


def test_the_admin_changing_a_password_revokes_the_tokens(client, user):
    _token, key = create_api_token(by=user, name="Sync")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        f"/en/admin/accounts/user/{user.pk}/password/",
        {"password1": NEW, "password2": NEW, "usable_password": "true"},
    )

    assert response.status_code == 302
    assert _api_status(key) == 401


def test_changepassword_command_revokes_the_tokens(user):
    _token, key = create_api_token(by=user, name="Sync")

    with mock.patch.object(changepassword.Command, "_get_pass", return_value=NEW):
        call_command("changepassword", user.email, stdout=mock.Mock())

    assert _api_status(key) == 401


def test_another_users_password_change_leaves_my_tokens(user):
    _token, key = create_api_token(by=user, name="Sync")
    other = UserFactory()

    other.set_password(NEW)
    other.save()

    assert _api_status(key) == 200


def test_a_password_hash_upgrade_is_no_password_change(user, settings):
    _token, key = create_api_token(by=user, name="Sync")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]

    assert user.check_password(OLD)  # rehashes with PBKDF2

    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$")
    assert _api_status(key) == 200
