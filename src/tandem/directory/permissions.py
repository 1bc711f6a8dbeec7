"""Who may do what in the directory, and what an opportunity's status allows:
one predicate per rule, called by the services, the ``*_actions`` selectors,
the pages and the API alike, built from ``tandem.accounts.permissions``."""

from collections.abc import Iterable

from tandem.accounts.models import Viewer
from tandem.accounts.permissions import (
    coordinates,
    is_active_user,
    is_member,
    is_owner,
    is_staff,
    member_organisation_ids,
)
from tandem.directory.models import Opportunity, Organisation
from tandem.partnerships.models import City

Status = Opportunity.Status

# --- Who -----------------------------------------------------------------------


def can_see_internal(user: Viewer | None, organisation: Organisation) -> bool:
    """Its members and its city's coordinators see what the public does not:
    the organisation before it is verified or when hidden, its members, its
    unpublished opportunities and the coordinator's reasons."""
    return is_member(user, organisation) or coordinates(user, organisation.city)


def editable_organisation_ids(
    user: Viewer | None, organisation_ids: Iterable[int]
) -> set[int]:
    """Of these organisations, those the user may edit and act for (create,
    edit, submit, close and renew their opportunities): their owners and
    editors, and staff. One query, however many organisations."""
    ids = set(organisation_ids)
    if is_staff(user):
        return ids
    return set(
        member_organisation_ids(user, acting=True).filter(organisation_id__in=ids)
    )


def can_edit_organisation(user: Viewer | None, organisation: Organisation) -> bool:
    return organisation.pk in editable_organisation_ids(user, [organisation.pk])


def can_ask_to_join(user: Viewer | None, organisation: Organisation) -> bool:
    """Any signed-in person may ask to join a public organisation (coordinators
    see unverified ones too, but only public ones take members)."""
    return is_active_user(user) and organisation.is_public


def can_manage_members(user: Viewer | None, organisation: Organisation) -> bool:
    return is_owner(user, organisation, staff=True)


def can_review(user: Viewer | None, city: City) -> bool:
    """Coordinators review their city's organisations and opportunities."""
    return coordinates(user, city)


# --- What an opportunity's status allows, whoever asks ----------------------------


def is_editable(opportunity: Opportunity) -> bool:
    """A closed, expired or rejected opportunity keeps the text it ended with."""
    return opportunity.status not in {Status.CLOSED, Status.EXPIRED, Status.REJECTED}


def is_submittable(opportunity: Opportunity) -> bool:
    return opportunity.status in {Status.DRAFT, Status.CHANGES_REQUESTED}


def awaits_review(opportunity: Opportunity) -> bool:
    return opportunity.status == Status.SUBMITTED


def is_renewable(opportunity: Opportunity) -> bool:
    return opportunity.status in {Status.PUBLISHED, Status.EXPIRED}


def is_closable(opportunity: Opportunity) -> bool:
    return opportunity.status != Status.CLOSED


def is_unpublished(opportunity: Opportunity) -> bool:
    """Not yet published: its deadline may not be in the past."""
    return opportunity.status in {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.CHANGES_REQUESTED,
    }
