"""Accounts without a name are asked for one at their next sign-in."""

import pytest
from django.urls import reverse

from tandem.accounts.models import User
from tests.factories import UserFactory
from tests.helpers import field_codes

pytestmark = pytest.mark.django_db


def test_a_nameless_person_is_sent_to_the_name_page(client):
    client.force_login(UserFactory(first_name="", last_name=""))

    response = client.get("/en/events/")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:name") + "?next=%2Fen%2Fevents%2F"


def test_a_named_person_goes_where_they_asked(client):
    client.force_login(UserFactory(first_name="Ana", last_name=""))

    assert client.get("/en/events/").status_code == 200


def test_the_name_page_saves_and_goes_on_to_next(client):
    user = UserFactory(first_name="", last_name="")
    client.force_login(user)

    response = client.post(
        reverse("accounts:name") + "?next=/en/events/",
        {"first_name": " Ana ", "last_name": "Pop"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/events/"
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Ana", "Pop")
    assert client.get("/en/events/").status_code == 200


def test_the_name_page_does_not_go_to_another_site(client):
    client.force_login(UserFactory(first_name="", last_name=""))

    response = client.post(
        reverse("accounts:name") + "?next=https://evil.example/",
        {"first_name": "Ana", "last_name": "Pop"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_the_name_page_refuses_an_empty_name(client):
    user = UserFactory(first_name="", last_name="")
    client.force_login(user)

    response = client.post(reverse("accounts:name"), {"first_name": " "})

    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"first_name", "last_name"}
    assert User.objects.get(pk=user.pk).first_name == ""


def test_settings_cannot_remove_the_name(user):
    from django.core.exceptions import ValidationError

    from tandem.accounts.services import update_profile

    with pytest.raises(ValidationError) as exc_info:
        update_profile(user=user, by=user, first_name=" ", last_name="")

    assert field_codes(exc_info) == {"first_name": ["required"]}
