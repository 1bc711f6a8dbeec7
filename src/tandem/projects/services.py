"""Every write to joint projects, their partners, milestones and outcomes.

Each service checks ``tandem.projects.permissions``, validates, saves and writes
one ``ProjectChange`` (who changed what, with the values before and after).
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.accounts.selectors import members_of_organisation
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.i18n import clean_translations
from tandem.notifications.services import notify
from tandem.partnerships.models import Area, Partnership
from tandem.projects import notification_kinds, permissions
from tandem.projects.models import (
    Milestone,
    Outcome,
    Project,
    ProjectChange,
    ProjectPartner,
)

Status = Project.Status
Role = ProjectPartner.Role
State = ProjectPartner.State

# Allowed moves of the status. Completed and stopped are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.IDEA: frozenset({Status.PREPARING, Status.STOPPED}),
    Status.PREPARING: frozenset({Status.IDEA, Status.RUNNING, Status.STOPPED}),
    Status.RUNNING: frozenset({Status.COMPLETED, Status.STOPPED}),
    Status.COMPLETED: frozenset(),
    Status.STOPPED: frozenset(),
}
# Beyond the idea stage a project needs an active partner in each city;
# stopping an idea does not.
NEEDS_BOTH_CITIES = frozenset({Status.PREPARING, Status.RUNNING, Status.COMPLETED})

PROJECT_FIELDS = (
    "title",
    "summary",
    "language",
    "title_translations",
    "summary_translations",
    "start_on",
    "end_on",
    "funding_source",
    "funding_amount",
    "currency",
    "visibility",
)
MILESTONE_FIELDS = ("title", "due_on", "done_on", "owner")
OUTCOME_FIELDS = ("indicator", "number", "unit", "note")


def _json(value: Any) -> Any:
    """A value as plain JSON for the history."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, ProjectPartner):
        return value.organisation_name
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value


def _record(
    project: Project,
    *,
    by: User,
    what: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> ProjectChange:
    return ProjectChange.objects.create(
        project=project,
        by=by if by.is_authenticated else None,
        what=what,
        before=_json(dict(before or {})),
        after=_json(dict(after or {})),
    )


def _partnership_of(organisation: Organisation) -> Partnership:
    """The active partnership of the organisation's city, the oldest first."""
    partnership = (
        Partnership.objects.filter(status=Partnership.Status.ACTIVE)
        .filter(Q(city_a_id=organisation.city_id) | Q(city_b_id=organisation.city_id))
        .order_by("signed_on", "pk")
        .first()
    )
    if partnership is None:
        raise ValidationError(
            _("%(city)s is in no active partnership.")
            % {"city": organisation.city.name},
            code="no_partnership",
        )
    return partnership


def _require_partnership_city(project: Project, organisation: Organisation) -> None:
    partnership = project.partnership
    if organisation.city_id not in {partnership.city_a_id, partnership.city_b_id}:
        raise field_error(
            "organisation",
            _("Only organisations of %(city_a)s and %(city_b)s can join the project.")
            % {"city_a": partnership.city_a.name, "city_b": partnership.city_b.name},
            code="outside_partnership",
        )


def _partner_row(
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


def _validate_project(project: Project) -> None:
    project.title = project.title.strip()
    project.summary = project.summary.strip()
    project.title_translations = clean_translations(
        project.title_translations,
        field="title_translations",
        language=project.language,
    )
    project.summary_translations = clean_translations(
        project.summary_translations,
        field="summary_translations",
        language=project.language,
    )
    if project.start_on and project.end_on and project.end_on < project.start_on:
        raise field_error(
            "end_on",
            _("The end date is before the start date."),
            code="end_before_start",
        )
    if project.funding_amount is not None and not project.funding_source:
        raise field_error(
            "funding_source",
            _("Say where the funding comes from."),
            code="funding_source_missing",
        )
    project.full_clean(exclude=["partnership"])


def _accepted_contact(contact_request: Any, organisation: Organisation) -> Any:
    """The other organisation of an accepted contact request ``organisation`` is in."""
    if str(contact_request.state) != "accepted":
        raise field_error(
            "contact_request",
            _("Only an accepted contact request can start a project."),
            code="contact_not_accepted",
        )
    sides = {contact_request.sender_id, contact_request.recipient_id}
    if organisation.pk not in sides:
        raise field_error(
            "contact_request",
            _("The lead organisation must be one side of the contact request."),
            code="contact_not_yours",
        )
    return (
        contact_request.recipient
        if contact_request.sender_id == organisation.pk
        else contact_request.sender
    )


@transaction.atomic
def create_project(
    *,
    by: User,
    organisation: Organisation,
    title: str,
    summary: str,
    language: str,
    areas: Iterable[Area] = (),
    contact_request: Any = None,
    **fields: Any,
) -> Project:
    """Create a project in the idea stage; ``organisation`` becomes its lead.

    From an accepted ``contact_request`` (collaboration.ContactRequest), the
    other organisation becomes an active partner at once: both sides already
    agreed to work together when the request was accepted.

    Raises PermissionDenied (not owner or editor of ``organisation``) or
    ValidationError (dates, funding, translations, no partnership, contact
    request not accepted or not of ``organisation``).
    """
    if not permissions.can_create_project(by, organisation):
        raise PermissionDenied
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    other = (
        _accepted_contact(contact_request, organisation)
        if contact_request is not None
        else None
    )
    project = Project(
        partnership=_partnership_of(organisation),
        title=title,
        summary=summary,
        language=language,
        created_by=by,
        **fields,
    )
    _validate_project(project)
    project.save()
    areas = list(areas)
    project.areas.set(areas)
    _partner_row(project, organisation, role=Role.LEAD, state=State.ACTIVE, by=by)
    after: dict[str, Any] = {
        field: getattr(project, field) for field in ("title", "status", "visibility")
    }
    after["lead"] = organisation.name
    if other is not None:
        _require_partnership_city(project, other)
        _partner_row(project, other, role=Role.PARTNER, state=State.ACTIVE, by=by)
        after["partner"] = other.name
        after["contact_request"] = contact_request.pk
    _record(project, by=by, what="created", after=after)
    return project


@transaction.atomic
def update_project(
    *,
    project: Project,
    by: User,
    areas: Iterable[Area] | None = None,
    **fields: Any,
) -> Project:
    """Change the fields given. Raises PermissionDenied or ValidationError."""
    if not permissions.can_manage_project(by, project):
        raise PermissionDenied
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    before = {field: getattr(project, field) for field in fields}
    for field, value in fields.items():
        setattr(project, field, value)
    _validate_project(project)
    changed = [f for f in fields if getattr(project, f) != before[f]]
    old = {f: before[f] for f in changed}
    new = {f: getattr(project, f) for f in changed}
    if areas is not None:
        areas = list(areas)
        old_slugs = sorted(project.areas.values_list("slug", flat=True))
        new_slugs = sorted(area.slug for area in areas)
        if old_slugs != new_slugs:
            project.areas.set(areas)
            old["areas"], new["areas"] = old_slugs, new_slugs
    if changed:
        project.save(update_fields=[*changed, "updated_at"])
    if old or new:
        _record(project, by=by, what="updated", before=old, after=new)
    return project


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
        },
        url=project.get_absolute_url(),
        actor=by,
    )


def lead_of(project: Project) -> ProjectPartner | None:
    return project.partners.filter(role=Role.LEAD).first()


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
    _require_partnership_city(project, organisation)
    existing = (
        ProjectPartner.objects.select_for_update(of=("self",))
        .filter(project=project, organisation=organisation)
        .first()
    )
    if existing is not None and existing.state in {State.INVITED, State.ACTIVE}:
        raise field_error(
            "organisation",
            _("%(organisation)s is already invited or in the project.")
            % {"organisation": organisation.name},
            code="already_partner",
        )
    if existing is not None:
        before = {"state": existing.state, "role": existing.role}
        existing.state = State.INVITED
        existing.role = role
        existing.invited_by = by
        existing.invited_at = timezone.now()
        existing.answered_at = None
        existing.organisation_name = organisation.name
        existing.organisation_city_id = organisation.city_id
        existing.save()
        partner = existing
    else:
        before = {}
        partner = _partner_row(
            project, organisation, role=role, state=State.INVITED, by=by
        )
    _record(
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
    _record(
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
    _record(
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
    _record(
        current.project,
        by=by,
        what="partner_left",
        before={"organisation": current.organisation_name, "state": State.ACTIVE},
        after={"organisation": current.organisation_name, "state": State.LEFT},
    )
    partner.state = current.state
    return current


def missing_cities(project: Project) -> list[Any]:
    """Cities of the partnership without an active partner organisation."""
    partnership = project.partnership
    present = set(
        project.partners.filter(
            state=State.ACTIVE, organisation__isnull=False
        ).values_list("organisation_city_id", flat=True)
    )
    return [
        city
        for city in (partnership.city_a, partnership.city_b)
        if city.pk not in present
    ]


@transaction.atomic
def change_status(*, project: Project, status: str, by: User) -> Project:
    """Move the project along idea → preparing → running → completed / stopped.

    Raises PermissionDenied, or ValidationError ``invalid_transition`` or
    ``needs_both_cities`` (beyond the idea stage a project needs an active
    organisation of each city of the partnership).
    """
    if not permissions.can_manage_project(by, project):
        raise PermissionDenied
    # Lock the project: two status changes at once apply one after the other.
    current = Project.objects.select_for_update(of=("self",)).get(pk=project.pk)
    if status not in TRANSITIONS.get(current.status, frozenset()):
        raise field_error(
            "status",
            _("A project cannot move from “%(old)s” to “%(new)s”.")
            % {
                "old": Status(current.status).label,
                "new": Status(status).label if status in Status.values else status,
            },
            code="invalid_transition",
        )
    if status in NEEDS_BOTH_CITIES:
        missing = missing_cities(current)
        if missing:
            raise field_error(
                "status",
                _(
                    "A joint project needs at least one active organisation from "
                    "each partner city before it leaves the idea stage. Missing: "
                    "%(cities)s."
                )
                % {"cities": ", ".join(city.name for city in missing)},
                code="needs_both_cities",
            )
    old = current.status
    current.status = status
    current.save(update_fields=["status", "updated_at"])
    _record(
        current,
        by=by,
        what="status_changed",
        before={"status": old},
        after={"status": status},
    )
    project.status, project.updated_at = current.status, current.updated_at
    return project


def _check_owner(project: Project, owner: ProjectPartner | None) -> None:
    if owner is not None and (
        owner.project_id != project.pk or owner.state != State.ACTIVE
    ):
        raise field_error(
            "owner",
            _("The owner must be an active partner of the project."),
            code="invalid_owner",
        )


@transaction.atomic
def add_milestone(
    *,
    project: Project,
    by: User,
    title: str,
    due_on: datetime.date,
    owner: ProjectPartner | None = None,
    done_on: datetime.date | None = None,
) -> Milestone:
    """Raises PermissionDenied (not a partner's owner or editor) or ValidationError."""
    if not permissions.can_contribute(by, project):
        raise PermissionDenied
    _check_owner(project, owner)
    milestone = Milestone(
        project=project,
        title=title.strip(),
        due_on=due_on,
        done_on=done_on,
        owner=owner,
    )
    milestone.full_clean()
    milestone.save()
    _record(
        project,
        by=by,
        what="milestone_added",
        after={f: getattr(milestone, f) for f in MILESTONE_FIELDS},
    )
    return milestone


@transaction.atomic
def update_milestone(*, milestone: Milestone, by: User, **fields: Any) -> Milestone:
    """Change the fields given; ``done_on`` marks the milestone done.

    Raises PermissionDenied or ValidationError.
    """
    project = milestone.project
    if not permissions.can_contribute(by, project):
        raise PermissionDenied
    unknown = set(fields) - set(MILESTONE_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    if "owner" in fields and fields["owner"] != milestone.owner:
        _check_owner(project, fields["owner"])
    before = {f: getattr(milestone, f) for f in fields}
    for field, value in fields.items():
        setattr(milestone, field, value.strip() if field == "title" else value)
    milestone.full_clean()
    changed = [f for f in fields if getattr(milestone, f) != before[f]]
    if changed:
        milestone.save(update_fields=[*changed, "updated_at"])
        _record(
            project,
            by=by,
            what="milestone_updated",
            before={"title": before.get("title", milestone.title)}
            | {f: before[f] for f in changed},
            after={"title": milestone.title}
            | {f: getattr(milestone, f) for f in changed},
        )
    return milestone


@transaction.atomic
def delete_milestone(*, milestone: Milestone, by: User) -> None:
    """Delete the milestone; the history keeps its title, dates and owner.

    Raises PermissionDenied (not an owner or editor of an active partner).
    """
    project = milestone.project
    if not permissions.can_contribute(by, project):
        raise PermissionDenied
    before = {f: getattr(milestone, f) for f in MILESTONE_FIELDS}
    deleted, _rows = milestone.delete()
    # Of two deletions at once, only the one that removed the row records it.
    if deleted:
        _record(project, by=by, what="milestone_deleted", before=before)


@transaction.atomic
def add_outcome(
    *,
    project: Project,
    by: User,
    indicator: str,
    number: Decimal,
    unit: str = "",
    note: str = "",
) -> Outcome:
    """Raises PermissionDenied or ValidationError."""
    if not permissions.can_contribute(by, project):
        raise PermissionDenied
    outcome = Outcome(
        project=project,
        indicator=indicator,
        number=number,
        unit=unit.strip(),
        note=note.strip(),
    )
    outcome.full_clean()
    outcome.save()
    _record(
        project,
        by=by,
        what="outcome_added",
        after={f: getattr(outcome, f) for f in OUTCOME_FIELDS},
    )
    return outcome


@transaction.atomic
def update_outcome(*, outcome: Outcome, by: User, **fields: Any) -> Outcome:
    """Change the fields given. Raises PermissionDenied or ValidationError."""
    project = outcome.project
    if not permissions.can_contribute(by, project):
        raise PermissionDenied
    unknown = set(fields) - set(OUTCOME_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    before = {f: getattr(outcome, f) for f in fields}
    for field, value in fields.items():
        setattr(outcome, field, value.strip() if field in {"unit", "note"} else value)
    outcome.full_clean()
    changed = [f for f in fields if getattr(outcome, f) != before[f]]
    if changed:
        outcome.save(update_fields=[*changed, "updated_at"])
        _record(
            project,
            by=by,
            what="outcome_updated",
            before={"indicator": before.get("indicator", outcome.indicator)}
            | {f: before[f] for f in changed},
            after={"indicator": outcome.indicator}
            | {f: getattr(outcome, f) for f in changed},
        )
    return outcome


@transaction.atomic
def delete_outcome(*, outcome: Outcome, by: User) -> None:
    """Delete the outcome; the history keeps its indicator and figures.

    Raises PermissionDenied (not an owner or editor of an active partner).
    """
    project = outcome.project
    if not permissions.can_contribute(by, project):
        raise PermissionDenied
    before = {f: getattr(outcome, f) for f in OUTCOME_FIELDS}
    deleted, _rows = outcome.delete()
    # Of two deletions at once, only the one that removed the row records it.
    if deleted:
        _record(project, by=by, what="outcome_deleted", before=before)
