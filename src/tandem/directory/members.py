"""Every write to memberships: requests to join, their approval, roles, leaving."""

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.models import Membership, User
from tandem.audit.services import record
from tandem.directory import audit_actions, permissions
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError, field_error

Role = Membership.Role


@transaction.atomic
def request_membership(
    *, organisation: Organisation, by: User, message: str = ""
) -> Membership:
    """Ask to join an organisation; an owner approves.

    Raises PermissionDenied, or ValidationError (a member or asked already)."""
    if not permissions.can_ask_to_join(by, organisation):
        raise PermissionDenied
    if Membership.objects.filter(user=by, organisation=organisation).exists():
        raise ValidationError(
            _("You are already a member of this organisation or have asked to join."),
            code="already_member",
        )
    return Membership.objects.create(
        user=by,
        organisation=organisation,
        role=Role.VIEWER,
        state=Membership.State.PENDING,
        message=message.strip(),
    )


def _lock_memberships(membership: Membership) -> Membership:
    """Lock the organisation's memberships and reload this one.

    Two owners demoting or removing each other at once must not leave the
    organisation without an owner: the count of owners is read under the lock.
    """
    locked = list(
        Membership.objects.select_for_update(of=("self",))
        .filter(organisation_id=membership.organisation_id)
        .order_by("pk")
    )
    for row in locked:
        if row.pk == membership.pk:
            row.organisation = membership.organisation
            return row
    raise ValidationError(_("This membership no longer exists."), code="gone")


def _owners_left(organisation: Organisation, *, without: Membership) -> int:
    return (
        Membership.objects.filter(
            organisation=organisation, role=Role.OWNER, state=Membership.State.ACTIVE
        )
        .exclude(pk=without.pk)
        .count()
    )


@transaction.atomic
def approve_membership(*, membership: Membership, by: User, role: str) -> Membership:
    """Accept a request to join with the given role.

    Raises PermissionDenied, or ValidationError (unknown role, not a request).
    """
    if not permissions.can_manage_members(by, membership.organisation):
        raise PermissionDenied
    if role not in Role.values:
        raise field_error("role", _("Choose a role."), code="invalid_role")
    # Approving an active member would change roles around the last-owner rule.
    membership = _lock_memberships(membership)
    if membership.state != Membership.State.PENDING:
        raise ValidationError(
            _("This person has not asked to join."), code="not_pending"
        )
    membership.state = Membership.State.ACTIVE
    membership.role = role
    membership.save(update_fields=["state", "role"])
    record(
        action=audit_actions.MEMBERSHIP_APPROVED,
        actor=by,
        target=membership,
        city=membership.organisation.city,
        changes={
            "state": (Membership.State.PENDING, membership.state),
            "role": (None, role),
        },
    )
    return membership


@transaction.atomic
def change_member_role(*, membership: Membership, by: User, role: str) -> Membership:
    """Give a member another role; an organisation keeps at least one owner.

    Raises PermissionDenied, or ValidationError (unknown role, a request to
    join rather than a member, the last owner).
    """
    if not permissions.can_manage_members(by, membership.organisation):
        raise PermissionDenied
    if role not in Role.values:
        raise field_error("role", _("Choose a role."), code="invalid_role")
    membership = _lock_memberships(membership)
    if membership.state != Membership.State.ACTIVE:
        raise ValidationError(
            _("Approve the request to join first."), code="not_active"
        )
    if (
        membership.role == Role.OWNER
        and role != Role.OWNER
        and not _owners_left(membership.organisation, without=membership)
    ):
        raise field_error(
            "role", _("An organisation needs at least one owner."), code="last_owner"
        )
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    if before != role:
        record(
            action=audit_actions.MEMBER_ROLE_CHANGED,
            actor=by,
            target=membership,
            city=membership.organisation.city,
            changes={"role": (before, role)},
        )
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, by: User) -> None:
    """Remove a member, decline a request to join, or leave (members may leave).

    Raises PermissionDenied, or ValidationError (the last owner).
    """
    leaving = by.is_authenticated and membership.user_id == by.pk
    if not leaving and not permissions.can_manage_members(by, membership.organisation):
        raise PermissionDenied
    membership = _lock_memberships(membership)
    if (
        membership.state == Membership.State.ACTIVE
        and membership.role == Role.OWNER
        and not _owners_left(membership.organisation, without=membership)
    ):
        raise ValidationError(
            _("An organisation needs at least one owner."), code="last_owner"
        )
    if not leaving:  # a member leaving is no one's decision on them
        pending = membership.state == Membership.State.PENDING
        record(
            action=(
                audit_actions.MEMBERSHIP_DECLINED
                if pending
                else audit_actions.MEMBER_REMOVED
            ),
            actor=by,
            target=membership,
            city=membership.organisation.city,
            changes={} if pending else {"role": (membership.role, None)},
        )
    membership.delete()
