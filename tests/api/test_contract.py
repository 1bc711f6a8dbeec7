"""The API keeps its OpenAPI contract: schemathesis generates requests for every
operation of the document and sends each to the live server three times, as
the public, as a member and as an event's organiser. No answer may be a server
error, every answer's status must be one the document declares for the
operation, and its body must match the schema declared for that status.

Deterministic (``derandomize``) and kept short (few examples per operation), so
that it runs in ``./run test`` on SQLite and on PostgreSQL.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tandem.accounts.services import create_api_token
from tandem.api.api import api
from tandem.directory.models import Organisation
from tests.factories import (
    AllowedOrganiserFactory,
    ContactRequestFactory,
    EventFactory,
    MeetingFactory,
    MembershipFactory,
    MessageFactory,
    MilestoneFactory,
    NotificationFactory,
    OpportunityFactory,
    OrganisationFactory,
    OutcomeFactory,
    ProjectFactory,
    ProjectPartnerFactory,
    RegistrationFactory,
    SessionFactory,
    cluj,
    dortmund,
)

# Ids start at 1 in every test, where the generated ids most often are.
pytestmark = pytest.mark.django_db(transaction=True, reset_sequences=True)

# The public calls without a token (no made-up Authorization header). The
# coverage phase (every boundary and wrong type of every field) finds the most
# and takes minutes: TANDEM_CONTRACT_COVERAGE=1 runs it.
CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {"with-security-parameters": False},
        "phases": {
            "coverage": {"enabled": bool(os.environ.get("TANDEM_CONTRACT_COVERAGE"))}
        },
    }
)

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@dataclass(frozen=True)
class Callers:
    """The headers of each caller: the public, a member, an organiser."""

    anonymous: dict[str, str]
    member: dict[str, str]
    organiser: dict[str, str]


def _bearer(user: object) -> dict[str, str]:
    _token, key = create_api_token(by=user, name="Contract")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def callers() -> Callers:
    """A small partnership with a row of every kind the API shows."""
    dortmund_city, cluj_city = dortmund(), cluj()
    member_org = OrganisationFactory(city=dortmund_city, name="Sensorik Dortmund")
    partner_org = OrganisationFactory(city=cluj_city, name="Agro Cluj", language="ro")
    member = MembershipFactory(organisation=member_org).user
    MembershipFactory(organisation=partner_org)
    OrganisationFactory(city=cluj_city, verification=Organisation.Verification.PENDING)
    OpportunityFactory(organisation=member_org)
    OpportunityFactory(organisation=partner_org, language="ro")
    request = ContactRequestFactory(
        sender=member_org, recipient=partner_org, created_by=member
    )
    MessageFactory(
        conversation__contact_request=ContactRequestFactory(
            sender=member_org, recipient=partner_org, state="accepted"
        )
    )
    project = ProjectFactory(lead__organisation=member_org)
    ProjectPartnerFactory(project=project, organisation=partner_org)
    MilestoneFactory(project=project)
    OutcomeFactory(project=project)
    NotificationFactory(user=member, url=f"/en/contacts/requests/{request.pk}/")

    organiser_org = OrganisationFactory(city=dortmund_city, name="Wirtschaftsförderung")
    organiser = MembershipFactory(organisation=organiser_org).user
    AllowedOrganiserFactory(organisation=organiser_org)
    event = EventFactory(organiser=organiser_org)
    SessionFactory(event=event)
    RegistrationFactory(event=event, organisation=member_org, user=member)
    MeetingFactory(request__requester__event=event)
    return Callers(anonymous={}, member=_bearer(member), organiser=_bearer(organiser))


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as http:
        yield http


@schema.parametrize()
@settings(
    max_examples=3,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_keeps_its_contract(case, live_server, callers, session):
    for headers in (callers.anonymous, callers.member, callers.organiser):
        case.call_and_validate(
            base_url=live_server.url, session=session, headers=headers, checks=CHECKS
        )
