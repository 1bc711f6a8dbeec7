"""Read-only admin: every write goes through the services and their rules."""

from typing import TypeVar

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from tandem.collaboration.models import (
    Block,
    ContactRequest,
    Conversation,
    MessageReport,
)

M = TypeVar("M", bound=Model)


class ReadOnlyAdmin(admin.ModelAdmin[M]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


@admin.register(ContactRequest)
class ContactRequestAdmin(ReadOnlyAdmin[ContactRequest]):
    list_display = ["sender", "recipient", "state", "created_at", "expires_at"]
    list_filter = ["state"]
    list_select_related = ["sender", "recipient"]


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyAdmin[Conversation]):
    list_display = ["organisation_a", "organisation_b", "last_message_at"]
    list_select_related = ["organisation_a", "organisation_b"]


@admin.register(Block)
class BlockAdmin(ReadOnlyAdmin[Block]):
    list_display = ["blocker", "blocked", "created_at"]
    list_select_related = ["blocker", "blocked"]


@admin.register(MessageReport)
class MessageReportAdmin(ReadOnlyAdmin[MessageReport]):
    list_display = ["message", "organisation", "created_at", "resolved_at"]
    list_select_related = ["message", "organisation"]
