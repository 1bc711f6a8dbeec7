"""Writes of a project's milestones and outcomes.

The two are alike: contributors (``permissions.can_contribute``) add, change
and delete them, and each write leaves one entry in the project's history,
named by the milestone's title or the outcome's indicator.
"""

import datetime
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.errors import PermissionDenied, field_error
from tandem.projects import permissions
from tandem.projects.models import Milestone, Outcome, Project, ProjectPartner
from tandem.projects.services.history import record
from tandem.updates import check_known, model_update

State = ProjectPartner.State

MILESTONE_FIELDS = ("title", "due_on", "done_on", "owner")
OUTCOME_FIELDS = ("indicator", "number", "unit", "note")


class MilestoneChanges(TypedDict, total=False):
    title: str
    due_on: datetime.date
    done_on: datetime.date | None
    owner: ProjectPartner | None


class OutcomeChanges(TypedDict, total=False):
    indicator: str
    number: Decimal
    unit: str
    note: str


def _check_contributor(by: User, project: Project) -> None:
    if not permissions.can_contribute(by, project):
        raise PermissionDenied


def _add(item: Milestone | Outcome, *, by: User, fields: tuple[str, ...]) -> None:
    item.full_clean()
    item.save()
    what = f"{item._meta.model_name}_added"
    record(item.project, by=by, what=what, after={f: getattr(item, f) for f in fields})


def _update(
    item: Milestone | Outcome, changes: dict[str, Any], *, by: User, name: str
) -> None:
    """Apply ``changes``; the history names the item by its ``name`` field."""
    before = {field: getattr(item, field) for field in [name, *changes]}
    changed = model_update(item, changes)
    if changed:
        record(
            item.project,
            by=by,
            what=f"{item._meta.model_name}_updated",
            before={field: before[field] for field in [name, *changed]},
            after={field: getattr(item, field) for field in [name, *changed]},
        )


def _delete(item: Milestone | Outcome, *, by: User, fields: tuple[str, ...]) -> None:
    project = item.project
    before = {field: getattr(item, field) for field in fields}
    deleted, _rows = item.delete()
    # Of two deletions at once, only the one that removed the row records it.
    if deleted:
        record(project, by=by, what=f"{item._meta.model_name}_deleted", before=before)


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
    _check_contributor(by, project)
    _check_owner(project, owner)
    milestone = Milestone(
        project=project,
        title=title.strip(),
        due_on=due_on,
        done_on=done_on,
        owner=owner,
    )
    _add(milestone, by=by, fields=MILESTONE_FIELDS)
    return milestone


@transaction.atomic
def update_milestone(
    *, milestone: Milestone, by: User, **changes: Unpack[MilestoneChanges]
) -> Milestone:
    """Change the fields given; ``done_on`` marks the milestone done. A refused
    change leaves ``milestone`` as it was.

    Raises PermissionDenied or ValidationError.
    """
    _check_contributor(by, milestone.project)
    check_known(changes, MilestoneChanges.__optional_keys__)
    if "owner" in changes and changes["owner"] != milestone.owner:
        _check_owner(milestone.project, changes["owner"])
    if "title" in changes:
        changes["title"] = changes["title"].strip()
    _update(milestone, dict(changes), by=by, name="title")
    return milestone


@transaction.atomic
def delete_milestone(*, milestone: Milestone, by: User) -> None:
    """Delete the milestone; the history keeps its title, dates and owner.

    Raises PermissionDenied (not an owner or editor of an active partner).
    """
    _check_contributor(by, milestone.project)
    _delete(milestone, by=by, fields=MILESTONE_FIELDS)


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
    _check_contributor(by, project)
    outcome = Outcome(
        project=project,
        indicator=indicator,
        number=number,
        unit=unit.strip(),
        note=note.strip(),
    )
    _add(outcome, by=by, fields=OUTCOME_FIELDS)
    return outcome


@transaction.atomic
def update_outcome(
    *, outcome: Outcome, by: User, **changes: Unpack[OutcomeChanges]
) -> Outcome:
    """Change the fields given; a refused change leaves ``outcome`` as it was.
    Raises PermissionDenied or ValidationError."""
    _check_contributor(by, outcome.project)
    check_known(changes, OutcomeChanges.__optional_keys__)
    for field in ("unit", "note"):
        if field in changes:
            changes[field] = changes[field].strip()
    _update(outcome, dict(changes), by=by, name="indicator")
    return outcome


@transaction.atomic
def delete_outcome(*, outcome: Outcome, by: User) -> None:
    """Delete the outcome; the history keeps its indicator and figures.

    Raises PermissionDenied (not an owner or editor of an active partner).
    """
    _check_contributor(by, outcome.project)
    _delete(outcome, by=by, fields=OUTCOME_FIELDS)
