"""An account without a name is asked for one at sign-in, in a real browser."""

import re

from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from tests.factories import UserFactory

PASSWORD = "Kaffee-und-Kuchen-2020"


def test_a_nameless_person_names_themselves_then_goes_on(
    page: Page, live_server, check_accessibility
):
    user = UserFactory(first_name="", last_name="", email="ion@example.org")
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill("ion@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in|Sign in", re.I)).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What should we call you?"
    )
    check_accessibility(page, "name_step")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_label("First name").fill("Ion")
    page.get_by_label("Last name").fill("Pop")
    page.get_by_role("button", name="Save and continue").click()

    expect(page).not_to_have_url(re.compile("/me/name/"))
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Ion", "Pop")
