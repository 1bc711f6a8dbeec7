"""Writes of a project's milestones and outcomes."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.errors import PermissionDenied, field_error
from tandem.projects import permissions
from tandem.projects.models import Milestone, Outcome, Project, ProjectPartner
from tandem.projects.services.history import record

State = ProjectPartner.State

MILESTONE_FIELDS = ("title", "due_on", "done_on", "owner")
OUTCOME_FIELDS = ("indicator", "number", "unit", "note")


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
    record(
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
        record(
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
        record(project, by=by, what="milestone_deleted", before=before)


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
    record(
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
        record(
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
        record(project, by=by, what="outcome_deleted", before=before)
