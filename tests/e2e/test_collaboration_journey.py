"""From suggestion to joint project, across two accounts and two languages.

A Dortmund member, browsing in German, contacts a Cluj-Napoca farm suggested to
her; its owner, browsing in Romanian, accepts; they exchange messages, start a
joint project, add a milestone and an outcome, and the public project page shows
both cities.  Labels come from Tandem's catalogues, so the test reads the pages
as each person sees them.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from tandem.matching import services as matching
from tandem.partnerships.models import Area
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

PASSWORD = "Kaffee-und-Kuchen-2020"


def t(language: str, message: str, context: str = "") -> str:
    with translation.override(language):
        if context:
            return translation.pgettext(context, message)
        return translation.gettext(message)


def member(organisation, email: str, language: str):
    user = MembershipFactory(organisation=organisation, role="owner").user
    user.email = email
    user.preferred_language = language
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def two_members(transactional_db, areas):
    partnership = PartnershipFactory()
    agritech = Area.objects.get(slug="agritech")
    feldsensor = OrganisationFactory(
        name="Feldsensor",
        slug="feldsensor",
        city=partnership.city_a,
        language="de",
        description="Wir entwickeln Sensoren für Bodenfeuchte und Bewässerung.",
    )
    ferma = OrganisationFactory(
        name="Ferma Someș",
        slug="ferma-somes",
        city=partnership.city_b,
        kind="agricultural",
        language="ro",
        description="Fermă de legume care caută senzori pentru irigații.",
    )
    for organisation in (feldsensor, ferma):
        organisation.areas.set([agritech])
    matching.encode_missing()
    matching.rebuild_index()
    return (
        member(feldsensor, "anna@feldsensor.example.org", "de"),
        member(ferma, "ion@ferma-somes.example.org", "ro"),
    )


def log_in(browser: Browser, base: str, email: str, language: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(f"{base}/{language}/accounts/login/")
    page.get_by_label(t(language, "Email"), exact=True).fill(email)
    page.get_by_label(t(language, "Password"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t(language, "Log in")).click()
    expect(page).not_to_have_url(re.compile("/login/"))
    return page


def test_suggestion_to_contact_to_public_joint_project(
    browser: Browser, live_server, two_members, check_accessibility
):
    base = live_server.url
    anna_user, ion_user = two_members

    # Anna (Dortmund, German) contacts the suggested farm.
    anna = log_in(browser, base, anna_user.email, "de")
    anna.goto(f"{base}/de/organisations/feldsensor/")
    anna.locator("#suggestions").get_by_role(
        "link", name=re.compile(t("de", "Contact", "send a contact request"))
    ).first.click()
    check_accessibility(anna, "contact_request_form")
    anna.get_by_label(t("de", "Your message")).fill(
        "Guten Tag, wir würden unsere Bodensensoren gern auf Ihren Feldern testen."
    )
    anna.get_by_role("button", name=t("de", "Send contact request")).click()
    expect(anna.locator("main")).to_contain_text("Ferma Someș")

    # Ion (Cluj-Napoca, Romanian) accepts and writes back.
    ion = log_in(browser, base, ion_user.email, "ro")
    ion.goto(f"{base}/ro/contacts/received/")
    ion.get_by_role("link", name=re.compile("Feldsensor")).first.click()
    expect(ion.locator("main")).to_contain_text("Bodensensoren")
    check_accessibility(ion, "contact_request_detail")
    ion.get_by_role("button", name=t("ro", "Accept and open a conversation")).click()
    expect(ion).to_have_url(re.compile(r"/ro/contacts/conversations/\d+/"))
    ion.get_by_label(t("ro", "Your message")).fill(
        "Bună ziua! Vă așteptăm în primăvară pe câmpurile noastre."
    )
    ion.get_by_role("button", name=t("ro", "Send message")).click()
    expect(ion.locator("main")).to_contain_text("Vă așteptăm în primăvară")
    check_accessibility(ion, "conversation")

    # Anna reads the answer and starts a joint project from the contact.
    anna.goto(f"{base}/de/contacts/sent/")
    anna.get_by_role("link", name=re.compile("Ferma Someș")).first.click()
    anna.get_by_role("link", name=t("de", "Open the conversation")).click()
    expect(anna.locator("main")).to_contain_text("Vă așteptăm în primăvară")
    anna.go_back()
    anna.get_by_role("link", name=t("de", "Start a joint project")).click()
    anna.get_by_label(t("de", "Title"), exact=True).fill("Bodensensoren im Someș-Tal")
    anna.get_by_label(t("de", "Summary"), exact=True).fill(
        "Pilotversuch mit Bodensensoren auf Gemüsefeldern bei Cluj-Napoca."
    )
    anna.get_by_role("button", name=t("de", "Create the project")).click()
    expect(anna.get_by_role("heading", level=1)).to_have_text(
        "Bodensensoren im Someș-Tal"
    )
    project_url = anna.url

    anna.get_by_label(t("de", "New status")).select_option("preparing")
    anna.get_by_role("button", name=t("de", "Change the status")).click()

    anna.get_by_role("link", name=t("de", "Add a milestone")).click()
    anna.get_by_label(t("de", "Title"), exact=True).fill("Sensoren installiert")
    anna.get_by_label(t("de", "Due on")).fill("2027-04-30")
    anna.get_by_role("button", name=t("de", "Add the milestone")).click()

    anna.get_by_role("link", name=t("de", "Add an outcome")).click()
    anna.get_by_label(t("de", "Indicator")).select_option("pilots_deployed")
    anna.get_by_label(t("de", "Number")).fill("1")
    anna.get_by_role("button", name=t("de", "Add the outcome")).click()
    expect(anna.locator("main")).to_contain_text("Sensoren installiert")

    # Anyone reads the public project page, with a partner from each city.
    public = browser.new_context().new_page()
    public.goto(project_url.replace("/de/", "/ro/"))
    main = public.locator("main")
    expect(main).to_contain_text("Feldsensor")
    expect(main).to_contain_text("Ferma Someș")
    expect(main).to_contain_text("Dortmund")
    expect(main).to_contain_text("Cluj-Napoca")
    expect(main).to_contain_text("Sensoren installiert")
    check_accessibility(public, "project_public")
