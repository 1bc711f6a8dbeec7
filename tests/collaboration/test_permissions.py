"""The collaboration predicates that services, selectors and pages share."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tandem.collaboration import permissions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "side"),
    [
        ("sender_owner", "sender"),
        ("recipient_editor", "recipient"),
        ("recipient_viewer", None),
        ("other_member", None),
        ("cluj_coordinator", None),
    ],
)
def test_posting_side_is_the_organisation_one_writes_for(
    world, conversation, who, side
):
    expected = getattr(world, side) if side else None

    assert permissions.posting_side(getattr(world, who), conversation) == expected
    assert permissions.can_post_in(getattr(world, who), conversation) is bool(side)


@pytest.mark.parametrize(
    ("who", "side"),
    [("sender_viewer", "sender"), ("recipient_viewer", "recipient")],
)
def test_side_of_a_member_with_any_role(world, conversation, who, side):
    assert permissions.side_of(getattr(world, who), conversation) == getattr(
        world, side
    )


def test_side_of_an_outsider_is_none(world, conversation):
    assert permissions.side_of(world.other_member, conversation) is None
    assert permissions.side_of(AnonymousUser(), conversation) is None


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("dortmund_coordinator", True),
        ("cluj_coordinator", True),
        ("sender_owner", False),
        ("other_member", False),
    ],
)
def test_coordinators_review_reports(world, who, allowed):
    assert permissions.can_review_reports(getattr(world, who)) is allowed


def test_staff_review_reports_and_anonymous_do_not(world):
    assert permissions.can_review_reports(UserFactory(is_staff=True)) is True
    assert permissions.can_review_reports(AnonymousUser()) is False
