import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from tandem.middleware import ReaderTimeZoneMiddleware
from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OrganisationFactory,
)


def zone_seen_by(user, language: str = "en") -> str:
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse()

    request = RequestFactory().get(f"/{language}/")
    request.user = user
    from django.utils import translation

    with translation.override(language):
        ReaderTimeZoneMiddleware(view)(request)
    return seen["zone"]


@pytest.mark.django_db
def test_member_sees_times_in_their_organisations_city(cluj_city, dortmund_city):
    membership = MembershipFactory(organisation=OrganisationFactory(city=cluj_city))
    assert zone_seen_by(membership.user, "de") == "Europe/Bucharest"


@pytest.mark.django_db
def test_coordinator_sees_times_in_the_city_they_coordinate(cluj_city):
    coordinator = CoordinatorRoleFactory(city=cluj_city).user
    assert zone_seen_by(coordinator, "en") == "Europe/Bucharest"


def test_anonymous_reader_sees_times_of_their_languages_city():
    from django.contrib.auth.models import AnonymousUser

    assert zone_seen_by(AnonymousUser(), "ro") == "Europe/Bucharest"
    assert zone_seen_by(AnonymousUser(), "de") == "Europe/Berlin"
