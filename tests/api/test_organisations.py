import pytest

from tandem.accounts.services import create_api_token
from tandem.directory.models import Organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations"


def slugs(response):
    return [item["slug"] for item in response.json()["items"]]


def test_list_shows_only_public_organisations_to_anonymous(api_client, dortmund_city):
    OrganisationFactory(name="Alpha", slug="alpha", city=dortmund_city)
    OrganisationFactory(
        name="Pending", slug="pending", verification=Organisation.Verification.PENDING
    )
    OrganisationFactory(
        name="Hidden", slug="hidden", visibility=Organisation.Visibility.HIDDEN
    )

    response = api_client.get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert slugs(response) == ["alpha"]


def test_list_shows_a_members_own_pending_organisation_with_their_token(
    api_client, dortmund_city
):
    OrganisationFactory(name="Alpha", slug="alpha")
    pending = OrganisationFactory(
        name="Pending", slug="pending", verification=Organisation.Verification.PENDING
    )
    member = MembershipFactory(organisation=pending).user
    _token, key = create_api_token(by=member, name="cli")

    response = api_client.get(URL, HTTP_AUTHORIZATION=f"Bearer {key}")

    assert slugs(response) == ["alpha", "pending"]


def test_list_with_an_unknown_token_is_401(api_client, db):
    response = api_client.get(URL, HTTP_AUTHORIZATION="Bearer nope")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_list_never_shows_an_email_address(api_client, organisation, owner):
    response = api_client.get(URL)

    assert response.status_code == 200
    assert "email" not in response.json()["items"][0]
    assert owner.email not in response.content.decode()
    assert "@" not in response.content.decode()


def test_list_filters_by_city_kind_area_language_and_text(
    api_client, dortmund_city, cluj_city, areas
):
    sensors = OrganisationFactory(
        name="Sensorik", slug="sensorik", kind="startup", city=dortmund_city
    )
    sensors.areas.set([areas["ai"]])
    farm = OrganisationFactory(
        name="Ferma Verde",
        slug="ferma-verde",
        kind="agricultural",
        city=cluj_city,
        language="ro",
        description="Ferma de legume.",
        languages_spoken=["ro", "en"],
    )
    farm.areas.set([areas["agri"]])

    assert slugs(api_client.get(URL, {"city": "cluj-napoca"})) == ["ferma-verde"]
    assert slugs(api_client.get(URL, {"kind": "startup"})) == ["sensorik"]
    # A top-level area includes its sub-areas.
    assert slugs(api_client.get(URL, {"area": "new-technologies"})) == ["sensorik"]
    assert slugs(api_client.get(URL, {"area": "agriculture"})) == ["ferma-verde"]
    assert slugs(api_client.get(URL, {"language": "en"})) == ["ferma-verde"]
    assert slugs(api_client.get(URL, {"q": "legume"})) == ["ferma-verde"]
    assert slugs(api_client.get(URL, {"verified": "true"})) == [
        "ferma-verde",
        "sensorik",
    ]


def test_list_with_an_invalid_kind_is_422(api_client, db):
    response = api_client.get(URL, {"kind": "pirate"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "kind"]


def test_list_paginates_by_limit_and_offset(api_client, dortmund_city):
    for name in ("A", "B", "C"):
        OrganisationFactory(name=name, slug=name.lower())

    response = api_client.get(URL, {"limit": 2, "offset": 1})

    assert response.json()["count"] == 3
    assert slugs(response) == ["b", "c"]


def test_list_limit_is_capped(api_client, organisation):
    response = api_client.get(URL, {"limit": 100000, "offset": 0})

    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize("params", [{"limit": 0}, {"offset": -1}, {"offset": 10**30}])
def test_list_bad_pagination_is_422(api_client, db, params):
    response = api_client.get(URL, params)

    assert response.status_code == 422


def test_list_queries_do_not_grow_with_rows(api_client, dortmund_city, areas):
    def add_row() -> None:
        OrganisationFactory().areas.set([areas["ai"], areas["agri"]])

    queries = assert_constant_queries(add_row, lambda: api_client.get(URL))

    assert queries == 3  # count, page, areas
    assert len(api_client.get(URL).json()["items"]) == 3


def test_detail_of_a_public_organisation(api_client, organisation, areas):
    organisation.areas.set([areas["agri"]])

    response = api_client.get(f"{URL}/{organisation.slug}")

    assert response.status_code == 200
    data = response.json()
    assert data["slug"] == organisation.slug
    assert data["city"] == {
        "slug": "dortmund",
        "name": {"de": "Dortmund", "ro": "Dortmund", "en": "Dortmund"},
    }
    assert data["areas"] == ["agriculture"]
    assert data["verification"] == "verified"
    assert "email" not in data


def test_detail_of_a_hidden_organisation_is_404_for_anonymous(api_client, db):
    hidden = OrganisationFactory(visibility=Organisation.Visibility.HIDDEN)

    response = api_client.get(f"{URL}/{hidden.slug}")

    assert response.status_code == 404


def test_detail_of_a_hidden_organisation_for_another_users_token_is_404(api_client, db):
    hidden = OrganisationFactory(visibility=Organisation.Visibility.HIDDEN)
    _token, key = create_api_token(by=UserFactory(), name="cli")

    response = api_client.get(
        f"{URL}/{hidden.slug}", HTTP_AUTHORIZATION=f"Bearer {key}"
    )

    assert response.status_code == 404
