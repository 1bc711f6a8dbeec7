"""The Content-Security-Policy holds in a real browser, and Tandem's own pages,
the admin and the API's docs keep working under it."""

import re

from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from tests.e2e.signing_in import answer_second_factor
from tests.factories import PartnershipFactory, UserFactory


def test_an_injected_inline_script_does_not_run(
    page: Page, live_server, transactional_db, policy_violations
):
    page.goto(f"{live_server.url}/en/")

    ran = page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            return window.injected === true;
        }"""
    )

    assert ran is False
    page.wait_for_timeout(100)  # the console message arrives after the block
    assert len(policy_violations) == 1
    assert "script-src" in policy_violations[0]
    policy_violations.clear()


def test_the_admin_works_under_the_policy(page: Page, live_server, transactional_db):
    PartnershipFactory()
    admin = UserFactory(is_staff=True, is_superuser=True)
    EmailAddress.objects.create(
        user=admin, email=admin.email, verified=True, primary=True
    )
    page.goto(f"{live_server.url}/en/admin/")
    page.get_by_label(re.compile("mail")).fill(admin.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    # The admin signs in through the site's sign-in, second factor included.
    page.wait_for_url(lambda url: "/login/" not in url)
    answer_second_factor(page, admin.email)
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.goto(f"{live_server.url}/en/admin/partnerships/city/")
    page.locator("#result_list tbody th a").first.click()
    expect(page.get_by_role("button", name="Save", exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/en/admin/accounts/user/add/")
    expect(page.get_by_role("heading", name="Add user")).to_be_visible()


def test_the_api_docs_work_under_the_policy(page: Page, live_server, transactional_db):
    page.goto(f"{live_server.url}/api/v1/docs")

    expect(page.get_by_role("heading", name=re.compile("Tandem API"))).to_be_visible()
    page.get_by_text("/api/v1/cities", exact=True).first.click()
    expect(page.get_by_role("button", name="Try it out")).to_be_visible()
