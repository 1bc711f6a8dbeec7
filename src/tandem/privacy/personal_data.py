"""The audit trail's part of "Download my data": the entries about the person,
as actor or as the account acted on."""

from typing import Any

from django.db.models import Q

from tandem.accounts.models import User
from tandem.audit import actions
from tandem.audit.models import AuditEntry


def export(user: User) -> list[dict[str, Any]]:
    entries = AuditEntry.objects.filter(
        Q(actor=user) | Q(target_type=user._meta.label_lower, target_id=str(user.pk))
    ).order_by("at", "pk")
    return [
        {
            "at": entry.at,
            "action": entry.action,
            "what": actions.label(entry.action),
            "by_me": entry.actor_id == user.pk,
            "object_type": entry.target_type,
            "object": entry.target_label,
            "changes": entry.changes,
            "reason": entry.reason,
        }
        for entry in entries
    ]
