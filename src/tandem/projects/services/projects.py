"""Writes of projects themselves: creating, editing, moving the status."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.collaboration.models import ContactRequest
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.i18n import clean_translations
from tandem.partnerships.models import Area, City, Partnership
from tandem.projects import permissions
from tandem.projects.models import Project, ProjectPartner
from tandem.projects.services.history import record
from tandem.projects.services.partners import partner_row, require_partnership_city
from tandem.updates import check_known, model_update

Status = Project.Status
Role = ProjectPartner.Role
State = ProjectPartner.State

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


class ProjectDetails(TypedDict, total=False):
    """What a project may have besides its title, summary, language and areas."""

    title_translations: dict[str, str]
    summary_translations: dict[str, str]
    start_on: datetime.date | None
    end_on: datetime.date | None
    funding_source: str
    funding_amount: Decimal | None
    currency: str
    visibility: str


class ProjectChanges(ProjectDetails, total=False):
    title: str
    summary: str
    language: str
    areas: Iterable[Area]


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


def _cleaned(project: Project, changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` with texts stripped and translations cleaned, checked
    against the project as it will be. Raises ValidationError."""
    cleaned: dict[str, Any] = dict(changes)

    def value(field: str) -> Any:
        return cleaned[field] if field in cleaned else getattr(project, field)

    for field in ("title", "summary"):
        if field in cleaned:
            cleaned[field] = cleaned[field].strip()
    for field in ("title_translations", "summary_translations"):
        if field in cleaned or "language" in cleaned:
            cleaned[field] = clean_translations(
                value(field), field=field, language=value("language")
            )
    if "areas" in cleaned:
        cleaned["areas"] = list(cleaned["areas"])
    start_on, end_on = value("start_on"), value("end_on")
    if start_on and end_on and end_on < start_on:
        raise field_error(
            "end_on",
            _("The end date is before the start date."),
            code="end_before_start",
        )
    if value("funding_amount") is not None and not value("funding_source"):
        raise field_error(
            "funding_source",
            _("Say where the funding comes from."),
            code="funding_source_missing",
        )
    return cleaned


def _accepted_contact(
    contact_request: ContactRequest, organisation: Organisation
) -> Organisation:
    """The other organisation of an accepted contact request ``organisation`` is in."""
    if contact_request.state != ContactRequest.State.ACCEPTED:
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
    contact_request: ContactRequest | None = None,
    **details: Unpack[ProjectDetails],
) -> Project:
    """Create a project in the idea stage; ``organisation`` becomes its lead.

    From an accepted ``contact_request``, the other organisation becomes an
    active partner at once: both sides already agreed to work together when
    the request was accepted.

    Raises PermissionDenied (not owner or editor of ``organisation``) or
    ValidationError (dates, funding, translations, no partnership, contact
    request not accepted or not of ``organisation``).
    """
    if not permissions.can_create_project(by, organisation):
        raise PermissionDenied
    other = (
        _accepted_contact(contact_request, organisation)
        if contact_request is not None
        else None
    )
    project = Project(partnership=_partnership_of(organisation), created_by=by)
    cleaned = _cleaned(
        project,
        {"title": title, "summary": summary, "language": language, **details},
    )
    for field, value in cleaned.items():
        setattr(project, field, value)
    project.full_clean(exclude=["partnership"])
    project.save()
    project.areas.set(list(areas))
    partner_row(project, organisation, role=Role.LEAD, state=State.ACTIVE, by=by)
    after: dict[str, Any] = {
        field: getattr(project, field) for field in ("title", "status", "visibility")
    }
    after["lead"] = organisation.name
    if contact_request is not None and other is not None:
        require_partnership_city(project, other)
        partner_row(project, other, role=Role.PARTNER, state=State.ACTIVE, by=by)
        after["partner"] = other.name
        after["contact_request"] = contact_request.pk
    record(project, by=by, what="created", after=after)
    return project


@transaction.atomic
def update_project(
    *, project: Project, by: User, **changes: Unpack[ProjectChanges]
) -> Project:
    """Change the fields given; a refused change leaves ``project`` as it was.
    Raises PermissionDenied or ValidationError."""
    if not permissions.can_manage_project(by, project):
        raise PermissionDenied
    check_known(changes, ProjectChanges.__optional_keys__)
    cleaned = _cleaned(project, changes)
    before = {field: getattr(project, field) for field in cleaned if field != "areas"}
    if "areas" in cleaned:
        before["areas"] = sorted(project.areas.values_list("slug", flat=True))
    changed = model_update(project, cleaned, exclude_clean=["partnership"])
    after = {field: getattr(project, field) for field in changed if field != "areas"}
    if "areas" in changed:
        after["areas"] = sorted(area.slug for area in cleaned["areas"])
    if changed:
        record(
            project,
            by=by,
            what="updated",
            before={field: before[field] for field in changed},
            after={field: after[field] for field in changed},
        )
    return project


def missing_cities(project: Project) -> list[City]:
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
    record(
        current,
        by=by,
        what="status_changed",
        before={"status": old},
        after={"status": status},
    )
    project.status, project.updated_at = current.status, current.updated_at
    return project
