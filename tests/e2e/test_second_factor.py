"""A coordinator sets up the second factor at the first sign-in and is asked
for a code at the next; a member is not asked."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    code_for_secret,
)

PASSWORD = "Kaffee-und-Kuchen-2020"
PHONE_WIDTH = 390


def t(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def account(user, email: str, language: str):
    user.email = email
    user.preferred_language = language
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def partnership(transactional_db, areas):
    return PartnershipFactory()


def log_in(page: Page, base: str, email: str, language: str) -> None:
    page.goto(f"{base}/{language}/accounts/login/")
    page.get_by_label(t(language, "Email"), exact=True).fill(email)
    page.get_by_label(t(language, "Password"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t(language, "Log in")).click()
    expect(page).not_to_have_url(re.compile("/login/"))


def fits_a_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} is {width}px wide"


@pytest.mark.parametrize("language", ["de", "ro", "en"])
def test_coordinator_sets_up_the_second_factor_then_needs_a_code(
    browser: Browser, live_server, partnership, check_accessibility, language
):
    base = live_server.url
    coordinator = account(
        CoordinatorRoleFactory(city=partnership.city_a, second_factor=False).user,
        f"koordination-{language}@do.example.org",
        language,
    )
    page = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 844}
    ).new_page()

    log_in(page, base, coordinator.email, language)
    # Sent to set it up; setting it up asks for the password once more.
    expect(page).to_have_url(re.compile("/accounts/reauthenticate/"))
    check_accessibility(page, f"second-factor-confirm-{language}")
    fits_a_phone(page)
    page.get_by_label(t(language, "Password"), exact=True).fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/2fa/totp/activate/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(language, "Set up your authenticator app")
    )
    qr = page.get_by_role(
        "img",
        name=t(
            language, "QR code that adds your Tandem account to the authenticator app"
        ),
    )
    expect(qr).to_be_visible()
    check_accessibility(page, f"second-factor-setup-{language}")
    fits_a_phone(page)

    # The phone scans the key; it is shown as text too.
    secret = page.locator("code.secret-key").inner_text().strip()
    page.locator("input[name=code]").fill(code_for_secret(secret))
    page.get_by_role(
        "button", name=t(language, "Turn on two-factor authentication")
    ).click()

    expect(page).to_have_url(re.compile("/2fa/recovery-codes/"))
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    check_accessibility(page, f"second-factor-codes-{language}")
    fits_a_phone(page)
    page.get_by_role("link", name=t(language, "Continue")).click()
    expect(page).to_have_url(re.compile(f"/{language}/me/$"))

    page.context.clear_cookies()
    log_in(page, base, coordinator.email, language)
    expect(page).to_have_url(re.compile("/2fa/authenticate/"))
    check_accessibility(page, f"second-factor-code-{language}")
    fits_a_phone(page)
    # A code is taken once: the next one the app shows.
    page.locator("input[name=code]").fill(code_for_secret(secret, periods_ahead=1))
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(f"/{language}/me/$"))


def test_a_member_is_not_asked_for_a_second_factor(
    browser: Browser, live_server, partnership, check_accessibility
):
    base = live_server.url
    member = account(
        MembershipFactory(
            organisation=OrganisationFactory(city=partnership.city_b), role="owner"
        ).user,
        "ana@ferma.example.org",
        "ro",
    )
    page = browser.new_context().new_page()

    log_in(page, base, member.email, "ro")

    expect(page).to_have_url(re.compile("/ro/me/$"))
    page.goto(f"{base}/ro/me/settings/")
    page.get_by_role("link", name=t("ro", "Manage two-factor authentication")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("ro", "Two-factor authentication")
    )
    check_accessibility(page, "second-factor-index-ro")

    # A member may turn it on, make new codes and turn it off again.
    page.get_by_role("link", name=t("ro", "Set up an authenticator app")).click()
    page.get_by_label(t("ro", "Password"), exact=True).fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("ro", "Set up your authenticator app")
    )
    secret = page.locator("code.secret-key").inner_text().strip()
    page.locator("input[name=code]").fill(code_for_secret(secret))
    page.get_by_role(
        "button", name=t("ro", "Turn on two-factor authentication")
    ).click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.goto(f"{base}/ro/accounts/2fa/")
    page.get_by_role("link", name=t("ro", "Make new codes")).click()
    check_accessibility(page, "second-factor-new-codes-ro")
    page.goto(f"{base}/ro/accounts/2fa/")
    page.get_by_role("link", name=t("ro", "Turn off")).click()
    check_accessibility(page, "second-factor-turn-off-ro")
    page.get_by_role("button", name=t("ro", "Turn off")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("ro", "Two-factor authentication")
    )
    expect(page.locator("main")).to_contain_text(
        t("ro", "Off: logging in asks only for your password.")
    )
