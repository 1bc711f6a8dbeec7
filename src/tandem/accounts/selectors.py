"""Reads of people: who belongs to an organisation."""

from django.db.models import Model

from tandem.accounts.models import Membership, User
from tandem.accounts.permissions import ACTING_ROLES


def members_of_organisation(organisation: Model, *, acting: bool = False) -> list[User]:
    """The organisation's active members who are active users, in join order;
    with ``acting``, only its owners and editors."""
    memberships = Membership.objects.filter(
        organisation_id=organisation.pk, state=Membership.State.ACTIVE
    )
    if acting:
        memberships = memberships.filter(role__in=ACTING_ROLES)
    return [
        membership.user
        for membership in memberships.filter(user__is_active=True)
        .select_related("user")
        .order_by("pk")
    ]
