"""Writes of a project's partners: invitations, answers, leaving."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.accounts.selectors import members_of_organisation
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.notifications.services import notify
from tandem.projects import notification_kinds, permissions
from tandem.projects.models import Project, ProjectPartner
from tandem.projects.services.history import record

Role = ProjectPartner.Role
State = ProjectPartner.State


def require_partnership_city(project: Project, organisation: Organisation) -> None:
    partnership = project.partnership
    if organisation.city_id not in {partnership.city_a_id, partnership.city_b_id}:
        raise field_error(
            "organisation",
            _("Only organisations of %(city_a)s and %(city_b)s can join the project.")
            % {"city_a": partnership.city_a.name, "city_b": partnership.city_b.name},
            code="outside_partnership",
        )


def partner_row(
    project: Project, organisation: Organisation, *, role: str, state: str, by: User
) -> ProjectPartner:
    partner = ProjectPartner(
        project=project,
        organisation=organisation,
        organisation_name=organisation.name,
        organisation_city_id=organisation.city_id,
        role=role,
        state=state,
        invited_by=by,
        answered_at=timezone.now() if state == State.ACTIVE else None,
    )
    partner.full_clean()
    partner.save()
    return partner


def _notify_invitation(partner: ProjectPartner, *, by: User, lead_name: str) -> None:
    if partner.organisation is None:  # deleted since it was invited
        return
    project = partner.project
    notify(
        recipients=members_of_organisation(partner.organisation),
        kind=notification_kinds.PROJECT_INVITATION,
        params={
            "project": project.title,
            "organisation": partner.organisation_name,
            "by_organisation": lead_name,
            "project_id": project.pk,
        },
        actor=by,
    )


def lead_of(project: Project) -> ProjectPartner | None:
    return project.partners.filter(role=Role.LEAD).first()


def _invite_again(
    partner: ProjectPartner, organisation: Organisation, *, role: str, by: User
) -> ProjectPartner:
    """Invite a partner that declined, left or whose invitation was withdrawn."""
    if partner.state in {State.INVITED, State.ACTIVE}:
        raise field_error(
            "organisation",
            _("%(organisation)s is already invited or in the project.")
            % {"organisation": organisation.name},
            code="already_partner",
        )
    partner.state = State.INVITED
    partner.role = role
    partner.invited_by = by
    partner.invited_at = timezone.now()
    partner.answered_at = None
    partner.organisation_name = organisation.name
    partner.organisation_city_id = organisation.city_id
    partner.save()
    return partner


@transaction.atomic
def invite_partner(
    *,
    project: Project,
    organisation: Organisation,
    by: User,
    role: str = Role.PARTNER,
) -> ProjectPartner:
    """Invite an organisation of either partnership city; notify its members.

    An organisation that declined or left before can be invited again.
    Raises PermissionDenied or ValidationError (lead role, closed project,
    organisation outside the partnership, already invited or active).
    """
    if not permissions.can_manage_project(by, project):
        raise PermissionDenied
    if role not in {Role.PARTNER, Role.ASSOCIATED}:
        raise field_error(
            "role", _("A project has one lead partner."), code="invalid_role"
        )
    if project.is_closed:
        raise ValidationError(
            _("A completed or stopped project takes no new partners."),
            code="project_closed",
        )
    require_partnership_city(project, organisation)
    existing = (
        ProjectPartner.objects.select_for_update(of=("self",))
        .filter(project=project, organisation=organisation)
        .first()
    )
    if existing is None:
        before = {}
        partner = partner_row(
            project, organisation, role=role, state=State.INVITED, by=by
        )
    else:
        before = {"state": existing.state, "role": existing.role}
        partner = _invite_again(existing, organisation, role=role, by=by)
    record(
        project,
        by=by,
        what="partner_invited",
        before=before,
        after={"organisation": organisation.name, "role": role, "state": State.INVITED},
    )
    lead = lead_of(project)
    _notify_invitation(partner, by=by, lead_name=lead.organisation_name if lead else "")
    return partner


@transaction.atomic
def answer_invitation(
    *, partner: ProjectPartner, accept: bool, by: User
) -> ProjectPartner:
    """Accept or decline an invitation for the invited organisation.

    Raises PermissionDenied, or ValidationError ``already_answered`` when the
    invitation was answered (or withdrawn) meanwhile: the first answer stays.
    """
    if not permissions.can_answer_invitation(by, partner):
        raise PermissionDenied
    # Lock the row: of two answers at once, the second sees the first.
    current = ProjectPartner.objects.select_for_update(of=("self",)).get(pk=partner.pk)
    if current.state == State.WITHDRAWN:
        raise ValidationError(
            _("The project's managers withdrew this invitation."),
            code="already_answered",
        )
    if current.state != State.INVITED:
        raise ValidationError(
            _("This invitation was already answered: %(state)s.")
            % {"state": current.get_state_display()},
            code="already_answered",
        )
    current.state = State.ACTIVE if accept else State.DECLINED
    current.answered_at = timezone.now()
    current.save(update_fields=["state", "answered_at"])
    record(
        current.project,
        by=by,
        what="invitation_accepted" if accept else "invitation_declined",
        before={"organisation": current.organisation_name, "state": State.INVITED},
        after={"organisation": current.organisation_name, "state": current.state},
    )
    partner.state, partner.answered_at = current.state, current.answered_at
    return current


@transaction.atomic
def withdraw_invitation(*, partner: ProjectPartner, by: User) -> ProjectPartner:
    """The project's managers take back an invitation not yet answered.

    The organisation can be invited again. Its members are not notified: no
    kind of notification tells of a withdrawal. Raises PermissionDenied, or
    ValidationError ``not_invited`` when the invitation was answered or
    withdrawn meanwhile.
    """
    if not permissions.can_manage_project(by, partner.project):
        raise PermissionDenied
    # Lock the row: an answer at the same time waits, then sees the withdrawal.
    current = ProjectPartner.objects.select_for_update(of=("self",)).get(pk=partner.pk)
    if current.state != State.INVITED:
        values = {"organisation": current.organisation_name}
        message = (
            _("The invitation to %(organisation)s was already withdrawn.")
            if current.state == State.WITHDRAWN
            else _("%(organisation)s already answered the invitation.")
        )
        raise ValidationError(message % values, code="not_invited")
    current.state = State.WITHDRAWN
    current.answered_at = timezone.now()
    current.save(update_fields=["state", "answered_at"])
    record(
        current.project,
        by=by,
        what="invitation_withdrawn",
        before={"organisation": current.organisation_name, "state": State.INVITED},
        after={"organisation": current.organisation_name, "state": State.WITHDRAWN},
    )
    partner.state, partner.answered_at = current.state, current.answered_at
    return current


@transaction.atomic
def leave_project(*, partner: ProjectPartner, by: User) -> ProjectPartner:
    """The organisation leaves the project; the lead cannot leave.

    Raises PermissionDenied or ValidationError (lead, not active).
    """
    if not permissions.can_leave(by, partner):
        raise PermissionDenied
    current = ProjectPartner.objects.select_for_update(of=("self",)).get(pk=partner.pk)
    if current.role == Role.LEAD:
        raise ValidationError(
            _("The lead partner cannot leave the project."), code="lead_cannot_leave"
        )
    if current.state != State.ACTIVE:
        raise ValidationError(
            _("Only an active partner can leave the project."), code="not_active"
        )
    current.state = State.LEFT
    current.answered_at = timezone.now()
    current.save(update_fields=["state", "answered_at"])
    record(
        current.project,
        by=by,
        what="partner_left",
        before={"organisation": current.organisation_name, "state": State.ACTIVE},
        after={"organisation": current.organisation_name, "state": State.LEFT},
    )
    partner.state = current.state
    return current
