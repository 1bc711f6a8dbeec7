import datetime

import pytest
from django.utils import timezone

from tandem.directory.models import Opportunity, Organisation
from tests.factories import OpportunityFactory, OrganisationFactory
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db

URL = "/api/v1/opportunities"
Status = Opportunity.Status


def titles(response):
    return [item["title"] for item in response.json()["items"]]


def test_list_shows_only_public_opportunities_to_anonymous(api_client, organisation):
    OpportunityFactory(organisation=organisation, title="Public")
    OpportunityFactory(organisation=organisation, title="Draft", status=Status.DRAFT)
    OpportunityFactory(
        organisation=organisation,
        title="Expired",
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    hidden = OrganisationFactory(visibility=Organisation.Visibility.HIDDEN)
    OpportunityFactory(organisation=hidden, title="Of a hidden organisation")

    response = api_client.get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert titles(response) == ["Public"]


def test_list_shows_a_members_draft_with_their_token(api_client, organisation, auth):
    OpportunityFactory(organisation=organisation, title="Draft", status=Status.DRAFT)

    response = api_client.get(URL, **auth)

    assert titles(response) == ["Draft"]
    assert response.json()["items"][0]["status"] == "draft"


def test_list_filters(api_client, organisation, cluj_city, areas):
    farm = OrganisationFactory(slug="ferma", city=cluj_city, language="ro")
    sensors = OpportunityFactory(
        organisation=organisation, title="Sensors", kind="technology_offer"
    )
    sensors.areas.set([areas["ai"]])
    seeds = OpportunityFactory(
        organisation=farm,
        title="Seminte",
        kind="business_request",
        summary="Căutăm semințe.",
        description="Căutăm furnizori de semințe ecologice.",
    )
    seeds.areas.set([areas["agri"]])

    assert titles(api_client.get(URL, {"kind": "business_request"})) == ["Seminte"]
    assert titles(api_client.get(URL, {"area": "new-technologies"})) == ["Sensors"]
    assert titles(api_client.get(URL, {"city": "cluj-napoca"})) == ["Seminte"]
    assert titles(api_client.get(URL, {"organisation": organisation.slug})) == [
        "Sensors"
    ]
    assert titles(api_client.get(URL, {"q": "furnizori ecologice"})) == ["Seminte"]


def test_list_is_newest_first_and_paginated(api_client, organisation):
    now = timezone.now()
    for days, title in ((3, "Old"), (2, "Middle"), (1, "New")):
        OpportunityFactory(
            organisation=organisation,
            title=title,
            published_at=now - datetime.timedelta(days=days),
        )

    response = api_client.get(URL, {"limit": 2, "offset": 0})

    assert response.json()["count"] == 3
    assert titles(response) == ["New", "Middle"]
    assert titles(api_client.get(URL, {"limit": 2, "offset": 2})) == ["Old"]


def test_list_queries_do_not_grow_with_rows(api_client, organisation, areas):
    def add_row() -> None:
        OpportunityFactory(organisation=organisation).areas.set([areas["agri"]])

    queries = assert_constant_queries(add_row, lambda: api_client.get(URL))

    assert queries == 3  # count, page with organisation and city, areas
    assert len(api_client.get(URL).json()["items"]) == 3


def test_detail(api_client, organisation, areas):
    opportunity = OpportunityFactory(organisation=organisation)
    opportunity.areas.set([areas["ai"]])

    response = api_client.get(f"{URL}/{opportunity.pk}")

    assert response.status_code == 200
    data = response.json()
    assert data["id"] == opportunity.pk
    assert data["organisation"] == {
        "slug": organisation.slug,
        "name": organisation.name,
        "city": "dortmund",
    }
    assert data["areas"] == ["ai-data"]
    assert "created_by" not in data


def test_detail_of_a_draft_is_404_for_anonymous(api_client, organisation):
    draft = OpportunityFactory(organisation=organisation, status=Status.DRAFT)

    response = api_client.get(f"{URL}/{draft.pk}")

    assert response.status_code == 404


@pytest.mark.parametrize("pk", ["0", "abc", str(2**70)])
def test_detail_with_a_bad_id_is_4xx(api_client, db, pk):
    response = api_client.get(f"{URL}/{pk}")

    assert response.status_code == 422


def test_detail_with_an_unknown_id_is_404(api_client, db):
    response = api_client.get(f"{URL}/{2**62}")

    assert response.status_code == 404
