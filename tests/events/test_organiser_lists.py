"""The organisers' lists make as many queries for three rows as for one."""

import pytest
from django.urls import reverse
from django.utils import translation

from tandem.events.models import PlanRun
from tests.events.test_api import BASE, auth
from tests.factories import (
    AllowedOrganiserFactory,
    EventFactory,
    MeetingFactory,
    MeetingRequestFactory,
    OrganisationFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def event(partnership):
    return EventFactory(partnership=partnership)


@pytest.fixture
def slots(event):
    return list(SessionFactory(event=event, slot_count=3).slots.all())


@pytest.fixture
def add_registration(event):
    """A participant from each partner city in turn, with a meeting each."""

    def add():
        registration = RegistrationFactory(event=event)
        other = RegistrationFactory(
            event=event,
            organisation=OrganisationFactory(city=event.partnership.city_a),
        )
        MeetingFactory(
            request=MeetingRequestFactory(requester=registration, invitee=other)
        )

    return add


@pytest.fixture
def add_meeting(event, slots):
    """A meeting in each slot in turn, at a table."""

    def add():
        request = MeetingRequestFactory(
            requester=RegistrationFactory(event=event),
            invitee=RegistrationFactory(event=event),
        )
        count = event.meetings.count()
        MeetingFactory(request=request, slot=slots[count % 3], table=count // 3 + 1)

    return add


def test_the_coordinators_organisers_page(client, coordinator, dortmund_city):
    def add_permit():
        permit = AllowedOrganiserFactory(
            organisation=OrganisationFactory(city=dortmund_city), allowed_by=coordinator
        )
        EventFactory(organiser=permit.organisation)
        OrganisationFactory(city=dortmund_city)  # a candidate

    client.force_login(coordinator)

    assert_constant_queries(add_permit, lambda: client.get(_url("events:organisers")))


def test_the_api_list_of_registrations(client, coordinator, event, add_registration):
    headers = auth(coordinator)
    url = f"{BASE}/events/{event.pk}/registrations"
    client.get(url, **headers)  # the token's first use is written down

    assert_constant_queries(add_registration, lambda: client.get(url, **headers))
    assert client.get(url, **headers).json()["count"] == 6


def test_the_api_list_of_meetings(client, coordinator, event, add_meeting):
    headers = auth(coordinator)
    url = f"{BASE}/events/{event.pk}/meetings"
    client.get(url, **headers)  # the token's first use is written down

    assert_constant_queries(add_meeting, lambda: client.get(url, **headers))
    assert client.get(url, **headers).json()["count"] == 3


def test_the_manage_page(client, coordinator, event, slots, add_registration):
    client.force_login(coordinator)
    url = _url("events:event_manage", event.pk)

    assert_constant_queries(add_registration, lambda: client.get(url))
    assert len(client.get(url).context["registrations"]) == 6


def test_the_registrations_spreadsheet(client, coordinator, event, add_registration):
    client.force_login(coordinator)
    url = _url("events:registrations_download", event.pk)

    assert_constant_queries(add_registration, lambda: client.get(url))
    assert client.get(url).content.decode().count("\n") == 7


# Not called "page": that is Playwright's fixture, which makes a test a browser test.
@pytest.mark.parametrize("name", ["events:print_agendas", "events:print_tables"])
def test_the_printed_agendas_and_tables(client, coordinator, event, add_meeting, name):
    client.force_login(coordinator)
    url = _url(name, event.pk)

    assert_constant_queries(add_meeting, lambda: client.get(url))
    assert client.get(url).context["meetings"] == 3


def test_the_plan_page_with_its_runs(client, coordinator, event):
    def add_run():
        PlanRun.objects.create(
            event=event, based_on_version=0, requested_by=coordinator
        )

    client.force_login(coordinator)
    url = _url("events:plan", event.pk)

    assert_constant_queries(add_run, lambda: client.get(url))
    assert len(client.get(url).context["runs"]) == 3
