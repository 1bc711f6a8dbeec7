"""Read endpoints for cities, partnerships and cooperation areas."""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from tandem.api.common import ErrorOut, SchemaErrorOut, Translated, translated
from tandem.partnerships.models import Area, City, Partnership
from tandem.partnerships.selectors import all_areas, all_cities

router = Router(tags=["partnerships"])


class CityOut(Schema):
    slug: str
    name: Translated
    country: str
    languages: list[str]
    time_zone: str

    @staticmethod
    def resolve_name(obj: City) -> dict[str, str]:
        return translated(obj, "name")


class CityRef(Schema):
    slug: str
    name: Translated

    @staticmethod
    def resolve_name(obj: City) -> dict[str, str]:
        return translated(obj, "name")


class AreaOut(Schema):
    slug: str
    name: Translated
    parent: str | None = Field(None, description="Slug of the parent area.")
    position: int

    @staticmethod
    def resolve_name(obj: Area) -> dict[str, str]:
        return translated(obj, "name")

    @staticmethod
    def resolve_parent(obj: Area) -> str | None:
        return obj.parent.slug if obj.parent else None


class PartnershipOut(Schema):
    slug: str
    city_a: CityRef
    city_b: CityRef
    kind: str
    signed_on: datetime.date
    signing_method: str
    agreement_summary: Translated
    focus_areas: list[str] = Field(..., description="Slugs of the focus areas.")
    status: str

    @staticmethod
    def resolve_agreement_summary(obj: Partnership) -> dict[str, str]:
        return translated(obj, "agreement_summary")

    @staticmethod
    def resolve_focus_areas(obj: Partnership) -> list[str]:
        return [area.slug for area in obj.focus_areas.all()]


# These lists are short reference tables (two cities, a few dozen areas): they
# are returned whole, not paginated.


@router.get("/cities", response={200: list[CityOut], 429: ErrorOut})
def list_cities(request: HttpRequest) -> QuerySet[City]:
    return all_cities()


@router.get(
    "/cities/{slug}",
    response={200: CityOut, 404: ErrorOut, 422: SchemaErrorOut, 429: ErrorOut},
)
def get_city(request: HttpRequest, slug: str) -> City:
    return get_object_or_404(all_cities(), slug=slug)


@router.get("/partnerships", response={200: list[PartnershipOut], 429: ErrorOut})
def list_partnerships(request: HttpRequest) -> QuerySet[Partnership]:
    return (
        Partnership.objects.select_related("city_a", "city_b")
        .prefetch_related("focus_areas")
        .order_by("signed_on", "pk")
    )


@router.get("/areas", response={200: list[AreaOut], 429: ErrorOut})
def list_areas(request: HttpRequest) -> QuerySet[Area]:
    """Every area, top-level areas and their sub-areas, with the parent's slug."""
    return all_areas()
