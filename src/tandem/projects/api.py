"""Joint projects in API v1: public reads, and writes for partners with a token.

Reads need no token; with one, partners also see their partners-only projects.
Writes go through ``tandem.projects.services``, which hold every rule.
"""

import datetime
from decimal import Decimal
from typing import Annotated

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.params import functions as param
from ninja.responses import Status
from pydantic import ConfigDict, field_validator

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
    Text,
    refuse_null,
)
from tandem.directory.selectors import visible_organisations
from tandem.errors import field_error
from tandem.partnerships.selectors import areas_from_slugs
from tandem.projects import services
from tandem.projects.models import (
    NOTE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Currency,
    FundingSource,
    Indicator,
    Milestone,
    Outcome,
    Project,
    ProjectPartner,
)
from tandem.projects.selectors import (
    ProjectFilters,
    contact_request_for,
    project_detail,
    search_projects,
    visible_projects,
)

router = Router(tags=["projects"])

Summary = Annotated[Text, Field(max_length=SUMMARY_MAX_LENGTH)]


class PartnerOut(Schema):
    organisation: str | None = Field(
        ..., description="Slug of the organisation; null for a former partner."
    )
    name: str
    city: str
    role: Choice[ProjectPartner.Role]
    state: Choice[ProjectPartner.State]
    former: bool

    @staticmethod
    def resolve_organisation(obj: ProjectPartner) -> str | None:
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_name(obj: ProjectPartner) -> str:
        return obj.organisation_name

    @staticmethod
    def resolve_city(obj: ProjectPartner) -> str:
        return str(obj.organisation_city.slug)

    @staticmethod
    def resolve_former(obj: ProjectPartner) -> bool:
        return obj.is_former


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: datetime.date
    done_on: datetime.date | None
    owner: str | None = Field(..., description="Name of the owner organisation.")

    @staticmethod
    def resolve_owner(obj: Milestone) -> str | None:
        return obj.owner.organisation_name if obj.owner else None


class OutcomeOut(Schema):
    id: int
    indicator: Choice[Indicator]
    number: Decimal
    unit: str
    note: str


class ProjectOut(Schema):
    id: int
    title: str
    summary: str
    language: str
    title_translations: dict[str, str]
    summary_translations: dict[str, str]
    areas: list[str] = Field(..., description="Slugs of the areas.")
    start_on: datetime.date | None
    end_on: datetime.date | None
    funding_source: str
    funding_amount: Decimal | None
    currency: Choice[Currency]
    status: Choice[Project.Status]
    visibility: Choice[Project.Visibility]
    partners: list[PartnerOut] = Field(
        ..., description="Active partners (and former ones)."
    )
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_areas(obj: Project) -> list[str]:
        return [area.slug for area in obj.areas.all()]

    @staticmethod
    def resolve_partners(obj: Project) -> list[ProjectPartner]:
        if hasattr(obj, "active_partners"):
            return list(obj.active_partners)
        return [p for p in obj.partners.all() if p.state == ProjectPartner.State.ACTIVE]


class ProjectDetailOut(ProjectOut):
    milestones: list[MilestoneOut]
    outcomes: list[OutcomeOut]

    @staticmethod
    def resolve_milestones(obj: Project) -> list[Milestone]:
        return list(obj.milestones.all())

    @staticmethod
    def resolve_outcomes(obj: Project) -> list[Outcome]:
        return list(obj.outcomes.all())


class ProjectIn(Schema):
    model_config = ConfigDict(use_enum_values=True)

    organisation: Text = Field(
        ..., description="Slug of your organisation that leads the project."
    )
    title: Text
    summary: Summary
    language: Text = Field(..., description="Language of title and summary.")
    areas: list[Text] = Field(default_factory=list, description="Area slugs.")
    title_translations: dict[Text, Text] = Field(default_factory=dict)
    summary_translations: dict[Text, Summary] = Field(default_factory=dict)
    start_on: datetime.date | None = None
    end_on: datetime.date | None = None
    funding_source: Choice[FundingSource] | None = None
    funding_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: Choice[Currency] = Currency.EUR
    visibility: Choice[Project.Visibility] = Project.Visibility.PUBLIC
    contact_request: int | None = Field(
        None, description="Id of an accepted contact request to start from."
    )


class ProjectPatch(Schema):
    """Only the fields sent change; ``status`` moves the project along."""

    model_config = ConfigDict(use_enum_values=True)

    title: Text | None = None
    summary: Summary | None = None
    language: Text | None = None
    areas: list[Text] | None = None
    title_translations: dict[Text, Text] | None = None
    summary_translations: dict[Text, Summary] | None = None
    start_on: datetime.date | None = None
    end_on: datetime.date | None = None
    funding_source: Choice[FundingSource] | None = None
    funding_amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    currency: Choice[Currency] | None = None
    visibility: Choice[Project.Visibility] | None = None
    status: Choice[Project.Status] | None = None

    refuse_null = field_validator(
        "title",
        "summary",
        "language",
        "areas",
        "title_translations",
        "summary_translations",
        "currency",
        "visibility",
        "status",
        mode="before",
    )(refuse_null)


class MilestoneIn(Schema):
    title: Text
    due_on: datetime.date
    done_on: datetime.date | None = None
    owner: Text | None = Field(
        None, description="Slug of an active partner organisation."
    )


class OutcomeIn(Schema):
    model_config = ConfigDict(use_enum_values=True)

    indicator: Choice[Indicator]
    number: Decimal = Field(..., ge=0, max_digits=14, decimal_places=2)
    unit: Text = ""
    note: Annotated[Text, Field(max_length=NOTE_MAX_LENGTH)] = ""


def _detail(viewer: Viewer, pk: int) -> Project:
    return project_detail(viewer=viewer, pk=pk)


@router.get(
    "/projects",
    response={200: list[ProjectOut], **LIST_ERRORS},
    auth=optional_token_auth,
)
@paginate(Pagination)
def list_projects(
    request: PublicApiRequest,
    area: str = param.Query(
        "", description="Area slug; a top-level area includes its sub-areas."
    ),
    status: Choice[Project.Status] | None = None,
    city: str = param.Query("", description="City slug of an active partner."),
    funding_source: Choice[FundingSource] | None = None,
) -> QuerySet[Project]:
    """Joint projects, newest first: public ones, and your partners-only ones."""
    filters = ProjectFilters(
        area=area,
        status=status or "",
        city=city,
        funding_source=funding_source or "",
    )
    return search_projects(viewer=request.auth, filters=filters)


@router.get(
    "/projects/{id}",
    response={200: ProjectDetailOut, **READ_ERRORS},
    auth=optional_token_auth,
)
def get_project(request: PublicApiRequest, id: PK) -> Project:
    return _detail(request.auth, id)


@router.post("/projects", response={201: ProjectDetailOut, **ERRORS}, auth=token_auth)
def create_project(request: ApiRequest, payload: ProjectIn) -> Status[Project]:
    """Start a project in the idea stage, led by one of your organisations."""
    data = payload.dict()
    slug = data.pop("organisation")
    organisation = visible_organisations(viewer=request.auth).filter(slug=slug).first()
    if organisation is None:
        raise field_error(
            "organisation",
            _("Unknown organisation: %(slug)s.") % {"slug": slug},
            code="unknown_organisation",
        )
    contact = None
    if (contact_pk := data.pop("contact_request")) is not None:
        contact = contact_request_for(viewer=request.auth, pk=contact_pk)
        if contact is None:
            raise field_error(
                "contact_request",
                _("No accepted contact request with this id."),
                code="unknown_contact_request",
            )
    data["funding_source"] = data["funding_source"] or ""
    project = services.create_project(
        by=request.auth,
        organisation=organisation,
        areas=areas_from_slugs(data.pop("areas")),
        contact_request=contact,
        **data,
    )
    return Status(201, _detail(request.auth, project.pk))


@router.patch(
    "/projects/{id}", response={200: ProjectDetailOut, **ERRORS}, auth=token_auth
)
def update_project(request: ApiRequest, id: PK, payload: ProjectPatch) -> Project:
    """Change the fields sent; lead members only."""
    project = get_object_or_404(visible_projects(viewer=request.auth), pk=id)
    data = payload.dict(exclude_unset=True)
    status = data.pop("status", None)
    if "areas" in data:
        data["areas"] = areas_from_slugs(data["areas"])
    if "funding_source" in data:
        data["funding_source"] = data["funding_source"] or ""
    if data:
        services.update_project(project=project, by=request.auth, **data)
    if status is not None and status != project.status:
        services.change_status(project=project, status=status, by=request.auth)
    return _detail(request.auth, project.pk)


@router.post(
    "/projects/{id}/milestones",
    response={201: MilestoneOut, **ERRORS},
    auth=token_auth,
)
def add_milestone(
    request: ApiRequest, id: PK, payload: MilestoneIn
) -> Status[Milestone]:
    """Add a milestone; owners and editors of active partners."""
    project = get_object_or_404(visible_projects(viewer=request.auth), pk=id)
    data = payload.dict()
    owner = None
    if slug := data.pop("owner"):
        owner = project.partners.filter(
            organisation__slug=slug, state=ProjectPartner.State.ACTIVE
        ).first()
        if owner is None:
            raise field_error(
                "owner",
                _("No active partner with this slug: %(slug)s.") % {"slug": slug},
                code="invalid_owner",
            )
    milestone = services.add_milestone(
        project=project, by=request.auth, owner=owner, **data
    )
    return Status(201, milestone)


@router.delete(
    "/projects/{id}/milestones/{mid}", response={204: None, **ERRORS}, auth=token_auth
)
def delete_milestone(request: ApiRequest, id: PK, mid: PK) -> Status[None]:
    """Delete a milestone; owners and editors of active partners."""
    project = get_object_or_404(visible_projects(viewer=request.auth), pk=id)
    milestone = get_object_or_404(project.milestones.all(), pk=mid)
    services.delete_milestone(milestone=milestone, by=request.auth)
    return Status(204, None)


@router.post(
    "/projects/{id}/outcomes", response={201: OutcomeOut, **ERRORS}, auth=token_auth
)
def add_outcome(request: ApiRequest, id: PK, payload: OutcomeIn) -> Status[Outcome]:
    """Report an outcome; owners and editors of active partners."""
    project = get_object_or_404(visible_projects(viewer=request.auth), pk=id)
    outcome = services.add_outcome(project=project, by=request.auth, **payload.dict())
    return Status(201, outcome)


@router.delete(
    "/projects/{id}/outcomes/{oid}", response={204: None, **ERRORS}, auth=token_auth
)
def delete_outcome(request: ApiRequest, id: PK, oid: PK) -> Status[None]:
    """Delete an outcome; owners and editors of active partners."""
    project = get_object_or_404(visible_projects(viewer=request.auth), pk=id)
    outcome = get_object_or_404(project.outcomes.all(), pk=oid)
    services.delete_outcome(outcome=outcome, by=request.auth)
    return Status(204, None)
