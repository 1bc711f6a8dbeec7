import datetime
import json

import pytest
from django.utils import timezone

from tandem.accounts.models import ApiToken, Membership
from tandem.accounts.services import create_api_token, revoke_api_token
from tandem.directory.models import Opportunity, Organisation
from tests.factories import MembershipFactory, OpportunityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ORGS = "/api/v1/organisations"
OPPS = "/api/v1/opportunities"


def post(client, url, data, auth):
    return client.post(url, json.dumps(data), content_type="application/json", **auth)


def patch(client, url, data, auth):
    return client.patch(url, json.dumps(data), content_type="application/json", **auth)


def new_organisation(**overrides):
    data = {
        "name": "Agro Senzori",
        "kind": "startup",
        "city": "cluj-napoca",
        "description": "Senzori pentru agricultură.",
        "language": "ro",
        "areas": ["agriculture", "iot"],
        "languages_spoken": ["ro", "en"],
        "website": "https://example.org",
        "founded_year": 2019,
    }
    data.update(overrides)
    return data


# --- Authentication ----------------------------------------------------------


def test_write_without_a_token_is_401(api_client, cluj_city):
    response = post(api_client, ORGS, new_organisation(), {})

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert Organisation.objects.count() == 0


def test_write_with_a_revoked_token_is_401(api_client, owner, cluj_city):
    token, key = create_api_token(by=owner, name="old")
    revoke_api_token(token=token, by=owner)

    response = post(
        api_client, ORGS, new_organisation(), {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    )

    assert response.status_code == 401
    assert not Organisation.objects.filter(slug="agro-senzori").exists()


def test_a_session_does_not_authenticate_writes(api_client, owner, cluj_city):
    api_client.force_login(owner)

    response = post(api_client, ORGS, new_organisation(), {})

    assert response.status_code == 401


def test_token_use_is_noted(api_client, owner):
    token, key = create_api_token(by=owner, name="cli")

    api_client.get(ORGS, HTTP_AUTHORIZATION=f"Bearer {key}")

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_of_a_deactivated_user_is_401(api_client, owner, cluj_city):
    _token, key = create_api_token(by=owner, name="cli")
    owner.is_active = False
    owner.save(update_fields=["is_active"])

    response = api_client.get(ORGS, HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 401


# --- Organisations -----------------------------------------------------------


def test_create_organisation_makes_the_token_user_its_owner(
    api_client, owner, auth, cluj_city
):
    response = post(api_client, ORGS, new_organisation(), auth)

    assert response.status_code == 201
    data = response.json()
    assert data["slug"] == "agro-senzori"
    assert data["verification"] == "pending"
    assert data["city"]["slug"] == "cluj-napoca"
    assert set(data["areas"]) == {"iot", "agriculture"}
    assert "email" not in data
    membership = Membership.objects.get(organisation__slug="agro-senzori")
    assert (membership.user, membership.role) == (owner, "owner")


def test_create_organisation_drops_a_blank_translation_under_any_code(
    api_client, auth, cluj_city
):
    translations = {"fr": "", "en": " Sensors "}

    response = post(
        api_client, ORGS, new_organisation(description_translations=translations), auth
    )

    assert response.status_code == 201
    assert response.json()["description_translations"] == {"en": "Sensors"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"areas": ["no-such-area"]}, "areas"),
        ({"city": "atlantis"}, "city"),
        ({"website": "not a url"}, "website"),
        ({"founded_year": 99999}, "founded_year"),
        ({"language": "xx"}, "language"),
        ({"name": "   "}, "name"),
        ({"description_translations": {"fr": "Bonjour"}}, "description_translations"),
        ({"languages_spoken": ["German"]}, "languages_spoken"),
        ({"size_band": "huge"}, "size_band"),
    ],
)
def test_create_organisation_with_bad_input_is_400_with_the_field(
    api_client, auth, cluj_city, overrides, field
):
    response = post(api_client, ORGS, new_organisation(**overrides), auth)

    assert response.status_code == 400
    body = response.json()
    assert list(body["fields"]) == [field]
    assert body["detail"]
    assert not Organisation.objects.filter(city=cluj_city).exists()


@pytest.mark.parametrize(
    ("overrides", "loc"),
    [
        ({"kind": "pirate"}, "kind"),
        ({"name": None}, "name"),
        ({"founded_year": "soon"}, "founded_year"),
        ({"name": "Null\x00byte"}, "name"),
        ({"areas": "agriculture"}, "areas"),
    ],
)
def test_create_organisation_with_a_schema_error_is_422(
    api_client, auth, cluj_city, overrides, loc
):
    response = post(api_client, ORGS, new_organisation(**overrides), auth)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == loc


def test_create_organisation_without_required_fields_is_422(api_client, auth):
    response = post(api_client, ORGS, {"name": "Only a name"}, auth)

    assert response.status_code == 422
    missing = {error["loc"][-1] for error in response.json()["detail"]}
    assert missing == {"kind", "city", "description", "language"}


def test_create_organisation_with_invalid_json_is_4xx(api_client, auth):
    response = api_client.post(
        ORGS, "{not json", content_type="application/json", **auth
    )

    assert response.status_code in {400, 422}


def test_patch_changes_only_the_fields_sent(api_client, organisation, auth, areas):
    response = patch(
        api_client,
        f"{ORGS}/{organisation.slug}",
        {"founded_year": 2019, "areas": ["ai-data"]},
        auth,
    )

    assert response.status_code == 200
    assert response.json()["founded_year"] == 2019
    assert response.json()["areas"] == ["ai-data"]
    organisation.refresh_from_db()
    assert organisation.founded_year == 2019
    assert organisation.name.startswith("Organisation")


def test_patch_with_null_for_a_required_field_is_422(api_client, organisation, auth):
    response = patch(api_client, f"{ORGS}/{organisation.slug}", {"name": None}, auth)

    assert response.status_code == 422


def test_patch_with_bad_founded_year_is_400(api_client, organisation, auth):
    response = patch(
        api_client, f"{ORGS}/{organisation.slug}", {"founded_year": 99999}, auth
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["founded_year"]


def test_editor_of_one_organisation_cannot_patch_another(
    api_client, organisation, auth
):
    other = OrganisationFactory(slug="other")
    MembershipFactory(organisation=other, role="owner")

    response = patch(
        api_client, f"{ORGS}/other", {"website": "https://x.example"}, auth
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    other.refresh_from_db()
    assert other.website == ""


def test_viewer_cannot_patch(api_client, organisation):
    viewer = MembershipFactory(organisation=organisation, role="viewer").user
    _token, key = create_api_token(by=viewer, name="cli")

    response = patch(
        api_client,
        f"{ORGS}/{organisation.slug}",
        {"website": "https://x.example"},
        {"HTTP_AUTHORIZATION": f"Bearer {key}"},
    )

    assert response.status_code == 403


def test_patch_of_an_unseen_organisation_is_404(api_client, auth):
    hidden = OrganisationFactory(visibility=Organisation.Visibility.HIDDEN)

    response = patch(api_client, f"{ORGS}/{hidden.slug}", {"website": ""}, auth)

    assert response.status_code == 404


# --- Opportunities -----------------------------------------------------------


def new_opportunity(organisation, /, **overrides):
    data = {
        "organisation": organisation.slug,
        "kind": "technology_offer",
        "title": "Bodenfeuchte-Sensoren",
        "summary": "Sensoren für Pilotbetriebe.",
        "description": "Wir suchen Pilotbetriebe in Cluj-Napoca.",
        "language": "de",
        "areas": ["agriculture"],
        "partner_kinds": ["agricultural"],
    }
    data.update(overrides)
    return data


def test_create_opportunity_as_a_draft(api_client, organisation, owner, auth):
    response = post(api_client, OPPS, new_opportunity(organisation), auth)

    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "draft"
    assert data["areas"] == ["agriculture"]
    assert data["partner_kinds"] == ["agricultural"]
    opportunity = Opportunity.objects.get(pk=data["id"])
    assert opportunity.created_by == owner


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"areas": ["nowhere"]}, 400, "areas"),
        ({"organisation": "no-such-org"}, 400, "organisation"),
        ({"deadline": "2000-01-01"}, 400, "deadline"),
        ({"title": "x" * 300}, 400, "title"),
        ({"kind": "gift"}, 422, "kind"),
        ({"partner_kinds": ["aliens"]}, 422, "partner_kinds"),
        ({"deadline": "tomorrow"}, 422, "deadline"),
    ],
)
def test_create_opportunity_with_bad_input(
    api_client, organisation, auth, overrides, status, field
):
    response = post(api_client, OPPS, new_opportunity(organisation, **overrides), auth)

    assert response.status_code == status
    if status == 400:
        assert list(response.json()["fields"]) == [field]
    else:
        assert response.json()["detail"][0]["loc"][2] == field
    assert not Opportunity.objects.exists()


def test_create_opportunity_for_another_organisation_is_403(
    api_client, organisation, auth
):
    other = OrganisationFactory(slug="other")

    response = post(api_client, OPPS, new_opportunity(other), auth)

    assert response.status_code == 403
    assert not Opportunity.objects.exists()


def test_update_opportunity(api_client, organisation, auth):
    opportunity = OpportunityFactory(organisation=organisation, status="draft")
    deadline = timezone.localdate() + datetime.timedelta(days=30)

    response = patch(
        api_client,
        f"{OPPS}/{opportunity.pk}",
        {"title": "Neu", "deadline": deadline.isoformat(), "areas": []},
        auth,
    )

    assert response.status_code == 200
    assert response.json()["title"] == "Neu"
    assert response.json()["deadline"] == deadline.isoformat()
    assert response.json()["areas"] == []


def test_update_another_organisations_opportunity_is_403(api_client, auth, owner):
    opportunity = OpportunityFactory(organisation=OrganisationFactory(slug="other"))

    response = patch(api_client, f"{OPPS}/{opportunity.pk}", {"title": "Mine"}, auth)

    assert response.status_code == 403
    opportunity.refresh_from_db()
    assert opportunity.title != "Mine"


def test_update_a_closed_opportunity_is_400(api_client, organisation, auth):
    opportunity = OpportunityFactory(organisation=organisation, status="closed")

    response = patch(api_client, f"{OPPS}/{opportunity.pk}", {"title": "X"}, auth)

    assert response.status_code == 400
    assert response.json()["code"] == "not_editable"
    assert response.json()["fields"] == {}


def test_submit_a_draft(api_client, organisation, auth):
    opportunity = OpportunityFactory(organisation=organisation, status="draft")

    response = post(api_client, f"{OPPS}/{opportunity.pk}/submit", {}, auth)

    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.SUBMITTED


def test_submit_twice_is_400(api_client, organisation, auth):
    opportunity = OpportunityFactory(organisation=organisation, status="submitted")

    response = post(api_client, f"{OPPS}/{opportunity.pk}/submit", {}, auth)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_status"


def test_submit_an_unseen_draft_is_404(api_client, auth):
    opportunity = OpportunityFactory(
        organisation=OrganisationFactory(slug="other"), status="draft"
    )

    response = post(api_client, f"{OPPS}/{opportunity.pk}/submit", {}, auth)

    assert response.status_code == 404
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("field", ["title", "kind", "areas", "partner_kinds"])
def test_update_opportunity_with_null_for_a_required_field_is_422(
    api_client, organisation, auth, field
):
    opportunity = OpportunityFactory(organisation=organisation, status="draft")

    response = patch(api_client, f"{OPPS}/{opportunity.pk}", {field: None}, auth)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field
