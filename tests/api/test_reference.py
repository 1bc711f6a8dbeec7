import pytest

from tandem.partnerships.models import Area

pytestmark = pytest.mark.django_db


def test_cities_lists_translated_names(api_client, dortmund_city, cluj_city):
    response = api_client.get("/api/v1/cities")

    assert response.status_code == 200
    assert response.json() == [
        {
            "slug": "cluj-napoca",
            "name": {"de": "Klausenburg", "ro": "Cluj-Napoca", "en": "Cluj-Napoca"},
            "country": "RO",
            "languages": ["ro"],
            "time_zone": "Europe/Bucharest",
        },
        {
            "slug": "dortmund",
            "name": {"de": "Dortmund", "ro": "Dortmund", "en": "Dortmund"},
            "country": "DE",
            "languages": ["de"],
            "time_zone": "Europe/Berlin",
        },
    ]


def test_city_unknown_slug_is_404(api_client, dortmund_city):
    response = api_client.get("/api/v1/cities/bochum")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_partnerships_with_focus_areas(api_client, partnership, areas):
    partnership.focus_areas.set([areas["tech"], areas["agri"]])

    response = api_client.get("/api/v1/partnerships")

    assert response.status_code == 200
    [data] = response.json()
    assert data["slug"] == partnership.slug
    assert data["city_a"]["slug"] == "dortmund"
    assert data["city_b"]["name"]["de"] == "Klausenburg"
    assert data["focus_areas"] == ["new-technologies", "agriculture"]
    assert set(data["agreement_summary"]) == {"de", "ro", "en"}
    assert data["signing_method"] == "video_conference"


def test_areas_flat_with_parent_slug(api_client, areas):
    response = api_client.get("/api/v1/areas")

    assert response.status_code == 200
    data = {area["slug"]: area for area in response.json()}
    assert len(data) == Area.objects.count()
    assert data["ai-data"]["parent"] == "new-technologies"
    assert data["new-technologies"]["parent"] is None
    assert data["ai-data"]["name"] == {
        "de": "KI und Daten",
        "ro": "IA și date",
        "en": "AI and data",
    }


def test_openapi_document_lists_paths(api_client):
    response = api_client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths) == {
        "/api/v1/cities",
        "/api/v1/cities/{slug}",
        "/api/v1/partnerships",
        "/api/v1/areas",
        "/api/v1/organisations",
        "/api/v1/organisations/{slug}",
        "/api/v1/opportunities",
        "/api/v1/opportunities/{id}",
        "/api/v1/opportunities/{id}/submit",
        "/api/v1/organisations/{slug}/suggestions",
        "/api/v1/opportunities/{id}/suggestions",
        "/api/v1/search",
        "/api/v1/contact-requests",
        "/api/v1/contact-requests/{id}",
        "/api/v1/contact-requests/{id}/answer",
        "/api/v1/contact-requests/{id}/withdraw",
        "/api/v1/conversations",
        "/api/v1/conversations/{id}/messages",
        "/api/v1/projects",
        "/api/v1/projects/{id}",
        "/api/v1/projects/{id}/milestones",
        "/api/v1/projects/{id}/outcomes",
        "/api/v1/projects/{id}/milestones/{mid}",
        "/api/v1/projects/{id}/outcomes/{oid}",
        "/api/v1/notifications",
        "/api/v1/notifications/{id}/read",
        "/api/v1/events",
        "/api/v1/events/{id}",
        "/api/v1/events/{id}/registrations",
        "/api/v1/events/{id}/registrations/{rid}/approve",
        "/api/v1/events/{id}/registrations/{rid}/cancel",
        "/api/v1/events/{id}/meetings",
        "/api/v1/events/{id}/registration",
        "/api/v1/events/{id}/availability",
        "/api/v1/events/{id}/participants",
        "/api/v1/events/{id}/meeting-requests",
        "/api/v1/events/{id}/meeting-requests/{rid}/answer",
        "/api/v1/events/{id}/meeting-requests/{rid}/book",
        "/api/v1/events/{id}/agenda",
        "/api/v1/events/{id}/meetings/{mid}/held",
        "/api/v1/events/{id}/meetings/{mid}/rating",
        "/api/v1/events/{id}/plan-runs",
        "/api/v1/events/{id}/plan-runs/{rid}",
        "/api/v1/events/{id}/plan-runs/{rid}/publish",
    }
    assert set(paths["/api/v1/organisations/{slug}"]) == {"get", "patch"}
    assert "email" not in response.content.decode().lower()


def test_docs_page_uses_only_local_assets(api_client):
    response = api_client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower()
    assert "https://" not in html and "http://" not in html
