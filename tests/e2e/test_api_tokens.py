"""A member creates a read-only API token in German; a program cannot write with it."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

PASSWORD = "Kaffee-und-Kuchen-2020"
SCREENSHOT = "/tmp/td-apitrust/api-tokens-{}.png"


@pytest.fixture
def member(transactional_db, areas):
    partnership = PartnershipFactory()
    organisation = OrganisationFactory(city=partnership.city_a, slug="feldsensor")
    user = MembershipFactory(organisation=organisation, role="owner").user
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def test_a_read_only_token_reads_but_cannot_write(
    page: Page, live_server, member, check_accessibility
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/de/accounts/login/")
    page.get_by_label("E-Mail").fill(member.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile("/me/"))
    page.goto(f"{live_server.url}/de/me/api-tokens/")

    page.get_by_label("Name").fill("Auswertung")
    page.get_by_label("Nur lesen", exact=False).check()
    page.get_by_label("Gültig für").select_option("30")
    page.get_by_role("button", name="Token erstellen").click()
    # Making a token asks for the password again (the sign-in throttle's door).
    page.wait_for_url(re.compile("/reauthenticate/"))
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Bestätigen").click()

    key = page.get_by_label("Token", exact=True).input_value()
    row = page.get_by_role("row", name=re.compile("Auswertung"))
    expect(row).to_contain_text("Nur lesen")
    expect(row).to_contain_text("Aktiv")
    page.screenshot(path=SCREENSHOT.format("390"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page, "api-tokens-de")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=SCREENSHOT.format("1280"), full_page=True)

    headers = {"Authorization": f"Bearer {key}"}
    read = page.request.get(f"{live_server.url}/api/v1/notifications", headers=headers)
    write = page.request.post(
        f"{live_server.url}/api/v1/organisations", headers=headers, data={}
    )
    assert read.status == 200
    assert (write.status, write.json()["code"]) == (403, "token_read_only")
