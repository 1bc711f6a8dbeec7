import pytest
from django.urls import reverse

from tandem.directory.models import Organisation
from tests.factories import OpportunityFactory, OrganisationFactory, UserFactory

MODELS = [
    "partnerships/city",
    "partnerships/area",
    "partnerships/partnership",
    "accounts/user",
    "accounts/membership",
    "accounts/coordinatorrole",
    "accounts/apitoken",
    "directory/organisation",
    "directory/opportunity",
    "legal/legaltext",
]


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_staff_can_open_every_admin_list(staff_client, partnership, model):
    OpportunityFactory(organisation=OrganisationFactory(city=partnership.city_a))
    response = staff_client.get(f"/en/admin/{model}/")
    assert response.status_code == 200


def test_admin_verify_action_goes_through_the_review_service(
    staff_client, dortmund_city
):
    pending = OrganisationFactory(
        city=dortmund_city, verification=Organisation.Verification.PENDING
    )
    response = staff_client.post(
        reverse("admin:directory_organisation_changelist"),
        {"action": "verify", "_selected_action": [pending.pk]},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.verification == Organisation.Verification.VERIFIED
    assert pending.reviewed_by is not None


def test_members_cannot_open_the_admin(client, user):
    client.force_login(user)
    response = client.get("/en/admin/directory/organisation/")
    assert response.status_code == 302


def test_staff_can_open_an_organisations_change_page(staff_client, dortmund_city):
    organisation = OrganisationFactory(
        city=dortmund_city, website="https://feldsensor.example.org"
    )

    response = staff_client.get(
        reverse("admin:directory_organisation_change", args=[organisation.pk])
    )

    assert response.status_code == 200
    assert 'value="https://feldsensor.example.org"' in response.text
