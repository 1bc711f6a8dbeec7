"""Who may do what in the directory: predicates that services, selectors and
pages call, built from the vocabulary of ``tandem.accounts.permissions``."""

from tandem.accounts.models import Viewer
from tandem.accounts.permissions import can_act_for, coordinates, is_member, is_owner
from tandem.directory.models import Opportunity, Organisation
from tandem.partnerships.models import City


def can_see_organisation(user: Viewer | None, organisation: Organisation) -> bool:
    if organisation.is_public:
        return True
    return is_member(user, organisation) or coordinates(user, organisation.city)


def can_edit_organisation(user: Viewer | None, organisation: Organisation) -> bool:
    return can_act_for(user, organisation, staff=True)


def can_manage_members(user: Viewer | None, organisation: Organisation) -> bool:
    return is_owner(user, organisation, staff=True)


def can_review(user: Viewer | None, city: City) -> bool:
    return coordinates(user, city)


def can_see_opportunity(user: Viewer | None, opportunity: Opportunity) -> bool:
    if opportunity.is_public:
        return True
    organisation = opportunity.organisation
    return is_member(user, organisation) or coordinates(user, organisation.city)


def can_edit_opportunity(user: Viewer | None, opportunity: Opportunity) -> bool:
    return can_edit_organisation(user, opportunity.organisation)
