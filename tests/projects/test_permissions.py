"""THE PERMISSION MATRIX: who may call which project service, who sees what.

Rows: lead member, partner member (editor), partner viewer, member of another
organisation, coordinator of either city, staff, anonymous.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from tandem.errors import PermissionDenied
from tandem.projects import services
from tandem.projects.models import Project
from tandem.projects.selectors import project_detail, visible_projects

pytestmark = pytest.mark.django_db

ACTORS = [
    "lead_member",
    "partner_member",
    "partner_viewer",
    "other_member",
    "dortmund_coordinator",
    "cluj_coordinator",
    "staff",
    "anonymous",
]
MANAGERS = {"lead_member", "staff"}
CONTRIBUTORS = {"lead_member", "partner_member", "staff"}


def _actor(actors, name):
    return actors[name] or AnonymousUser()


def _update(project, by):
    services.update_project(project=project, by=by, title="Changed")


def _status(project, by):
    services.change_status(project=project, status="preparing", by=by)


def _invite(project, by):
    from tests.factories import OrganisationFactory

    services.invite_partner(
        project=project,
        organisation=OrganisationFactory(city=project.partnership.city_b),
        by=by,
    )


def _milestone(project, by):
    services.add_milestone(
        project=project, by=by, title="M", due_on=datetime.date(2026, 1, 1)
    )


def _outcome(project, by):
    services.add_outcome(
        project=project, by=by, indicator="events_held", number=Decimal("1")
    )


WRITES = {
    "update_project": (_update, MANAGERS),
    "change_status": (_status, MANAGERS),
    "invite_partner": (_invite, MANAGERS),
    "add_milestone": (_milestone, CONTRIBUTORS),
    "add_outcome": (_outcome, CONTRIBUTORS),
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("write", sorted(WRITES))
def test_write_matrix(joint_project, actors, actor, write):
    run, allowed = WRITES[write]
    by = _actor(actors, actor)
    changes = joint_project.changes.count()
    if actor in allowed:
        run(joint_project, by)
        assert joint_project.changes.count() == changes + 1
    else:
        with pytest.raises(PermissionDenied):
            run(joint_project, by)
        assert joint_project.changes.count() == changes


@pytest.mark.parametrize("actor", ACTORS)
def test_create_matrix(lead_org, actors, actor):
    by = _actor(actors, actor)
    if actor in {"lead_member", "staff"}:
        services.create_project(
            by=by, organisation=lead_org, title="T", summary="S", language="de"
        )
        assert Project.objects.count() == 1
    else:
        with pytest.raises(PermissionDenied):
            services.create_project(
                by=by, organisation=lead_org, title="T", summary="S", language="de"
            )
        assert Project.objects.count() == 0


@pytest.mark.parametrize("actor", ACTORS)
def test_answer_invitation_matrix(project, cluj_org, lead_member, actors, actor):
    partner = services.invite_partner(
        project=project, organisation=cluj_org, by=lead_member
    )
    by = _actor(actors, actor)
    if actor in {"partner_member", "staff"}:
        services.answer_invitation(partner=partner, accept=True, by=by)
        partner.refresh_from_db()
        assert partner.state == "active"
    else:
        with pytest.raises(PermissionDenied):
            services.answer_invitation(partner=partner, accept=True, by=by)
        partner.refresh_from_db()
        assert partner.state == "invited"


# Who sees a partners-only project; everybody sees a public one.
SEES_PRIVATE = {
    "lead_member",
    "partner_member",
    "partner_viewer",
    "dortmund_coordinator",
    "cluj_coordinator",
    "staff",
}


@pytest.mark.parametrize("actor", ACTORS)
def test_partners_only_visibility_matrix(joint_project, lead_member, actors, actor):
    services.update_project(
        project=joint_project, by=lead_member, visibility="partners"
    )
    seen = visible_projects(viewer=_actor(actors, actor)).filter(pk=joint_project.pk)
    assert seen.exists() is (actor in SEES_PRIVATE)


@pytest.mark.parametrize("actor", ACTORS)
def test_public_project_is_seen_by_everybody(joint_project, actors, actor):
    project = project_detail(viewer=_actor(actors, actor), pk=joint_project.pk)
    assert project.pk == joint_project.pk


def test_coordinator_of_a_third_city_does_not_see_partners_only(
    joint_project, lead_member
):
    from tests.factories import CityFactory, CoordinatorRoleFactory

    services.update_project(
        project=joint_project, by=lead_member, visibility="partners"
    )
    outsider = CoordinatorRoleFactory(city=CityFactory(slug="cologne")).user
    assert not visible_projects(viewer=outsider).filter(pk=joint_project.pk).exists()


def test_invited_organisation_members_see_partners_only_project(
    project, cluj_org, lead_member, partner_member
):
    services.update_project(project=project, by=lead_member, visibility="partners")
    services.invite_partner(project=project, organisation=cluj_org, by=lead_member)
    assert visible_projects(viewer=partner_member).filter(pk=project.pk).exists()
