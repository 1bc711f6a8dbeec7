"""Read-only admin: every write goes through tandem.projects.services."""

from typing import TypeVar

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from tandem.projects.models import Project, ProjectChange, ProjectPartner

M = TypeVar("M", bound=Model)


class ReadOnlyInline(admin.TabularInline[M, Project]):
    extra = 0
    can_delete = False

    def has_add_permission(
        self, request: HttpRequest, obj: Project | None = None
    ) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: Model | None = None
    ) -> bool:
        return False


class PartnerInline(ReadOnlyInline[ProjectPartner]):
    model = ProjectPartner
    fields = ["organisation_name", "organisation_city", "role", "state", "invited_at"]


class ChangeInline(ReadOnlyInline[ProjectChange]):
    model = ProjectChange
    fields = ["at", "by", "what", "before", "after"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin[Project]):
    list_display = ["title", "status", "visibility", "funding_source", "created_at"]
    list_filter = ["status", "visibility", "funding_source"]
    search_fields = ["title"]
    inlines = [PartnerInline, ChangeInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: Project | None = None
    ) -> bool:
        return False
