import datetime

import pytest
from django.utils import timezone

from tandem.events import services
from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

TODAY = datetime.date(2030, 5, 14)


@pytest.fixture
def dortmund_org(partnership, dortmund_city):
    return OrganisationFactory(city=dortmund_city, name="Sensorik Dortmund")


@pytest.fixture
def cluj_org(partnership, cluj_city):
    return OrganisationFactory(city=cluj_city, name="Agro Cluj")


def make_event(*, by, partnership, city, **fields):
    values = {
        "title": "Matchmaking day Dortmund",
        "language": "en",
        "starts_on": TODAY,
        "ends_on": TODAY,
        "time_zone": "Europe/Berlin",
        "meeting_url_template": "https://meet.jit.si/tandem-{event}-{meeting}",
    }
    return services.create_event(
        by=by, partnership=partnership, city=city, **(values | fields)
    )


@pytest.fixture
def draft_event(partnership, dortmund_city, coordinator):
    return make_event(by=coordinator, partnership=partnership, city=dortmund_city)


@pytest.fixture
def event(draft_event, coordinator):
    """A published, self-booking event in Dortmund, registration open."""
    return services.publish_event(event=draft_event, by=coordinator)


@pytest.fixture
def session(event, coordinator):
    """Three 20-minute slots from 10:00 Dortmund time, with 2 tables."""
    return services.add_session(
        event=event,
        by=coordinator,
        title="Morning",
        date=TODAY,
        start_time=datetime.time(10, 0),
        slot_minutes=20,
        break_minutes=10,
        slot_count=3,
        tables=2,
    )


@pytest.fixture
def slots(session):
    return list(session.slots.order_by("starts_at"))


def participant(organisation):
    return MembershipFactory(organisation=organisation, role="viewer").user


@pytest.fixture
def anna(dortmund_org):
    return participant(dortmund_org)


@pytest.fixture
def bogdan(cluj_org):
    return participant(cluj_org)


@pytest.fixture
def anna_reg(event, anna, dortmund_org):
    return services.register(event=event, by=anna, organisation=dortmund_org)


@pytest.fixture
def bogdan_reg(event, bogdan, cluj_org):
    return services.register(event=event, by=bogdan, organisation=cluj_org)


@pytest.fixture
def accepted_request(anna_reg, bogdan_reg, anna, bogdan):
    request = services.request_meeting(requester=anna_reg, invitee=bogdan_reg, by=anna)
    return services.answer_meeting_request(request=request, accept=True, by=bogdan)


@pytest.fixture
def available(anna_reg, bogdan_reg, anna, bogdan, slots):
    """Both available in every slot."""
    services.set_availability(registration=anna_reg, slots=slots, by=anna)
    services.set_availability(registration=bogdan_reg, slots=slots, by=bogdan)


@pytest.fixture
def actors(dortmund_city, cluj_city, dortmund_org):
    """One user per row of the permission matrix."""
    return {
        "dortmund_coordinator": CoordinatorRoleFactory(city=dortmund_city).user,
        "cluj_coordinator": CoordinatorRoleFactory(city=cluj_city).user,
        "staff": UserFactory(is_staff=True),
        "member": MembershipFactory(organisation=dortmund_org, role="owner").user,
        "anonymous": None,
    }


def past(minutes: int = 60) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=minutes)
