"""Coordinators and staff must set up a second factor before they go on."""

import re
from urllib.parse import quote

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    CoordinatorRoleFactory,
    UserFactory,
    code_for_secret,
    give_second_factor,
    totp_code,
)
from tests.helpers import confirm_password, error_codes

pytestmark = pytest.mark.django_db


def url(name, language="en"):
    with translation.override(language):
        return reverse(name)


def set_up_first(going):
    return url("mfa_activate_totp") + "?next=" + quote(going, safe="")


@pytest.fixture
def coordinator_without(dortmund_city):
    return CoordinatorRoleFactory(city=dortmund_city, second_factor=False).user


@pytest.fixture
def staff_without():
    return UserFactory(is_staff=True, is_superuser=True, second_factor=False)


@pytest.mark.parametrize("page_name", ["dashboard", "directory:review_queue"])
def test_coordinator_without_second_factor_is_sent_to_set_it_up(
    client, coordinator_without, page_name
):
    client.force_login(coordinator_without)

    response = client.get(url(page_name))

    assert response.status_code == 302
    assert response["Location"] == set_up_first(url(page_name))


@pytest.mark.parametrize("page_name", ["admin:index", "admin:accounts_user_changelist"])
def test_staff_without_second_factor_cannot_open_the_admin(
    client, staff_without, page_name
):
    client.force_login(staff_without)

    response = client.get(url(page_name))

    assert response.status_code == 302
    assert response["Location"] == set_up_first(url(page_name))


def test_coordinator_with_second_factor_goes_to_the_review_queue(client, coordinator):
    client.force_login(coordinator)

    response = client.get(url("directory:review_queue"))

    assert response.status_code == 200


def test_staff_with_second_factor_opens_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(url("admin:index"))

    assert response.status_code == 200


def test_member_is_not_asked_for_a_second_factor(client, user):
    client.force_login(user)

    response = client.get(url("dashboard"))

    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()


def test_setting_up_leads_back_to_the_page_asked_for(client, coordinator_without):
    client.force_login(coordinator_without)
    going = url("directory:review_queue")
    set_up = set_up_first(going)
    # Setting up a factor asks for the password again.
    assert client.get(set_up)["Location"].startswith(url("account_reauthenticate"))
    confirm_password(client)

    page = client.get(set_up)
    secret = page.context["form"].secret
    html = page.content.decode()
    assert secret in html  # typed by hand when the QR code cannot be scanned
    assert re.search(r'<img [^>]*alt="QR code[^"]+"', html)
    response = client.post(set_up, {"code": code_for_secret(secret)})

    codes_url = url("mfa_view_recovery_codes") + "?next=" + quote(going, safe="")
    assert response["Location"] == codes_url
    codes = client.get(codes_url)
    assert codes.context["continue_url"] == going
    assert len(codes.context["unused_codes"]) == 10
    assert client.get(going).status_code == 200


def test_setting_up_refuses_a_wrong_code(client, coordinator_without):
    client.force_login(coordinator_without)
    confirm_password(client)
    client.get(url("mfa_activate_totp"))

    response = client.post(url("mfa_activate_totp"), {"code": "000000"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["code"]
    assert not Authenticator.objects.filter(user=coordinator_without).exists()


def test_next_to_another_site_is_not_followed(client, coordinator_without):
    client.force_login(coordinator_without)
    confirm_password(client)
    set_up = url("mfa_activate_totp") + "?next=https://evil.example.com/"
    secret = client.get(set_up).context["form"].secret

    response = client.post(set_up, {"code": code_for_secret(secret)})

    assert response["Location"] == url("mfa_view_recovery_codes")


def test_sign_in_asks_a_coordinator_for_the_code(client, coordinator):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    response = client.post(
        url("account_login"),
        {"login": coordinator.email, "password": "correct horse battery staple"},
    )
    assert response["Location"] == url("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    client.post(url("mfa_authenticate"), {"code": totp_code(coordinator)})

    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_coordinator_cannot_turn_the_second_factor_off(client, coordinator):
    client.force_login(coordinator)
    confirm_password(client)

    response = client.post(url("mfa_deactivate_totp"))

    assert response.status_code == 200
    assert error_codes(response.context["form"].errors) == [
        "cannot_delete_authenticator"
    ]
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()


def test_member_can_turn_the_second_factor_off(client, user):
    give_second_factor(user)
    client.force_login(user)
    confirm_password(client)

    response = client.post(url("mfa_deactivate_totp"))

    assert response["Location"] == url("mfa_index")
    assert not Authenticator.objects.filter(user=user, type="totp").exists()


def test_settings_lead_a_member_to_two_factor_authentication(client, user):
    client.force_login(user)

    settings_page = client.get(url("accounts:settings")).content.decode()
    index = client.get(url("mfa_index"))

    assert f'href="{url("mfa_index")}"' in settings_page
    assert index.status_code == 200
    assert f'href="{url("mfa_activate_totp")}"' in index.content.decode()


def test_new_recovery_codes_replace_the_old_ones(client, coordinator):
    client.force_login(coordinator)
    confirm_password(client)
    client.post(url("mfa_generate_recovery_codes"))
    old = client.get(url("mfa_view_recovery_codes")).context["unused_codes"]

    assert client.get(url("mfa_generate_recovery_codes")).status_code == 200
    client.post(url("mfa_generate_recovery_codes"))

    new = client.get(url("mfa_view_recovery_codes")).context["unused_codes"]
    assert len(new) == 10
    assert set(new).isdisjoint(old)


# The notice is sent when the activation commits, inside the request.
@pytest.mark.django_db(transaction=True)
def test_turning_the_second_factor_on_and_off_is_told_by_email(client, mailoutbox):
    user = UserFactory()
    client.force_login(user)
    confirm_password(client)
    secret = client.get(url("mfa_activate_totp")).context["form"].secret
    client.post(url("mfa_activate_totp"), {"code": code_for_secret(secret)})
    client.post(url("mfa_deactivate_totp"))

    assert [message.to for message in mailoutbox] == [[user.email], [user.email]]
    assert [message.subject for message in mailoutbox] == [
        "[Tandem] Authenticator App Activated",
        "[Tandem] Authenticator App Deactivated",
    ]
    assert "There has been a change to your Tandem account" in mailoutbox[0].body
