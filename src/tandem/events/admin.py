"""Read-only admin: every write goes through tandem.events.services."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tandem.events.models import (
    AllowedOrganiser,
    Event,
    Meeting,
    MeetingRequest,
    Registration,
    Session,
    Slot,
)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SessionInline(admin.TabularInline[Session, Event]):
    model = Session
    extra = 0
    can_delete = False
    fields = ["title", "date", "start_time", "slot_minutes", "slot_count", "tables"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "city", "starts_on", "status", "visibility"]
    list_filter = ["status", "kind", "visibility"]
    search_fields = ["title"]
    inlines = [SessionInline]


@admin.register(Slot)
class SlotAdmin(ReadOnlyAdmin):
    list_display = ["session", "starts_at", "ends_at"]
    list_select_related = ["session__event"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "event", "state", "created_at"]
    list_filter = ["state"]
    list_select_related = ["user", "organisation", "event"]
    search_fields = ["user__email", "organisation__name"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(ReadOnlyAdmin):
    list_display = ["requester", "invitee", "priority", "state", "set_by_organiser"]
    list_filter = ["state", "priority"]
    list_select_related = [
        "requester__user",
        "requester__event",
        "invitee__user",
        "invitee__event",
    ]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["request", "slot", "table", "online", "state", "plan_version"]
    list_filter = ["state", "online"]
    list_select_related = [
        "request__requester__user",
        "request__requester__event",
        "request__invitee__user",
        "request__invitee__event",
        "slot__session__event",
    ]


@admin.register(AllowedOrganiser)
class AllowedOrganiserAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "allowed_by", "allowed_at"]
    list_select_related = ["organisation", "allowed_by"]
