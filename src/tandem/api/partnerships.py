"""Read endpoints for cities, partnerships and cooperation areas."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from tandem.api.schemas import AreaOut, CityOut, PartnershipOut
from tandem.partnerships.models import Area, City, Partnership
from tandem.partnerships.selectors import all_areas, all_cities

router = Router(tags=["partnerships"])

# These lists are short reference tables (two cities, a few dozen areas): they
# are returned whole, not paginated.


@router.get("/cities", response=list[CityOut])
def list_cities(request: HttpRequest) -> QuerySet[City]:
    return all_cities()


@router.get("/cities/{slug}", response=CityOut)
def get_city(request: HttpRequest, slug: str) -> City:
    return get_object_or_404(all_cities(), slug=slug)


@router.get("/partnerships", response=list[PartnershipOut])
def list_partnerships(request: HttpRequest) -> QuerySet[Partnership]:
    return (
        Partnership.objects.select_related("city_a", "city_b")
        .prefetch_related("focus_areas")
        .order_by("signed_on", "pk")
    )


@router.get("/areas", response=list[AreaOut])
def list_areas(request: HttpRequest) -> QuerySet[Area]:
    """Every area, top-level areas and their sub-areas, with the parent's slug."""
    return all_areas()
