"""Who may do what with joint projects: predicates that services and pages call.

- Lead members (owner or editor of the lead organisation) manage everything.
- Partner members (owner or editor of an active partner) add and edit
  milestones and outcomes.
- Members with any role of an active or invited partner read the project, also
  when it is for partners only; so do the coordinators of the partners' cities.
- Coordinators read, they never change a project.
- Staff read and manage every project (support through the admin).
- Everybody, anonymous included, reads public projects.
"""

from typing import Any

from tandem.accounts.permissions import can_act_for as _can_act_for
from tandem.accounts.permissions import (
    coordinated_city_ids,
    is_staff,
    member_organisation_ids,
)
from tandem.projects.models import Project, ProjectPartner

State = ProjectPartner.State
# Partners whose members read a partners-only project.
READING_STATES = (State.INVITED, State.ACTIVE)


def can_act_for(user: Any, organisation: Any) -> bool:
    """Owner or editor of the organisation (staff too)."""
    return _can_act_for(user, organisation, staff=True)


def can_create_project(user: Any, organisation: Any) -> bool:
    return can_act_for(user, organisation)


def can_manage_project(user: Any, project: Project) -> bool:
    """Edit, invite, change the status: the lead's owners and editors, and staff."""
    if is_staff(user):
        return True
    mine = member_organisation_ids(user, acting=True)
    return project.partners.filter(
        role=ProjectPartner.Role.LEAD,
        state=State.ACTIVE,
        organisation_id__in=mine,
    ).exists()


def can_contribute(user: Any, project: Project) -> bool:
    """Add and edit milestones and outcomes: owners and editors of active partners."""
    if is_staff(user):
        return True
    mine = member_organisation_ids(user, acting=True)
    return project.partners.filter(
        state=State.ACTIVE, organisation_id__in=mine
    ).exists()


def is_partner_member(user: Any, project: Project) -> bool:
    """Any active member of an active or invited partner organisation."""
    mine = member_organisation_ids(user)
    return project.partners.filter(
        state__in=READING_STATES, organisation_id__in=mine
    ).exists()


def coordinates_partner_city(user: Any, project: Project) -> bool:
    return project.partners.filter(
        state__in=READING_STATES, organisation_city_id__in=coordinated_city_ids(user)
    ).exists()


def can_see_project(user: Any, project: Project) -> bool:
    if project.is_public or is_staff(user):
        return True
    return is_partner_member(user, project) or coordinates_partner_city(user, project)


def can_see_history(user: Any, project: Project) -> bool:
    """Who changed what: partners' members, their coordinators and staff."""
    return (
        is_staff(user)
        or is_partner_member(user, project)
        or coordinates_partner_city(user, project)
    )


def can_answer_invitation(user: Any, partner: ProjectPartner) -> bool:
    return can_act_for(user, partner.organisation)


def can_leave(user: Any, partner: ProjectPartner) -> bool:
    return can_act_for(user, partner.organisation)
