"""One throttle for every sign-in: the site's, the admin's, and the password
asked again before an API token is made (allauth's ``login_failed`` limit,
kept in the cache, per address and per account)."""

from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from allauth.core.internal import ratelimit
from django.urls import reverse
from django.utils import translation

from tandem.accounts.models import ApiToken
from tests.factories import UserFactory, totp_code
from tests.helpers import error_codes

pytestmark = pytest.mark.django_db

PASSWORD = "Lindenbaum-Klausenburg-2020"
WRONG = "Klausenburg-Lindenbaum-2020"
ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"


def url(name):
    with translation.override("en"):
        return reverse(name)


def person(email, **fields):
    user = UserFactory(email=email, **fields)
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def signed_in(client):
    return "_auth_user_id" in client.session


def sign_in_form(client, address):
    """Where the sign-in page of ``address`` posts: itself, or the page it
    sends people to."""
    response = client.get(address)
    return response.url if response.status_code == 302 else address


def post_password(client, form_url, email, password, ip=ATTACKER):
    # The admin's form calls the e-mail "username", allauth's "login".
    return client.post(
        form_url,
        {"username": email, "login": email, "password": password},
        REMOTE_ADDR=ip,
    )


@pytest.fixture
def staff():
    return person("buero@do.example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def member():
    return person("ana@feldsensor.example.org")


def test_admin_login_after_twelve_wrong_passwords_does_not_sign_in(client, staff):
    form_url = sign_in_form(client, url("admin:login"))
    for _attempt in range(12):
        post_password(client, form_url, staff.email, WRONG)

    response = post_password(client, form_url, staff.email, PASSWORD)

    assert not signed_in(client)
    assert error_codes(response.context["form"].errors) == ["too_many_login_attempts"]


def test_admin_login_sends_to_the_site_login(client):
    response = client.get(url("admin:login") + "?next=/en/admin/")

    assert response.status_code == 302
    assert response.url == url("account_login") + "?next=%2Fen%2Fadmin%2F"


def test_admin_login_form_signs_no_one_in_itself(client, staff):
    response = post_password(client, url("admin:login"), staff.email, PASSWORD)

    assert response.status_code == 302
    assert not signed_in(client)


def test_site_login_after_twelve_wrong_passwords_does_not_sign_in(client, member):
    form_url = url("account_login")
    for _attempt in range(12):
        post_password(client, form_url, member.email, WRONG)

    response = post_password(client, form_url, member.email, PASSWORD)

    assert not signed_in(client)
    assert error_codes(response.context["form"].errors) == ["too_many_login_attempts"]


def test_site_login_opens_again_for_the_owner_after_the_window(client, member):
    form_url = url("account_login")
    now = 1_800_000_000.0
    with mock.patch.object(ratelimit.time, "time", return_value=now):
        for _attempt in range(12):
            post_password(client, form_url, member.email, WRONG)
    with mock.patch.object(ratelimit.time, "time", return_value=now + 5 * 60 + 1):
        post_password(client, form_url, member.email, PASSWORD, ip=OWNER)

    assert signed_in(client)


def test_another_address_is_not_throttled_by_the_first_ones_failures(client, member):
    # Wrong passwords for many accounts from one address use up that
    # address's allowance, not the allowance of the account's owner elsewhere.
    form_url = url("account_login")
    for number in range(12):
        post_password(client, form_url, f"guess{number}@example.org", WRONG)

    from_attacker = post_password(client, form_url, member.email, PASSWORD)
    assert not signed_in(client)
    assert error_codes(from_attacker.context["form"].errors) == [
        "too_many_login_attempts"
    ]

    post_password(client, form_url, member.email, PASSWORD, ip=OWNER)
    assert signed_in(client)


def test_api_token_needs_the_password_again_and_shares_the_throttle(client, member):
    client.force_login(member)

    response = client.post(url("accounts:api_tokens"), {"name": "Sync"})

    assert ApiToken.objects.count() == 0
    assert response.status_code == 302
    confirm_url = response.url
    assert confirm_url.startswith(url("account_reauthenticate"))
    for _attempt in range(12):
        client.post(confirm_url, {"password": WRONG}, REMOTE_ADDR=ATTACKER)
    throttled = client.post(confirm_url, {"password": PASSWORD}, REMOTE_ADDR=ATTACKER)
    assert ApiToken.objects.count() == 0
    assert throttled.status_code == 429
    assert "429.html" in [template.name for template in throttled.templates]
    # The wrong passwords count against the account's sign-in too.
    client.logout()
    post_password(client, url("account_login"), member.email, PASSWORD, ip=OWNER)
    assert not signed_in(client)


def test_api_token_is_made_once_the_password_is_confirmed(client, member):
    client.force_login(member)
    form = {"name": "Sync", "scope": "read", "lifetime_days": "365"}
    confirm_url = client.post(url("accounts:api_tokens"), form).url

    response = client.post(confirm_url, {"password": PASSWORD})

    assert response.status_code == 200
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["Sync"]
    assert response.context["new_key"]


def test_second_factor_code_after_twelve_wrong_codes_does_not_sign_in(client, staff):
    post_password(client, url("account_login"), staff.email, PASSWORD)
    for _attempt in range(12):
        client.post(url("mfa_authenticate"), {"code": "000000"}, REMOTE_ADDR=ATTACKER)

    response = client.post(
        url("mfa_authenticate"), {"code": totp_code(staff)}, REMOTE_ADDR=ATTACKER
    )

    assert not signed_in(client)
    assert error_codes(response.context["form"].errors) == ["too_many_login_attempts"]
