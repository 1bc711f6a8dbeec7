"""Descriptions have a limit the form shows, the form keeps and the importer
keeps (no 2 MB profile texts)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from tandem.directory import services
from tandem.directory.models import DESCRIPTION_MAX_LENGTH, Organisation
from tests.directory.test_import import HEADER, org_line, write
from tests.directory.test_manage_views import organisation_data
from tests.helpers import field_codes

pytestmark = pytest.mark.django_db


def test_organisation_form_shows_the_description_limit(client, user, cluj_city):
    client.force_login(user)

    response = client.get(reverse("directory:organisation_create"))

    assert response.context["form"]["description"].field.widget.attrs[
        "maxlength"
    ] == str(DESCRIPTION_MAX_LENGTH)


def test_organisation_form_refuses_a_description_past_the_limit(
    client, user, cluj_city
):
    client.force_login(user)

    response = client.post(
        reverse("directory:organisation_create"),
        organisation_data(cluj_city, description="x" * 5001, description_de="y" * 5001),
    )

    assert response.status_code == 422
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["description"]] == ["max_length"]
    assert [e.code for e in errors["description_de"]] == ["max_length"]
    assert not Organisation.objects.exists()


def test_import_refuses_a_description_past_the_limit(tmp_path, dortmund_city):
    path = write(tmp_path, "orgs.csv", HEADER + org_line(1, description="x" * 5001))
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_records", "organisations", str(path), stderr=err)

    assert err.getvalue().splitlines() == [
        "line 2: description: Ensure this value has at most 5000 characters "
        "(it has 5001)."
    ]
    assert not Organisation.objects.exists()


def test_create_organisation_refuses_texts_past_the_limit(user, dortmund_city):
    with pytest.raises(ValidationError) as caught:
        services.create_organisation(
            by=user,
            name="Sensorik Ruhr GmbH",
            kind="startup",
            city=dortmund_city,
            description="x" * 5001,
            language="de",
            description_translations={"en": "y" * 5001},
        )

    assert field_codes(caught.value) == {
        "description": ["max_length"],
        "description_translations": ["max_length"],
    }
    assert not Organisation.objects.exists()
