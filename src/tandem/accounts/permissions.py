"""Tandem's permission vocabulary: who is a member of an organisation, who may
act for it, who coordinates a city. Every app's predicates are built from these.

Only active, signed-in users hold a role: every predicate answers False (or
None) for an anonymous or deactivated user. Staff support every organisation
through the admin; predicates that let staff act say so (``staff=True``).
"""

from typing import TypeGuard

from django.db.models import Model, QuerySet

from tandem.accounts.models import CoordinatorRole, Membership, User, Viewer

Role = Membership.Role
# Owners and editors speak and write for their organisation; viewers only read.
ACTING_ROLES = frozenset({Role.OWNER, Role.EDITOR})


def is_active_user(user: Viewer | None) -> TypeGuard[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_staff(user: Viewer | None) -> bool:
    return is_active_user(user) and user.is_staff


def role_in(user: Viewer | None, organisation: Model) -> str | None:
    """The user's active role in the organisation, or None."""
    if not is_active_user(user):
        return None
    membership = Membership.objects.filter(
        user=user, organisation_id=organisation.pk, state=Membership.State.ACTIVE
    ).first()
    return membership.role if membership else None


def is_member(user: Viewer | None, organisation: Model) -> bool:
    """Any active role, viewers included."""
    return role_in(user, organisation) is not None


def can_act_for(
    user: Viewer | None, organisation: Model | None, *, staff: bool = False
) -> bool:
    """Owner or editor of the organisation; with ``staff``, staff too."""
    if organisation is None:
        return False
    return (staff and is_staff(user)) or role_in(user, organisation) in ACTING_ROLES


def is_owner(user: Viewer | None, organisation: Model, *, staff: bool = False) -> bool:
    """Owners manage the members; with ``staff``, staff too."""
    return (staff and is_staff(user)) or role_in(user, organisation) == Role.OWNER


def member_organisation_ids(
    user: Viewer | None, *, acting: bool = False
) -> QuerySet[Membership, int]:
    """The ids of the user's organisations (with ``acting``, those they own or
    edit), as a subquery for ``organisation_id__in``."""
    if not is_active_user(user):
        return Membership.objects.none().values_list("organisation_id", flat=True)
    memberships = Membership.objects.filter(user=user, state=Membership.State.ACTIVE)
    if acting:
        memberships = memberships.filter(role__in=ACTING_ROLES)
    return memberships.values_list("organisation_id", flat=True)


def coordinated_city_ids(user: Viewer | None) -> QuerySet[CoordinatorRole, int]:
    """The ids of the cities the user coordinates, as a subquery."""
    if not is_active_user(user):
        return CoordinatorRole.objects.none().values_list("city_id", flat=True)
    return CoordinatorRole.objects.filter(user=user).values_list("city_id", flat=True)


def coordinates(user: Viewer | None, city: Model) -> bool:
    """The user coordinates this city (staff count as coordinators everywhere)."""
    if not is_active_user(user):
        return False
    return (
        is_staff(user)
        or CoordinatorRole.objects.filter(user=user, city_id=city.pk).exists()
    )
