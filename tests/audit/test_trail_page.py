"""The audit page and its spreadsheet: coordinators read their city's
entries, staff all; filters; readable entries; cells never run as formulas."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from tandem.audit import actions
from tandem.audit.services import record
from tandem.directory import services
from tandem.directory.models import Organisation
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db

URL = reverse("audit:trail")
CSV_URL = reverse("audit:trail_csv")


def review(organisation, by, decision="verified", reason=""):
    organisation.verification = Organisation.Verification.PENDING
    organisation.save()
    services.review_organisation(
        organisation=organisation, by=by, decision=decision, reason=reason
    )


@pytest.fixture
def both_cities(coordinator, other_coordinator, dortmund_city, cluj_city):
    """A decision in Dortmund and one in Cluj-Napoca."""
    dortmund_org = OrganisationFactory(city=dortmund_city, name="Sensorik Dortmund")
    cluj_org = OrganisationFactory(city=cluj_city, name="Agro Cluj")
    review(dortmund_org, coordinator)
    review(cluj_org, other_coordinator, "rejected", "Nicio adresă.")
    return dortmund_org, cluj_org


def rows(response):
    return response.content.decode()


def test_coordinators_of_cluj_do_not_see_dortmunds_entries(
    client, other_coordinator, both_cities
):
    client.force_login(other_coordinator)
    page = rows(client.get(URL))
    assert "Agro Cluj" in page
    assert "Nicio adresă." in page
    assert "Sensorik Dortmund" not in page


def test_staff_see_every_city(client, both_cities):
    client.force_login(UserFactory(is_staff=True))
    page = rows(client.get(URL))
    assert "Agro Cluj" in page and "Sensorik Dortmund" in page


def test_a_member_is_refused_and_an_anonymous_visitor_asked_to_log_in(
    client, owner, both_cities
):
    client.force_login(owner)
    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_an_entry_reads_in_the_readers_language_and_time_zone(
    client, coordinator, dortmund_city
):
    organisation = OrganisationFactory(city=dortmund_city, name="Sensorik Dortmund")
    review(organisation, coordinator, "changes_requested", "Bitte Impressum.")
    organisation.refresh_from_db()
    client.force_login(coordinator)
    page = rows(client.get(reverse("audit:trail").replace("/en/", "/de/")))
    assert "Änderungen an einer Organisation erbeten" in page
    assert "Wartet auf Verifizierung" in page  # the choice, not its code
    assert "Bitte Impressum." in page
    # Dortmund's coordinator reads Dortmund's time.
    with translation.override("de"):
        at = formats.date_format(
            timezone.localtime(organisation.reviewed_at, ZoneInfo("Europe/Berlin")),
            "DATETIME_FORMAT",
        )
    assert at in page


def test_a_former_member_and_the_system_are_named_as_such(
    client, coordinator, dortmund_city
):
    gone = UserFactory(first_name="Jana", last_name="Berg")
    organisation = OrganisationFactory(city=dortmund_city)
    record(
        action="directory.organisation_verified",
        actor=gone,
        target=organisation,
        city=dortmund_city,
    )
    record(
        action="directory.opportunity_rejected",
        actor=None,
        target=organisation,
        city=dortmund_city,
    )
    gone.delete()
    client.force_login(coordinator)
    page = rows(client.get(URL))
    assert "a former member" in page
    assert "by Tandem" in page
    assert "Jana Berg" not in page


def test_filters_by_action_who_kind_and_dates(
    client, coordinator, dortmund_city, both_cities
):
    second = OrganisationFactory(city=dortmund_city, name="Hafen Dortmund")
    review(second, coordinator, "rejected", "Kein Impressum.")
    client.force_login(coordinator)
    page = rows(client.get(URL, {"action": "directory.organisation_rejected"}))
    assert "Hafen Dortmund" in page and "Sensorik Dortmund" not in page
    page = rows(client.get(URL, {"who": "nobody-like-this"}))
    assert "No entry matches these filters." in page
    page = rows(client.get(URL, {"who": coordinator.email[:6]}))
    assert "Hafen Dortmund" in page
    page = rows(client.get(URL, {"kind": "directory.organisation"}))
    assert "Sensorik Dortmund" in page
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = rows(client.get(URL, {"since": tomorrow.isoformat()}))
    assert "Sensorik Dortmund" not in page
    page = rows(client.get(URL, {"until": tomorrow.isoformat()}))
    assert "Sensorik Dortmund" in page
    # A hand-edited address is ignored, not an error.
    assert client.get(URL, {"since": "soon", "action": "x"}).status_code == 200


def test_the_page_is_empty_before_any_act(client, coordinator):
    client.force_login(coordinator)
    page = rows(client.get(URL))
    assert "No privileged act has been recorded yet." in page


def test_pages_of_entries(client, coordinator, dortmund_city, settings):
    settings.TANDEM_PAGE_SIZE = 2
    for _ in range(3):
        review(OrganisationFactory(city=dortmund_city), coordinator)
    client.force_login(coordinator)
    assert "Page 1 of 2" in rows(client.get(URL))
    assert "Page 2 of 2" in rows(client.get(URL, {"page": 2}))


def test_the_spreadsheet_has_the_filtered_rows_and_neutralised_cells(
    client, coordinator, dortmund_city, both_cities
):
    sly = OrganisationFactory(city=dortmund_city, name='=HYPERLINK("x")')
    review(sly, coordinator, "rejected", "-2+3")
    client.force_login(coordinator)
    response = client.get(CSV_URL, {"action": "directory.organisation_rejected"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == [
        "When",
        "Who",
        "What",
        "Kind of object",
        "Object",
        "City",
        "Before → after",
        "Reason",
    ]
    [row] = table[1:]  # Cluj-Napoca's rejection is not Dortmund's to read
    assert row[2] == "Organisation rejected"
    assert row[4] == '\'=HYPERLINK("x")'
    assert row[5] == "Dortmund"
    assert row[6] == "Verification: Waiting for verification → Rejected"
    assert row[7] == "'-2+3"


def test_the_page_makes_as_many_queries_for_three_entries_as_for_one(
    client, coordinator, dortmund_city
):
    client.force_login(coordinator)
    assert_constant_queries(
        lambda: review(OrganisationFactory(city=dortmund_city), coordinator),
        lambda: client.get(URL),
    )


def test_coordinators_find_the_trail_from_their_dashboard(client, coordinator):
    client.force_login(coordinator)
    assert URL in rows(client.get(reverse("dashboard")))


def test_every_action_has_a_label_in_german_and_romanian():
    registered = [a for a in actions.registered() if not a.key.startswith("tests.")]
    with translation.override("en"):
        english = [str(a.label) for a in registered]
    for language in ("de", "ro"):
        with translation.override(language):
            same = [
                a.key
                for a, en in zip(registered, english, strict=True)
                if str(a.label) == en
            ]
        assert same == [], language
