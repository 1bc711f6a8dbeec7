"""Every write to joint projects, their partners, milestones and outcomes.

Each service checks ``tandem.projects.permissions``, validates, saves and writes
one ``ProjectChange`` (who changed what, with the values before and after).
The writes live by concern in the modules of this package; callers use them
from here.
"""

from tandem.projects.services.partners import (
    answer_invitation,
    invite_partner,
    lead_of,
    leave_project,
    withdraw_invitation,
)
from tandem.projects.services.progress import (
    add_milestone,
    add_outcome,
    delete_milestone,
    delete_outcome,
    update_milestone,
    update_outcome,
)
from tandem.projects.services.projects import (
    TRANSITIONS,
    change_status,
    create_project,
    missing_cities,
    update_project,
)

__all__ = [
    "TRANSITIONS",
    "add_milestone",
    "add_outcome",
    "answer_invitation",
    "change_status",
    "create_project",
    "delete_milestone",
    "delete_outcome",
    "invite_partner",
    "lead_of",
    "leave_project",
    "missing_cities",
    "update_milestone",
    "update_outcome",
    "update_project",
    "withdraw_invitation",
]
