from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tandem.errors import field_error
from tandem.partnerships.models import Area, City, Partnership


def main_partnership() -> Partnership | None:
    """The partnership this Tandem site serves: the first active one."""
    return (
        Partnership.objects.filter(status=Partnership.Status.ACTIVE)
        .select_related("city_a", "city_b")
        .order_by("signed_on", "pk")
        .first()
    )


def partner_cities(*, city: City) -> QuerySet[City]:
    """Cities in an active partnership with ``city``."""
    active = Partnership.objects.filter(status=Partnership.Status.ACTIVE)
    ids = set(active.filter(city_a=city).values_list("city_b", flat=True))
    ids |= set(active.filter(city_b=city).values_list("city_a", flat=True))
    return City.objects.filter(pk__in=ids)


def all_cities() -> QuerySet[City]:
    return City.objects.order_by("slug")


def area_tree() -> QuerySet[Area]:
    """Top-level areas with their children prefetched, in display order."""
    return (
        Area.objects.filter(parent__isnull=True)
        .prefetch_related("children")
        .order_by("position", "slug")
    )


def all_areas() -> QuerySet[Area]:
    return Area.objects.select_related("parent").order_by("position", "slug")


def areas_from_slugs(slugs: Iterable[str]) -> list[Area]:
    """The areas of ``slugs``; raises ValidationError (``unknown_area`` on
    ``areas``) naming those that do not exist."""
    slugs = list(dict.fromkeys(slugs))
    areas = list(Area.objects.filter(slug__in=slugs))
    unknown = sorted(set(slugs) - {area.slug for area in areas})
    if unknown:
        raise field_error(
            "areas",
            _("Unknown areas: %(slugs)s.") % {"slugs": ", ".join(unknown)},
            code="unknown_area",
        )
    return areas


def city_from_slug(slug: str) -> City:
    """Raises ValidationError (``unknown_city`` on ``city``)."""
    try:
        return City.objects.get(slug=slug)
    except City.DoesNotExist:
        raise field_error(
            "city",
            _("Unknown city: %(slug)s.") % {"slug": slug},
            code="unknown_city",
        ) from None
