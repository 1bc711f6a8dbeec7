"""Each privileged act of the directory leaves an entry an auditor can read:
who, what, on which object, for which city, before → after, and why."""

import pytest

from tandem.accounts.models import Membership
from tandem.audit.models import AuditEntry
from tandem.audit.selectors import audit_entries, describe
from tandem.directory import members, services
from tandem.directory.models import Opportunity, Organisation
from tandem.errors import PermissionDenied
from tests.factories import (
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def read(viewer):
    """The trail as the viewer reads it in English, newest first."""
    return describe(audit_entries(viewer=viewer), viewer=viewer)


def read_as_staff():
    return read(UserFactory(is_staff=True))


def only_entry():
    return AuditEntry.objects.get()


@pytest.mark.parametrize(
    ("decision", "label", "shown"),
    [
        ("verified", "Organisation verified", "Verified"),
        ("rejected", "Organisation rejected", "Rejected"),
        ("changes_requested", "Changes asked of an organisation", "Changes requested"),
    ],
)
def test_review_of_an_organisation_is_recorded_with_its_reason(
    coordinator, dortmund_city, decision, label, shown
):
    pending = OrganisationFactory(
        city=dortmund_city, verification=Organisation.Verification.PENDING
    )
    services.review_organisation(
        organisation=pending, by=coordinator, decision=decision, reason="Impressum?"
    )
    entry = only_entry()
    assert (entry.actor, entry.city, entry.target_label) == (
        coordinator,
        dortmund_city,
        pending.name,
    )
    assert entry.reason == "Impressum?"
    [row] = read(coordinator)
    assert row.action == label
    assert row.kind == "Organisation"
    assert [(c.field, c.before, c.after) for c in row.changes] == [
        ("Verification", "Waiting for verification", shown)
    ]


@pytest.mark.parametrize(
    ("decision", "label"),
    [
        ("published", "Opportunity published"),
        ("rejected", "Opportunity rejected"),
        ("changes_requested", "Changes asked of an opportunity"),
    ],
)
def test_review_of_an_opportunity_is_recorded(
    coordinator, organisation, decision, label
):
    submitted = OpportunityFactory(
        organisation=organisation, status=Opportunity.Status.SUBMITTED
    )
    services.review_opportunity(
        opportunity=submitted, by=coordinator, decision=decision, reason="Zu vage."
    )
    entry = only_entry()
    assert entry.city == organisation.city
    assert entry.changes == {"status": ["submitted", decision]}
    assert entry.reason == "Zu vage."
    [row] = read(coordinator)
    assert row.action == label
    assert [(c.field, c.before) for c in row.changes] == [
        ("Status", "Waiting for review")
    ]
    # The coordinator may open the opportunity: the entry links to it.
    assert row.url == submitted.get_absolute_url()


def test_a_refused_review_leaves_no_entry(other_coordinator, organisation):
    with pytest.raises(PermissionDenied):
        services.review_organisation(
            organisation=organisation, by=other_coordinator, decision="rejected"
        )
    assert not AuditEntry.objects.exists()


def test_approving_a_request_to_join_is_recorded(owner, organisation):
    asking = MembershipFactory(
        organisation=organisation, role="viewer", state=Membership.State.PENDING
    )
    members.approve_membership(membership=asking, by=owner, role="editor")
    [row] = read_as_staff()
    assert row.action == "Request to join approved"
    assert row.entry.actor == owner
    assert row.entry.city == organisation.city
    assert {(c.field, c.before, c.after) for c in row.changes} == {
        ("Role", "—", "Editor"),
        ("State", "Asked to join", "Active"),
    }


def test_a_role_change_is_recorded_before_and_after(owner, organisation):
    member = MembershipFactory(organisation=organisation, role="viewer")
    members.change_member_role(membership=member, by=owner, role="owner")
    [row] = read_as_staff()
    assert row.action == "Member's role changed"
    assert str(member.user) in row.entry.target_label
    assert [(c.field, c.before, c.after) for c in row.changes] == [
        ("Role", "Viewer", "Owner")
    ]


def test_removing_a_member_is_recorded_and_outlives_the_membership(owner, organisation):
    member = MembershipFactory(organisation=organisation, role="editor")
    members.remove_member(membership=member, by=owner)
    [row] = read_as_staff()
    assert row.action == "Member removed"
    assert str(member.user) in row.entry.target_label
    assert [(c.field, c.before, c.after) for c in row.changes] == [
        ("Role", "Editor", "—")
    ]


def test_declining_a_request_to_join_is_recorded(owner, organisation):
    asking = MembershipFactory(
        organisation=organisation, role="viewer", state=Membership.State.PENDING
    )
    members.remove_member(membership=asking, by=owner)
    [row] = read_as_staff()
    assert row.action == "Request to join declined"


def test_a_member_leaving_is_nobodys_decision(organisation):
    member = MembershipFactory(organisation=organisation, role="viewer")
    members.remove_member(membership=member, by=member.user)
    assert not AuditEntry.objects.exists()
