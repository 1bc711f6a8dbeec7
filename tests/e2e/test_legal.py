"""The legal pages, the consent at sign-up and again for a new privacy notice,
in a real browser: readable in every language, at 390 px, axe clean."""

import os
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import Page, expect

from tandem.legal.services import publish_legal_text
from tests.factories import PartnershipFactory, UserFactory

PASSWORD = "Lindenbaum-Klausenburg-2020"
SCREENSHOTS = Path(os.environ.get("TANDEM_SCREENSHOTS", "/tmp/tandem-screenshots"))
TITLES = {
    "de": ("Impressum", "Datenschutzerklärung", "Erklärung zur Barrierefreiheit"),
    "ro": (
        "Informații legale",
        "Politica de confidențialitate",
        "Declarație de accesibilitate",
    ),
    "en": ("Imprint", "Privacy notice", "Accessibility statement"),
}


def fits_390_px(page: Page, name: str) -> None:
    """Usable on a phone: nothing wider than the screen, no sideways scrolling."""
    page.set_viewport_size({"width": 390, "height": 844})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name}: {width} px wide at 390 px"
    page.set_viewport_size({"width": 1280, "height": 800})


@pytest.mark.parametrize("language", ["de", "ro", "en"])
def test_the_legal_pages_are_linked_from_every_page_and_readable(
    page: Page, live_server, transactional_db, check_accessibility, language
):
    PartnershipFactory()
    page.goto(f"{live_server.url}/{language}/")
    footer = page.get_by_role("contentinfo")

    for title in TITLES[language]:
        footer.get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator(".panel--notice")).to_be_visible()  # the example
        check_accessibility(page, f"legal-{title}-{language}")
        fits_390_px(page, f"legal-{title}-{language}")


def test_sign_up_asks_for_consent_to_the_privacy_notice(
    page: Page, live_server, transactional_db, check_accessibility
):
    publish_legal_text(
        kind="privacy",
        body_translations={
            "de": "## Verantwortliche Stelle\nStadt Dortmund",
            "ro": "## Operatorul de date\nPrimăria Cluj-Napoca",
            "en": "## Controller\nCity of Dortmund",
        },
    )
    page.goto(f"{live_server.url}/en/accounts/signup/")
    page.get_by_label("First name").fill("Ana")
    page.get_by_label("Last name").fill("Pop")
    page.get_by_label("Email").fill("ana@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("again|confirm", re.I)).fill(PASSWORD)
    consent = page.get_by_label("I have read the privacy notice")
    expect(consent).to_have_attribute("required", "")
    consent.evaluate("box => box.removeAttribute('required')")  # the server checks

    page.get_by_role("button", name="Create account").click()
    expect(
        page.get_by_text("Please read the privacy notice and tick the box.").first
    ).to_be_visible()
    check_accessibility(page, "signup-consent-error")
    fits_390_px(page, "signup-consent-error")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("again|confirm", re.I)).fill(PASSWORD)
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(
        re.compile("e-mail", re.I)
    )
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    from tandem.accounts.models import User

    assert User.objects.get(email="ana@example.org").privacy_notice_version == 1


def test_a_person_is_asked_again_after_a_new_privacy_notice(
    page: Page, live_server, transactional_db, check_accessibility
):
    notice = {
        "de": "Version eins",
        "ro": "Versiunea unu",
        "en": "Version one",
    }
    publish_legal_text(kind="privacy", body_translations=notice)
    user = UserFactory(email="ion@example.org", privacy_notice_version=1)
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    publish_legal_text(
        kind="privacy",
        body_translations={
            "de": "## Neu\nVersion zwei",
            "ro": "## Nou\nVersiunea doi",
            "en": "## New\nVersion two",
        },
    )

    page.goto(f"{live_server.url}/de/accounts/login/?next=/de/events/")
    page.get_by_label("E-Mail-Adresse", exact=True).fill(user.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Unsere Datenschutzerklärung hat sich geändert"
    )
    expect(page.get_by_text("Version zwei")).to_be_visible()
    check_accessibility(page, "privacy-consent-de")
    fits_390_px(page, "privacy-consent-de")
    page.goto(f"{live_server.url}/de/projects/")  # still asked elsewhere
    expect(page).to_have_url(re.compile(r"/de/me/privacy-notice/\?next="))
    page.get_by_role("button", name="Ich akzeptiere die Datenschutzerklärung").click()

    expect(page).to_have_url(f"{live_server.url}/de/projects/")
    user.refresh_from_db()
    assert user.privacy_notice_version == 2
