"""Reading the audit trail: the entries a reader may see, filtered, and each
one as it reads in the reader's language."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext, pgettext

from tandem.accounts.models import Viewer
from tandem.audit import actions, links
from tandem.audit.models import AuditEntry
from tandem.audit.permissions import can_read_audit_trail, readable_entries_q


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    target_type: str = ""
    who: str = ""  # part of the actor's name or e-mail address
    since: datetime.date | None = None  # in the reader's time zone
    until: datetime.date | None = None


def audit_entries(
    *, viewer: Viewer, filters: AuditFilters = AuditFilters()
) -> QuerySet[AuditEntry]:
    """The entries the viewer may read (coordinators: their cities'; staff:
    all), newest first; none for anybody else."""
    if not can_read_audit_trail(viewer):
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.select_related("actor", "city", "also_city")
    readable = readable_entries_q(viewer)
    if readable is not None:
        entries = entries.filter(readable)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.target_type:
        entries = entries.filter(target_type=filters.target_type)
    if filters.who:
        entries = entries.filter(
            Q(actor__first_name__icontains=filters.who)
            | Q(actor__last_name__icontains=filters.who)
            | Q(actor__email__icontains=filters.who)
        )
    # __date compares in the active (the reader's) time zone.
    if filters.since:
        entries = entries.filter(at__date__gte=filters.since)
    if filters.until:
        entries = entries.filter(at__date__lte=filters.until)
    return entries.order_by("-at", "-pk")


def audit_target_types(*, viewer: Viewer) -> list[str]:
    """The kinds of object (model labels) of the entries the viewer may read."""
    return sorted(
        set(
            audit_entries(viewer=viewer)
            .order_by()
            .values_list("target_type", flat=True)
            .distinct()
        )
    )


def _model(target_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def kind_label(target_type: str) -> str:
    """The kind of object in the reader's language ("Organisation")."""
    model = _model(target_type)
    if model is None:
        return target_type
    return str(model._meta.verbose_name).capitalize()


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class EntryView:
    """An entry as the reader reads it."""

    entry: AuditEntry
    action: str
    actor: str
    kind: str
    url: str | None
    changes: list[Change]

    @property
    def changes_text(self) -> str:
        """The changes on one line, for a spreadsheet."""
        # Translators: one change in the audit trail: field, value before, after.
        return "; ".join(
            pgettext("audit change", "%(field)s: %(before)s → %(after)s")
            % {"field": c.field, "before": c.before, "after": c.after}
            for c in self.changes
        )


def actor_label(entry: AuditEntry) -> str:
    if entry.by_system:
        # Translators: the system itself did an act of the audit trail.
        return pgettext("audit actor", "Tandem")
    if entry.actor is None:
        return gettext("a former member")
    return str(entry.actor)


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or a field another version had
        return None


def readable_value(field: Any, value: Any) -> str:
    """A stored value as words: a choice's label, yes or no, a list joined."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(readable_value(field, v) for v in value)
    choices = dict(getattr(field, "flatchoices", None) or ())
    if value in choices:
        return str(choices[value])
    return str(value)


def readable_changes(entry: AuditEntry) -> list[Change]:
    model = _model(entry.target_type)
    changes = []
    for name, pair in sorted(entry.changes.items()):
        before, after = [*pair, None, None][:2]
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        changes.append(
            Change(
                field=label[:1].upper() + label[1:],
                before=readable_value(field, before),
                after=readable_value(field, after),
            )
        )
    return changes


def describe(
    entries: Iterable[AuditEntry], *, viewer: Viewer, with_links: bool = True
) -> list[EntryView]:
    """The entries in the reader's language, with a link to each object that
    still exists and the reader may see (``with_links``)."""
    rows = list(entries)
    targets = {(e.target_type, e.target_id) for e in rows}
    urls = links.resolve(viewer, targets) if with_links else {}
    return [
        EntryView(
            entry=entry,
            action=actions.label(entry.action),
            actor=actor_label(entry),
            kind=kind_label(entry.target_type),
            url=urls.get((entry.target_type, entry.target_id)),
            changes=readable_changes(entry),
        )
        for entry in rows
    ]
