"""axe-core on the key public pages: no serious or critical violation."""

import pytest
from playwright.sync_api import Page

from tests.factories import OpportunityFactory, OrganisationFactory, PartnershipFactory


@pytest.fixture
def directory(transactional_db):
    partnership = PartnershipFactory()
    organisation = OrganisationFactory(
        city=partnership.city_b,
        name="Cooperativa Someș",
        slug="cooperativa-somes",
        kind="agricultural",
        language="ro",
        description="Cooperativă agricolă care caută parteneri pentru irigații inteligente.",
    )
    opportunity = OpportunityFactory(organisation=organisation, language="ro")
    return organisation, opportunity


@pytest.mark.parametrize("language", ["de", "ro", "en"])
def test_key_pages_have_no_serious_violations(
    page: Page, live_server, directory, check_accessibility, language
):
    organisation, opportunity = directory
    pages = {
        "home": "/",
        "directory": "/organisations/",
        "organisation": f"/organisations/{organisation.slug}/",
        "opportunities": "/opportunities/",
        "opportunity": f"/opportunities/{opportunity.pk}/",
        "login": "/accounts/login/",
        "password_reset": "/accounts/password/reset/",
    }
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}/{language}{path}")
        assert response is not None and response.status == 200, path
        check_accessibility(page, f"{name}-{language}")
