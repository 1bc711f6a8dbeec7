"""The acts the audit app itself writes to the trail: every add, change and
delete through the admin site, and the coordinator roles granted there
(the accounts app sits below the audit trail, so its admin acts are named here)."""

from django.utils.translation import gettext_lazy as _

from tandem.audit.actions import Action

ADMIN_ADDED = "admin.added"
ADMIN_CHANGED = "admin.changed"
ADMIN_DELETED = "admin.deleted"
COORDINATOR_ROLE_GRANTED = "accounts.coordinator_role_granted"
COORDINATOR_ROLE_WITHDRAWN = "accounts.coordinator_role_withdrawn"

ACTIONS = (
    Action(ADMIN_ADDED, _("Added in the admin")),
    Action(ADMIN_CHANGED, _("Changed in the admin")),
    Action(ADMIN_DELETED, _("Deleted in the admin")),
    Action(COORDINATOR_ROLE_GRANTED, _("Coordinator role granted")),
    Action(COORDINATOR_ROLE_WITHDRAWN, _("Coordinator role withdrawn")),
)
