import pytest

from tests.helpers import assert_constant_queries

from .conftest import encode_all, make_cluj

pytestmark = pytest.mark.django_db


@pytest.fixture
def farm(farm_sensors, cluj_city, areas):
    farm = make_cluj(
        "ferma-legume",
        "Suntem o fermă de legume. Căutăm senzori pentru sol.",
        city=cluj_city,
        areas=[areas["agritech"]],
        external_id="RO-7",
    )
    encode_all()
    return farm


def test_organisation_suggestions_shape(client, farm):
    response = client.get(
        "/api/v1/organisations/feldsensor/suggestions", {"top": 5, "lang": "de"}
    )

    assert response.status_code == 200
    data = response.json()
    assert data["encoder"].startswith("lexical:")
    assert data["state"] == "ready"
    assert data["partner_cities"] == ["cluj-napoca"]
    [suggestion] = data["suggestions"]
    assert (suggestion["kind"], suggestion["slug"], suggestion["external_id"]) == (
        "organisation",
        "ferma-legume",
        "RO-7",
    )
    assert suggestion["city"] == "cluj-napoca"
    assert 0 <= suggestion["score"] <= 1
    assert suggestion["band"] in {"strong", "good", "possible"}
    shared = next(r for r in suggestion["reasons"] if r["code"] == "shared_areas")
    assert shared["params"] == {"areas": ["agriculture", "agritech"]}
    assert "Landwirtschaft" in shared["text"]


def test_opportunity_suggestions_shape(client, partnership, cluj_city, dortmund_city):
    from tests.factories import OpportunityFactory, OrganisationFactory

    mine = OpportunityFactory(
        organisation=OrganisationFactory(city=dortmund_city), kind="technology_request"
    )
    theirs = OpportunityFactory(
        organisation=OrganisationFactory(city=cluj_city, language="ro"),
        kind="technology_offer",
        language="ro",
    )
    encode_all()

    data = client.get(f"/api/v1/opportunities/{mine.pk}/suggestions").json()

    assert [(s["kind"], s["id"]) for s in data["suggestions"]] == [
        ("opportunity", theirs.pk)
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organisations/nobody/suggestions",
        "/api/v1/opportunities/999999/suggestions",
    ],
)
def test_unseen_objects_are_404(client, db, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_hidden_organisation_is_404(client, farm, cluj_city):
    make_cluj("ascunsa", "Fermă.", city=cluj_city, visibility="hidden")

    assert client.get("/api/v1/organisations/ascunsa/suggestions").status_code == 404


@pytest.mark.parametrize(
    "params", [{"top": 0}, {"top": 51}, {"top": "many"}, {"lang": "fr"}]
)
def test_bad_input_is_4xx_json(client, farm, params):
    response = client.get("/api/v1/organisations/feldsensor/suggestions", params)

    assert response.status_code == 422
    assert "detail" in response.json()


def test_search_finds_by_stemmed_words(client, farm):
    response = client.get("/api/v1/search", {"q": "legumele"})

    assert response.status_code == 200
    data = response.json()
    assert data["semantic"] is False
    assert [hit["slug"] for hit in data["results"]] == ["ferma-legume"]
    assert data["results"][0]["reasons"][0]["code"] == "shared_words"


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 201}, {"top": 99}])
def test_search_bad_input_is_422(client, db, params):
    assert client.get("/api/v1/search", params).status_code == 422


def test_a_token_reads_and_a_bad_token_is_refused(client, farm, user):
    from tandem.accounts.services import create_api_token

    _token, key = create_api_token(by=user, name="Sync")
    url = "/api/v1/organisations/feldsensor/suggestions"

    good = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")
    bad = client.get(url, HTTP_AUTHORIZATION="Bearer nonsense")
    bad_search = client.get(
        "/api/v1/search", {"q": "legume"}, HTTP_AUTHORIZATION="Bearer nonsense"
    )

    assert [s["slug"] for s in good.json()["suggestions"]] == ["ferma-legume"]
    assert (bad.status_code, bad_search.status_code) == (401, 401)


def test_suggestions_are_prepared_then_ready(
    client, farm_sensors, cluj_city, areas, settings, django_capture_on_commit_callbacks
):
    from tandem.matching import services

    farm = make_cluj("ferma", "Fermă de legume.", city=cluj_city)
    services.encode_organisation(organisation_id=farm.pk)
    url = "/api/v1/organisations/feldsensor/suggestions"

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = client.get(url).json()
    second = client.get(url).json()

    assert len(callbacks) == 1
    assert (first["state"], first["suggestions"]) == ("preparing", [])
    assert second["state"] == "ready"
    assert [s["slug"] for s in second["suggestions"]] == ["ferma"]


def test_organisation_suggestions_make_constant_queries(
    client, farm_sensors, cluj_city, areas
):
    farms = []

    def add_farm():
        farms.append(
            make_cluj(
                f"ferma-{len(farms)}",
                "Suntem o fermă de legume. Căutăm senzori pentru sol.",
                city=cluj_city,
                areas=[areas["agritech"]],
            )
        )
        encode_all()

    def fetch():
        response = client.get("/api/v1/organisations/feldsensor/suggestions")
        assert len(response.json()["suggestions"]) == len(farms)
        return response

    assert_constant_queries(add_farm, fetch)


def test_opportunity_suggestions_make_constant_queries(
    client, partnership, cluj_city, dortmund_city
):
    from tests.factories import OpportunityFactory, OrganisationFactory

    mine = OpportunityFactory(
        organisation=OrganisationFactory(city=dortmund_city), kind="technology_request"
    )
    offers = []

    def add_offer():
        offers.append(
            OpportunityFactory(
                organisation=OrganisationFactory(city=cluj_city, language="ro"),
                kind="technology_offer",
                language="ro",
            )
        )
        encode_all()

    def fetch():
        response = client.get(f"/api/v1/opportunities/{mine.pk}/suggestions")
        assert len(response.json()["suggestions"]) == len(offers)
        return response

    assert_constant_queries(add_offer, fetch)
