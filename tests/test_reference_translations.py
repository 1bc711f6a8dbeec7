"""Reference data (cities, areas, the agreement) is kept in every language as
one JSON object per text, like every other text in several languages."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from tandem.i18n import check_complete_translations
from tandem.partnerships.models import City
from tests.factories import UserFactory, cluj
from tests.helpers import field_codes


def test_a_missing_or_blank_language_is_refused():
    with pytest.raises(ValidationError) as blank:
        check_complete_translations(
            {"de": "Köln", "ro": " ", "en": "Cologne"}, field="name_translations"
        )
    with pytest.raises(ValidationError) as missing:
        check_complete_translations({"de": "Köln"}, field="name_translations")

    assert field_codes(blank) == {"name_translations": ["missing_translation"]}
    assert field_codes(missing) == {"name_translations": ["missing_translation"]}


@pytest.mark.django_db
def test_a_city_without_every_language_does_not_validate():
    city = City(slug="koeln", name_translations={"de": "Köln"}, country="DE")
    city.languages, city.time_zone = ["de"], "Europe/Berlin"

    with pytest.raises(ValidationError) as exc_info:
        city.full_clean()

    assert field_codes(exc_info) == {"name_translations": ["missing_translation"]}


@pytest.mark.django_db
def test_the_name_follows_the_readers_language():
    city = cluj()

    with translation.override("de"):
        german = city.name
    with translation.override("ro"):
        romanian = city.name

    assert (german, romanian) == ("Klausenburg", "Cluj-Napoca")


@pytest.mark.django_db
def test_admin_edits_one_field_per_language(client):
    city = cluj()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/en/admin/partnerships/city/{city.pk}/change/"

    page = client.get(url)
    response = client.post(
        url,
        {
            "slug": "cluj-napoca",
            "country": "RO",
            "languages": '["ro"]',
            "time_zone": "Europe/Bucharest",
            "name_de": "Klausenburg",
            "name_ro": "Cluj-Napoca",
            "name_en": "Cluj",
        },
    )

    assert 'name="name_de"' in page.text and 'value="Klausenburg"' in page.text
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.name_translations == {
        "de": "Klausenburg",
        "ro": "Cluj-Napoca",
        "en": "Cluj",
    }


@pytest.mark.django_db
def test_admin_refuses_a_blank_language(client):
    city = cluj()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        f"/en/admin/partnerships/city/{city.pk}/change/",
        {
            "slug": "cluj-napoca",
            "country": "RO",
            "languages": '["ro"]',
            "time_zone": "Europe/Bucharest",
            "name_de": "",
            "name_ro": "Cluj-Napoca",
            "name_en": "Cluj-Napoca",
        },
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["name_de"]
    city.refresh_from_db()
    assert city.name_translations["de"] == "Klausenburg"


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_language_of_existing_rows():
    before = [("partnerships", "0003_choices_wording")]
    after = [("partnerships", "0004_translations_as_json")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old.get_model("partnerships", "City").objects.create(
        slug="koeln",
        name_en="Cologne",
        name_de="Köln",
        name_ro="Köln",
        country="DE",
        languages=["de"],
        time_zone="Europe/Berlin",
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    assert City.objects.get(slug="koeln").name_translations == {
        "de": "Köln",
        "ro": "Köln",
        "en": "Cologne",
    }
