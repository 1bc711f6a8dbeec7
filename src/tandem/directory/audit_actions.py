"""The privileged acts of the directory that the audit trail keeps: the
coordinators' review decisions and the owners' decisions on members."""

from django.utils.translation import gettext_lazy as _

from tandem.audit.actions import Action

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
)
