"""The partnership's home page: both cities, the agreement, live figures, latest opportunities."""

import datetime
import re

import pytest
from django.utils import timezone

from tandem.directory.models import Opportunity, Organisation
from tandem.directory.selectors import (
    FigureRow,
    opportunity_figures,
    organisation_figures,
)
from tandem.partnerships.models import Area
from tests.factories import OpportunityFactory, OrganisationFactory, PartnershipFactory
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(db):
    partnership = PartnershipFactory(signed_on=datetime.date(2020, 7, 31))
    partnership.focus_areas.add(Area.objects.get(slug="agriculture"))
    return partnership


def squash(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html))


def city_headings(response) -> list[str]:
    return re.findall(r'<h3 id="city-[^"]+">([^<]+)</h3>', response.text)


def test_home_without_partnership_shows_empty_state(client):
    response = client.get("/en/")

    assert response.status_code == 200
    assert "No partnership has been set up yet." in response.text


@pytest.mark.parametrize(
    ("language", "cities", "signed"),
    [
        ("de", ["Dortmund", "Klausenburg"], "31. Juli 2020"),
        ("ro", ["Dortmund", "Cluj-Napoca"], "31 iulie 2020"),
        ("en", ["Dortmund", "Cluj-Napoca"], "July 31, 2020"),
    ],
)
def test_home_names_both_cities_and_the_signing_date(
    client, agreement, language, cities, signed
):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert city_headings(response) == cities
    # Django's Romanian catalogue capitalises month names; Tandem's may not.
    assert f"<dd>{signed}</dd>".casefold() in response.text.casefold()


def test_home_puts_the_cities_side_by_side(client, agreement):
    response = client.get("/en/")

    assert '<div class="twin">' in response.text
    assert squash(response.text).count('<article class="city city--') == 2


def test_home_shows_how_the_agreement_was_signed(client, agreement):
    response = client.get("/en/")

    assert "<dd>By video conference</dd>" in response.text
    assert "Partnerships between the two ecosystems." in response.text


def test_home_shows_the_focus_areas_with_their_children(client, agreement):
    response = client.get("/en/")

    assert "<strong>Agriculture</strong>" in response.text
    assert ">Agritech</a>" in response.text
    assert "<strong>New technologies</strong>" not in response.text


def test_home_counts_public_organisations_by_kind_and_city(
    agreement, dortmund_city, cluj_city
):
    OrganisationFactory(city=dortmund_city, kind="startup")
    OrganisationFactory(city=dortmund_city, kind="startup")
    OrganisationFactory(city=cluj_city, kind="university")
    OrganisationFactory(
        city=cluj_city,
        kind="university",
        verification=Organisation.Verification.PENDING,
    )

    figures = organisation_figures(cities=[dortmund_city, cluj_city])

    assert figures.rows == (
        FigureRow(label="Start-up", counts=(2, 0), total=2),
        FigureRow(label="University", counts=(0, 1), total=1),
    )
    assert figures.totals == (2, 1)
    assert figures.total == 3


def test_home_counts_public_opportunities_by_kind_and_city(
    agreement, dortmund_city, cluj_city
):
    dortmund_org = OrganisationFactory(city=dortmund_city)
    OpportunityFactory(organisation=dortmund_org, kind="technology_offer")
    OpportunityFactory(
        organisation=OrganisationFactory(city=cluj_city), kind="research_request"
    )
    OpportunityFactory(
        organisation=dortmund_org,
        kind="technology_offer",
        status=Opportunity.Status.DRAFT,
    )

    figures = opportunity_figures(cities=[dortmund_city, cluj_city])

    assert figures.rows == (
        FigureRow(label="Technology offer", counts=(1, 0), total=1),
        FigureRow(label="Research cooperation request", counts=(0, 1), total=1),
    )


def test_home_figure_table_has_caption_and_header_cells(
    client, agreement, dortmund_city
):
    OrganisationFactory(city=dortmund_city, kind="startup")

    text = squash(client.get("/en/").text)

    assert "<caption>Verified organisations by kind and city</caption>" in text
    assert (
        '<th scope="row">Start-up</th><td class="number">1</td>'
        '<td class="number">0</td><td class="number">1</td>'
    ) in text


def test_home_formats_large_numbers_in_the_readers_language(
    client, agreement, dortmund_city, monkeypatch
):
    from tandem.directory import selectors

    table = selectors.FigureTable(
        rows=(FigureRow(label="Start-up", counts=(1234, 0), total=1234),),
        totals=(1234, 0),
        total=1234,
    )
    monkeypatch.setattr("tandem.views.organisation_figures", lambda cities: table)

    german = client.get("/de/").text
    english = client.get("/en/").text

    assert '<td class="number">1.234</td>' in german
    assert '<td class="number">1,234</td>' in english


def test_home_shows_empty_figures_without_data(client, agreement):
    response = client.get("/en/")

    assert "No organisation is listed in the directory yet." in response.text
    assert "<caption>" not in response.text


def test_home_lists_latest_public_opportunities_only(client, agreement, organisation):
    OpportunityFactory(organisation=organisation, title="Published")
    OpportunityFactory(
        organisation=organisation, title="Draft", status=Opportunity.Status.DRAFT
    )
    OpportunityFactory(
        organisation=organisation,
        title="Past expiry",
        expires_at=timezone.now() - timezone.timedelta(days=1),
    )

    response = client.get("/en/")

    titles = re.findall(
        r'<h3 lang="de"><a href="[^"]*">([^<]+)</a></h3>', response.text
    )
    assert titles == ["Published"]


def test_home_queries_do_not_grow_with_rows(client, agreement, dortmund_city):
    def add_row() -> None:
        opportunity = OpportunityFactory(
            organisation=OrganisationFactory(city=dortmund_city)
        )
        opportunity.areas.add(Area.objects.get(slug="agritech"))

    assert_constant_queries(add_row, lambda: client.get("/en/"))


def test_home_announces_coming_public_events_only(client, agreement):
    from tandem.events import services
    from tests.factories import CoordinatorRoleFactory

    coordinator = CoordinatorRoleFactory(city=agreement.city_a).user
    values = {
        "by": coordinator,
        "partnership": agreement,
        "city": agreement.city_a,
        "language": "en",
        "time_zone": "Europe/Berlin",
    }
    soon = timezone.localdate() + datetime.timedelta(days=10)
    past = timezone.localdate() - datetime.timedelta(days=10)
    for title, day, publish in [
        ("Agritech matchmaking", soon, True),
        ("Visit of last year", past, True),
        ("Draft day", soon, False),
    ]:
        event = services.create_event(title=title, starts_on=day, ends_on=day, **values)
        if publish:
            services.publish_event(event=event, by=coordinator)

    text = client.get("/en/").text

    assert "Agritech matchmaking" in text
    assert "Visit of last year" not in text
    assert "Draft day" not in text


def test_home_without_events_says_so(client, agreement):
    assert "No event is announced yet." in client.get("/en/").text
