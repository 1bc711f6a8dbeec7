import pytest

from tandem.projects import services
from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


@pytest.fixture
def lead_org(partnership, dortmund_city):
    return OrganisationFactory(city=dortmund_city, name="Sensorik Dortmund")


@pytest.fixture
def cluj_org(partnership, cluj_city):
    return OrganisationFactory(city=cluj_city, name="Agro Cluj")


@pytest.fixture
def lead_member(lead_org):
    return MembershipFactory(organisation=lead_org, role="editor").user


@pytest.fixture
def partner_member(cluj_org):
    return MembershipFactory(organisation=cluj_org, role="owner").user


@pytest.fixture
def project(lead_org, lead_member):
    return services.create_project(
        by=lead_member,
        organisation=lead_org,
        title="Soil sensors for Transylvanian farms",
        summary="Pilots of soil moisture sensors.",
        language="en",
    )


@pytest.fixture
def joint_project(project, cluj_org, lead_member, partner_member):
    """The project with the Cluj-Napoca organisation as an active partner."""
    partner = services.invite_partner(
        project=project, organisation=cluj_org, by=lead_member
    )
    services.answer_invitation(partner=partner, accept=True, by=partner_member)
    return project


@pytest.fixture
def actors(lead_org, cluj_org, dortmund_city, cluj_city):
    """One user per row of the permission matrix (the project must exist first)."""
    other_org = OrganisationFactory(city=dortmund_city)
    viewer = UserFactory()
    MembershipFactory(user=viewer, organisation=cluj_org, role="viewer")
    return {
        "lead_member": MembershipFactory(organisation=lead_org, role="owner").user,
        "partner_member": MembershipFactory(organisation=cluj_org, role="editor").user,
        "partner_viewer": viewer,
        "other_member": MembershipFactory(organisation=other_org, role="owner").user,
        "dortmund_coordinator": CoordinatorRoleFactory(city=dortmund_city).user,
        "cluj_coordinator": CoordinatorRoleFactory(city=cluj_city).user,
        "staff": UserFactory(is_staff=True),
        "anonymous": None,
    }
