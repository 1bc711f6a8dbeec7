"""Writing the audit trail: ``record`` is the one door every app uses.

Call it inside the transaction of the act it records, so that an act and its
entry are written together or not at all.
"""

from collections.abc import Mapping
from typing import Any

from django.db import models

from tandem.accounts.models import User
from tandem.audit import actions
from tandem.audit.models import AuditEntry
from tandem.partnerships.models import City


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def record(
    *,
    action: str,
    actor: User | None,
    target: models.Model,
    city: City | None = None,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one entry: ``actor`` did ``action`` on ``target``.

    ``actor`` None means the system did it (a command, a scheduled task).
    ``city``: the city whose coordinators may read the entry (staff read all).
    ``changes``: field → (before, after), stored as plain values.

    Raises ValueError for an action no app registered.
    """
    if not actions.is_action(action):
        raise ValueError(f"Unknown audited action {action!r}")
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        by_system=actor is None,
        target_type=target._meta.label_lower,
        target_id=str(target.pk or ""),
        target_label=str(target)[:300],
        city=city,
        changes={
            field: [_plain(before), _plain(after)]
            for field, (before, after) in (changes or {}).items()
        },
        reason=reason,
    )
