"""Plain factory_boy factories for Tandem's models."""

import factory
from django.utils import timezone

from tandem.accounts.models import CoordinatorRole, Membership, User
from tandem.directory.models import Opportunity, Organisation
from tandem.partnerships.models import City, Partnership


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery staple")


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"city-{n}")
    name_translations = factory.LazyAttribute(
        lambda o: dict.fromkeys(("de", "ro", "en"), o.slug.title())
    )
    country = "DE"
    languages = factory.LazyFunction(lambda: ["de"])
    time_zone = "Europe/Berlin"


def dortmund() -> City:
    return CityFactory(
        slug="dortmund",
        name_translations={"de": "Dortmund", "ro": "Dortmund", "en": "Dortmund"},
        country="DE",
        languages=["de"],
        time_zone="Europe/Berlin",
    )


def cluj() -> City:
    return CityFactory(
        slug="cluj-napoca",
        name_translations={
            "de": "Klausenburg",
            "ro": "Cluj-Napoca",
            "en": "Cluj-Napoca",
        },
        country="RO",
        languages=["ro"],
        time_zone="Europe/Bucharest",
    )


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    slug = factory.Sequence(lambda n: f"partnership-{n}")
    city_a = factory.LazyFunction(dortmund)
    city_b = factory.LazyFunction(cluj)
    kind = Partnership.Kind.PROJECT
    signed_on = factory.Faker("date_object")
    signing_method = Partnership.SigningMethod.VIDEO_CONFERENCE
    agreement_summary_translations = factory.LazyFunction(
        lambda: {
            "en": "Partnerships between the two ecosystems.",
            "de": "Partnerschaften zwischen beiden Ökosystemen.",
            "ro": "Parteneriate între cele două ecosisteme.",
        }
    )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = "startup"
    city = factory.LazyFunction(dortmund)
    description = "Wir entwickeln Sensoren für die Landwirtschaft."
    language = "de"
    verification = Organisation.Verification.VERIFIED
    visibility = Organisation.Visibility.PUBLIC


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.OWNER
    state = Membership.State.ACTIVE


class CoordinatorRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinatorRole

    user = factory.SubFactory(UserFactory)
    city = factory.LazyFunction(dortmund)


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "technology_offer"
    title = factory.Sequence(lambda n: f"Opportunity {n}")
    summary = "Sensoren für Bodenfeuchte."
    description = "Wir bieten Sensoren für Bodenfeuchte und suchen Pilotbetriebe."
    language = "de"
    status = Opportunity.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(
        lambda: timezone.now() + timezone.timedelta(days=365)
    )
