"""A verified organisation's new name waits for the coordinator, in a real
browser: the editor proposes, the coordinator sees before → after and approves."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from tests.e2e.signing_in import answer_second_factor
from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
)

PASSWORD = "Kaffee-und-Kuchen-2020"


def account(user):
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in|Sign in", re.I)).click()
    expect(page).not_to_have_url(re.compile("/login/"))
    answer_second_factor(page, email)


@pytest.fixture
def world(transactional_db, areas):
    partnership = PartnershipFactory()
    organisation = OrganisationFactory(
        city=partnership.city_a, name="Feldsensor", slug="feldsensor"
    )
    owner = account(MembershipFactory(organisation=organisation, role="owner").user)
    coordinator = account(CoordinatorRoleFactory(city=partnership.city_a).user)
    return organisation, owner, coordinator


def test_a_new_name_waits_for_the_coordinators_approval(
    page: Page, live_server, world, check_accessibility
):
    organisation, owner, coordinator = world
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, base, owner.email)
    page.goto(f"{base}/en/organisations/feldsensor/edit/")
    page.get_by_label("Name", exact=True).fill("Stadt Dortmund")
    page.get_by_role("button", name=re.compile("Save")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feldsensor")
    expect(page.get_by_text("Changes waiting for the coordinators")).to_be_visible()
    check_accessibility(page, "organisation_pending_changes")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    review = page.context.browser.new_context(
        viewport={"width": 390, "height": 844}
    ).new_page()
    log_in(review, base, coordinator.email)
    review.goto(f"{base}/en/review/")
    expect(review.get_by_text("Feldsensor → Stadt Dortmund")).to_be_visible()
    check_accessibility(review, "review_queue_changes")
    assert review.evaluate("document.documentElement.scrollWidth") <= 390
    review.get_by_role("link", name="Feldsensor").click()
    check_accessibility(review, "organisation_changes_review")
    assert review.evaluate("document.documentElement.scrollWidth") <= 390
    review.get_by_label(re.compile("Approve")).check()
    review.get_by_role("button", name="Save decision").click()
    expect(review).to_have_url(re.compile(r"/en/review/$"))

    organisation.refresh_from_db()
    assert (organisation.name, organisation.pending_changes) == ("Stadt Dortmund", {})
