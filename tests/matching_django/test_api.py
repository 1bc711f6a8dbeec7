import pytest

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
