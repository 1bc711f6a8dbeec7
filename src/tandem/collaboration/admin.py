"""Read-only admin: every write goes through the services and their rules."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tandem.collaboration.models import (
    Block,
    ContactRequest,
    Conversation,
    MessageReport,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ContactRequest)
class ContactRequestAdmin(ReadOnlyAdmin):
    list_display = ["sender", "recipient", "state", "created_at", "expires_at"]
    list_filter = ["state"]
    list_select_related = ["sender", "recipient"]


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyAdmin):
    list_display = ["organisation_a", "organisation_b", "last_message_at"]
    list_select_related = ["organisation_a", "organisation_b"]


@admin.register(Block)
class BlockAdmin(ReadOnlyAdmin):
    list_display = ["blocker", "blocked", "created_at"]
    list_select_related = ["blocker", "blocked"]


@admin.register(MessageReport)
class MessageReportAdmin(ReadOnlyAdmin):
    list_display = ["message", "organisation", "created_at", "resolved_at"]
    list_select_related = ["message", "organisation"]
