"""Signing in from browser tests, second factor included."""

from playwright.sync_api import Page

from tandem.accounts.models import User
from tests.factories import totp_code


def answer_second_factor(page: Page, email: str) -> None:
    """Types the code of the person's authenticator app when the sign-in asks
    for it (coordinators and staff have one)."""
    if "/2fa/authenticate/" not in page.url:
        return
    page.locator("input[name=code]").fill(totp_code(User.objects.get(email=email)))
    page.locator("form[action$='/2fa/authenticate/'] button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/2fa/authenticate/" not in url)
