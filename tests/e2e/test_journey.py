"""A person's first steps, in a real browser: sign up, verify, create an organisation;
the coordinator verifies it; the public finds it in another language."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import Page, expect

from tandem.directory.models import Organisation
from tests.e2e.signing_in import answer_second_factor
from tests.factories import CoordinatorRoleFactory, PartnershipFactory

PASSWORD = "Kaffee-und-Kuchen-2020"


@pytest.fixture
def partnership(transactional_db, areas):
    return PartnershipFactory()


@pytest.fixture
def dortmund_coordinator(partnership):
    role = CoordinatorRoleFactory(city=partnership.city_a)
    role.user.set_password(PASSWORD)
    role.user.save()
    EmailAddress.objects.create(
        user=role.user, email=role.user.email, verified=True, primary=True
    )
    return role.user


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in|Sign in", re.I)).click()
    expect(page).not_to_have_url(re.compile("/login/"))
    answer_second_factor(page, email)


def test_sign_up_create_verify_and_find_in_german(
    page: Page, live_server, dortmund_coordinator, check_accessibility
):
    base = live_server.url

    # Sign up and verify the e-mail address.
    page.goto(f"{base}/en/accounts/signup/")
    check_accessibility(page, "signup")
    page.get_by_label("First name").fill("Anna")
    page.get_by_label("Last name").fill("Becker")
    page.get_by_label("Email").fill("anna@agrisense.example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("again|confirm", re.I)).fill(PASSWORD)
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name=re.compile("Create account|Sign up")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        re.compile("e-mail|email", re.I)
    )
    assert [m.to for m in mail.outbox] == [["anna@agrisense.example.org"]]
    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[0].body)
    assert link is not None
    page.goto(link.group(0))
    page.get_by_role("button", name="Confirm").click()

    # Create an organisation: it waits for the coordinator.
    page.goto(f"{base}/en/organisations/new/")
    check_accessibility(page, "organisation_form")
    page.get_by_label("Name", exact=True).fill("AgriSense Dortmund")
    page.get_by_label("Kind of organisation").select_option("startup")
    page.get_by_label("City", exact=True).select_option(label="Dortmund")
    page.get_by_label("Agritech", exact=True).check()
    page.get_by_label("Description", exact=True).fill(
        "Wir entwickeln Bodensensoren für Landwirtschaftsbetriebe im Ruhrgebiet."
    )
    page.get_by_label("German", exact=True).first.check()
    page.get_by_role("button", name="Create organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("AgriSense Dortmund")
    organisation = Organisation.objects.get(name="AgriSense Dortmund")
    assert organisation.verification == Organisation.Verification.PENDING

    # The public does not see it yet.
    anonymous = page.context.browser.new_page()
    response = anonymous.goto(f"{base}/de/organisations/{organisation.slug}/")
    assert response is not None and response.status == 404

    # Dortmund's coordinator verifies it from the review queue.
    coordinator = page.context.browser.new_context().new_page()
    log_in(coordinator, base, dortmund_coordinator.email)
    coordinator.goto(f"{base}/en/review/")
    check_accessibility(coordinator, "review_queue")
    coordinator.get_by_role("link", name=re.compile("AgriSense Dortmund")).first.click()
    coordinator.get_by_label("Verify the organisation").check()
    coordinator.get_by_role("button", name="Save decision").click()
    expect(coordinator).to_have_url(re.compile(r"/en/review/$"))
    organisation.refresh_from_db()
    assert organisation.verification == Organisation.Verification.VERIFIED

    # Anyone finds it in the German directory.
    anonymous.goto(f"{base}/de/organisations/?q=AgriSense")
    expect(anonymous.get_by_role("link", name="AgriSense Dortmund")).to_be_visible()
    anonymous.get_by_role("link", name="AgriSense Dortmund").click()
    expect(anonymous.locator("html")).to_have_attribute("lang", "de")
    expect(anonymous.get_by_role("heading", level=1)).to_have_text("AgriSense Dortmund")
