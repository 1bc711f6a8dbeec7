"""An organisation's page lists the joint projects it takes part in."""

import pytest
from django.urls import reverse

from tandem.projects import services

pytestmark = pytest.mark.django_db


def organisation_page(client, organisation) -> str:
    """The projects panel the organisation's page loads."""
    page = client.get(
        reverse("directory:organisation_detail", args=[organisation.slug])
    ).content.decode()
    url = reverse("projects:organisation_projects", args=[organisation.slug])
    assert f'hx-get="{url}"' in page
    return client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_page_lists_public_joint_projects_of_active_partners(
    client, joint_project, lead_org, cluj_org
):
    for organisation in (lead_org, cluj_org):
        assert joint_project.title in organisation_page(client, organisation)


def test_invited_organisation_does_not_list_the_project_yet(
    client, project, cluj_org, lead_member
):
    services.invite_partner(project=project, organisation=cluj_org, by=lead_member)

    page = organisation_page(client, cluj_org)

    assert project.title not in page
    assert "This organisation takes part in no joint project yet." in page


def test_partners_only_projects_stay_hidden_from_visitors(
    client, joint_project, lead_org, lead_member
):
    services.update_project(
        project=joint_project, by=lead_member, visibility="partners"
    )

    assert joint_project.title not in organisation_page(client, lead_org)
    client.force_login(lead_member)
    assert joint_project.title in organisation_page(client, lead_org)
