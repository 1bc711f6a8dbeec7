"""Organisations allowed to organise events."""

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.audit.services import record
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.events import audit_actions, notifications, permissions
from tandem.events.models import AllowedOrganiser


@transaction.atomic
def allow_organiser(*, organisation: Organisation, by: User) -> AllowedOrganiser:
    """Let the organisation's owners and editors create, publish and run events.

    Raises PermissionDenied (not a coordinator of its city) or ValidationError
    ``not_verified`` or ``already_allowed``.
    """
    if not permissions.can_allow_organiser(by, organisation):
        raise PermissionDenied
    if organisation.verification != Organisation.Verification.VERIFIED:
        raise field_error(
            "organisation",
            _("Only a verified organisation can organise events."),
            code="not_verified",
        )
    permit, created = AllowedOrganiser.objects.get_or_create(
        organisation=organisation, defaults={"allowed_by": by}
    )
    if not created:
        raise field_error(
            "organisation",
            _("%(organisation)s may already organise events.")
            % {"organisation": organisation.name},
            code="already_allowed",
        )
    record(
        action=audit_actions.ORGANISER_ALLOWED,
        actor=by,
        target=organisation,
        city=organisation.city,
    )
    notifications.organiser_permission_changed(
        organisation=organisation, allowed=True, actor=by
    )
    return permit


@transaction.atomic
def withdraw_organiser(*, organisation: Organisation, by: User) -> None:
    """Its events stay; their organisers manage them, the coordinators publish,
    cancel and move them. Raises PermissionDenied or ValidationError
    ``not_allowed``."""
    if not permissions.can_allow_organiser(by, organisation):
        raise PermissionDenied
    deleted, _rows = AllowedOrganiser.objects.filter(organisation=organisation).delete()
    if not deleted:
        raise ValidationError(
            _("%(organisation)s was not allowed to organise events.")
            % {"organisation": organisation.name},
            code="not_allowed",
        )
    record(
        action=audit_actions.ORGANISER_WITHDRAWN,
        actor=by,
        target=organisation,
        city=organisation.city,
    )
    notifications.organiser_permission_changed(
        organisation=organisation, allowed=False, actor=by
    )
