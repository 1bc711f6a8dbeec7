"""Deleting milestones and outcomes, and withdrawing invitations."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tandem.accounts.services import create_api_token
from tandem.errors import PermissionDenied
from tandem.notifications.models import Notification
from tandem.projects import services
from tandem.projects.models import Milestone, Outcome, ProjectChange, ProjectPartner
from tandem.projects.templatetags.tandem_projects import change_text
from tests.factories import (
    MembershipFactory,
    MilestoneFactory,
    OrganisationFactory,
    OutcomeFactory,
)
from tests.helpers import error_codes
from tests.projects.test_permissions import ACTORS, CONTRIBUTORS, MANAGERS

State = ProjectPartner.State
pytestmark = pytest.mark.django_db


def _url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _auth(user):
    _token, key = create_api_token(by=user, name="Sync")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _actor(actors, name):
    return actors[name] or AnonymousUser()


@pytest.fixture
def milestone(joint_project, lead_member):
    return services.add_milestone(
        project=joint_project,
        by=lead_member,
        title="Kick-off",
        due_on=datetime.date(2026, 2, 1),
        owner=joint_project.partners.get(role="lead"),
    )


@pytest.fixture
def outcome(joint_project, lead_member):
    return services.add_outcome(
        project=joint_project,
        by=lead_member,
        indicator="pilots_deployed",
        number=Decimal("3"),
        unit="farms",
    )


@pytest.fixture
def invitation(joint_project, lead_member, dortmund_city):
    """A pending invitation of a second Dortmund organisation."""
    organisation = OrganisationFactory(city=dortmund_city, name="Robotik Dortmund")
    return services.invite_partner(
        project=joint_project, organisation=organisation, by=lead_member
    )


@pytest.fixture
def invited_member(invitation):
    return MembershipFactory(organisation=invitation.organisation, role="owner").user


@pytest.fixture
def stranger(dortmund_city):
    """Owner of an organisation that has nothing to do with the project."""
    return MembershipFactory(
        organisation=OrganisationFactory(city=dortmund_city), role="owner"
    ).user


# --- Services: who may --------------------------------------------------------


def _delete_milestone(project, by):
    services.delete_milestone(milestone=MilestoneFactory(project=project), by=by)


def _delete_outcome(project, by):
    services.delete_outcome(outcome=OutcomeFactory(project=project), by=by)


def _withdraw(project, by):
    partner = services.invite_partner(
        project=project,
        organisation=OrganisationFactory(city=project.partnership.city_b),
        by=project.created_by,
    )
    services.withdraw_invitation(partner=partner, by=by)


WRITES = {
    "delete_milestone": (_delete_milestone, CONTRIBUTORS),
    "delete_outcome": (_delete_outcome, CONTRIBUTORS),
    "withdraw_invitation": (_withdraw, MANAGERS),
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("write", sorted(WRITES))
def test_deletion_matrix(joint_project, actors, actor, write):
    run, allowed = WRITES[write]
    by = _actor(actors, actor)
    if actor in allowed:
        run(joint_project, by)
        assert (
            joint_project.changes.first().what
            == {
                "delete_milestone": "milestone_deleted",
                "delete_outcome": "outcome_deleted",
                "withdraw_invitation": "invitation_withdrawn",
            }[write]
        )
    else:
        with pytest.raises(PermissionDenied):
            run(joint_project, by)
        assert (Milestone.objects.count(), Outcome.objects.count()) == (
            int(write == "delete_milestone"),
            int(write == "delete_outcome"),
        )
        assert not joint_project.partners.filter(state=State.WITHDRAWN).exists()


# --- Services: what they do ---------------------------------------------------


def test_delete_milestone_records_its_values_in_the_history(
    joint_project, milestone, partner_member
):
    services.delete_milestone(milestone=milestone, by=partner_member)

    assert not Milestone.objects.exists()
    change = joint_project.changes.first()
    assert (change.what, change.by, change.before, change.after) == (
        "milestone_deleted",
        partner_member,
        {
            "title": "Kick-off",
            "due_on": "2026-02-01",
            "done_on": None,
            "owner": "Sensorik Dortmund",
        },
        {},
    )


def test_delete_outcome_records_its_values_in_the_history(
    joint_project, outcome, partner_member
):
    services.delete_outcome(outcome=outcome, by=partner_member)

    assert not Outcome.objects.exists()
    change = joint_project.changes.first()
    assert (change.what, change.by, change.before, change.after) == (
        "outcome_deleted",
        partner_member,
        {"indicator": "pilots_deployed", "number": "3", "unit": "farms", "note": ""},
        {},
    )


def test_delete_milestone_twice_records_it_once(joint_project, milestone, lead_member):
    stale = Milestone.objects.get(pk=milestone.pk)
    services.delete_milestone(milestone=milestone, by=lead_member)

    services.delete_milestone(milestone=stale, by=lead_member)

    assert joint_project.changes.filter(what="milestone_deleted").count() == 1


def test_withdraw_invitation_marks_it_withdrawn(joint_project, invitation, lead_member):
    partner = services.withdraw_invitation(partner=invitation, by=lead_member)

    partner.refresh_from_db()
    assert partner.state == State.WITHDRAWN
    assert partner.answered_at is not None
    change = joint_project.changes.first()
    assert (change.what, change.before, change.after) == (
        "invitation_withdrawn",
        {"organisation": "Robotik Dortmund", "state": "invited"},
        {"organisation": "Robotik Dortmund", "state": "withdrawn"},
    )


def test_withdraw_invitation_notifies_nobody(
    invitation, invited_member, lead_member, django_capture_on_commit_callbacks
):
    before = Notification.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_invitation(partner=invitation, by=lead_member)

    assert Notification.objects.count() == before


def test_withdrawn_invitation_is_no_longer_shown(
    client, joint_project, invitation, lead_member
):
    services.withdraw_invitation(partner=invitation, by=lead_member)

    response = client.get(_url("projects:project_detail", joint_project.pk))

    names = [
        p.organisation_name for g in response.context["groups"] for p in g.partners
    ]
    assert names == ["Sensorik Dortmund", "Agro Cluj"]


@pytest.mark.parametrize("answer", ["accepted", "declined", "withdrawn"])
def test_withdraw_an_answered_invitation_fails(
    invitation, invited_member, lead_member, answer
):
    if answer == "withdrawn":
        services.withdraw_invitation(partner=invitation, by=lead_member)
    else:
        services.answer_invitation(
            partner=invitation, accept=answer == "accepted", by=invited_member
        )

    with pytest.raises(ValidationError) as exc:
        services.withdraw_invitation(partner=invitation, by=lead_member)

    assert error_codes(exc) == ["not_invited"]


def test_withdraw_an_active_partner_fails(joint_project, lead_member):
    partner = joint_project.partners.get(role="partner")

    with pytest.raises(ValidationError) as exc:
        services.withdraw_invitation(partner=partner, by=lead_member)

    assert error_codes(exc) == ["not_invited"]
    partner.refresh_from_db()
    assert partner.state == State.ACTIVE


def test_withdrawn_invitation_cannot_be_accepted(
    invitation, invited_member, lead_member
):
    services.withdraw_invitation(partner=invitation, by=lead_member)

    with pytest.raises(ValidationError) as exc:
        services.answer_invitation(partner=invitation, accept=True, by=invited_member)

    assert error_codes(exc) == ["already_answered"]
    invitation.refresh_from_db()
    assert invitation.state == State.WITHDRAWN


def test_withdraw_then_invite_again_and_accept(
    joint_project, invitation, invited_member, lead_member
):
    services.withdraw_invitation(partner=invitation, by=lead_member)

    again = services.invite_partner(
        project=joint_project, organisation=invitation.organisation, by=lead_member
    )
    services.answer_invitation(partner=again, accept=True, by=invited_member)

    assert again.pk == invitation.pk
    again.refresh_from_db()
    assert again.state == State.ACTIVE
    assert list(joint_project.changes.values_list("what", flat=True)[:4]) == [
        "invitation_accepted",
        "partner_invited",
        "invitation_withdrawn",
        "partner_invited",
    ]


# --- History text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("what", "before", "after", "text"),
    [
        (
            "milestone_deleted",
            {"title": "Kick-off"},
            {},
            "Removed the milestone “Kick-off”.",
        ),
        (
            "outcome_deleted",
            {"indicator": "pilots_deployed", "number": "3"},
            {},
            "Removed the outcome “Pilots deployed”.",
        ),
        (
            "invitation_withdrawn",
            {"organisation": "Robotik Dortmund", "state": "invited"},
            {"organisation": "Robotik Dortmund", "state": "withdrawn"},
            "Withdrew the invitation to Robotik Dortmund.",
        ),
    ],
)
def test_history_describes_deletions(project, what, before, after, text):
    change = ProjectChange(project=project, what=what, before=before, after=after)

    with translation.override("en"):
        assert change_text(change) == text


# --- Views --------------------------------------------------------------------

KINDS = {
    "milestone": ("projects:milestone_edit", "projects:milestone_delete", Milestone),
    "outcome": ("projects:outcome_edit", "projects:outcome_delete", Outcome),
}


@pytest.fixture
def item(kind, milestone, outcome):
    """The milestone or the outcome, by the test's ``kind``."""
    return {"milestone": milestone, "outcome": outcome}[kind]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_edit_page_links_to_the_delete_page(
    client, joint_project, partner_member, kind, item
):
    edit, delete, _model = KINDS[kind]
    client.force_login(partner_member)

    response = client.get(_url(edit, joint_project.pk, item.pk))

    assert response.status_code == 200
    assert f'href="{_url(delete, joint_project.pk, item.pk)}"' in (
        response.content.decode()
    )


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_delete_page_asks_for_confirmation(
    client, joint_project, partner_member, kind, item
):
    _edit, delete, model = KINDS[kind]
    client.force_login(partner_member)

    page = client.get(_url(delete, joint_project.pk, item.pk))
    unconfirmed = client.post(_url(delete, joint_project.pk, item.pk), {})

    assert page.status_code == 200
    assert page.context["form"].is_bound is False
    assert unconfirmed.status_code == 422
    assert unconfirmed.context["form"].errors.as_data()["confirm"][0].code == (
        "required"
    )
    assert model.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_delete_with_confirmation_deletes(
    client, joint_project, partner_member, kind, item
):
    _edit, delete, model = KINDS[kind]
    client.force_login(partner_member)

    response = client.post(_url(delete, joint_project.pk, item.pk), {"confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == joint_project.get_absolute_url() + f"#{kind}s"
    assert not model.objects.filter(pk=item.pk).exists()
    assert joint_project.changes.first().what == f"{kind}_deleted"
    assert _messages(response) == [
        "The milestone “Kick-off” was deleted."
        if kind == "milestone"
        else "The outcome “Pilots deployed” was deleted."
    ]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_delete_is_403_for_a_stranger(client, joint_project, stranger, kind, item):
    _edit, delete, model = KINDS[kind]
    client.force_login(stranger)

    page = client.get(_url(delete, joint_project.pk, item.pk))
    post = client.post(_url(delete, joint_project.pk, item.pk), {"confirm": "on"})

    assert (page.status_code, post.status_code) == (403, 403)
    assert model.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_delete_of_a_partners_only_project_is_404_for_a_stranger(
    client, joint_project, lead_member, stranger, kind, item
):
    _edit, delete, model = KINDS[kind]
    services.update_project(
        project=joint_project, by=lead_member, visibility="partners"
    )
    client.force_login(stranger)

    response = client.post(_url(delete, joint_project.pk, item.pk), {"confirm": "on"})

    assert response.status_code == 404
    assert model.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_delete_of_another_projects_item_is_404(
    client, joint_project, lead_org, lead_member, kind, item
):
    _edit, delete, model = KINDS[kind]
    other = services.create_project(
        by=lead_member, organisation=lead_org, title="Other", summary="S", language="en"
    )
    client.force_login(lead_member)

    response = client.post(_url(delete, other.pk, item.pk), {"confirm": "on"})

    assert response.status_code == 404
    assert model.objects.filter(pk=item.pk).exists()


def test_project_page_offers_the_manager_to_withdraw(
    client, joint_project, invitation, lead_member
):
    client.force_login(lead_member)

    response = client.get(_url("projects:project_detail", joint_project.pk))

    html = response.content.decode()
    action = _url("projects:invitation_withdraw", joint_project.pk, invitation.pk)
    assert f'action="{action}"' in html
    assert (
        'Withdraw the invitation<span class="visually-hidden"> to Robotik Dortmund'
        "</span>"
    ) in html


def test_project_page_offers_a_partner_no_withdrawal(
    client, joint_project, invitation, partner_member
):
    client.force_login(partner_member)

    response = client.get(_url("projects:project_detail", joint_project.pk))

    action = _url("projects:invitation_withdraw", joint_project.pk, invitation.pk)
    assert action not in response.content.decode()


def test_withdraw_view_withdraws(client, joint_project, invitation, lead_member):
    client.force_login(lead_member)

    response = client.post(
        _url("projects:invitation_withdraw", joint_project.pk, invitation.pk)
    )

    assert response.status_code == 302
    assert response["Location"] == joint_project.get_absolute_url()
    invitation.refresh_from_db()
    assert invitation.state == State.WITHDRAWN
    assert _messages(response) == ["The invitation to Robotik Dortmund was withdrawn."]


def test_withdraw_view_is_post_only(client, joint_project, invitation, lead_member):
    client.force_login(lead_member)

    response = client.get(
        _url("projects:invitation_withdraw", joint_project.pk, invitation.pk)
    )

    assert response.status_code == 405
    invitation.refresh_from_db()
    assert invitation.state == State.INVITED


def test_withdraw_view_is_403_for_a_partner(
    client, joint_project, invitation, partner_member
):
    client.force_login(partner_member)

    response = client.post(
        _url("projects:invitation_withdraw", joint_project.pk, invitation.pk)
    )

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.state == State.INVITED


def test_withdraw_view_of_an_answered_invitation_shows_an_error(
    client, joint_project, lead_member
):
    partner = joint_project.partners.get(role="partner")
    client.force_login(lead_member)

    response = client.post(
        _url("projects:invitation_withdraw", joint_project.pk, partner.pk)
    )

    assert response.status_code == 302
    assert _messages(response) == ["Agro Cluj already answered the invitation."]
    partner.refresh_from_db()
    assert partner.state == State.ACTIVE


# --- API ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_api_delete(client, joint_project, partner_member, kind, item):
    _edit, _delete, model = KINDS[kind]
    path = f"/api/v1/projects/{joint_project.pk}/{kind}s/{item.pk}"

    response = client.delete(path, **_auth(partner_member))

    assert (response.status_code, response.content) == (204, b"")
    assert not model.objects.filter(pk=item.pk).exists()
    assert joint_project.changes.first().what == f"{kind}_deleted"
    detail = client.get(f"/api/v1/projects/{joint_project.pk}").json()
    assert detail[f"{kind}s"] == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_api_delete_by_a_stranger_is_403(client, joint_project, stranger, kind, item):
    _edit, _delete, model = KINDS[kind]
    path = f"/api/v1/projects/{joint_project.pk}/{kind}s/{item.pk}"

    response = client.delete(path, **_auth(stranger))

    assert (response.status_code, response.json()["code"]) == (
        403,
        "permission_denied",
    )
    assert model.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_api_delete_hidden_project_is_404(
    client, joint_project, lead_member, stranger, kind, item
):
    _edit, _delete, model = KINDS[kind]
    services.update_project(
        project=joint_project, by=lead_member, visibility="partners"
    )
    path = f"/api/v1/projects/{joint_project.pk}/{kind}s/{item.pk}"

    response = client.delete(path, **_auth(stranger))

    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert model.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_api_delete_unknown_item_is_404(client, joint_project, partner_member, kind):
    path = f"/api/v1/projects/{joint_project.pk}/{kind}s/999999"

    response = client.delete(path, **_auth(partner_member))

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_api_delete_needs_a_token(client, joint_project, kind, item):
    _edit, _delete, model = KINDS[kind]

    response = client.delete(f"/api/v1/projects/{joint_project.pk}/{kind}s/{item.pk}")

    assert response.status_code == 401
    assert model.objects.filter(pk=item.pk).exists()
