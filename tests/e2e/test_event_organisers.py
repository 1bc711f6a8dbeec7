"""A coordinator allows an organisation to organise events, in German; its
owner then creates and publishes an event of its own, in Romanian."""

import datetime

import pytest
from playwright.sync_api import Browser, expect

from tandem.events.models import Event
from tests.e2e.test_event_journey import account, log_in, t
from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
)

DAY = datetime.date.today() + datetime.timedelta(days=40)


@pytest.fixture
def people(transactional_db, areas):
    partnership = PartnershipFactory()
    dortmund, cluj = partnership.city_a, partnership.city_b
    coordinator = account(
        CoordinatorRoleFactory(city=cluj).user, "coordonare@cj.example.org", "de"
    )
    owner = account(
        MembershipFactory(
            organisation=OrganisationFactory(
                name="Universitatea Someș", city=cluj, language="ro"
            )
        ).user,
        "rector@somes.example.org",
        "ro",
    )
    OrganisationFactory(name="Feldsensor", city=dortmund)
    return coordinator, owner


def test_coordinator_allows_an_organisation_which_then_publishes_its_event(
    browser: Browser, live_server, people, check_accessibility
):
    base = live_server.url
    coordinator_user, owner_user = people

    coordinator = log_in(browser, base, coordinator_user.email, "de")
    coordinator.goto(f"{base}/de/events/")
    coordinator.get_by_role("link", name=t("de", "Event organisers")).click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(
        t("de", "Event organisers")
    )
    check_accessibility(coordinator, "event_organisers_empty")
    # Only the coordinator's own city's organisations are offered.
    choice = coordinator.get_by_label(t("de", "Organisation"), exact=True)
    expect(choice.locator("option")).to_have_count(2)
    choice.select_option(label="Universitatea Someș (Klausenburg)")
    coordinator.get_by_role("button", name=t("de", "Allow to organise events")).click()
    table = coordinator.get_by_role("table")
    expect(table).to_contain_text("Universitatea Someș")
    check_accessibility(coordinator, "event_organisers")

    owner = log_in(browser, base, owner_user.email, "ro")
    owner.goto(f"{base}/ro/notifications/")
    expect(owner.locator("main")).to_contain_text("Universitatea Someș")
    owner.goto(f"{base}/ro/events/")
    owner.get_by_role("link", name=t("ro", "Create an event")).click()
    check_accessibility(owner, "event_create_by_organiser")
    owner.get_by_label(t("ro", "Title"), exact=True).fill("Zi de inovare agricolă")
    owner.get_by_label(t("ro", "City"), exact=True).select_option(label="Cluj-Napoca")
    owner.get_by_label(t("ro", "First day")).fill(DAY.isoformat())
    owner.get_by_label(t("ro", "Last day")).fill(DAY.isoformat())
    organiser = owner.get_by_label(t("ro", "Organising organisation"), exact=True)
    expect(organiser.locator("option")).to_have_count(1)
    owner.get_by_role("button", name=t("ro", "Create the draft")).click()
    owner.get_by_role("button", name=t("ro", "Publish the event")).click()
    expect(owner.locator(".messages, [role=status]").first).to_be_visible()
    event = Event.objects.get()
    assert event.organiser.name == "Universitatea Someș"
    assert event.status == Event.Status.PUBLISHED
