"""Organisations and opportunities: public reads, and writes for members.

Reads need no token; with one, members also see their own hidden or unpublished
rows.  Writes need a token and go through ``tandem.directory.services``, which
hold every rule of who may do what.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate
from ninja.params.functions import Query
from ninja.responses import Status

from tandem.accounts.api import optional_token_auth, token_auth
from tandem.accounts.http import ApiRequest, PublicApiRequest
from tandem.accounts.models import Viewer
from tandem.api.common import (
    ERRORS,
    LIST_ERRORS,
    PK,
    READ_ERRORS,
    Choice,
    Pagination,
)
from tandem.directory import services
from tandem.directory.models import Opportunity, OpportunityKind, Organisation
from tandem.directory.models import OrganisationKind as OrgKind
from tandem.directory.schemas import (
    OpportunityIn,
    OpportunityOut,
    OpportunityPatch,
    OrganisationEditOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatch,
)
from tandem.directory.selectors import (
    DirectoryFilters,
    OpportunityFilters,
    search_opportunities,
    search_organisations,
    visible_opportunities,
    visible_organisations,
)
from tandem.errors import field_error
from tandem.partnerships.selectors import areas_from_slugs, city_from_slug

router = Router(tags=["directory"])


def _organisation_out(viewer: Viewer, pk: int) -> Organisation:
    return visible_organisations(viewer=viewer).prefetch_related("areas").get(pk=pk)


def _opportunity_out(viewer: Viewer, pk: int) -> Opportunity:
    return visible_opportunities(viewer=viewer).prefetch_related("areas").get(pk=pk)


# --- Organisations ---------------------------------------------------------


@router.get(
    "/organisations",
    response={200: list[OrganisationOut], **LIST_ERRORS},
    auth=optional_token_auth,
)
@paginate(Pagination)
def list_organisations(
    request: PublicApiRequest,
    city: str = "",
    kind: Choice[OrgKind] | None = None,
    area: str = Query(
        "", description="Area slug; a top-level area includes its sub-areas."
    ),
    language: str = Query("", description="Language of the description or spoken."),
    verified: bool = False,
    q: str = Query("", max_length=200, description="Words in the name or description."),
) -> QuerySet[Organisation]:
    """Organisations in the directory, by name."""
    filters = DirectoryFilters(
        q=q,
        city=city,
        kind=kind or "",
        area=area,
        language=language,
        verified_only=verified,
    )
    return search_organisations(viewer=request.auth, filters=filters)


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationOut, **READ_ERRORS},
    auth=optional_token_auth,
)
def get_organisation(request: PublicApiRequest, slug: str) -> Organisation:
    return get_object_or_404(
        visible_organisations(viewer=request.auth).prefetch_related("areas"),
        slug=slug,
    )


@router.post(
    "/organisations", response={201: OrganisationOut, **ERRORS}, auth=token_auth
)
def create_organisation(
    request: ApiRequest, payload: OrganisationIn
) -> Status[Organisation]:
    """Create an organisation; you become its owner and its city's coordinator verifies it."""
    data = payload.dict()
    organisation = services.create_organisation(
        by=request.auth,
        city=city_from_slug(data.pop("city")),
        areas=areas_from_slugs(data.pop("areas")),
        **data,
    )
    return Status(201, _organisation_out(request.auth, organisation.pk))


@router.patch(
    "/organisations/{slug}",
    response={200: OrganisationEditOut, **ERRORS},
    auth=token_auth,
)
def update_organisation(
    request: ApiRequest, slug: str, payload: OrganisationPatch
) -> Organisation:
    """Change the fields sent; owners and editors may. A verified
    organisation's new name, kind or website waits for its city's coordinators
    (``pending_changes``); the other fields change at once."""
    organisation = get_object_or_404(
        visible_organisations(viewer=request.auth), slug=slug
    )
    data = payload.dict(exclude_unset=True)
    if "city" in data:
        data["city"] = city_from_slug(data["city"])
    if "areas" in data:
        data["areas"] = areas_from_slugs(data["areas"])
    services.update_organisation(organisation=organisation, by=request.auth, **data)
    return _organisation_out(request.auth, organisation.pk)


# --- Opportunities ---------------------------------------------------------


@router.get(
    "/opportunities",
    response={200: list[OpportunityOut], **LIST_ERRORS},
    auth=optional_token_auth,
)
@paginate(Pagination)
def list_opportunities(
    request: PublicApiRequest,
    kind: Choice[OpportunityKind] | None = None,
    area: str = Query(
        "", description="Area slug; a top-level area includes its sub-areas."
    ),
    city: str = Query("", description="City slug of the organisation."),
    organisation: str = Query("", description="Organisation slug."),
    q: str = Query(
        "", max_length=200, description="Words in the title, summary or description."
    ),
) -> QuerySet[Opportunity]:
    """Opportunities, newest published first."""
    filters = OpportunityFilters(
        q=q, kind=kind or "", area=area, city=city, organisation=organisation
    )
    return search_opportunities(viewer=request.auth, filters=filters)


@router.get(
    "/opportunities/{id}",
    response={200: OpportunityOut, **READ_ERRORS},
    auth=optional_token_auth,
)
def get_opportunity(request: PublicApiRequest, id: PK) -> Opportunity:
    return get_object_or_404(
        visible_opportunities(viewer=request.auth).prefetch_related("areas"), pk=id
    )


@router.post(
    "/opportunities", response={201: OpportunityOut, **ERRORS}, auth=token_auth
)
def create_opportunity(
    request: ApiRequest, payload: OpportunityIn
) -> Status[Opportunity]:
    """Create a draft opportunity for one of your organisations."""
    data = payload.dict()
    slug = data.pop("organisation")
    organisation = visible_organisations(viewer=request.auth).filter(slug=slug).first()
    if organisation is None:
        raise field_error(
            "organisation",
            _("Unknown organisation: %(slug)s.") % {"slug": slug},
            code="unknown_organisation",
        )
    opportunity = services.create_opportunity(
        organisation=organisation,
        by=request.auth,
        areas=areas_from_slugs(data.pop("areas")),
        **data,
    )
    return Status(201, _opportunity_out(request.auth, opportunity.pk))


@router.patch(
    "/opportunities/{id}", response={200: OpportunityOut, **ERRORS}, auth=token_auth
)
def update_opportunity(
    request: ApiRequest, id: PK, payload: OpportunityPatch
) -> Opportunity:
    """Change the fields sent; a published opportunity stays published."""
    opportunity = get_object_or_404(visible_opportunities(viewer=request.auth), pk=id)
    data = payload.dict(exclude_unset=True)
    if "areas" in data:
        data["areas"] = areas_from_slugs(data["areas"])
    services.update_opportunity(opportunity=opportunity, by=request.auth, **data)
    return _opportunity_out(request.auth, opportunity.pk)


@router.post(
    "/opportunities/{id}/submit",
    response={200: OpportunityOut, **ERRORS},
    auth=token_auth,
)
def submit_opportunity(request: ApiRequest, id: PK) -> Opportunity:
    """Send a draft to the city's coordinator for review."""
    opportunity = get_object_or_404(visible_opportunities(viewer=request.auth), pk=id)
    services.submit_opportunity(opportunity=opportunity, by=request.auth)
    return _opportunity_out(request.auth, opportunity.pk)
