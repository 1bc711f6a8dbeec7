import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from tandem.projects import services
from tandem.projects.models import Project, ProjectPartner
from tests.factories import ProjectFactory, ProjectPartnerFactory
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


def test_list_shows_public_projects_only_to_anonymous(
    client, joint_project, lead_member
):
    hidden = services.create_project(
        by=lead_member,
        organisation=joint_project.partners.get(role="lead").organisation,
        title="Secret plan",
        summary="S",
        language="en",
        visibility="partners",
    )
    response = client.get(_url("projects:project_list"))
    assert response.status_code == 200
    titles = [p.title for p in response.context["page"].object_list]
    assert titles == [joint_project.title]
    assert hidden.title not in response.content.decode()


def test_list_filters_by_status(client, joint_project, lead_member):
    services.change_status(project=joint_project, status="preparing", by=lead_member)
    response = client.get(_url("projects:project_list"), {"status": "running"})
    assert list(response.context["page"].object_list) == []
    response = client.get(_url("projects:project_list"), {"status": "preparing"})
    assert list(response.context["page"].object_list) == [joint_project]


def test_list_filters_by_city(client, project, joint_project):
    response = client.get(_url("projects:project_list"), {"city": "cluj-napoca"})
    assert list(response.context["page"].object_list) == [joint_project]


def test_list_queries_do_not_grow(client, lead_org, cluj_org):
    queries = assert_constant_queries(
        lambda: ProjectPartnerFactory(
            project=ProjectFactory(lead__organisation=lead_org), organisation=cluj_org
        ),
        lambda: client.get(_url("projects:project_list")),
    )

    # count, rows, areas, partners, and the page's own
    assert queries == 8
    response = client.get(_url("projects:project_list"))
    assert len(response.context["page"].object_list) == 3


def test_detail_shows_partners_by_city_and_former_partner(
    client, joint_project, cluj_org
):
    response = client.get(_url("projects:project_detail", joint_project.pk))
    groups = response.context["groups"]
    assert [
        (g.city.slug, [p.organisation_name for p in g.partners]) for g in groups
    ] == [
        ("dortmund", ["Sensorik Dortmund"]),
        ("cluj-napoca", ["Agro Cluj"]),
    ]


def test_detail_marks_a_deleted_organisation_as_former_partner(
    client, joint_project, cluj_org
):
    ProjectPartner.objects.filter(organisation=cluj_org).update(organisation=None)
    response = client.get(_url("projects:project_detail", joint_project.pk))
    assert "former partner" in response.content.decode()
    assert "Agro Cluj" in response.content.decode()


def test_detail_formats_funding_and_numbers_per_language(
    client, joint_project, lead_member, partner_member
):
    services.update_project(
        project=joint_project,
        by=lead_member,
        funding_source="interreg",
        funding_amount=Decimal("1250000"),
    )
    services.add_outcome(
        project=joint_project,
        by=partner_member,
        indicator="students_exchanged",
        number=Decimal("1200"),
    )
    de = client.get(_url("projects:project_detail", joint_project.pk, lang="de"))
    en = client.get(_url("projects:project_detail", joint_project.pk, lang="en"))
    assert "1.250.000\u00a0€" in de.content.decode()
    assert "€1,250,000" in en.content.decode()
    assert "1.200" in de.content.decode()
    assert "1,200" in en.content.decode()


def test_partners_only_project_is_404_for_anonymous(client, project, lead_member):
    services.update_project(project=project, by=lead_member, visibility="partners")
    response = client.get(_url("projects:project_detail", project.pk))
    assert response.status_code == 404


def test_history_is_shown_to_partners_not_to_the_public(
    client, joint_project, partner_member
):
    anonymous = client.get(_url("projects:project_detail", joint_project.pk))
    assert anonymous.context["history"] == []
    client.force_login(partner_member)
    member = client.get(_url("projects:project_detail", joint_project.pk))
    assert [c.what for c in member.context["history"]] == [
        "invitation_accepted",
        "partner_invited",
        "created",
    ]


def test_create_view_creates_a_project(client, lead_org, lead_member):
    client.force_login(lead_member)
    response = client.post(
        _url("projects:project_create"),
        {
            "organisation": lead_org.pk,
            "title": "Smart irrigation",
            "summary": "Together.",
            "language": "en",
            "currency": "EUR",
            "visibility": "public",
            "start_on": "2026-03-01",
            "end_on": "2027-02-28",
            "title_ro": "Irigații inteligente",
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert project.title_translations == {"ro": "Irigații inteligente"}
    assert project.start_on == datetime.date(2026, 3, 1)


def test_create_view_shows_date_error_with_422(client, lead_org, lead_member):
    client.force_login(lead_member)
    response = client.post(
        _url("projects:project_create"),
        {
            "organisation": lead_org.pk,
            "title": "T",
            "summary": "S",
            "language": "en",
            "currency": "EUR",
            "visibility": "public",
            "start_on": "2026-03-01",
            "end_on": "2026-01-01",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors.keys() == {"end_on"}


def test_refused_edit_shows_the_project_as_it_was(client, project, lead_member):
    client.force_login(lead_member)
    response = client.post(
        _url("projects:project_edit", project.pk),
        {
            "title": "Renamed",
            "summary": "S",
            "language": "en",
            "currency": "EUR",
            "visibility": "public",
            "start_on": "2026-03-01",
            "end_on": "2026-01-01",
        },
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["end_on"]
    assert response.context["project"].title == "Soil sensors for Transylvanian farms"
    assert Project.objects.get().title == "Soil sensors for Transylvanian farms"


def test_edit_view_is_403_for_a_partner_member(client, joint_project, partner_member):
    client.force_login(partner_member)
    response = client.get(_url("projects:project_edit", joint_project.pk))
    assert response.status_code == 403


def test_status_view_shows_needs_both_cities(client, project, lead_member):
    client.force_login(lead_member)
    response = client.post(
        _url("projects:project_status", project.pk),
        {"status": "preparing"},
        follow=True,
    )
    project.refresh_from_db()
    assert project.status == "idea"
    assert "each partner city" in response.content.decode()


def test_status_view_names_the_new_status(client, joint_project, lead_member):
    client.force_login(lead_member)
    response = client.post(
        _url("projects:project_status", joint_project.pk), {"status": "preparing"}
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The project is now “In preparation”."
    ]


def test_invite_and_accept_from_the_dashboard(
    client, project, cluj_org, lead_member, partner_member
):
    client.force_login(lead_member)
    response = client.post(
        _url("projects:partner_invite", project.pk),
        {"organisation": cluj_org.pk, "role": "partner"},
    )
    assert response.status_code == 302
    partner = project.partners.get(organisation=cluj_org)
    client.force_login(partner_member)
    dashboard = client.get(_url("dashboard"))
    assert _url("projects:invitation_answer", partner.pk) in dashboard.content.decode()
    client.post(_url("projects:invitation_answer", partner.pk), {"answer": "accept"})
    partner.refresh_from_db()
    assert partner.state == "active"


def test_dashboard_empty_state(client, user):
    client.force_login(user)
    response = client.get(_url("dashboard"))
    assert "take part in no joint project yet" in response.content.decode()


def test_milestone_and_outcome_forms(client, joint_project, partner_member):
    client.force_login(partner_member)
    response = client.post(
        _url("projects:milestone_create", joint_project.pk),
        {"title": "Kick-off", "due_on": "2026-02-01"},
    )
    assert response.status_code == 302
    milestone = joint_project.milestones.get()
    client.post(
        _url("projects:milestone_edit", joint_project.pk, milestone.pk),
        {"title": "Kick-off", "due_on": "2026-02-01", "done_on": "2026-02-02"},
    )
    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2026, 2, 2)
    client.post(
        _url("projects:outcome_create", joint_project.pk),
        {"indicator": "events_held", "number": "2", "unit": "workshops"},
    )
    assert list(joint_project.outcomes.values_list("indicator", "number")) == [
        ("events_held", Decimal("2"))
    ]


def test_home_page_counts_public_running_and_completed(
    client, joint_project, lead_member, lead_org
):
    for status in ("preparing", "running"):
        services.change_status(project=joint_project, status=status, by=lead_member)
    services.create_project(
        by=lead_member,
        organisation=lead_org,
        title="Hidden",
        summary="S",
        language="en",
        visibility="partners",
    )
    response = client.get(_url("home"))
    assert response.context["project_counts"] == {"running": 1, "completed": 0}


def test_answering_someone_elses_invitation_is_404_like_a_missing_one(
    client, project, cluj_org, lead_member, user
):
    partner = services.invite_partner(
        project=project, organisation=cluj_org, by=lead_member
    )
    client.force_login(user)

    theirs = client.post(
        _url("projects:invitation_answer", partner.pk), {"answer": "accept"}
    )
    missing = client.post(
        _url("projects:invitation_answer", partner.pk + 1000), {"answer": "accept"}
    )

    assert (theirs.status_code, missing.status_code) == (404, 404)
    partner.refresh_from_db()
    assert partner.state == "invited"


def test_answering_an_answered_invitation_says_so(
    client, project, cluj_org, lead_member, partner_member
):
    partner = services.invite_partner(
        project=project, organisation=cluj_org, by=lead_member
    )
    services.answer_invitation(partner=partner, accept=False, by=partner_member)
    client.force_login(partner_member)

    response = client.post(
        _url("projects:invitation_answer", partner.pk), {"answer": "accept"}
    )

    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    partner.refresh_from_db()
    assert partner.state == "declined"
