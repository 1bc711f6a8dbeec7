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

from tandem.accounts.models import CoordinatorRole, Membership
from tandem.accounts.permissions import is_staff
from tandem.projects.models import Project, ProjectPartner

EDITING_ROLES = (Membership.Role.OWNER, Membership.Role.EDITOR)
State = ProjectPartner.State
# Partners whose members read a partners-only project.
READING_STATES = (State.INVITED, State.ACTIVE)


def _organisation_ids(user: Any, *, editing: bool) -> set[int]:
    if not user.is_authenticated or not user.is_active:
        return set()
    memberships = Membership.objects.filter(user=user, state=Membership.State.ACTIVE)
    if editing:
        memberships = memberships.filter(role__in=EDITING_ROLES)
    return set(memberships.values_list("organisation_id", flat=True))


def can_act_for(user: Any, organisation: Any) -> bool:
    """Owner or editor of the organisation (staff too)."""
    if organisation is None:
        return False
    return is_staff(user) or organisation.pk in _organisation_ids(user, editing=True)


def can_create_project(user: Any, organisation: Any) -> bool:
    return can_act_for(user, organisation)


def can_manage_project(user: Any, project: Project) -> bool:
    """Edit, invite, change the status: the lead's owners and editors, and staff."""
    if is_staff(user):
        return True
    mine = _organisation_ids(user, editing=True)
    return project.partners.filter(
        role=ProjectPartner.Role.LEAD,
        state=State.ACTIVE,
        organisation_id__in=mine,
    ).exists()


def can_contribute(user: Any, project: Project) -> bool:
    """Add and edit milestones and outcomes: owners and editors of active partners."""
    if is_staff(user):
        return True
    mine = _organisation_ids(user, editing=True)
    return project.partners.filter(
        state=State.ACTIVE, organisation_id__in=mine
    ).exists()


def is_partner_member(user: Any, project: Project) -> bool:
    """Any active member of an active or invited partner organisation."""
    mine = _organisation_ids(user, editing=False)
    return project.partners.filter(
        state__in=READING_STATES, organisation_id__in=mine
    ).exists()


def coordinates_partner_city(user: Any, project: Project) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    cities = CoordinatorRole.objects.filter(user=user).values("city_id")
    return project.partners.filter(
        state__in=READING_STATES, organisation_city_id__in=cities
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
