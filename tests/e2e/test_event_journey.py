"""A matchmaking day from registration to a published plan, in German and Romanian.

A Cluj-Napoca member registers in Romanian and asks a Dortmund participant for
a meeting; once accepted, the Dortmund coordinator runs the scheduler in
German, reads how close the plan is to the bound and publishes it; the Cluj
member's agenda then shows the table and both clocks (Cluj-Napoca is one hour
ahead of Dortmund). Labels come from Tandem's catalogues.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.utils import formats, translation
from playwright.sync_api import Browser, Page, expect

from tandem.events import services
from tandem.events.models import Meeting
from tests.e2e.signing_in import answer_second_factor
from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
)

PASSWORD = "Kaffee-und-Kuchen-2020"
CLUJ, DORTMUND = ZoneInfo("Europe/Bucharest"), ZoneInfo("Europe/Berlin")
DAY = datetime.date.today() + datetime.timedelta(days=30)


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


def log_in(browser: Browser, base: str, email: str, language: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(f"{base}/{language}/accounts/login/")
    page.get_by_label(t(language, "Email"), exact=True).fill(email)
    page.get_by_label(t(language, "Password"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t(language, "Log in")).click()
    expect(page).not_to_have_url(re.compile("/login/"))
    answer_second_factor(page, email)
    return page


@pytest.fixture
def matchmaking_day(transactional_db, areas):
    partnership = PartnershipFactory()
    dortmund, cluj = partnership.city_a, partnership.city_b
    coordinator = account(
        CoordinatorRoleFactory(city=dortmund).user, "koordination@do.example.org", "de"
    )
    anna = account(
        MembershipFactory(
            organisation=OrganisationFactory(name="Feldsensor", city=dortmund)
        ).user,
        "anna@feldsensor.example.org",
        "de",
    )
    ion = account(
        MembershipFactory(
            organisation=OrganisationFactory(
                name="Ferma Someș", city=cluj, language="ro"
            )
        ).user,
        "ion@ferma-somes.example.org",
        "ro",
    )
    event = services.create_event(
        by=coordinator,
        partnership=partnership,
        city=dortmund,
        title="Matchmaking-Tag Agrartechnik",
        language="de",
        starts_on=DAY,
        ends_on=DAY,
        time_zone="Europe/Berlin",
        booking_mode="organiser_scheduled",
    )
    services.publish_event(event=event, by=coordinator)
    services.add_session(
        event=event,
        by=coordinator,
        title="Vormittag",
        date=DAY,
        start_time=datetime.time(10, 0),
        slot_minutes=20,
        break_minutes=5,
        slot_count=3,
        tables=4,
    )
    services.register(
        event=event, by=anna, organisation=anna.memberships.get().organisation
    )
    return event, coordinator, anna, ion


def test_register_request_schedule_publish_agenda(
    browser: Browser, live_server, matchmaking_day, check_accessibility
):
    base = live_server.url
    event, coordinator, anna, ion_user = matchmaking_day

    # Ion (Cluj-Napoca, Romanian) registers and asks Anna for a meeting.
    ion = log_in(browser, base, ion_user.email, "ro")
    ion.goto(f"{base}/ro/events/")
    check_accessibility(ion, "event_list")
    ion.get_by_role("link", name="Matchmaking-Tag Agrartechnik").click()
    check_accessibility(ion, "event_detail")
    ion.get_by_role("link", name=t("ro", "Register"), exact=True).click()
    ion.get_by_label(t("ro", "What I offer")).fill("Câmpuri de test pentru senzori")
    check_accessibility(ion, "event_register")
    ion.get_by_role("button", name=t("ro", "Register"), exact=True).click()
    ion.goto(f"{base}/ro/events/{event.pk}/participants/")
    check_accessibility(ion, "event_participants")
    anna_card = ion.locator("li.card", has_text="Feldsensor")
    anna_card.locator("summary").click()
    anna_card.get_by_role("button").click()
    expect(anna_card).to_contain_text(t("ro", "Waiting for an answer"))

    request = event.meeting_requests.get()
    services.answer_meeting_request(request=request, accept=True, by=anna)

    # The coordinator (Dortmund, German) runs the scheduler and publishes.
    coordination = log_in(browser, base, coordinator.email, "de")
    coordination.goto(f"{base}/de/events/{event.pk}/plan/")
    check_accessibility(coordination, "event_plan")
    coordination.get_by_label(t("de", "Time limit in seconds")).fill("5")
    coordination.get_by_role("button", name=t("de", "Run the scheduler")).click()
    expect(coordination.locator("#run")).to_contain_text(
        t("de", "Share of the upper bound"), timeout=30_000
    )
    with translation.override("de"):
        full = formats.number_format(100.0, 1)
    expect(coordination.locator("#run")).to_contain_text(f"{full} %")
    check_accessibility(coordination, "event_plan_run")
    coordination.get_by_role("button", name=t("de", "Publish this plan")).click()
    meeting = Meeting.objects.get()
    assert meeting.state == "scheduled" and meeting.table is not None
    for page_name in ("manage", "print/agendas", "print/tables"):
        coordination.goto(f"{base}/de/events/{event.pk}/{page_name}/")
        expect(coordination.locator("main")).to_contain_text("Feldsensor")
        check_accessibility(coordination, "event_" + page_name.replace("/", "_"))

    # Ion's agenda: the table, his time in Cluj-Napoca and Dortmund's in brackets.
    ion.goto(f"{base}/ro/events/{event.pk}/agenda/")
    agenda = ion.locator("main")
    expect(agenda).to_contain_text("Feldsensor")
    start = meeting.slot.starts_at
    with translation.override("ro"):
        cluj_time = formats.time_format(start.astimezone(CLUJ), "TIME_FORMAT")
        dortmund_time = formats.time_format(start.astimezone(DORTMUND), "TIME_FORMAT")
    expect(agenda).to_contain_text(cluj_time)
    expect(agenda).to_contain_text(dortmund_time)
    assert cluj_time != dortmund_time
    check_accessibility(ion, "event_agenda")
