import pytest
from django.test import Client

from tandem.accounts.services import create_api_token
from tandem.projects import services
from tandem.projects.models import Project
from tests.factories import ProjectFactory, ProjectPartnerFactory
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return Client()


def _auth(user):
    _token, key = create_api_token(by=user, name="Sync")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_list_is_public_and_paginated(api, joint_project, lead_member, lead_org):
    services.create_project(
        by=lead_member,
        organisation=lead_org,
        title="Hidden",
        summary="S",
        language="en",
        visibility="partners",
    )
    response = api.get("/api/v1/projects", {"limit": 10})
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 1
    item = body["items"][0]
    assert item["title"] == joint_project.title
    assert [(p["name"], p["city"], p["role"]) for p in item["partners"]] == [
        ("Agro Cluj", "cluj-napoca", "partner"),
        ("Sensorik Dortmund", "dortmund", "lead"),
    ]


def test_list_shows_partners_only_projects_to_members(
    api, lead_member, lead_org, partnership
):
    services.create_project(
        by=lead_member,
        organisation=lead_org,
        title="Hidden",
        summary="S",
        language="en",
        visibility="partners",
    )
    response = api.get("/api/v1/projects", **_auth(lead_member))
    assert [p["title"] for p in response.json()["items"]] == ["Hidden"]


def test_list_filters_by_status(api, joint_project):
    response = api.get("/api/v1/projects", {"status": "running"})
    assert response.json()["count"] == 0


def test_list_queries_do_not_grow(api, partnership):
    queries = assert_constant_queries(
        lambda: ProjectPartnerFactory(project=ProjectFactory()),
        lambda: api.get("/api/v1/projects"),
    )

    # count, rows, areas, active partners
    assert queries == 4
    assert api.get("/api/v1/projects").json()["count"] == 3


def test_get_hides_partners_only_project(api, project, lead_member):
    services.update_project(project=project, by=lead_member, visibility="partners")
    response = api.get(f"/api/v1/projects/{project.pk}")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_create_needs_a_token(api, lead_org):
    response = api.post(
        "/api/v1/projects",
        {"organisation": lead_org.slug, "title": "T", "summary": "S", "language": "en"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_create_project(api, lead_org, lead_member):
    response = api.post(
        "/api/v1/projects",
        {
            "organisation": lead_org.slug,
            "title": "Smart irrigation",
            "summary": "S",
            "language": "en",
            "areas": ["agriculture"],
            "funding_source": "interreg",
            "funding_amount": "1000.50",
            "currency": "RON",
        },
        content_type="application/json",
        **_auth(lead_member),
    )
    body = response.json()
    assert response.status_code == 201
    assert (body["status"], body["areas"], body["currency"]) == (
        "idea",
        ["agriculture"],
        "RON",
    )
    assert Project.objects.get().funding_amount == pytest.approx(1000.5)


def test_create_with_bad_dates_is_400(api, lead_org, lead_member):
    response = api.post(
        "/api/v1/projects",
        {
            "organisation": lead_org.slug,
            "title": "T",
            "summary": "S",
            "language": "en",
            "start_on": "2026-05-01",
            "end_on": "2026-01-01",
        },
        content_type="application/json",
        **_auth(lead_member),
    )
    body = response.json()
    assert (response.status_code, body["code"], list(body["fields"])) == (
        400,
        "end_before_start",
        ["end_on"],
    )


def test_patch_status_needs_both_cities(api, project, lead_member):
    response = api.patch(
        f"/api/v1/projects/{project.pk}",
        {"status": "preparing"},
        content_type="application/json",
        **_auth(lead_member),
    )
    assert (response.status_code, response.json()["code"]) == (400, "needs_both_cities")


def test_patch_by_partner_member_is_403(api, joint_project, partner_member):
    response = api.patch(
        f"/api/v1/projects/{joint_project.pk}",
        {"title": "Mine now"},
        content_type="application/json",
        **_auth(partner_member),
    )
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")


def test_patch_updates_and_moves_status(api, joint_project, lead_member):
    response = api.patch(
        f"/api/v1/projects/{joint_project.pk}",
        {"title": "Renamed", "status": "preparing"},
        content_type="application/json",
        **_auth(lead_member),
    )
    assert (response.json()["title"], response.json()["status"]) == (
        "Renamed",
        "preparing",
    )


def test_add_milestone_and_outcome(api, joint_project, partner_member, cluj_org):
    headers = _auth(partner_member)
    milestone = api.post(
        f"/api/v1/projects/{joint_project.pk}/milestones",
        {"title": "Kick-off", "due_on": "2026-02-01", "owner": cluj_org.slug},
        content_type="application/json",
        **headers,
    )
    outcome = api.post(
        f"/api/v1/projects/{joint_project.pk}/outcomes",
        {"indicator": "pilots_deployed", "number": "3", "unit": "farms"},
        content_type="application/json",
        **headers,
    )
    assert (milestone.status_code, milestone.json()["owner"]) == (201, "Agro Cluj")
    assert (outcome.status_code, outcome.json()["indicator"]) == (
        201,
        "pilots_deployed",
    )
    detail = api.get(f"/api/v1/projects/{joint_project.pk}").json()
    assert [m["title"] for m in detail["milestones"]] == ["Kick-off"]
    assert [o["unit"] for o in detail["outcomes"]] == ["farms"]


def test_add_outcome_by_other_member_is_403(api, joint_project, owner):
    response = api.post(
        f"/api/v1/projects/{joint_project.pk}/outcomes",
        {"indicator": "pilots_deployed", "number": "3"},
        content_type="application/json",
        **_auth(owner),
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"organisation": "nobody"}, "unknown_organisation", "organisation"),
        ({"areas": ["no-such-area"]}, "unknown_area", "areas"),
        ({"contact_request": 999999}, "unknown_contact_request", "contact_request"),
    ],
)
def test_create_with_unknown_references_names_them(
    api, lead_org, lead_member, change, code, field
):
    payload = {"organisation": lead_org.slug, "title": "T", "summary": "S"}
    response = api.post(
        "/api/v1/projects",
        payload | {"language": "en"} | change,
        content_type="application/json",
        **_auth(lead_member),
    )
    body = response.json()
    assert (response.status_code, body["code"], list(body["fields"])) == (
        400,
        code,
        [field],
    )
