"""The audited actions of the directory app (``tandem.audit.actions``)."""

from django.utils.translation import gettext_lazy

from tandem.audit.actions import Action

ORGANISATION_CHANGES_APPROVED = "directory.organisation_changes_approved"
ORGANISATION_CHANGES_REJECTED = "directory.organisation_changes_rejected"

ACTIONS = [
    Action(
        key=ORGANISATION_CHANGES_APPROVED,
        label=gettext_lazy(
            "A verified organisation's new name, kind or website approved"
        ),
    ),
    Action(
        key=ORGANISATION_CHANGES_REJECTED,
        label=gettext_lazy(
            "A verified organisation's new name, kind or website rejected"
        ),
    ),
]
