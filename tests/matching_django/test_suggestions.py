import pytest
from django.contrib.auth.models import AnonymousUser

from tandem.errors import PermissionDenied
from tandem.matching import services
from tandem.matching.selectors import (
    suggestions_for_opportunity,
    suggestions_for_organisation,
)
from tandem.partnerships.models import City
from tests.factories import MembershipFactory, OpportunityFactory, OrganisationFactory

from .conftest import encode_all, make_cluj

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluj_orgs(cluj_city, areas):
    return [
        make_cluj(
            "ferma-legume",
            "Suntem o fermă de legume. Căutăm senzori pentru umiditatea solului.",
            city=cluj_city,
            areas=[areas["agritech"]],
        ),
        make_cluj(
            "banca-digitala",
            "Dezvoltăm aplicații bancare pentru clienți din toată țara.",
            city=cluj_city,
            kind="it_services",
        ),
    ]


def keys(result):
    return [item.organisation.slug for item in result.items]


def test_dortmund_organisation_gets_only_cluj_suggestions(
    farm_sensors, cluj_orgs, dortmund_city
):
    OrganisationFactory(
        slug="dortmund-farm",
        city=dortmund_city,
        description="Sensoren für Bodenfeuchte in der Landwirtschaft.",
    )
    # A third city outside the partnership.
    elsewhere = City.objects.create(
        slug="koeln",
        name_translations={"en": "Cologne", "de": "Köln", "ro": "Köln"},
        country="DE",
    )
    OrganisationFactory(slug="koeln-farm", city=elsewhere)
    encode_all()

    result = suggestions_for_organisation(
        viewer=AnonymousUser(), organisation=farm_sensors
    )

    assert result.state == "ready"
    assert [city.slug for city in result.partner_cities] == ["cluj-napoca"]
    assert sorted(keys(result)) == ["banca-digitala", "ferma-legume"]
    assert keys(result)[0] == "ferma-legume"


def test_suggestions_never_include_hidden_or_unverified_organisations(
    farm_sensors, cluj_orgs, cluj_city
):
    make_cluj("ascunsa", "Fermă de legume.", city=cluj_city, visibility="hidden")
    make_cluj("noua", "Fermă de legume.", city=cluj_city, verification="pending")
    encode_all()

    result = suggestions_for_organisation(
        viewer=AnonymousUser(), organisation=farm_sensors
    )

    assert sorted(keys(result)) == ["banca-digitala", "ferma-legume"]


def test_reasons_carry_codes_and_text_with_area_names_in_the_readers_language(
    farm_sensors, cluj_orgs
):
    encode_all()

    from django.utils import translation

    with translation.override("de"):
        result = suggestions_for_organisation(
            viewer=AnonymousUser(), organisation=farm_sensors
        )

    best = result.items[0]
    codes = [reason.code for reason in best.reasons]
    assert "shared_areas" in codes
    shared = next(r for r in best.reasons if r.code == "shared_areas")
    assert shared.params == {"areas": ["agriculture", "agritech"]}
    # The sentence itself is translated later; the area names already are.
    assert "Landwirtschaft" in shared.text
    assert "Agrartechnik" in shared.text


def test_not_yet_encoded_profile_is_being_prepared(farm_sensors, cluj_orgs, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }

    result = suggestions_for_organisation(
        viewer=AnonymousUser(), organisation=farm_sensors
    )

    assert result.state == "preparing"
    assert result.items == ()


def test_feedback_changes_the_next_suggestions(farm_sensors, cluj_orgs, owner_of):
    owner = owner_of(farm_sensors)
    encode_all()
    before = suggestions_for_organisation(viewer=owner, organisation=farm_sensors)
    assert keys(before)[0] == "ferma-legume"

    services.give_feedback(
        organisation=farm_sensors,
        by=owner,
        value="not_relevant",
        target_organisation=cluj_orgs[0],
    )
    services.give_feedback(
        organisation=farm_sensors,
        by=owner,
        value="interested",
        target_organisation=cluj_orgs[1],
    )
    after = suggestions_for_organisation(viewer=owner, organisation=farm_sensors)

    assert keys(after) == ["banca-digitala"]
    assert after.items[0].feedback == "interested"
    assert after.items[0].reasons[0].code == "you_marked_interested"


def test_only_members_may_give_feedback(farm_sensors, cluj_orgs, user):
    with pytest.raises(PermissionDenied):
        services.give_feedback(
            organisation=farm_sensors,
            by=user,
            value="interested",
            target_organisation=cluj_orgs[0],
        )


def test_opportunity_gets_offers_for_its_request(partnership, dortmund_city, cluj_city):
    seeker = OpportunityFactory(
        organisation=OrganisationFactory(city=dortmund_city),
        kind="technology_request",
        title="Gesucht: Bodensensoren",
        description="Wir suchen Sensoren für Bodenfeuchte.",
    )
    cluj_org = OrganisationFactory(city=cluj_city, language="ro")
    offer = OpportunityFactory(
        organisation=cluj_org,
        kind="technology_offer",
        language="ro",
        description="Oferim senzori pentru umiditatea solului.",
    )
    OpportunityFactory(
        organisation=cluj_org,
        kind="technology_request",
        language="ro",
        description="Căutăm senzori pentru umiditatea solului.",
    )
    OpportunityFactory(organisation=OrganisationFactory(city=dortmund_city))
    encode_all()

    result = suggestions_for_opportunity(viewer=AnonymousUser(), opportunity=seeker)

    assert result.items[0].opportunity == offer
    codes = [reason.code for reason in result.items[0].reasons]
    assert "request_meets_offer" in codes
    assert "request_meets_offer" not in [r.code for r in result.items[1].reasons]
    assert {item.organisation.city_id for item in result.items} == {cluj_city.pk}


@pytest.fixture
def owner_of():
    def make(organisation):
        return MembershipFactory(organisation=organisation, role="owner").user

    return make


def test_reading_suggestions_queues_and_builds_nothing(
    farm_sensors, cluj_orgs, django_capture_on_commit_callbacks
):
    from tandem.matching import indexing

    services.encode_organisation(organisation_id=cluj_orgs[0].pk)
    name = indexing.encoder_name()
    for path in indexing.index_dir(name).iterdir():
        path.unlink()
    indexing.forget_loaded()

    with django_capture_on_commit_callbacks() as callbacks:
        unencoded = suggestions_for_organisation(
            viewer=AnonymousUser(), organisation=farm_sensors
        )
        without_index = suggestions_for_organisation(
            viewer=AnonymousUser(), organisation=cluj_orgs[0]
        )

    assert (unencoded.state, without_index.state) == ("preparing", "preparing")
    assert callbacks == []
    assert list(indexing.index_dir(name).glob("organisations.*")) == []


def test_prepare_queues_the_encoding_once(
    farm_sensors, cluj_orgs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.prepare_suggestions(profile=farm_sensors)
        services.prepare_suggestions(profile=farm_sensors)

    result = suggestions_for_organisation(
        viewer=AnonymousUser(), organisation=farm_sensors
    )
    assert len(callbacks) == 1
    assert result.state == "ready"


def test_prepare_builds_a_missing_index_from_the_stored_vectors(
    farm_sensors, cluj_orgs, django_capture_on_commit_callbacks
):
    from tandem.matching import indexing

    encode_all()
    name = indexing.encoder_name()
    for path in indexing.index_dir(name).glob("organisations.*"):
        path.unlink()
    indexing.forget_loaded()

    with django_capture_on_commit_callbacks() as callbacks:
        services.prepare_suggestions(profile=farm_sensors)

    assert callbacks == []
    result = suggestions_for_organisation(
        viewer=AnonymousUser(), organisation=farm_sensors
    )
    assert sorted(keys(result)) == ["banca-digitala", "ferma-legume"]


def test_prepare_without_an_encoder_does_nothing(
    farm_sensors, settings, django_capture_on_commit_callbacks
):
    settings.TANDEM_ENCODER = "sentence-transformers:no-such-model"

    with django_capture_on_commit_callbacks() as callbacks:
        services.prepare_suggestions(profile=farm_sensors)
    result = suggestions_for_organisation(
        viewer=AnonymousUser(), organisation=farm_sensors
    )

    assert callbacks == []
    assert result.state == "unavailable"
