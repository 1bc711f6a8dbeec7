import pytest

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Sensorik GmbH")


@pytest.fixture
def member_de(org):
    user = UserFactory(preferred_language="de")
    MembershipFactory(user=user, organisation=org)
    return user


@pytest.fixture
def member_ro(org):
    user = UserFactory(preferred_language="ro")
    MembershipFactory(user=user, organisation=org, role="viewer")
    return user
