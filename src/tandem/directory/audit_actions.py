"""The privileged acts of the directory that the audit trail keeps: the
coordinators' review decisions (including on a verified organisation's new
name, kind or website) and the owners' decisions on members."""

from collections.abc import Collection

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Viewer
from tandem.audit.actions import Action
from tandem.directory.selectors import visible_opportunities, visible_organisations

ORGANISATION_VERIFIED = "directory.organisation_verified"
ORGANISATION_REJECTED = "directory.organisation_rejected"
ORGANISATION_CHANGES_REQUESTED = "directory.organisation_changes_requested"
OPPORTUNITY_PUBLISHED = "directory.opportunity_published"
OPPORTUNITY_REJECTED = "directory.opportunity_rejected"
OPPORTUNITY_CHANGES_REQUESTED = "directory.opportunity_changes_requested"
MEMBERSHIP_APPROVED = "directory.membership_approved"
MEMBERSHIP_DECLINED = "directory.membership_declined"
MEMBER_ROLE_CHANGED = "directory.member_role_changed"
MEMBER_REMOVED = "directory.member_removed"
ORGANISATION_CHANGES_APPROVED = "directory.organisation_changes_approved"
ORGANISATION_CHANGES_REJECTED = "directory.organisation_changes_rejected"

# By the review decision (a Verification or Opportunity.Status value).
ORGANISATION_DECISIONS = {
    "verified": ORGANISATION_VERIFIED,
    "rejected": ORGANISATION_REJECTED,
    "changes_requested": ORGANISATION_CHANGES_REQUESTED,
}
OPPORTUNITY_DECISIONS = {
    "published": OPPORTUNITY_PUBLISHED,
    "rejected": OPPORTUNITY_REJECTED,
    "changes_requested": OPPORTUNITY_CHANGES_REQUESTED,
}

ACTIONS = (
    Action(ORGANISATION_VERIFIED, _("Organisation verified")),
    Action(ORGANISATION_REJECTED, _("Organisation rejected")),
    Action(ORGANISATION_CHANGES_REQUESTED, _("Changes asked of an organisation")),
    Action(OPPORTUNITY_PUBLISHED, _("Opportunity published")),
    Action(OPPORTUNITY_REJECTED, _("Opportunity rejected")),
    Action(OPPORTUNITY_CHANGES_REQUESTED, _("Changes asked of an opportunity")),
    Action(MEMBERSHIP_APPROVED, _("Request to join approved")),
    Action(MEMBERSHIP_DECLINED, _("Request to join declined")),
    Action(MEMBER_ROLE_CHANGED, _("Member's role changed")),
    Action(MEMBER_REMOVED, _("Member removed")),
    Action(
        ORGANISATION_CHANGES_APPROVED,
        _("A verified organisation's new name, kind or website approved"),
    ),
    Action(
        ORGANISATION_CHANGES_REJECTED,
        _("A verified organisation's new name, kind or website rejected"),
    ),
)


def organisation_links(viewer: Viewer, pks: Collection[int]) -> dict[int, str]:
    """The pages of the organisations the reader may see."""
    rows = visible_organisations(viewer=viewer).filter(pk__in=pks)
    return {
        pk: reverse("directory:organisation_detail", kwargs={"slug": slug})
        for pk, slug in rows.values_list("pk", "slug")
    }


def opportunity_links(viewer: Viewer, pks: Collection[int]) -> dict[int, str]:
    """The pages of the opportunities the reader may see."""
    rows = visible_opportunities(viewer=viewer).filter(pk__in=pks)
    return {
        pk: reverse("directory:opportunity_detail", kwargs={"pk": pk})
        for pk in rows.values_list("pk", flat=True)
    }


LINKS = {
    "directory.organisation": organisation_links,
    "directory.opportunity": opportunity_links,
}
