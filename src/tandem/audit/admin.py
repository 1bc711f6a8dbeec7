"""The audit trail in the admin: to read and search, never to change."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tandem.audit import actions
from tandem.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ["at", "actor", "by_system", "action_label", "target_label", "city"]
    list_filter = ["action", "target_type", "city", "by_system", "at"]
    list_select_related = ["actor", "city"]
    search_fields = ["target_label", "reason", "actor__email", "actor__last_name"]
    date_hierarchy = "at"
    readonly_fields = [
        "at",
        "actor",
        "by_system",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "city",
        "also_city",
        "changes",
        "reason",
    ]

    @admin.display(description=AuditEntry._meta.get_field("action").verbose_name)
    def action_label(self, entry: AuditEntry) -> str:
        return actions.label(entry.action)

    # Nobody adds, changes or deletes an entry, superusers included.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
