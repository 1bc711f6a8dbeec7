"""The one way an update service changes a row: ``model_update``."""

from collections.abc import Collection, Iterable, Mapping
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def check_known(changes: Mapping[str, object], allowed: Collection[str]) -> None:
    """Refuse a change a service does not take (its ``TypedDict``'s keys, e.g.
    ``XChanges.__optional_keys__``): a status or a verification changes only
    through its own service. Typed callers are checked by mypy; this guards
    the others. Raises TypeError, a caller's bug."""
    if unknown := set(changes) - set(allowed):
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")


def model_update(
    instance: M,
    changes: Mapping[str, Any],
    *,
    always: Iterable[str] = (),
    exclude_clean: Iterable[str] = (),
) -> list[str]:
    """Apply ``changes`` (field name to value) to ``instance``, ``full_clean()``
    it and save only the fields whose value changed; returns their names.

    Many-to-many fields take an iterable of objects and are set after the save.
    ``always`` names fields saved whatever their value (e.g. ones the caller
    normalised); an ``auto_now`` field is saved whenever something changed.
    Nothing is saved when nothing changed and ``always`` is empty.

    When cleaning or saving fails, ``instance`` is left as it was before the
    call, so a form page can show it again unchanged. Raises ValidationError
    (from ``full_clean()``); an unknown field name is a caller's bug
    (FieldDoesNotExist).
    """
    meta = instance._meta
    before: dict[str, Any] = {}
    relations: dict[str, list[Any]] = {}
    changed: list[str] = []
    for name, value in changes.items():
        field = meta.get_field(name)
        if field.many_to_many:
            new = list(value)
            current = set(getattr(instance, name).values_list("pk", flat=True))
            if instance.pk is None or current != {obj.pk for obj in new}:
                relations[name] = new
            continue
        old = getattr(instance, name)
        if old != value:
            before[name] = old
            setattr(instance, name, value)
            changed.append(name)
    fields = list(dict.fromkeys([*changed, *always]))
    if not fields and not relations:
        return []
    fields += [
        field.name
        for field in meta.concrete_fields
        if getattr(field, "auto_now", False) and field.name not in fields
    ]
    try:
        instance.full_clean(exclude=list(exclude_clean))
        instance.save(update_fields=fields)
    except BaseException:
        for name, old in before.items():
            setattr(instance, name, old)
        raise
    for name, objects in relations.items():
        getattr(instance, name).set(objects)
    return [*changed, *relations]
