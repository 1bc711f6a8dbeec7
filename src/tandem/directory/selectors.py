"""Reads of organisations and opportunities, scoped to what the viewer may see."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import CoordinatorRole, Membership
from tandem.directory.models import Opportunity, Organisation

Verification = Organisation.Verification
Status = Opportunity.Status


def _public_organisation_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}verification": Verification.VERIFIED,
            f"{prefix}visibility": Organisation.Visibility.PUBLIC,
        }
    )


def _public_opportunity_q() -> Q:
    return (
        Q(status=Status.PUBLISHED)
        & (Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        & _public_organisation_q("organisation__")
    )


def _coordinated_city_ids(viewer: Any) -> list[int] | None:
    """Cities the viewer coordinates; None means every city (staff)."""
    if not viewer.is_authenticated:
        return []
    if viewer.is_staff:
        return None
    return list(
        CoordinatorRole.objects.filter(user=viewer).values_list("city_id", flat=True)
    )


def visible_organisations(*, viewer: Any) -> QuerySet[Organisation]:
    """Public organisations, plus the viewer's own and those of cities they coordinate."""
    seen = _public_organisation_q()
    if viewer.is_authenticated:
        seen |= Q(
            memberships__user=viewer, memberships__state=Membership.State.ACTIVE
        )
        cities = _coordinated_city_ids(viewer)
        if cities is None:
            seen = Q()
        elif cities:
            seen |= Q(city_id__in=cities)
    ids = Organisation.objects.filter(seen).values("pk")
    return Organisation.objects.filter(pk__in=ids).select_related("city")


def public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(_public_organisation_q()).select_related("city")


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    city: str = ""
    kind: str = ""
    area: str = ""
    language: str = ""
    verified_only: bool = False


def search_organisations(
    *, viewer: Any, filters: DirectoryFilters
) -> QuerySet[Organisation]:
    """The directory: visible organisations matching the filters, by name."""
    organisations = visible_organisations(viewer=viewer)
    if filters.city:
        organisations = organisations.filter(city__slug=filters.city)
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    if filters.area:
        organisations = organisations.filter(
            Q(areas__slug=filters.area) | Q(areas__parent__slug=filters.area)
        )
    if filters.language:
        organisations = organisations.filter(
            Q(language=filters.language)
            | Q(languages_spoken__contains=filters.language)
        )
    if filters.verified_only:
        organisations = organisations.filter(verification=Verification.VERIFIED)
    for word in filters.q.split():
        organisations = organisations.filter(
            Q(name__icontains=word) | Q(description__icontains=word)
        )
    return (
        organisations.distinct()
        .prefetch_related("areas")
        .order_by("name", "pk")
    )


def visible_opportunities(*, viewer: Any) -> QuerySet[Opportunity]:
    """Public opportunities, plus those of the viewer's organisations and coordinated cities."""
    seen = _public_opportunity_q()
    if viewer.is_authenticated:
        seen |= Q(
            organisation__memberships__user=viewer,
            organisation__memberships__state=Membership.State.ACTIVE,
        )
        cities = _coordinated_city_ids(viewer)
        if cities is None:
            seen = Q()
        elif cities:
            seen |= Q(organisation__city_id__in=cities)
    ids = Opportunity.objects.filter(seen).values("pk")
    return Opportunity.objects.filter(pk__in=ids).select_related(
        "organisation__city"
    )


def public_opportunities() -> QuerySet[Opportunity]:
    return (
        Opportunity.objects.filter(_public_opportunity_q())
        .select_related("organisation__city")
        .order_by("-published_at", "-pk")
    )


def review_queue(*, viewer: Any) -> tuple[QuerySet[Organisation], QuerySet[Opportunity]]:
    """What waits for the viewer's review: organisations and opportunities of their cities."""
    cities = _coordinated_city_ids(viewer)
    organisations = Organisation.objects.filter(
        verification=Verification.PENDING
    ).select_related("city")
    opportunities = Opportunity.objects.filter(status=Status.SUBMITTED).select_related(
        "organisation__city"
    )
    if cities is not None:
        organisations = organisations.filter(city_id__in=cities)
        opportunities = opportunities.filter(organisation__city_id__in=cities)
    return (
        organisations.order_by("created_at", "pk"),
        opportunities.order_by("updated_at", "pk"),
    )


def memberships_of(*, viewer: Any) -> QuerySet[Membership]:
    """The viewer's memberships and requests to join, with their organisations."""
    return (
        Membership.objects.filter(user=viewer)
        .select_related("organisation__city")
        .order_by("organisation__name", "pk")
    )


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("state", "user__email", "pk")
    )


def opportunities_of_viewer(*, viewer: Any) -> QuerySet[Opportunity]:
    """Opportunities of the organisations the viewer belongs to, for the dashboard."""
    return (
        Opportunity.objects.filter(
            organisation__memberships__user=viewer,
            organisation__memberships__state=Membership.State.ACTIVE,
        )
        .select_related("organisation__city")
        .order_by("-updated_at", "-pk")
    )


def directory_figures() -> dict[str, Any]:
    """Live figures for the home page, from public data only."""
    organisations = public_organisations()
    by_city_kind = (
        organisations.values("city__slug", "kind")
        .annotate(count=Count("pk"))
        .order_by("city__slug", "kind")
    )
    by_kind = (
        public_opportunities()
        .order_by()
        .values("kind")
        .annotate(count=Count("pk"))
        .order_by("kind")
    )
    return {
        "organisations_by_city_kind": list(by_city_kind),
        "organisations_total": organisations.count(),
        "opportunities_by_kind": list(by_kind),
        "opportunities_total": public_opportunities().count(),
    }
