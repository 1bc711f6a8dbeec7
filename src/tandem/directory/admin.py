from collections.abc import Callable, Iterable
from typing import TypeVar

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tandem.directory import services
from tandem.directory.models import Opportunity, Organisation

M = TypeVar("M", Organisation, Opportunity)


def _review_each(
    model_admin: admin.ModelAdmin[M],
    request: HttpRequest,
    rows: Iterable[M],
    review: Callable[[M], object],
) -> int:
    """Run a review service on every row; report refusals row by row."""
    done = 0
    for row in rows:
        try:
            review(row)
        except (PermissionDenied, ValidationError) as exc:
            model_admin.message_user(request, f"{row}: {exc}", messages.ERROR)
        else:
            done += 1
    return done


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "city", "verification", "visibility", "external_id"]
    list_filter = ["city", "kind", "verification", "visibility", "language"]
    search_fields = ["name", "slug", "external_id"]
    filter_horizontal = ["areas"]
    # A website typed without a scheme is an https one, as on the site's form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = [
        "verification",
        "review_reason",
        "reviewed_by",
        "reviewed_at",
        # Decided on the review queue (services.review_organisation_changes).
        "pending_changes",
        "pending_changes_by",
        "pending_changes_at",
    ]
    actions = ["verify"]

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        done = _review_each(
            self,
            request,
            queryset.select_related("city"),
            lambda organisation: services.review_organisation(
                organisation=organisation,
                by=request.user,  # type: ignore[arg-type]  # admin users are Tandem users
                decision=Organisation.Verification.VERIFIED,
            ),
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d organisation verified.",
                "%(count)d organisations verified.",
                done,
            )
            % {"count": done},
        )


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin[Opportunity]):
    list_display = [
        "title",
        "organisation",
        "kind",
        "status",
        "published_at",
        "expires_at",
    ]
    list_filter = ["kind", "status", "language", "organisation__city"]
    search_fields = ["title", "summary", "external_id"]
    filter_horizontal = ["areas"]
    raw_id_fields = ["organisation", "created_by"]
    readonly_fields = ["status", "review_reason", "reviewed_by", "reviewed_at"]
    actions = ["publish"]

    @admin.action(description=_("Publish the selected submitted opportunities"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Opportunity]) -> None:
        done = _review_each(
            self,
            request,
            queryset.select_related("organisation__city"),
            lambda opportunity: services.review_opportunity(
                opportunity=opportunity,
                by=request.user,  # type: ignore[arg-type]  # admin users are Tandem users
                decision=Opportunity.Status.PUBLISHED,
            ),
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d opportunity published.",
                "%(count)d opportunities published.",
                done,
            )
            % {"count": done},
        )
