"""THE PERMISSION MATRIX: who may call which directory service.

Every service runs once per actor against a Dortmund organisation. Allowed actors
change the state; everyone else gets PermissionDenied and the state stays.
"""

import datetime
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.accounts.models import Membership
from tandem.directory import members, services
from tandem.directory.models import Opportunity, Organisation
from tandem.directory.permissions import editable_organisation_ids
from tandem.directory.selectors import opportunity_actions
from tandem.errors import PermissionDenied
from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    UserFactory,
)

Status = Opportunity.Status
Verification = Organisation.Verification
pytestmark = pytest.mark.django_db


ACTORS = [
    "anonymous",
    "non_member",
    "viewer",
    "editor",
    "owner",
    "coordinator",
    "other_coordinator",
    "staff",
]
EDITORS = {"editor", "owner", "staff"}
MANAGERS = {"owner", "staff"}
REVIEWERS = {"coordinator", "staff"}


@pytest.fixture
def world(partnership):
    dortmund, cluj = partnership.city_a, partnership.city_b
    organisation = OrganisationFactory(city=dortmund)
    users: dict[str, Any] = {
        "anonymous": AnonymousUser(),
        "non_member": UserFactory(),
        "coordinator": CoordinatorRoleFactory(city=dortmund).user,
        "other_coordinator": CoordinatorRoleFactory(city=cluj).user,
        "staff": UserFactory(is_staff=True),
    }
    for role in ("viewer", "editor", "owner"):
        users[role] = MembershipFactory(organisation=organisation, role=role).user
    # The member whom owners manage: none of the actors, so "leaving" never applies.
    target = MembershipFactory(organisation=organisation, role="viewer")
    return SimpleNamespace(organisation=organisation, users=users, target=target)


def check(
    actor: str,
    allowed: set[str],
    act: Callable[[], Any],
    state: Callable[[], Any],
    expected: Any,
) -> None:
    before = state()
    if actor in allowed:
        act()
        assert state() == expected
    else:
        with pytest.raises(PermissionDenied):
            act()
        assert state() == before


def _fresh(model: type, pk: int) -> Any:
    return model.objects.get(pk=pk)


@pytest.mark.parametrize("actor", ACTORS)
def test_update_organisation(world, actor):
    pk = world.organisation.pk
    check(
        actor,
        EDITORS,
        lambda: services.update_organisation(
            organisation=_fresh(Organisation, pk),
            by=world.users[actor],
            description="Neue Beschreibung",
        ),
        lambda: _fresh(Organisation, pk).description,
        "Neue Beschreibung",
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_review_organisation(world, actor):
    organisation = world.organisation
    Organisation.objects.filter(pk=organisation.pk).update(
        verification=Verification.PENDING
    )
    check(
        actor,
        REVIEWERS,
        lambda: services.review_organisation(
            organisation=_fresh(Organisation, organisation.pk),
            by=world.users[actor],
            decision=Verification.VERIFIED,
        ),
        lambda: _fresh(Organisation, organisation.pk).verification,
        Verification.VERIFIED,
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_approve_membership(world, actor):
    request = MembershipFactory(
        organisation=world.organisation, role="viewer", state="pending"
    )
    check(
        actor,
        MANAGERS,
        lambda: members.approve_membership(
            membership=_fresh(Membership, request.pk),
            by=world.users[actor],
            role="editor",
        ),
        lambda: Membership.objects.values_list("state", "role").get(pk=request.pk),
        ("active", "editor"),
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_change_member_role(world, actor):
    pk = world.target.pk
    check(
        actor,
        MANAGERS,
        lambda: members.change_member_role(
            membership=_fresh(Membership, pk), by=world.users[actor], role="editor"
        ),
        lambda: _fresh(Membership, pk).role,
        "editor",
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_remove_member(world, actor):
    pk = world.target.pk
    check(
        actor,
        MANAGERS,
        lambda: members.remove_member(
            membership=_fresh(Membership, pk), by=world.users[actor]
        ),
        lambda: Membership.objects.filter(pk=pk).exists(),
        False,
    )


@pytest.mark.parametrize("actor", ["viewer", "editor"])
def test_remove_member_lets_members_leave_themselves(world, actor):
    membership = Membership.objects.get(
        user=world.users[actor], organisation=world.organisation
    )

    members.remove_member(membership=membership, by=world.users[actor])

    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("actor", ACTORS)
def test_request_membership(world, actor):
    """Anyone logged in may ask to join; members already are, anonymous may not."""
    by = world.users[actor]
    if actor == "anonymous":
        with pytest.raises(PermissionDenied):
            members.request_membership(organisation=world.organisation, by=by)
    elif actor in {"viewer", "editor", "owner"}:
        with pytest.raises(ValidationError):
            members.request_membership(organisation=world.organisation, by=by)
    else:
        members.request_membership(organisation=world.organisation, by=by)
        assert Membership.objects.get(user=by).state == "pending"


@pytest.mark.parametrize("actor", ACTORS)
def test_create_opportunity(world, actor):
    check(
        actor,
        EDITORS,
        lambda: services.create_opportunity(
            organisation=world.organisation,
            by=world.users[actor],
            kind="business_offer",
            title="Angebot",
            summary="Kurz",
            description="Lang",
            language="de",
        ),
        lambda: list(Opportunity.objects.values_list("title", "status")),
        [("Angebot", Status.DRAFT)],
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_update_opportunity(world, actor):
    pk = OpportunityFactory(organisation=world.organisation, status=Status.DRAFT).pk
    check(
        actor,
        EDITORS,
        lambda: services.update_opportunity(
            opportunity=_fresh(Opportunity, pk), by=world.users[actor], title="Neu"
        ),
        lambda: _fresh(Opportunity, pk).title,
        "Neu",
    )


LIFECYCLE = [
    # (service, status before, status after)
    (services.submit_opportunity, Status.DRAFT, Status.SUBMITTED),
    (services.close_opportunity, Status.PUBLISHED, Status.CLOSED),
    (services.renew_opportunity, Status.EXPIRED, Status.PUBLISHED),
]


@pytest.mark.parametrize(
    ("service", "before", "after"),
    LIFECYCLE,
    ids=["submit", "close", "renew"],
)
@pytest.mark.parametrize("actor", ACTORS)
def test_opportunity_lifecycle(world, actor, service, before, after):
    pk = OpportunityFactory(
        organisation=world.organisation,
        status=before,
        expires_at=timezone.now() - datetime.timedelta(days=1),
    ).pk
    check(
        actor,
        EDITORS,
        lambda: service(opportunity=_fresh(Opportunity, pk), by=world.users[actor]),
        lambda: _fresh(Opportunity, pk).status,
        after,
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_review_opportunity(world, actor):
    pk = OpportunityFactory(organisation=world.organisation, status=Status.SUBMITTED).pk
    check(
        actor,
        REVIEWERS,
        lambda: services.review_opportunity(
            opportunity=_fresh(Opportunity, pk),
            by=world.users[actor],
            decision=Status.PUBLISHED,
        ),
        lambda: _fresh(Opportunity, pk).status,
        Status.PUBLISHED,
    )


def test_inactive_owner_cannot_create_organisation(world):
    owner = world.users["owner"]
    owner.is_active = False

    with pytest.raises(PermissionDenied):
        services.create_organisation(
            by=owner,
            name="X",
            kind="startup",
            city=world.organisation.city,
            description="X",
            language="de",
        )


@pytest.mark.parametrize("actor", ACTORS)
def test_create_organisation(world, actor):
    allowed = set(ACTORS) - {"anonymous"}
    check(
        actor,
        allowed,
        lambda: services.create_organisation(
            by=world.users[actor],
            name="Neue Firma",
            kind="startup",
            city=world.organisation.city,
            description="Neu",
            language="de",
        ),
        lambda: Organisation.objects.filter(name="Neue Firma").count(),
        1,
    )


# --- The pages offer exactly what the services allow ----------------------------

OFFERS = {
    "can_edit": lambda opportunity, by: services.update_opportunity(
        opportunity=opportunity, by=by, title="Neu"
    ),
    "can_submit": services.submit_opportunity,
    "can_close": services.close_opportunity,
    "can_renew": services.renew_opportunity,
    "can_review": lambda opportunity, by: services.review_opportunity(
        opportunity=opportunity, by=by, decision=Status.PUBLISHED
    ),
}


def _allowed(service: Callable[..., Any], opportunity: Opportunity, by: Any) -> bool:
    try:
        service(opportunity=opportunity, by=by)
    except (PermissionDenied, ValidationError):
        return False
    return True


@pytest.mark.parametrize("offer", list(OFFERS))
@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("actor", ["viewer", "editor", "coordinator", "staff"])
def test_opportunity_actions_offer_what_the_services_allow(world, actor, status, offer):
    pk = OpportunityFactory(organisation=world.organisation, status=status).pk
    by = world.users[actor]
    offered = getattr(
        opportunity_actions(viewer=by, opportunity=_fresh(Opportunity, pk)), offer
    )

    assert _allowed(OFFERS[offer], _fresh(Opportunity, pk), by) == offered


@pytest.mark.parametrize("actor", ACTORS)
def test_editable_organisation_ids_are_those_of_owners_editors_and_staff(world, actor):
    other = OrganisationFactory(city=world.organisation.city)
    user = world.users[actor]
    ids = [world.organisation.pk, other.pk]

    assert editable_organisation_ids(user, ids) == {
        organisation.pk
        for organisation in (world.organisation, other)
        if actor in EDITORS and (actor == "staff" or organisation == world.organisation)
    }
