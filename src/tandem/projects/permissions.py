"""Who may do what with joint projects: predicates that services, the
``project_actions`` selector, pages and the API ask.

- Lead members (owner or editor of the lead organisation) manage everything.
- Partner members (owner or editor of an active partner) add and edit
  milestones and outcomes.
- Members with any role of an active or invited partner read the project, also
  when it is for partners only; so do the coordinators of the partners' cities.
- Coordinators read, they never change a project.
- Staff read and manage every project (support through the admin).
- Everybody, anonymous included, reads public projects.

Built on ``tandem.accounts.permissions``; ``visible_projects`` is the same
reading rule as a query.
"""

from django.db.models import Q

from tandem.accounts.models import Viewer
from tandem.accounts.permissions import (
    can_act_for,
    coordinated_city_ids,
    is_staff,
    member_organisation_ids,
)
from tandem.directory.models import Organisation
from tandem.projects.models import Project, ProjectPartner

State = ProjectPartner.State
# Partners whose members read a partners-only project.
READING_STATES = (State.INVITED, State.ACTIVE)


def can_create_project(user: Viewer, organisation: Organisation) -> bool:
    """Owners and editors start projects for their organisation; staff too."""
    return can_act_for(user, organisation, staff=True)


def can_manage_project(user: Viewer, project: Project) -> bool:
    """Edit, invite, change the status: the lead's owners and editors, and staff."""
    if is_staff(user):
        return True
    mine = member_organisation_ids(user, acting=True)
    return project.partners.filter(
        role=ProjectPartner.Role.LEAD,
        state=State.ACTIVE,
        organisation_id__in=mine,
    ).exists()


def can_contribute(user: Viewer, project: Project) -> bool:
    """Add and edit milestones and outcomes: owners and editors of active partners."""
    if is_staff(user):
        return True
    mine = member_organisation_ids(user, acting=True)
    return project.partners.filter(
        state=State.ACTIVE, organisation_id__in=mine
    ).exists()


def reading_partners(user: Viewer) -> Q:
    """Partner rows that let ``user`` read their project: an active or invited
    partner of theirs, or of a city they coordinate (a filter on ProjectPartner)."""
    return Q(state__in=READING_STATES) & (
        Q(organisation_id__in=member_organisation_ids(user))
        | Q(organisation_city_id__in=coordinated_city_ids(user))
    )


def can_see_history(user: Viewer, project: Project) -> bool:
    """Who changed what: partners' members, their coordinators and staff."""
    return is_staff(user) or project.partners.filter(reading_partners(user)).exists()


def can_answer_invitation(user: Viewer, partner: ProjectPartner) -> bool:
    return can_act_for(user, partner.organisation, staff=True)


def can_leave(user: Viewer, partner: ProjectPartner) -> bool:
    return can_act_for(user, partner.organisation, staff=True)
