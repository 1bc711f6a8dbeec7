"""Tandem's own wording for django-allauth's pages and e-mails."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Lindenbaum-Klausenburg-2020"
SKIP_LINK = '<a class="skip-link" href="#main">'


def url(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def h1(response):
    [heading] = re.findall(r"<h1>(.*?)</h1>", response.content.decode(), re.DOTALL)
    return " ".join(heading.split())


def sign_up(client, language="en"):
    return client.post(
        url(language, "account_signup"),
        {
            "first_name": "Ana",
            "last_name": "Pop",
            "email": "ana@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_notice": "on",
        },
    )


def link_in(message, path_part):
    match = re.search(rf"https?://[^/\s]+(/\S*/{path_part}/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


ANONYMOUS_PAGES = [
    ("account_login", {}, "Log in"),
    ("account_signup", {}, "Create an account"),
    ("account_email_verification_sent", {}, "Check your e-mail"),
    ("account_confirm_email", {"key": "no-such-key"}, "This link does not work"),
    ("account_reset_password", {}, "Reset your password"),
    ("account_reset_password_done", {}, "Check your e-mail"),
    (
        "account_reset_password_from_key",
        {"uidb36": "zz", "key": "no-such-key"},
        "This link does not work",
    ),
    ("account_reset_password_from_key_done", {}, "Your password has been changed"),
    ("account_inactive", {}, "Your account is switched off"),
]
LOGGED_IN_PAGES = [
    ("account_logout", "Log out"),
    ("account_change_password", "Change your password"),
    ("account_email", "Your e-mail addresses"),
]


@pytest.mark.parametrize(("name", "kwargs", "heading"), ANONYMOUS_PAGES)
def test_anonymous_account_page_in_english_has_tandems_heading(
    client, name, kwargs, heading
):
    response = client.get(url("en", name, **kwargs))

    assert response.status_code == 200
    assert h1(response) == heading
    assert SKIP_LINK in response.content.decode()


@pytest.mark.parametrize(("name", "kwargs", "heading"), ANONYMOUS_PAGES)
def test_anonymous_account_page_in_german_uses_tandems_base(
    client, name, kwargs, heading
):
    response = client.get(url("de", name, **kwargs))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert SKIP_LINK in html


@pytest.mark.parametrize(("name", "heading"), LOGGED_IN_PAGES)
@pytest.mark.parametrize("language", ["en", "de"])
def test_logged_in_account_page_uses_tandems_base(client, name, heading, language):
    user = UserFactory(email="ion@example.org")
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    client.force_login(user)

    response = client.get(url(language, name))

    assert response.status_code == 200
    assert SKIP_LINK in response.content.decode()
    if language == "en":
        assert h1(response) == heading


@pytest.mark.parametrize("language", ["en", "de"])
def test_email_confirmation_page_with_a_valid_link_offers_to_confirm(client, language):
    sign_up(client, language)
    path = link_in(mail.outbox[0], "accounts/confirm-email")

    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert SKIP_LINK in html
    assert f'action="{path}"' in html
    if language == "en":
        assert h1(response) == "Confirm your e-mail address"


@pytest.mark.parametrize("language", ["en", "de"])
def test_password_reset_page_with_a_valid_link_shows_the_new_password_form(
    client, language
):
    user = UserFactory(email="ion@example.org")
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    client.post(url(language, "account_reset_password"), {"email": user.email})
    path = link_in(mail.outbox[0], "accounts/password/reset/key")

    response = client.get(path, follow=True)

    assert response.status_code == 200
    assert SKIP_LINK in response.content.decode()
    assert set(response.context["form"].fields) == {"password1", "password2"}
    if language == "en":
        assert h1(response) == "Choose a new password"


def test_signup_email_greets_without_the_host_name_and_has_the_link(client):
    sign_up(client)

    [message] = mail.outbox
    lines = message.body.splitlines()
    assert lines[0] == "Hello,"
    assert lines[-1] == "Tandem – Cluj-Napoca ↔ Dortmund"
    assert (
        message.subject == "[Tandem] Confirm your e-mail address to finish signing up"
    )
    path = link_in(message, "accounts/confirm-email")
    assert path.startswith(url("en", "account_email_verification_sent"))
    assert f"http://testserver{path}" in lines
    # The host name appears in the link only, not in a greeting or signature.
    assert message.body.count("testserver") == 1


def test_password_reset_email_greets_without_the_host_name_and_has_the_link(client):
    user = UserFactory(email="ion@example.org")
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )

    client.post(url("en", "account_reset_password"), {"email": user.email})

    [message] = mail.outbox
    assert message.body.splitlines()[0] == "Hello,"
    assert message.subject == "[Tandem] Reset your password"
    assert link_in(message, "accounts/password/reset/key").startswith("/en/")
    assert message.body.count("testserver") == 1
