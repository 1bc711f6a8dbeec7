"""Who may do what: predicates that services call before every write.

``user`` may be anonymous; every predicate answers False for it.
"""

from typing import Any

from tandem.accounts.models import CoordinatorRole, Membership

Role = Membership.Role


def role_in(user: Any, organisation: Any) -> str | None:
    """The user's active role in the organisation, or None."""
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(
        user=user, organisation=organisation, state=Membership.State.ACTIVE
    ).first()
    return membership.role if membership else None


def is_staff(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def coordinates(user: Any, city: Any) -> bool:
    """The user is a coordinator of this city (staff count as coordinators everywhere)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        is_staff(user) or CoordinatorRole.objects.filter(user=user, city=city).exists()
    )


def can_see_organisation(user: Any, organisation: Any) -> bool:
    if organisation.is_public:
        return True
    return role_in(user, organisation) is not None or coordinates(
        user, organisation.city
    )


def can_edit_organisation(user: Any, organisation: Any) -> bool:
    return is_staff(user) or role_in(user, organisation) in {Role.OWNER, Role.EDITOR}


def can_manage_members(user: Any, organisation: Any) -> bool:
    return is_staff(user) or role_in(user, organisation) == Role.OWNER


def can_review(user: Any, city: Any) -> bool:
    return coordinates(user, city)


def can_see_opportunity(user: Any, opportunity: Any) -> bool:
    if opportunity.is_public:
        return True
    organisation = opportunity.organisation
    return role_in(user, organisation) is not None or coordinates(
        user, organisation.city
    )


def can_edit_opportunity(user: Any, opportunity: Any) -> bool:
    return can_edit_organisation(user, opportunity.organisation)
