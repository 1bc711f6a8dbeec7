import pytest

from tandem.errors import PermissionDenied, ValidationError
from tandem.matching import services
from tandem.matching.models import SuggestionFeedback
from tandem.matching.permissions import can_give_feedback
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SuggestionFeedbackFactory,
)
from tests.helpers import error_codes, field_codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluj_farm(cluj_city):
    return OrganisationFactory(city=cluj_city)


@pytest.fixture
def viewer_member(organisation):
    return MembershipFactory(organisation=organisation, role="viewer").user


def test_members_of_every_role_may_give_feedback(organisation, viewer_member, user):
    assert can_give_feedback(viewer_member, organisation) is True
    assert can_give_feedback(user, organisation) is False


def test_latest_word_counts(organisation, viewer_member, cluj_farm):
    for value in ("interested", "not_relevant"):
        services.give_feedback(
            organisation=organisation,
            by=viewer_member,
            value=value,
            target_organisation=cluj_farm,
        )

    feedback = SuggestionFeedback.objects.get()
    assert (feedback.value, feedback.created_by) == ("not_relevant", viewer_member)


def test_feedback_on_the_own_city_is_refused(
    organisation, viewer_member, dortmund_city
):
    neighbour = OrganisationFactory(city=dortmund_city)

    with pytest.raises(ValidationError) as excinfo:
        services.give_feedback(
            organisation=organisation,
            by=viewer_member,
            value="interested",
            target_organisation=neighbour,
        )

    assert error_codes(excinfo) == ["same_city"]


def test_unknown_value_is_refused(organisation, viewer_member, cluj_farm):
    with pytest.raises(ValidationError) as excinfo:
        services.give_feedback(
            organisation=organisation,
            by=viewer_member,
            value="maybe",
            target_organisation=cluj_farm,
        )

    assert field_codes(excinfo) == {"value": ["invalid_value"]}


def test_feedback_needs_exactly_one_target(organisation, viewer_member):
    with pytest.raises(ValidationError) as excinfo:
        services.give_feedback(
            organisation=organisation, by=viewer_member, value="interested"
        )

    assert error_codes(excinfo) == ["one_target"]


def test_withdraw_forgets_the_feedback_and_needs_a_member(
    organisation, viewer_member, cluj_farm, user
):
    SuggestionFeedbackFactory(organisation=organisation, target_organisation=cluj_farm)

    with pytest.raises(PermissionDenied):
        services.withdraw_feedback(
            organisation=organisation, by=user, target_organisation=cluj_farm
        )
    services.withdraw_feedback(
        organisation=organisation, by=viewer_member, target_organisation=cluj_farm
    )

    assert SuggestionFeedback.objects.count() == 0
