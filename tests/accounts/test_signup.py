"""Sign-up, e-mail verification, log-in and password reset through django-allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.cache import cache

from tandem.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Lindenbaum-Klausenburg-2020"


def confirmation_path(message):
    match = re.search(
        r"https?://[^/\s]+(/\S*/accounts/confirm-email/[^/\s]+/)", message.body
    )
    assert match, message.body
    return match.group(1)


def sign_up(client, email="ana@example.org", language="de"):
    return client.post(
        f"/{language}/accounts/signup/",
        {
            "first_name": "Ana",
            "last_name": "Pop",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_notice": "on",
        },
    )


def test_signup_sends_a_verification_email_in_the_pages_language(client):
    response = sign_up(client)

    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    user = User.objects.get(email="ana@example.org")
    assert user.preferred_language == "de"
    assert not EmailAddress.objects.get(user=user).verified
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert confirmation_path(message).startswith("/de/accounts/confirm-email/")


def test_following_the_confirmation_link_verifies_and_logs_in(client):
    sign_up(client)
    path = confirmation_path(mail.outbox[0])

    page = client.get(path)
    response = client.post(path)

    assert page.status_code == 200
    assert response.status_code == 302
    user = User.objects.get(email="ana@example.org")
    assert EmailAddress.objects.get(user=user).verified
    assert client.session[SESSION_KEY] == str(user.pk)


def test_the_confirmation_link_does_not_confirm_on_get(client):
    sign_up(client)

    client.get(confirmation_path(mail.outbox[0]))

    assert not EmailAddress.objects.get(email="ana@example.org").verified


def test_signup_with_a_taken_email_shows_the_error_and_sends_no_verification(client):
    UserFactory(email="ana@example.org")

    response = sign_up(client, language="en")

    # allauth answers as if it worked (no account enumeration) or shows an error.
    assert User.objects.filter(email="ana@example.org").count() == 1
    assert SESSION_KEY not in client.session
    assert response.status_code in {200, 302}


def test_signup_with_mismatched_passwords_shows_field_errors(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "first_name": "Ana",
            "last_name": "Pop",
            "email": "ana@example.org",
            "password1": PASSWORD,
            "password2": "other",
        },
    )

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert not User.objects.exists()


def test_login_with_an_unverified_email_does_not_log_in(client):
    sign_up(client, language="en")
    client.logout()
    cache.clear()  # past allauth's pause between two verification e-mails
    mail.outbox.clear()

    response = client.post(
        "/en/accounts/login/", {"login": "ana@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    # allauth sends the verification e-mail again.
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]


def test_login_with_a_verified_email_logs_in(client):
    user = UserFactory(email="ion@example.org")
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )

    response = client.post(
        "/ro/accounts/login/",
        {"login": "ion@example.org", "password": "correct horse battery staple"},
    )

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_login_with_a_wrong_password_shows_an_error(client):
    UserFactory(email="ion@example.org")

    response = client.post(
        "/en/accounts/login/", {"login": "ion@example.org", "password": "wrong"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert SESSION_KEY not in client.session


def test_password_reset_sends_an_email_with_a_reset_link(client):
    user = UserFactory(email="ion@example.org")
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )

    response = client.post("/de/accounts/password/reset/", {"email": user.email})

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["ion@example.org"]
    assert re.search(r"/de/accounts/password/reset/key/\S+/", message.body)


@pytest.mark.parametrize(
    "path",
    [
        "/de/accounts/login/",
        "/ro/accounts/signup/",
        "/en/accounts/password/reset/",
        "/en/accounts/confirm-email/",
    ],
)
def test_account_pages_use_tandems_layout(client, path):
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert 'id="main"' in html
    assert html.count('class="button"') <= 1


def test_signup_stores_the_name(client):
    sign_up(client)

    user = User.objects.get(email="ana@example.org")
    assert (user.first_name, user.last_name) == ("Ana", "Pop")


def test_signup_without_a_name_is_refused_with_field_messages(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "ana@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_notice": "on",
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert {field: [e.code for e in errs] for field, errs in errors.items()} == {
        "first_name": ["required"],
        "last_name": ["required"],
    }
    assert not User.objects.exists()
