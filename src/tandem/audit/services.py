"""Writing the audit trail: ``record`` is the one door every app uses.

Call it inside the transaction of the act it records, so that an act and its
entry are written together or not at all.
"""

from collections.abc import Iterable, Mapping
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
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def value_of(instance: models.Model, name: str) -> Any:
    """A field's value as the trail keeps it: related rows by name, the rows of
    a many-to-many field as a list of names."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        if instance.pk is None:
            return []
        return sorted(str(row) for row in getattr(instance, name).all())
    return _plain(getattr(instance, name))


def snapshot(instance: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """The fields' values now, to compare with after a change."""
    return {name: value_of(instance, name) for name in names}


def changes_since(
    before: Mapping[str, Any], instance: models.Model
) -> dict[str, tuple[Any, Any]]:
    """field → (before, after) for the fields of ``before`` whose value changed."""
    changes = {}
    for name, old in before.items():
        new = value_of(instance, name)
        if new != old:
            changes[name] = (old, new)
    return changes


def record(
    *,
    action: str,
    actor: User | None,
    target: models.Model,
    city: City | None = None,
    also_city: City | None = None,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one entry: ``actor`` did ``action`` on ``target``.

    ``actor`` None means the system did it (a command, a scheduled task).
    ``city``: the city whose coordinators may read the entry (staff read all);
    ``also_city``: a second one, for an act that concerns both partner cities.
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
        also_city=also_city if also_city != city else None,
        changes={
            field: [_plain(before), _plain(after)]
            for field, (before, after) in (changes or {}).items()
        },
        reason=reason,
    )
