"""The history of a project: one ``ProjectChange`` per write, with who changed
what and the values before and after."""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from tandem.accounts.models import User
from tandem.projects.models import Project, ProjectChange, ProjectPartner


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


def record(
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
