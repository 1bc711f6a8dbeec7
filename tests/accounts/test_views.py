"""The dashboard and settings pages, the profile service, the login redirect."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tandem.accounts.adapter import AccountAdapter
from tandem.accounts.services import update_profile
from tandem.directory.models import Opportunity, Organisation
from tandem.errors import PermissionDenied
from tests.factories import (
    CoordinatorRoleFactory,
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.helpers import assert_constant_queries, field_codes

Status = Opportunity.Status
pytestmark = pytest.mark.django_db


# --- Profile service -----------------------------------------------------------


def test_update_profile_saves_names_and_language(user):
    update_profile(
        user=user, by=user, first_name=" Ana ", last_name="Pop", preferred_language="ro"
    )

    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.preferred_language) == (
        "Ana",
        "Pop",
        "ro",
    )


@pytest.mark.parametrize("actor", ["anonymous", "other"])
def test_update_profile_of_someone_else_is_denied(user, actor):
    by = AnonymousUser() if actor == "anonymous" else UserFactory()

    with pytest.raises(PermissionDenied):
        update_profile(
            user=user, by=by, first_name="X", last_name="Y", preferred_language="de"
        )

    user.refresh_from_db()
    assert user.first_name != "X"


def test_update_profile_refuses_unknown_language(user):
    first_name = user.first_name

    with pytest.raises(ValidationError) as exc_info:
        update_profile(
            user=user, by=user, first_name="Ana", last_name="", preferred_language="xx"
        )

    assert field_codes(exc_info) == {"preferred_language": ["invalid_choice"]}
    assert (user.first_name, user.preferred_language) == (first_name, "")


def test_update_profile_changes_only_what_is_given(user):
    update_profile(user=user, by=user, last_name=" Pop ")

    user.refresh_from_db()
    assert (user.last_name, user.preferred_language) == ("Pop", "")


# --- Dashboard -----------------------------------------------------------------


def test_dashboard_needs_login(client, partnership):
    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_dashboard_empty_state_offers_next_actions(client, user, partnership):
    client.force_login(user)

    response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert response.context["memberships"] == []
    assert reverse("directory:organisation_create") in response.text
    assert reverse("directory:organisation_list") in response.text


def test_dashboard_lists_organisations_requests_and_opportunities(
    client, organisation, owner
):
    draft = OpportunityFactory(organisation=organisation, status=Status.DRAFT)
    asker = MembershipFactory(organisation=organisation, state="pending")
    elsewhere = OrganisationFactory(city=organisation.city)
    mine_pending = MembershipFactory(
        organisation=elsewhere, user=owner, state="pending"
    )
    OpportunityFactory(organisation=elsewhere)  # not a member yet: not listed
    client.force_login(owner)

    response = client.get(reverse("dashboard"))

    context = response.context
    assert [m.organisation for m in context["memberships"]] == [organisation]
    assert context["my_requests"] == [mine_pending]
    assert context["join_requests"] == [asker]
    assert [(o, a.can_edit) for o, a in context["opportunities"]] == [(draft, True)]
    assert (
        reverse(
            "directory:opportunity_action", kwargs={"pk": draft.pk, "action": "submit"}
        )
        in response.text
    )


def test_dashboard_viewer_gets_no_actions(client, organisation):
    viewer = MembershipFactory(organisation=organisation, role="viewer").user
    draft = OpportunityFactory(organisation=organisation, status=Status.DRAFT)
    client.force_login(viewer)

    response = client.get(reverse("dashboard"))

    [(_opportunity, actions)] = response.context["opportunities"]
    assert (actions.can_edit, actions.can_close) == (False, False)
    assert "Only owners and editors can act on it." in response.text
    assert (
        reverse(
            "directory:opportunity_action", kwargs={"pk": draft.pk, "action": "submit"}
        )
        not in response.text
    )


@pytest.mark.parametrize(
    ("status", "actions"),
    [
        (Status.DRAFT, ["opportunity_edit", "submit", "close"]),
        (Status.SUBMITTED, ["opportunity_edit", "close"]),
        (Status.PUBLISHED, ["opportunity_edit", "renew", "close"]),
        (Status.EXPIRED, ["renew", "close"]),
        (Status.CLOSED, []),
    ],
)
def test_dashboard_offers_what_the_opportunity_page_offers(
    client, organisation, owner, status, actions
):
    opportunity = OpportunityFactory(organisation=organisation, status=status)
    client.force_login(owner)

    response = client.get(reverse("dashboard"))

    offered = [
        name
        for name in ["submit", "renew", "close"]
        if reverse(
            "directory:opportunity_action",
            kwargs={"pk": opportunity.pk, "action": name},
        )
        in response.text
    ]
    edit = reverse("directory:opportunity_edit", kwargs={"pk": opportunity.pk})
    assert (["opportunity_edit"] if edit in response.text else []) + offered == actions


def test_dashboard_shows_coordinator_review_count(
    client, coordinator, dortmund_city, cluj_city
):
    OrganisationFactory(
        city=dortmund_city, verification=Organisation.Verification.PENDING
    )
    OrganisationFactory(city=cluj_city, verification=Organisation.Verification.PENDING)
    client.force_login(coordinator)

    response = client.get(reverse("dashboard"))

    assert (response.context["is_coordinator"], response.context["review_count"]) == (
        True,
        1,
    )


def test_dashboard_queries_do_not_grow_with_rows(client, dortmund_city):
    user = CoordinatorRoleFactory(city=dortmund_city).user

    def add_row() -> None:
        organisation = OrganisationFactory(city=dortmund_city)
        MembershipFactory(organisation=organisation, user=user, role="owner")
        OpportunityFactory(organisation=organisation, status=Status.DRAFT)
        MembershipFactory(organisation=organisation, state="pending")
        MembershipFactory(
            organisation=OrganisationFactory(city=dortmund_city),
            user=user,
            state="pending",
        )

    client.force_login(user)

    assert_constant_queries(add_row, lambda: client.get(reverse("dashboard")))

    response = client.get(reverse("dashboard"))
    assert len(response.context["opportunities"]) == 3
    assert len(response.context["join_requests"]) == 3


# --- Settings ------------------------------------------------------------------


def test_settings_form_shows_current_values(client, user, partnership):
    user.preferred_language = "ro"
    user.save()
    client.force_login(user)

    response = client.get("/de/me/settings/")

    form = response.context["form"]
    assert (form["first_name"].value(), form["preferred_language"].value()) == (
        user.first_name,
        "ro",
    )


def test_settings_save_redirects_under_new_language(client, user, partnership):
    client.force_login(user)

    response = client.post(
        "/en/me/settings/",
        {"first_name": "Jürgen", "last_name": "Schmidt", "preferred_language": "de"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/de/me/settings/"
    assert response.cookies["django_language"].value == "de"
    user.refresh_from_db()
    assert (user.first_name, user.preferred_language) == ("Jürgen", "de")


def test_settings_save_says_so_in_the_new_language(client, user, partnership):
    client.force_login(user)

    response = client.post(
        "/en/me/settings/",
        {"first_name": "Ana", "last_name": "Pop", "preferred_language": "de"},
        follow=True,
    )

    with translation.override("de"):
        saved = translation.gettext("Your settings were saved.")
    assert [str(m) for m in response.context["messages"]] == [saved]


def test_settings_with_unknown_language_is_422(client, user, partnership):
    client.force_login(user)

    response = client.post(
        "/en/me/settings/",
        {"first_name": "A", "last_name": "B", "preferred_language": "xx"},
    )

    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["preferred_language"]


def test_settings_needs_login(client, partnership):
    response = client.get("/en/me/settings/")

    assert response.status_code == 302


# --- Login redirect ------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [("ro", "/ro/me/"), ("", "/en/me/")])
def test_login_redirect_uses_preferred_language(user, language, expected):
    user.preferred_language = language
    request = RequestFactory().get("/en/accounts/login/")
    request.user = user
    request.LANGUAGE_CODE = "en"

    with translation.override("en"):
        assert AccountAdapter(request).get_login_redirect_url(request) == expected
