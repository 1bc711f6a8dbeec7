"""Request and response schemas of the directory's API."""

import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from tandem.api.common import Choice, Text, refuse_null
from tandem.directory.models import (
    DESCRIPTION_MAX_LENGTH,
    Opportunity,
    OpportunityKind,
    Organisation,
    OrganisationKind,
)
from tandem.partnerships.api import CityRef

Description = Annotated[Text, Field(max_length=DESCRIPTION_MAX_LENGTH)]

# --- Organisations ---------------------------------------------------------


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: Choice[OrganisationKind]
    city: CityRef
    areas: list[str] = Field(..., description="Slugs of the areas.")
    description: str
    language: str = Field(..., description="Language of the description.")
    description_translations: dict[str, str]
    languages_spoken: list[str]
    website: str
    size_band: str
    founded_year: int | None
    verification: Choice[Organisation.Verification]
    visibility: Choice[Organisation.Visibility]
    external_id: str | None
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_areas(obj: Organisation) -> list[str]:
        return [area.slug for area in obj.areas.all()]


class OrganisationEditOut(OrganisationOut):
    """An organisation as its editor sees it after a change."""

    pending_changes: dict[str, str] = Field(
        ...,
        description=(
            "A verified organisation's new name, kind or website, waiting for "
            "its city's coordinators: field -> proposed value. Until they "
            "approve, the organisation keeps its verified values."
        ),
    )


class OrganisationIn(Schema):
    model_config = ConfigDict(use_enum_values=True)

    name: Text
    kind: Choice[OrganisationKind]
    city: Text = Field(..., description="Slug of the city, e.g. dortmund.")
    description: Description
    language: Text = Field(
        ..., description="Language of the description: de, ro or en."
    )
    areas: list[Text] = Field(default_factory=list, description="Area slugs.")
    description_translations: dict[Text, Description] = Field(default_factory=dict)
    languages_spoken: list[Text] = Field(default_factory=list)
    website: Text = ""
    size_band: Text = ""
    founded_year: int | None = None
    visibility: Choice[Organisation.Visibility] = Organisation.Visibility.PUBLIC
    external_id: Text | None = None


class OrganisationPatch(Schema):
    """Only the fields sent change; ``null`` is refused where a value is required."""

    model_config = ConfigDict(use_enum_values=True)

    name: Text | None = None
    kind: Choice[OrganisationKind] | None = None
    city: Text | None = Field(None, description="Slug of the city.")
    description: Description | None = None
    language: Text | None = None
    areas: list[Text] | None = Field(
        None, description="Area slugs; replaces the areas."
    )
    description_translations: dict[Text, Description] | None = None
    languages_spoken: list[Text] | None = None
    website: Text | None = None
    size_band: Text | None = None
    founded_year: int | None = None
    visibility: Choice[Organisation.Visibility] | None = None
    external_id: Text | None = None

    refuse_null = field_validator(
        "name",
        "kind",
        "city",
        "description",
        "language",
        "areas",
        "description_translations",
        "languages_spoken",
        "website",
        "size_band",
        "visibility",
        mode="before",
    )(refuse_null)


# --- Opportunities ---------------------------------------------------------


class OrganisationRef(Schema):
    slug: str
    name: str
    city: str

    @staticmethod
    def resolve_city(obj: Organisation) -> str:
        return str(obj.city.slug)


class OpportunityOut(Schema):
    id: int
    organisation: OrganisationRef
    kind: Choice[OpportunityKind]
    title: str
    summary: str
    description: str
    language: str
    areas: list[str] = Field(..., description="Slugs of the areas.")
    partner_kinds: list[str]
    deadline: datetime.date | None
    status: Choice[Opportunity.Status]
    published_at: datetime.datetime | None
    expires_at: datetime.datetime | None
    external_id: str | None
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_areas(obj: Opportunity) -> list[str]:
        return [area.slug for area in obj.areas.all()]


class OpportunityIn(Schema):
    model_config = ConfigDict(use_enum_values=True)

    organisation: Text = Field(..., description="Slug of one of your organisations.")
    kind: Choice[OpportunityKind]
    title: Text
    summary: Text
    description: Description
    language: Text
    areas: list[Text] = Field(default_factory=list, description="Area slugs.")
    partner_kinds: list[Choice[OrganisationKind]] = Field(default_factory=list)
    deadline: datetime.date | None = None
    external_id: Text | None = None


class OpportunityPatch(Schema):
    model_config = ConfigDict(use_enum_values=True)

    kind: Choice[OpportunityKind] | None = None
    title: Text | None = None
    summary: Text | None = None
    description: Description | None = None
    language: Text | None = None
    areas: list[Text] | None = Field(
        None, description="Area slugs; replaces the areas."
    )
    partner_kinds: list[Choice[OrganisationKind]] | None = None
    deadline: datetime.date | None = None
    external_id: Text | None = None

    refuse_null = field_validator(
        "kind",
        "title",
        "summary",
        "description",
        "language",
        "areas",
        "partner_kinds",
        mode="before",
    )(refuse_null)
