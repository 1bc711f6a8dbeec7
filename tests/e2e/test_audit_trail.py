"""Coordinators read their city's audit trail, in German, Romanian and
English: found from the navigation, filtered, accessible and usable on a
390 px wide phone."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tandem.directory import services
from tandem.directory.models import Organisation
from tests.e2e.test_event_journey import account, log_in, t
from tests.factories import (
    CoordinatorRoleFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
)

SCREENSHOTS = Path(os.environ.get("TANDEM_SCREENSHOTS") or "/tmp/tandem-screens")


@pytest.fixture
def trail(transactional_db, areas):
    """Decisions of Dortmund's and of Cluj-Napoca's coordinators."""
    partnership = PartnershipFactory()
    dortmund, cluj = partnership.city_a, partnership.city_b
    dortmund_coordinator = account(
        CoordinatorRoleFactory(city=dortmund).user, "koordination@do.example.org", "de"
    )
    cluj_coordinator = account(
        CoordinatorRoleFactory(city=cluj).user, "coordonare@cj.example.org", "ro"
    )
    staff = account(UserFactory(is_staff=True), "support@tandem.example.org", "en")
    pending = Organisation.Verification.PENDING
    for name, city, by, decision, reason in [
        ("Feldsensor", dortmund, dortmund_coordinator, "verified", ""),
        ("Hafenlabor", dortmund, dortmund_coordinator, "rejected", "Kein Impressum."),
        ("Agro Someș", cluj, cluj_coordinator, "verified", ""),
        ("Ferma Nouă", cluj, cluj_coordinator, "changes_requested", "Adresa?"),
    ]:
        organisation = OrganisationFactory(name=name, city=city, verification=pending)
        services.review_organisation(
            organisation=organisation, by=by, decision=decision, reason=reason
        )
    return {"de": dortmund_coordinator, "ro": cluj_coordinator, "en": staff}


def fits_390(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"


@pytest.mark.parametrize(
    ("language", "seen", "unseen"),
    [
        ("de", "Hafenlabor", "Ferma Nouă"),
        ("ro", "Ferma Nouă", "Hafenlabor"),
        ("en", "Ferma Nouă", None),
    ],
)
def test_a_coordinator_reads_and_filters_the_trail(
    browser: Browser, live_server, trail, check_accessibility, language, seen, unseen
):
    reader = trail[language]
    page = log_in(browser, live_server.url, reader.email, language)
    page.get_by_role("navigation", name=t(language, "Main")).get_by_role(
        "link", name=t(language, "Audit trail")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(language, "Audit trail")
    )
    results = page.locator("#results")
    expect(results).to_contain_text(seen)
    if unseen:
        expect(results).not_to_contain_text(unseen)
    check_accessibility(page, f"audit_trail_{language}")

    page.get_by_label(t(language, "What"), exact=True).select_option(
        label=t(language, "Organisation verified")
    )
    page.get_by_role("button", name=t(language, "Show entries")).click()
    expect(results).not_to_contain_text(seen)
    expect(results.get_by_role("heading", level=3).first).to_have_text(
        t(language, "Organisation verified")
    )
    check_accessibility(page, f"audit_trail_filtered_{language}")

    fits_390(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"audit_{language}_390.png"), full_page=True)
