from dataclasses import dataclass
from typing import Any

import pytest

from tandem.accounts.models import Membership
from tandem.collaboration import services
from tandem.directory.models import Organisation
from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


@dataclass
class World:
    """A Dortmund sender and a Cluj-Napoca recipient with people in every role."""

    sender: Organisation
    recipient: Organisation
    other: Organisation
    sender_owner: Any
    sender_editor: Any
    sender_viewer: Any
    recipient_owner: Any
    recipient_editor: Any
    recipient_viewer: Any
    other_member: Any
    dortmund_coordinator: Any
    cluj_coordinator: Any


def member(organisation: Organisation, role: str) -> Any:
    return MembershipFactory(organisation=organisation, role=role).user


@pytest.fixture
def world(partnership, dortmund_city, cluj_city) -> World:
    sender = OrganisationFactory(city=dortmund_city, name="Sensorik Dortmund")
    recipient = OrganisationFactory(city=cluj_city, name="Agro Cluj", language="ro")
    other = OrganisationFactory(city=cluj_city, name="Other Cluj")
    return World(
        sender=sender,
        recipient=recipient,
        other=other,
        sender_owner=member(sender, Membership.Role.OWNER),
        sender_editor=member(sender, Membership.Role.EDITOR),
        sender_viewer=member(sender, Membership.Role.VIEWER),
        recipient_owner=member(recipient, Membership.Role.OWNER),
        recipient_editor=member(recipient, Membership.Role.EDITOR),
        recipient_viewer=member(recipient, Membership.Role.VIEWER),
        other_member=member(other, Membership.Role.OWNER),
        dortmund_coordinator=CoordinatorRoleFactory(city=dortmund_city).user,
        cluj_coordinator=CoordinatorRoleFactory(city=cluj_city).user,
    )


@pytest.fixture
def notified(monkeypatch) -> list[dict[str, Any]]:
    """Records the calls to notify() instead of storing notifications."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(services, "_notify", lambda **kwargs: calls.append(kwargs))
    return calls


@pytest.fixture
def contact(world, notified):
    return services.request_contact(
        sender=world.sender,
        recipient=world.recipient,
        message="Wir suchen Pilotbetriebe.",
        by=world.sender_owner,
    )


@pytest.fixture
def conversation(world, contact):
    services.answer_request(
        contact_request=contact, by=world.recipient_owner, accept=True
    )
    contact.refresh_from_db()
    return contact.conversation


def another_recipient(world: World, **kwargs: Any) -> Organisation:
    return OrganisationFactory(city=world.recipient.city, **kwargs)


def user() -> Any:
    return UserFactory()
