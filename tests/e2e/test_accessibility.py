"""axe-core on the key public pages: no serious or critical violation."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page

from tests.factories import (
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    PartnershipFactory,
)


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


@pytest.fixture
def member(transactional_db, areas):
    partnership = PartnershipFactory()
    organisation = OrganisationFactory(city=partnership.city_a, slug="feldsensor")
    user = MembershipFactory(organisation=organisation, role="owner").user
    user.set_password("Kaffee-und-Kuchen-2020")
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def test_member_pages_have_no_serious_violations(
    page: Page, live_server, member, check_accessibility
):
    user = member
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password", exact=True).fill("Kaffee-und-Kuchen-2020")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile("/me/"))
    pages = {
        "dashboard": "/me/",
        "settings": "/me/settings/",
        "api_tokens": "/me/api-tokens/",
        "organisation_edit": "/organisations/feldsensor/edit/",
        "members": "/organisations/feldsensor/members/",
        "opportunity_new": "/organisations/feldsensor/opportunities/new/",
        "notifications": "/notifications/",
        "notification_settings": "/notifications/settings/",
        "contacts": "/contacts/received/",
        "conversations": "/contacts/conversations/",
        "contact_card": "/contacts/card/",
        "projects": "/projects/",
        "project_new": "/projects/new/",
    }
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}/en{path}")
        assert response is not None and response.status == 200, path
        check_accessibility(page, f"member-{name}")
