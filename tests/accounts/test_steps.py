import pytest
from django.urls import reverse

from tandem.accounts import steps
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nameless_step(monkeypatch):
    monkeypatch.setattr(steps, "_STEPS", {})
    steps.register(
        steps.Step(
            key="tests.name",
            needed=lambda user: not user.first_name,
            url_name="accounts:settings",
        )
    )


def test_a_person_with_a_pending_step_is_sent_to_its_page(client, nameless_step):
    client.force_login(UserFactory(first_name=""))
    response = client.get("/en/events/")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("accounts:settings") + "?next=%2Fen%2Fevents%2F"
    )


def test_the_steps_page_and_signing_out_stay_open(client, nameless_step):
    client.force_login(UserFactory(first_name=""))
    assert client.get(reverse("accounts:settings")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get("/en/events/").status_code == 200  # signed out now


def test_a_person_without_pending_steps_goes_where_they_asked(client, nameless_step):
    client.force_login(UserFactory(first_name="Ana"))
    assert client.get("/en/events/").status_code == 200


def test_the_api_is_not_redirected(client, nameless_step):
    client.force_login(UserFactory(first_name=""))
    assert client.get("/api/v1/cities").status_code != 302
