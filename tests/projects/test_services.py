import datetime
import types
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tandem.errors import PermissionDenied
from tandem.notifications.models import Notification
from tandem.projects import services
from tandem.projects.models import Project, ProjectChange, ProjectPartner
from tests.factories import AreaFactory, MembershipFactory, OrganisationFactory, cluj
from tests.helpers import error_codes, field_codes

Status = Project.Status
State = ProjectPartner.State
pytestmark = pytest.mark.django_db


def test_create_project_makes_the_organisation_lead(project, lead_org, lead_member):
    partner = project.partners.get()
    assert (partner.organisation, partner.role, partner.state) == (
        lead_org,
        "lead",
        "active",
    )
    assert project.status == Status.IDEA
    assert project.created_by == lead_member
    assert list(project.changes.values_list("what", flat=True)) == ["created"]


def test_create_project_needs_owner_or_editor(lead_org):
    viewer = MembershipFactory(organisation=lead_org, role="viewer").user
    with pytest.raises(PermissionDenied):
        services.create_project(
            by=viewer, organisation=lead_org, title="T", summary="S", language="de"
        )
    assert Project.objects.count() == 0


def test_create_project_refuses_end_before_start(lead_org, lead_member):
    with pytest.raises(ValidationError) as exc:
        services.create_project(
            by=lead_member,
            organisation=lead_org,
            title="T",
            summary="S",
            language="de",
            start_on=datetime.date(2026, 5, 1),
            end_on=datetime.date(2026, 4, 30),
        )
    assert list(field_codes(exc)) == ["end_on"]
    assert error_codes(exc) == ["end_before_start"]


def test_database_refuses_end_before_start(project):
    from django.db import IntegrityError

    project.start_on = datetime.date(2026, 5, 1)
    project.end_on = datetime.date(2026, 4, 1)
    with pytest.raises(IntegrityError):
        project.save()


def test_create_project_keeps_translations_but_not_its_own_language(
    lead_org, lead_member
):
    project = services.create_project(
        by=lead_member,
        organisation=lead_org,
        title="Bodensensoren",
        summary="Pilotprojekte",
        language="de",
        title_translations={"de": "x", "ro": " Senzori de sol ", "en": ""},
    )
    assert project.title_translations == {"ro": "Senzori de sol"}


def test_create_project_from_accepted_contact_makes_both_active(
    lead_org, cluj_org, lead_member
):
    contact = types.SimpleNamespace(
        pk=7,
        state="accepted",
        sender_id=lead_org.pk,
        recipient_id=cluj_org.pk,
        sender=lead_org,
        recipient=cluj_org,
    )
    project = services.create_project(
        by=lead_member,
        organisation=lead_org,
        title="T",
        summary="S",
        language="en",
        contact_request=contact,
    )
    rows = {(p.organisation_id, p.role, p.state) for p in project.partners.all()}
    assert rows == {(lead_org.pk, "lead", "active"), (cluj_org.pk, "partner", "active")}


def test_create_project_from_pending_contact_is_refused(
    lead_org, cluj_org, lead_member
):
    contact = types.SimpleNamespace(
        pk=7,
        state="pending",
        sender_id=cluj_org.pk,
        recipient_id=lead_org.pk,
        sender=cluj_org,
        recipient=lead_org,
    )
    with pytest.raises(ValidationError) as exc:
        services.create_project(
            by=lead_member,
            organisation=lead_org,
            title="T",
            summary="S",
            language="en",
            contact_request=contact,
        )
    assert error_codes(exc) == ["contact_not_accepted"]


def test_update_project_records_before_and_after(project, lead_member):
    services.update_project(
        project=project,
        by=lead_member,
        title="New title",
        funding_source="interreg",
        funding_amount=Decimal("250000"),
    )
    change = project.changes.get(what="updated")
    assert change.before == {
        "title": "Soil sensors for Transylvanian farms",
        "funding_source": "",
        "funding_amount": None,
    }
    assert change.after == {
        "title": "New title",
        "funding_source": "interreg",
        "funding_amount": "250000",
    }
    assert change.by == lead_member


def test_update_project_needs_funding_source_for_an_amount(project, lead_member):
    with pytest.raises(ValidationError) as exc:
        services.update_project(
            project=project, by=lead_member, funding_amount=Decimal("10")
        )
    assert error_codes(exc) == ["funding_source_missing"]


def test_refused_project_update_leaves_the_project_as_it_was(project, lead_member):
    with pytest.raises(ValidationError) as exc:
        services.update_project(
            project=project, by=lead_member, title="x" * 201, currency="RON"
        )

    assert list(field_codes(exc)) == ["title"]
    assert (project.title, project.currency) == (
        "Soil sensors for Transylvanian farms",
        "EUR",
    )
    assert list(project.changes.values_list("what", flat=True)) == ["created"]


def test_update_project_areas_recorded_as_slugs(project, lead_member, partnership):
    areas = [
        AreaFactory(slug="agri"),
        AreaFactory(slug="bio"),
    ]

    services.update_project(project=project, by=lead_member, areas=iter(areas))

    assert sorted(project.areas.values_list("slug", flat=True)) == ["agri", "bio"]
    change = project.changes.get(what="updated")
    assert (change.before, change.after) == ({"areas": []}, {"areas": ["agri", "bio"]})


def test_update_project_without_a_change_records_nothing(project, lead_member):
    services.update_project(project=project, by=lead_member, title=project.title)

    assert list(project.changes.values_list("what", flat=True)) == ["created"]


def test_invite_partner_creates_an_invitation_and_notifies(
    project, cluj_org, lead_member, partner_member
):
    partner = services.invite_partner(
        project=project, organisation=cluj_org, by=lead_member
    )

    assert (partner.state, partner.role, partner.invited_by) == (
        "invited",
        "partner",
        lead_member,
    )
    notification = Notification.objects.get(user=partner_member)
    assert (notification.kind, notification.params, notification.url) == (
        "project_invitation",
        {
            "project": project.title,
            "organisation": cluj_org.name,
            "by_organisation": "Sensorik Dortmund",
            "project_id": project.pk,
        },
        project.get_absolute_url(),
    )
    assert not Notification.objects.filter(user=lead_member).exists()


def test_invite_partner_refuses_a_city_outside_the_partnership(project, lead_member):
    from tests.factories import CityFactory

    elsewhere = OrganisationFactory(city=CityFactory(slug="cologne"))
    with pytest.raises(ValidationError) as exc:
        services.invite_partner(project=project, organisation=elsewhere, by=lead_member)
    assert error_codes(exc) == ["outside_partnership"]


def test_invite_partner_twice_is_refused(project, cluj_org, lead_member):
    services.invite_partner(project=project, organisation=cluj_org, by=lead_member)
    with pytest.raises(ValidationError) as exc:
        services.invite_partner(project=project, organisation=cluj_org, by=lead_member)
    assert error_codes(exc) == ["already_partner"]


def test_invite_partner_refuses_the_lead_role(project, cluj_org, lead_member):
    with pytest.raises(ValidationError) as exc:
        services.invite_partner(
            project=project, organisation=cluj_org, by=lead_member, role="lead"
        )
    assert error_codes(exc) == ["invalid_role"]


def test_declined_organisation_can_be_invited_again(
    project, cluj_org, lead_member, partner_member
):
    partner = services.invite_partner(
        project=project, organisation=cluj_org, by=lead_member
    )
    services.answer_invitation(partner=partner, accept=False, by=partner_member)
    again = services.invite_partner(
        project=project, organisation=cluj_org, by=lead_member
    )
    assert (again.pk, again.state) == (partner.pk, "invited")


def test_answer_invitation_accepts(project, cluj_org, lead_member, partner_member):
    partner = services.invite_partner(
        project=project, organisation=cluj_org, by=lead_member
    )
    services.answer_invitation(partner=partner, accept=True, by=partner_member)
    partner.refresh_from_db()
    assert partner.state == State.ACTIVE
    assert partner.answered_at is not None


def test_answer_invitation_twice_keeps_the_first_answer(
    project, cluj_org, lead_member, partner_member
):
    partner = services.invite_partner(
        project=project, organisation=cluj_org, by=lead_member
    )
    stale = ProjectPartner.objects.get(pk=partner.pk)
    services.answer_invitation(partner=partner, accept=True, by=partner_member)
    with pytest.raises(ValidationError) as exc:
        services.answer_invitation(partner=stale, accept=False, by=partner_member)
    assert error_codes(exc) == ["already_answered"]
    partner.refresh_from_db()
    assert partner.state == State.ACTIVE


def test_answer_invitation_needs_the_invited_organisation(
    project, cluj_org, lead_member
):
    partner = services.invite_partner(
        project=project, organisation=cluj_org, by=lead_member
    )
    with pytest.raises(PermissionDenied):
        services.answer_invitation(partner=partner, accept=True, by=lead_member)


def test_leave_project(joint_project, cluj_org, partner_member):
    partner = joint_project.partners.get(organisation=cluj_org)
    services.leave_project(partner=partner, by=partner_member)
    partner.refresh_from_db()
    assert partner.state == State.LEFT


def test_lead_cannot_leave(project, lead_member):
    lead = project.partners.get()
    with pytest.raises(ValidationError) as exc:
        services.leave_project(partner=lead, by=lead_member)
    assert error_codes(exc) == ["lead_cannot_leave"]


def test_leaving_the_idea_stage_needs_both_cities(project, lead_member):
    with pytest.raises(ValidationError) as exc:
        services.change_status(project=project, status="preparing", by=lead_member)
    assert error_codes(exc) == ["needs_both_cities"]
    project.refresh_from_db()
    assert project.status == Status.IDEA


def test_an_invited_partner_does_not_count_for_both_cities(
    project, cluj_org, lead_member
):
    services.invite_partner(project=project, organisation=cluj_org, by=lead_member)
    with pytest.raises(ValidationError) as exc:
        services.change_status(project=project, status="preparing", by=lead_member)
    assert error_codes(exc) == ["needs_both_cities"]


def test_a_project_with_both_cities_moves_to_preparing(joint_project, lead_member):
    services.change_status(project=joint_project, status="preparing", by=lead_member)
    joint_project.refresh_from_db()
    assert joint_project.status == Status.PREPARING
    change = joint_project.changes.get(what="status_changed")
    assert (change.before, change.after) == (
        {"status": "idea"},
        {"status": "preparing"},
    )


def test_an_idea_can_be_stopped_without_partners(project, lead_member):
    services.change_status(project=project, status="stopped", by=lead_member)
    project.refresh_from_db()
    assert project.status == Status.STOPPED


@pytest.mark.parametrize(
    ("path", "target"),
    [
        (["preparing"], "completed"),
        (["preparing", "running", "completed"], "running"),
        ([], "running"),
        (["stopped"], "idea"),
    ],
)
def test_transitions_outside_the_lifecycle_are_refused(
    joint_project, lead_member, path, target
):
    for status in path:
        services.change_status(project=joint_project, status=status, by=lead_member)
    with pytest.raises(ValidationError) as exc:
        services.change_status(project=joint_project, status=target, by=lead_member)
    assert error_codes(exc) == ["invalid_transition"]


def test_the_whole_lifecycle(joint_project, lead_member):
    for status in ("preparing", "running", "completed"):
        services.change_status(project=joint_project, status=status, by=lead_member)
    joint_project.refresh_from_db()
    assert joint_project.status == Status.COMPLETED


def test_former_partner_is_kept_after_the_organisation_is_deleted(
    joint_project, cluj_org
):
    cluj_org.delete()
    partner = joint_project.partners.get(role="partner")
    assert partner.organisation is None
    assert partner.is_former
    assert (partner.organisation_name, partner.organisation_city.slug) == (
        "Agro Cluj",
        "cluj-napoca",
    )
    assert ProjectChange.objects.filter(
        project=joint_project, what="invitation_accepted"
    ).exists()


def test_a_deleted_organisation_no_longer_counts_for_both_cities(
    joint_project, cluj_org, lead_member
):
    cluj_org.delete()
    with pytest.raises(ValidationError) as exc:
        services.change_status(
            project=joint_project, status="preparing", by=lead_member
        )
    assert error_codes(exc) == ["needs_both_cities"]


def test_add_and_complete_a_milestone(joint_project, cluj_org, partner_member):
    owner = joint_project.partners.get(organisation=cluj_org)
    milestone = services.add_milestone(
        project=joint_project,
        by=partner_member,
        title="First pilot farm",
        due_on=datetime.date(2026, 9, 1),
        owner=owner,
    )
    services.update_milestone(
        milestone=milestone, by=partner_member, done_on=datetime.date(2026, 8, 20)
    )
    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2026, 8, 20)
    change = joint_project.changes.get(what="milestone_updated")
    assert change.after == {"title": "First pilot farm", "done_on": "2026-08-20"}


def test_refused_milestone_update_leaves_it_as_it_was(joint_project, partner_member):
    milestone = services.add_milestone(
        project=joint_project,
        by=partner_member,
        title="First pilot farm",
        due_on=datetime.date(2026, 9, 1),
    )

    with pytest.raises(ValidationError) as exc:
        services.update_milestone(
            milestone=milestone,
            by=partner_member,
            title="x" * 201,
            due_on=datetime.date(2026, 10, 1),
        )

    assert list(field_codes(exc)) == ["title"]
    assert (milestone.title, milestone.due_on) == (
        "First pilot farm",
        datetime.date(2026, 9, 1),
    )
    assert not joint_project.changes.filter(what="milestone_updated").exists()


def test_milestone_owner_must_be_an_active_partner(project, cluj_org, lead_member):
    invited = services.invite_partner(
        project=project, organisation=cluj_org, by=lead_member
    )
    with pytest.raises(ValidationError) as exc:
        services.add_milestone(
            project=project,
            by=lead_member,
            title="M",
            due_on=datetime.date(2026, 1, 1),
            owner=invited,
        )
    assert error_codes(exc) == ["invalid_owner"]


def test_add_and_update_an_outcome(joint_project, partner_member):
    outcome = services.add_outcome(
        project=joint_project,
        by=partner_member,
        indicator="pilots_deployed",
        number=Decimal("3"),
        unit="farms",
    )
    services.update_outcome(outcome=outcome, by=partner_member, number=Decimal("4"))
    outcome.refresh_from_db()
    assert outcome.number == Decimal("4")
    assert list(
        joint_project.changes.filter(what__startswith="outcome").values_list(
            "what", flat=True
        )
    ) == ["outcome_updated", "outcome_added"]


def test_refused_outcome_update_leaves_it_as_it_was(joint_project, partner_member):
    outcome = services.add_outcome(
        project=joint_project,
        by=partner_member,
        indicator="pilots_deployed",
        number=Decimal("3"),
    )

    with pytest.raises(ValidationError) as exc:
        services.update_outcome(
            outcome=outcome, by=partner_member, number=Decimal("-1"), unit=" farms "
        )

    assert list(field_codes(exc)) == ["number"]
    assert (outcome.number, outcome.unit) == (Decimal("3"), "")


def test_outcome_number_cannot_be_negative(joint_project, partner_member):
    with pytest.raises(ValidationError) as exc:
        services.add_outcome(
            project=joint_project,
            by=partner_member,
            indicator="jobs_created",
            number=Decimal("-1"),
        )
    assert list(field_codes(exc)) == ["number"]


def test_create_project_needs_a_partnership(lead_member, lead_org, partnership):
    partnership.status = "ended"
    partnership.save()
    with pytest.raises(ValidationError) as exc:
        services.create_project(
            by=lead_member, organisation=lead_org, title="T", summary="S", language="de"
        )
    assert error_codes(exc) == ["no_partnership"]
    assert cluj() is not None
