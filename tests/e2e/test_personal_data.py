"""A member downloads their data and deletes their account, in German,
Romanian and English, on a 390 px wide screen; every page is axe clean."""

import io
import json
import re
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from tandem.accounts.models import User
from tests.factories import MembershipFactory, MessageFactory

PASSWORD = "Kaffee-und-Kuchen-2020"


@pytest.fixture(params=["de", "ro", "en"])
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def anna(transactional_db, settings, tmp_path, language):
    settings.MEDIA_ROOT = tmp_path / "media"
    message = MessageFactory(body="Wir freuen uns auf die Zusammenarbeit.")
    user = message.author
    user.email = "anna@feldsensor.example.org"
    user.first_name, user.last_name = "Anna", "Schmidt"
    user.preferred_language = language
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    MembershipFactory(user=user, organisation=message.sender, role="editor")
    return user


def fits_390(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width} px wide"


def test_member_downloads_data_and_deletes_account(
    browser: Browser, live_server, anna, language, check_accessibility
):
    def t(message: str) -> str:
        with translation.override(language):
            return translation.gettext(message)

    base = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{base}/{language}/accounts/login/")
    page.get_by_label(t("Email"), exact=True).fill(anna.email)
    page.get_by_label(t("Password"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t("Log in")).click()
    expect(page).not_to_have_url(re.compile("/login/"))

    page.goto(f"{base}/{language}/me/settings/")
    check_accessibility(page, f"personal-data-settings-{language}")
    fits_390(page)
    page.get_by_role("button", name=t("Download my data")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your data"))
    check_accessibility(page, f"personal-data-archives-{language}")
    fits_390(page)
    with page.expect_download() as download:
        page.locator("a[href*='/me/data/export/']").click()
    with zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())) as archive:
        account = json.loads(archive.read("account.json"))
        contacts = json.loads(archive.read("contacts.json"))
    assert account["account"]["email"] == "anna@feldsensor.example.org"
    assert [m["body"] for m in contacts["messages"]] == [
        "Wir freuen uns auf die Zusammenarbeit."
    ]

    page.get_by_role("link", name=t("Delete my account")).click()
    check_accessibility(page, f"personal-data-delete-{language}")
    fits_390(page)
    page.get_by_label(t("Your password")).fill("falsch")
    page.get_by_role("button", name=t("Delete my account for good")).click()
    expect(page.get_by_text(t("This is not your password.")).first).to_be_visible()
    check_accessibility(page, f"personal-data-delete-error-{language}")

    page.get_by_label(t("Your password")).fill(PASSWORD)
    page.get_by_role("button", name=t("Delete my account for good")).click()
    deleted = t("Your account is deleted. Thank you for having been part of Tandem.")
    expect(page.get_by_text(deleted)).to_be_visible()
    anna = User.objects.get(pk=anna.pk)
    assert anna.deleted_at is not None
    assert "anna" not in anna.email
