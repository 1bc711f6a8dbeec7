"""Reads of organisations and opportunities, scoped to what the viewer may see."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, Self

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, TextChoices
from django.utils import timezone

from tandem.accounts import permissions as accounts
from tandem.accounts.models import Membership, User, Viewer
from tandem.directory import permissions
from tandem.directory.models import (
    Opportunity,
    OpportunityKind,
    Organisation,
    OrganisationKind,
)
from tandem.partnerships.models import City

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


def coordinated_city_ids(viewer: Viewer) -> list[int] | None:
    """Cities the viewer coordinates; None means every city (staff)."""
    if accounts.is_staff(viewer):
        return None
    return list(accounts.coordinated_city_ids(viewer))


def _seen_q(viewer: Viewer, public: Q, organisation: str = "") -> Q:
    """What the viewer sees: ``public`` rows, and those of the organisations
    (at ``organisation``, a lookup prefix) whose internals they see, as
    ``permissions.can_see_internal`` tells: their own, their cities'; staff see all."""
    if accounts.is_staff(viewer):
        return Q()
    if not accounts.is_active_user(viewer):
        return public
    members = accounts.member_organisation_ids(viewer)
    cities = accounts.coordinated_city_ids(viewer)
    return (
        public
        | Q(**{f"{organisation}pk__in": members})
        | Q(**{f"{organisation}city_id__in": cities})
    )


def visible_organisations(*, viewer: Viewer) -> QuerySet[Organisation]:
    """Public organisations, plus the viewer's own and those of cities they coordinate."""
    seen = _seen_q(viewer, _public_organisation_q())
    return Organisation.objects.filter(seen).select_related("city")


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
    *, viewer: Viewer, filters: DirectoryFilters
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
            Q(language=filters.language) | _speaks_q(filters.language)
        )
    if filters.verified_only:
        organisations = organisations.filter(verification=Verification.VERIFIED)
    for word in filters.q.split():
        organisations = organisations.filter(
            Q(name__icontains=word) | Q(description__icontains=word)
        )
    return organisations.distinct().prefetch_related("areas").order_by("name", "pk")


class MeaningSearch(Protocol):
    """Finds organisations by the meaning of ``filters.q`` in any language;
    None when it cannot (no neural encoder). The matching app sets it when ready."""

    def __call__(
        self, *, viewer: Viewer, filters: DirectoryFilters
    ) -> list[Organisation] | None: ...


_meaning_search: MeaningSearch | None = None


def set_meaning_search(search: MeaningSearch | None) -> None:
    global _meaning_search
    _meaning_search = search


def find_organisations(
    *, viewer: Viewer, filters: DirectoryFilters
) -> QuerySet[Organisation] | list[Organisation]:
    """The directory page's results: with words to search for, by meaning
    across languages, best first, where an app provides such a search; else
    ``search_organisations``."""
    if filters.q and _meaning_search is not None:
        found = _meaning_search(viewer=viewer, filters=filters)
        if found is not None:
            return found
    return search_organisations(viewer=viewer, filters=filters)


def visible_opportunities(*, viewer: Viewer) -> QuerySet[Opportunity]:
    """Public opportunities, plus those of the viewer's organisations and coordinated cities."""
    seen = _seen_q(viewer, _public_opportunity_q(), "organisation__")
    return Opportunity.objects.filter(seen).select_related("organisation__city")


def public_opportunities() -> QuerySet[Opportunity]:
    return (
        Opportunity.objects.filter(_public_opportunity_q())
        .select_related("organisation__city")
        .order_by("-published_at", "-pk")
    )


def review_queue(
    *, viewer: Viewer
) -> tuple[QuerySet[Organisation], QuerySet[Opportunity]]:
    """What waits for the viewer's review: organisations and opportunities of their cities."""
    cities = coordinated_city_ids(viewer)
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


def changes_queue(*, viewer: Viewer) -> QuerySet[Organisation]:
    """Verified organisations of the viewer's cities whose new name, kind or
    website waits for review, oldest proposal first."""
    cities = coordinated_city_ids(viewer)
    organisations = Organisation.objects.filter(
        pending_changes_at__isnull=False, verification=Verification.VERIFIED
    ).select_related("city")
    if cities is not None:
        organisations = organisations.filter(city_id__in=cities)
    return organisations.order_by("pending_changes_at", "pk")


def city_reviewers(*, city: City) -> QuerySet[User]:
    """Who reviews the city's organisations: its active coordinators."""
    return (
        User.objects.filter(is_active=True, coordinator_roles__city=city)
        .distinct()
        .order_by("pk")
    )


def memberships_of(*, viewer: User) -> QuerySet[Membership]:
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


def opportunities_of_viewer(*, viewer: User) -> QuerySet[Opportunity]:
    """Opportunities of the organisations the viewer belongs to, for the dashboard."""
    return (
        Opportunity.objects.filter(
            organisation__memberships__user=viewer,
            organisation__memberships__state=Membership.State.ACTIVE,
        )
        .select_related("organisation__city")
        .order_by("-updated_at", "-pk")
    )


# --- Member and coordinator pages -------------------------------------------


def coordinates_any_city(*, viewer: Viewer) -> bool:
    """The viewer coordinates at least one city, or is staff."""
    return coordinated_city_ids(viewer) != []


def review_queue_count(*, viewer: Viewer) -> int:
    """How many organisations and opportunities wait for the viewer's review."""
    organisations, opportunities = review_queue(viewer=viewer)
    return (
        organisations.count()
        + opportunities.count()
        + changes_queue(viewer=viewer).count()
    )


def join_requests_for(*, viewer: User) -> QuerySet[Membership]:
    """Requests to join the organisations the viewer owns, oldest first."""
    owned = Membership.objects.filter(
        user=viewer, role=Membership.Role.OWNER, state=Membership.State.ACTIVE
    ).values("organisation_id")
    return (
        Membership.objects.filter(
            organisation_id__in=owned, state=Membership.State.PENDING
        )
        .select_related("user", "organisation")
        .order_by("created_at", "pk")
    )


# --- API ---------------------------------------------------------------------


@dataclass(frozen=True)
class OpportunityFilters:
    q: str = ""
    kind: str = ""
    area: str = ""
    city: str = ""
    organisation: str = ""


def search_opportunities(
    *, viewer: Viewer, filters: OpportunityFilters
) -> QuerySet[Opportunity]:
    """Visible opportunities matching the filters, newest published first."""
    opportunities = visible_opportunities(viewer=viewer)
    if filters.kind:
        opportunities = opportunities.filter(kind=filters.kind)
    if filters.area:
        opportunities = opportunities.filter(
            Q(areas__slug=filters.area) | Q(areas__parent__slug=filters.area)
        )
    if filters.city:
        opportunities = opportunities.filter(organisation__city__slug=filters.city)
    if filters.organisation:
        opportunities = opportunities.filter(organisation__slug=filters.organisation)
    for word in filters.q.split():
        opportunities = opportunities.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
        )
    return (
        opportunities.distinct()
        .prefetch_related("areas")
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
    )


# --- Public pages ------------------------------------------------------------


def _speaks_q(language: str) -> Q:
    """Organisations whose ``languages_spoken`` list holds ``language``."""
    if connection.features.supports_json_field_contains:
        return Q(languages_spoken__contains=[language])
    # SQLite has no JSON containment; the quoted code matches one whole element.
    return Q(languages_spoken__icontains=f'"{language}"')


def organisation_opportunities(
    *, viewer: Viewer, organisation: Organisation
) -> QuerySet[Opportunity]:
    """The organisation's opportunities the viewer may see: all of them for its
    members and its city's coordinators, the public ones for everybody else."""
    return (
        visible_opportunities(viewer=viewer)
        .filter(organisation=organisation)
        .prefetch_related("areas")
        .order_by(F("published_at").desc(nulls_last=True), "-created_at", "-pk")
    )


@dataclass(frozen=True)
class OrganisationActions:
    """What the viewer may see and do on an organisation's page."""

    sees_internal: bool
    can_edit: bool
    can_manage_members: bool
    can_create_opportunity: bool
    can_ask_to_join: bool
    has_asked_to_join: bool
    can_review: bool


def organisation_actions(
    *, viewer: Viewer, organisation: Organisation
) -> OrganisationActions:
    coordinator = permissions.can_review(viewer, organisation.city)
    member = accounts.is_member(viewer, organisation)
    asked = bool(
        accounts.is_active_user(viewer)
        and Membership.objects.filter(
            user=viewer, organisation=organisation, state=Membership.State.PENDING
        ).exists()
    )
    can_edit = permissions.can_edit_organisation(viewer, organisation)
    return OrganisationActions(
        sees_internal=permissions.can_see_internal(viewer, organisation),
        can_edit=can_edit,
        can_manage_members=permissions.can_manage_members(viewer, organisation),
        # create_opportunity asks the same permission as editing the organisation.
        can_create_opportunity=can_edit,
        can_ask_to_join=(
            permissions.can_ask_to_join(viewer, organisation)
            and not member
            and not asked
        ),
        has_asked_to_join=asked,
        can_review=coordinator and organisation.verification == Verification.PENDING,
    )


@dataclass(frozen=True)
class OpportunityActions:
    """What the viewer may see and do on an opportunity's page; mirrors the services."""

    sees_internal: bool
    can_edit: bool
    can_submit: bool
    can_close: bool
    can_renew: bool
    can_review: bool

    @classmethod
    def of(
        cls,
        opportunity: Opportunity,
        *,
        sees_internal: bool,
        edits: bool,
        reviews: bool,
    ) -> Self:
        """For a viewer who ``sees_internal`` of its organisation, ``edits`` it
        (``permissions.can_edit_organisation``) or ``reviews`` its city."""
        return cls(
            sees_internal=sees_internal,
            can_edit=edits and permissions.is_editable(opportunity),
            can_submit=edits and permissions.is_submittable(opportunity),
            can_close=edits and permissions.is_closable(opportunity),
            can_renew=edits and permissions.is_renewable(opportunity),
            can_review=reviews and permissions.awaits_review(opportunity),
        )


def opportunity_actions(
    *, viewer: Viewer, opportunity: Opportunity
) -> OpportunityActions:
    organisation = opportunity.organisation
    return OpportunityActions.of(
        opportunity,
        sees_internal=permissions.can_see_internal(viewer, organisation),
        edits=permissions.can_edit_organisation(viewer, organisation),
        reviews=permissions.can_review(viewer, organisation.city),
    )


def dashboard_opportunities(
    *, viewer: User, limit: int
) -> list[tuple[Opportunity, OpportunityActions]]:
    """The newest ``limit`` opportunities of the viewer's organisations, each
    with what the viewer may do, in queries that do not grow with the rows."""
    opportunities = list(opportunities_of_viewer(viewer=viewer)[:limit])
    edited = permissions.editable_organisation_ids(
        viewer, {opportunity.organisation_id for opportunity in opportunities}
    )
    # The partnership's cities: a few, however many opportunities.
    cities = {opportunity.organisation.city for opportunity in opportunities}
    reviewed = {city.pk for city in cities if permissions.can_review(viewer, city)}
    return [
        (
            opportunity,
            OpportunityActions.of(
                opportunity,
                # They are members of these organisations.
                sees_internal=True,
                edits=opportunity.organisation_id in edited,
                reviews=opportunity.organisation.city_id in reviewed,
            ),
        )
        for opportunity in opportunities
    ]


@dataclass(frozen=True)
class FigureRow:
    label: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class FigureTable:
    """Counts by kind (rows) and city (columns); kinds with no row left out."""

    rows: tuple[FigureRow, ...]
    totals: tuple[int, ...]
    total: int


def _figure_table(
    counts: dict[tuple[int, str], int],
    *,
    kinds: type[TextChoices],
    cities: Sequence[City],
) -> FigureTable:
    rows = []
    for kind in kinds:
        per_city = tuple(counts.get((city.pk, kind.value), 0) for city in cities)
        if any(per_city):
            rows.append(
                FigureRow(label=str(kind.label), counts=per_city, total=sum(per_city))
            )
    totals = tuple(sum(row.counts[i] for row in rows) for i in range(len(cities)))
    return FigureTable(rows=tuple(rows), totals=totals, total=sum(totals))


def organisation_figures(*, cities: Sequence[City]) -> FigureTable:
    """Public organisations by kind and city."""
    counts = (
        public_organisations()
        .filter(city__in=cities)
        .order_by()
        .values_list("city_id", "kind")
        .annotate(count=Count("pk"))
    )
    return _figure_table(
        {(city_id, kind): n for city_id, kind, n in counts},
        kinds=OrganisationKind,
        cities=cities,
    )


def opportunity_figures(*, cities: Sequence[City]) -> FigureTable:
    """Public opportunities by kind and their organisation's city."""
    counts = (
        public_opportunities()
        .filter(organisation__city__in=cities)
        .order_by()
        .values_list("organisation__city_id", "kind")
        .annotate(count=Count("pk"))
    )
    return _figure_table(
        {(city_id, kind): n for city_id, kind, n in counts},
        kinds=OpportunityKind,
        cities=cities,
    )


def latest_opportunities(*, limit: int = 6) -> list[Opportunity]:
    """The newest public opportunities, for the home page."""
    return list(public_opportunities().prefetch_related("areas")[:limit])
