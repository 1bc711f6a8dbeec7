"""A Dortmund member sees suggested partners from Cluj-Napoca, with reasons, and
tells Tandem which ones are not relevant."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from tandem.matching import services
from tandem.partnerships.models import Area
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

PASSWORD = "Kaffee-und-Kuchen-2020"


@pytest.fixture
def member_with_suggestions(transactional_db, areas):
    partnership = PartnershipFactory()
    agritech = Area.objects.get(slug="agritech")
    ours = OrganisationFactory(
        name="Feldsensor",
        slug="feldsensor",
        city=partnership.city_a,
        language="de",
        description="Wir entwickeln Sensoren für Bodenfeuchte und Bewässerung.",
    )
    ours.areas.set([agritech])
    for slug, text in [
        ("ferma-somes", "Fermă de legume care caută senzori de umiditate a solului."),
        ("cloud-cluj", "Servicii de găzduire în cloud pentru bănci."),
    ]:
        theirs = OrganisationFactory(
            name=slug.replace("-", " ").title(),
            slug=slug,
            city=partnership.city_b,
            language="ro",
            kind="agricultural",
            description=text,
        )
        theirs.areas.set([agritech])
    services.encode_missing()
    services.rebuild_index()
    user = MembershipFactory(organisation=ours, role="owner").user
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def test_member_sees_reasons_and_marks_a_suggestion_not_relevant(
    page: Page, live_server, member_with_suggestions, check_accessibility
):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill(member_with_suggestions.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile("/login/"))

    page.goto(f"{live_server.url}/en/organisations/feldsensor/")
    suggestions = page.locator("#suggestions")
    expect(suggestions.get_by_role("heading", level=2)).to_have_text(
        "Suggested partners in Cluj-Napoca"
    )
    first = suggestions.locator(
        "li.suggestion", has=page.get_by_role("link", name="Ferma Somes", exact=True)
    )
    expect(first).to_have_count(1)
    expect(first.get_by_role("list", name="Why it is suggested")).to_contain_text(
        "Works in the same area"
    )
    check_accessibility(page, "suggestions")

    first.get_by_role("button", name=re.compile("Not relevant")).click()
    # A suggestion marked not relevant leaves the list.
    expect(
        page.locator("#suggestions").get_by_role("link", name="Ferma Somes", exact=True)
    ).to_have_count(0)
    expect(
        page.locator("#suggestions").get_by_role("link", name="Cloud Cluj", exact=True)
    ).to_be_visible()
