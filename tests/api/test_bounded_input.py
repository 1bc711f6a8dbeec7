"""The API answers oversized and malformed bodies with JSON, and refuses texts
longer than their limit with a message on the field."""

import json

import pytest

from tests.api.test_writes import ORGS, new_organisation, post

pytestmark = pytest.mark.django_db


def test_a_body_past_the_upload_limit_is_a_json_413(api_client, auth, cluj_city):
    body = json.dumps(new_organisation(description="x" * 3_000_000))

    response = api_client.post(ORGS, body, content_type="application/json", **auth)

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["code"] == "too_large"


def test_a_malformed_json_body_is_a_json_400(api_client, auth, cluj_city):
    response = api_client.post(
        ORGS, '{"name": "Agro', content_type="application/json", **auth
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["code"] == "malformed"


def test_a_description_past_its_limit_is_refused_on_its_field(
    api_client, auth, cluj_city
):
    response = post(api_client, ORGS, new_organisation(description="x" * 5001), auth)

    assert response.status_code == 422
    assert [(e["loc"], e["type"]) for e in response.json()["detail"]] == [
        (["body", "payload", "description"], "too_long")
    ]


def test_a_description_at_its_limit_is_taken(api_client, auth, cluj_city):
    response = post(api_client, ORGS, new_organisation(description="x" * 5000), auth)

    assert response.status_code == 201
    assert len(response.json()["description"]) == 5000


def test_the_document_declares_the_limits(api_client):
    schemas = api_client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert schemas["OrganisationIn"]["properties"]["description"]["maxLength"] == 5000
    assert schemas["ProjectIn"]["properties"]["summary"]["maxLength"] == 5000
