"""model_update: the one way update services change a row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.accounts.services import update_profile
from tandem.directory.models import Organisation
from tandem.partnerships.models import Area
from tandem.updates import check_known, model_update
from tests.factories import OrganisationFactory
from tests.helpers import field_codes

pytestmark = pytest.mark.django_db


def _updates(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]


def test_saves_only_the_changed_fields_and_names_them(organisation):
    with CaptureQueriesContext(connection) as queries:
        changed = model_update(
            organisation, {"name": "Neuer Name", "website": organisation.website}
        )

    assert changed == ["name"]
    [update] = _updates(queries)
    assert '"name"' in update and '"updated_at"' in update
    assert '"website"' not in update and '"description"' not in update
    assert Organisation.objects.get(pk=organisation.pk).name == "Neuer Name"


def test_nothing_changed_writes_nothing(organisation):
    with CaptureQueriesContext(connection) as queries:
        changed = model_update(organisation, {"name": organisation.name})

    assert changed == []
    assert _updates(queries) == []


def test_invalid_change_leaves_the_object_and_the_row_as_they_were(organisation):
    name = organisation.name

    with pytest.raises(Exception) as exc_info:
        model_update(organisation, {"name": "", "website": "not a web address"})

    assert set(field_codes(exc_info)) == {"name", "website"}
    assert organisation.name == name
    assert organisation.website != "not a web address"
    assert Organisation.objects.get(pk=organisation.pk).name == name


def test_many_to_many_changes_are_set_after_saving(organisation):
    areas = list(Area.objects.filter(slug__in=["iot", "ai-data"]))

    changed = model_update(organisation, {"areas": areas})

    assert changed == ["areas"]
    assert set(organisation.areas.all()) == set(areas)
    assert model_update(organisation, {"areas": areas}) == []


def test_always_saves_the_named_fields_even_when_equal():
    organisation = OrganisationFactory()

    with CaptureQueriesContext(connection) as queries:
        changed = model_update(organisation, {}, always=["languages_spoken"])

    assert changed == []
    [update] = _updates(queries)
    assert '"languages_spoken"' in update


def test_a_change_the_service_does_not_take_is_a_callers_bug(user):
    with pytest.raises(TypeError, match="is_staff"):
        update_profile(user=user, by=user, first_name="Ana", is_staff=True)

    user.refresh_from_db()
    assert user.first_name != "Ana"
    assert not user.is_staff


def test_check_known_names_every_unknown_field():
    check_known({"name": "x"}, {"name", "website"})
    with pytest.raises(TypeError, match="status, verification"):
        check_known({"name": "x", "verification": "v", "status": "s"}, {"name"})
