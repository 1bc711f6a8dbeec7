import pytest
from django.core.cache import cache

from tandem.matching import services
from tandem.partnerships.models import Area
from tests.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The "being prepared" page queues its task at most every few minutes.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def areas(db):
    return {area.slug: area for area in Area.objects.all()}


@pytest.fixture
def farm_sensors(partnership, dortmund_city, areas):
    """A Dortmund agritech start-up, writing in German."""
    org = OrganisationFactory(
        name="Feldsensor",
        slug="feldsensor",
        city=dortmund_city,
        kind="startup",
        language="de",
        description=(
            "Wir entwickeln Sensoren für Bodenfeuchte in der Landwirtschaft. "
            "Unsere Geräte helfen Gemüsebetrieben beim Bewässern."
        ),
    )
    org.areas.set([areas["agritech"]])
    return org


def make_cluj(slug, description, *, city, areas=(), kind="agricultural", **extra):
    org = OrganisationFactory(
        name=slug.replace("-", " ").title(),
        slug=slug,
        city=city,
        kind=kind,
        language="ro",
        description=description,
        **extra,
    )
    org.areas.set(areas)
    return org


def encode_all():
    return services.encode_missing()
