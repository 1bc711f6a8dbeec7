"""Wiring of the member and coordinator pages: access, errors, redirects, state."""

import pytest
from django.urls import reverse

from tandem.accounts.models import Membership
from tandem.directory.models import Opportunity, Organisation
from tandem.partnerships.models import Area
from tests.factories import (
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.helpers import assert_constant_queries

Status = Opportunity.Status
Verification = Organisation.Verification
pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"directory:{name}", kwargs=kwargs)


def organisation_data(city, **changes):
    data = {
        "name": "Agro Someș SRL",
        "kind": "agricultural",
        "city": city.pk,
        "description": "Cultivăm legume în Florești.",
        "language": "ro",
        "description_de": "Wir bauen Gemüse an.",
        "description_ro": "",
        "description_en": "  ",
        "languages_spoken": ["ro", "hu"],
        "website": "agro-somes.example",
        "size_band": "small",
        "founded_year": "2015",
        "visibility": "public",
    }
    data.update(changes)
    return data


def opportunity_data(**changes):
    data = {
        "kind": "business_request",
        "title": "Parteneri pentru procesare",
        "summary": "Căutăm parteneri.",
        "description": "Căutăm parteneri în Dortmund.",
        "language": "ro",
        "partner_kinds": ["company"],
        "deadline": "",
    }
    data.update(changes)
    return data


# --- Organisation create and edit -------------------------------------------------


def test_organisation_create_needs_login(client, partnership):
    response = client.get(url("organisation_create"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_organisation_create_makes_user_owner_and_redirects(client, user, cluj_city):
    area = Area.objects.exclude(parent=None).first()
    client.force_login(user)

    response = client.post(
        url("organisation_create"), organisation_data(cluj_city, areas=[area.pk])
    )

    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert (organisation.verification, organisation.city) == (
        Verification.PENDING,
        cluj_city,
    )
    assert organisation.description_translations == {"de": "Wir bauen Gemüse an."}
    assert organisation.languages_spoken == ["ro", "hu"]
    assert organisation.website == "https://agro-somes.example"
    assert list(organisation.areas.all()) == [area]
    assert Membership.objects.get(organisation=organisation).user == user


def test_organisation_create_drops_a_translation_in_the_descriptions_language(
    client, user, cluj_city
):
    client.force_login(user)

    client.post(
        url("organisation_create"),
        organisation_data(cluj_city, description_ro="Cultivăm legume."),
    )

    assert Organisation.objects.get().description_translations == {
        "de": "Wir bauen Gemüse an."
    }


def test_organisation_create_shows_field_errors_with_422(client, user, cluj_city):
    client.force_login(user)

    response = client.post(
        url("organisation_create"),
        organisation_data(cluj_city, name="", founded_year="3000"),
    )

    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"name", "founded_year"}
    assert 'class="error-summary"' in response.text
    assert not Organisation.objects.exists()


def test_organisation_create_form_lists_cities_and_grouped_areas(
    client, user, dortmund_city, cluj_city
):
    client.force_login(user)

    response = client.get(url("organisation_create"))

    assert response.status_code == 200
    groups = response.context["form"].area_groups()
    tops = Area.objects.filter(parent=None).order_by("position", "slug")
    assert [g["area"] for g in groups] == list(tops)
    first = tops[0]
    assert [o.data["value"].value for o in groups[0]["options"]] == list(
        first.children.order_by("position", "slug").values_list("pk", flat=True)
    )
    assert "Cluj-Napoca" in response.text


def test_organisation_edit_saves_changes(client, organisation, owner):
    client.force_login(owner)
    data = organisation_data(organisation.city, name="Renamed")

    response = client.post(url("organisation_edit", slug=organisation.slug), data)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "Cultivăm legume în Florești."
    # A verified organisation's new name waits for the coordinators.
    assert organisation.pending_changes["name"] == "Renamed"


def test_organisation_edit_form_shows_current_values(client, organisation, owner):
    organisation.description_translations = {"en": "We build sensors."}
    organisation.save()
    client.force_login(owner)

    response = client.get(url("organisation_edit", slug=organisation.slug))

    form = response.context["form"]
    assert (form["name"].value(), form["description_en"].value()) == (
        organisation.name,
        "We build sensors.",
    )


def test_organisation_edit_is_forbidden_for_viewer(client, organisation):
    viewer = MembershipFactory(organisation=organisation, role="viewer").user
    client.force_login(viewer)

    response = client.post(
        url("organisation_edit", slug=organisation.slug),
        organisation_data(organisation.city, name="Hacked"),
    )

    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name != "Hacked"


def test_organisation_edit_of_unseen_organisation_is_404(client, dortmund_city, user):
    hidden = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)
    client.force_login(user)

    response = client.get(url("organisation_edit", slug=hidden.slug))

    assert response.status_code == 404


# --- Joining and members ----------------------------------------------------------


def test_organisation_join_creates_request(client, organisation, user):
    client.force_login(user)

    response = client.post(
        url("organisation_join", slug=organisation.slug), {"message": "Salut"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert Membership.objects.get(user=user).state == "pending"


def test_organisation_join_twice_shows_error_with_422(client, organisation, owner):
    client.force_login(owner)

    response = client.post(url("organisation_join", slug=organisation.slug), {})

    assert response.status_code == 422
    assert response.context["form"].non_field_errors()


def test_members_page_is_forbidden_for_non_members(client, organisation, user):
    client.force_login(user)

    response = client.get(url("organisation_members", slug=organisation.slug))

    assert response.status_code == 403


def test_members_page_is_read_only_for_viewer(client, organisation, owner):
    viewer = MembershipFactory(organisation=organisation, role="viewer").user
    MembershipFactory(organisation=organisation, state="pending")
    client.force_login(viewer)

    response = client.get(url("organisation_members", slug=organisation.slug))

    assert response.status_code == 200
    assert response.context["can_manage"] is False
    assert response.context["requests"] == []
    assert 'value="role"' not in response.text


def test_members_page_lets_owner_manage_requests(client, organisation, owner):
    request = MembershipFactory(organisation=organisation, state="pending")
    client.force_login(owner)

    response = client.get(url("organisation_members", slug=organisation.slug))

    assert response.context["requests"] == [request]
    assert 'value="approve"' in response.text


def test_membership_update_approves_request(client, organisation, owner):
    request = MembershipFactory(organisation=organisation, state="pending")
    client.force_login(owner)

    response = client.post(
        url("membership_update", slug=organisation.slug, pk=request.pk),
        {"action": "approve", "role": "editor"},
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.state, request.role) == ("active", "editor")


def test_membership_update_shows_last_owner_error(client, organisation, owner):
    membership = Membership.objects.get(user=owner)
    client.force_login(owner)

    response = client.post(
        url("membership_update", slug=organisation.slug, pk=membership.pk),
        {"action": "role", "role": "viewer"},
    )

    assert response.status_code == 422
    assert response.context["error"]
    membership.refresh_from_db()
    assert membership.role == "owner"


def test_owner_changing_their_own_role_goes_back_to_the_members(
    client, organisation, owner
):
    MembershipFactory(organisation=organisation, role="owner")
    membership = Membership.objects.get(user=owner)
    client.force_login(owner)

    response = client.post(
        url("membership_update", slug=organisation.slug, pk=membership.pk),
        {"action": "role", "role": "editor"},
    )

    assert response["Location"] == url("organisation_members", slug=organisation.slug)
    membership.refresh_from_db()
    assert membership.role == "editor"


def test_membership_update_refuses_an_unknown_role_with_422(
    client, organisation, owner
):
    member = MembershipFactory(organisation=organisation, role="viewer")
    client.force_login(owner)

    response = client.post(
        url("membership_update", slug=organisation.slug, pk=member.pk),
        {"action": "role", "role": "admin"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 422
    assert response.text.lstrip().startswith('<div id="members"')
    member.refresh_from_db()
    assert member.role == "viewer"


def test_membership_update_unknown_action_is_404(client, organisation, owner):
    membership = Membership.objects.get(user=owner)
    client.force_login(owner)

    response = client.post(
        url("membership_update", slug=organisation.slug, pk=membership.pk),
        {"action": "promote"},
    )

    assert response.status_code == 404


def test_membership_update_with_htmx_renders_the_partial(client, organisation, owner):
    member = MembershipFactory(organisation=organisation, role="viewer")
    client.force_login(owner)

    response = client.post(
        url("membership_update", slug=organisation.slug, pk=member.pk),
        {"action": "role", "role": "editor"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="members"')
    member.refresh_from_db()
    assert member.role == "editor"


def test_membership_update_is_forbidden_for_editor(client, organisation, owner):
    editor = MembershipFactory(organisation=organisation, role="editor").user
    owner_membership = Membership.objects.get(user=owner)
    client.force_login(editor)

    response = client.post(
        url("membership_update", slug=organisation.slug, pk=owner_membership.pk),
        {"action": "remove"},
    )

    assert response.status_code == 403
    assert Membership.objects.filter(pk=owner_membership.pk).exists()


def test_member_can_leave(client, organisation, owner):
    member = MembershipFactory(organisation=organisation, role="viewer")
    client.force_login(member.user)

    response = client.post(
        url("membership_update", slug=organisation.slug, pk=member.pk),
        {"action": "remove"},
    )

    assert response["Location"] == reverse("dashboard")
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_membership_update_refuses_get(client, organisation, owner):
    client.force_login(owner)
    membership = Membership.objects.get(user=owner)

    response = client.get(
        url("membership_update", slug=organisation.slug, pk=membership.pk)
    )

    assert response.status_code == 405


# --- Opportunities -------------------------------------------------------------


def test_opportunity_create_saves_draft(client, organisation, owner):
    client.force_login(owner)

    response = client.post(
        url("opportunity_create", slug=organisation.slug), opportunity_data()
    )

    opportunity = Opportunity.objects.get()
    assert response["Location"] == url("opportunity_edit", pk=opportunity.pk)
    assert (opportunity.status, opportunity.partner_kinds) == (
        Status.DRAFT,
        ["company"],
    )


def test_opportunity_create_shows_past_deadline_next_to_field(
    client, organisation, owner
):
    client.force_login(owner)

    response = client.post(
        url("opportunity_create", slug=organisation.slug),
        opportunity_data(deadline="2001-01-01"),
    )

    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["deadline"]


def test_opportunity_create_is_forbidden_for_viewer(client, organisation):
    viewer = MembershipFactory(organisation=organisation, role="viewer").user
    client.force_login(viewer)

    response = client.post(
        url("opportunity_create", slug=organisation.slug), opportunity_data()
    )

    assert response.status_code == 403
    assert not Opportunity.objects.exists()


def test_opportunity_edit_saves_changes(client, organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.DRAFT)
    client.force_login(owner)

    response = client.post(
        url("opportunity_edit", pk=opportunity.pk), opportunity_data(title="Neu")
    )

    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "Neu"


def test_opportunity_edit_of_closed_one_shows_no_form(client, organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.CLOSED)
    client.force_login(owner)

    response = client.get(url("opportunity_edit", pk=opportunity.pk))

    assert response.status_code == 200
    assert 'id="opportunity-form"' not in response.text


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("submit", Status.DRAFT, Status.SUBMITTED),
        ("close", Status.PUBLISHED, Status.CLOSED),
        ("renew", Status.EXPIRED, Status.PUBLISHED),
    ],
)
def test_opportunity_action_changes_status(
    client, organisation, owner, action, before, after
):
    opportunity = OpportunityFactory(organisation=organisation, status=before)
    client.force_login(owner)

    response = client.post(
        url("opportunity_action", pk=opportunity.pk, action=action),
        {"next": reverse("dashboard")},
    )

    assert response["Location"] == reverse("dashboard")
    opportunity.refresh_from_db()
    assert opportunity.status == after


def test_opportunity_action_ignores_foreign_next(client, organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.DRAFT)
    client.force_login(owner)

    response = client.post(
        url("opportunity_action", pk=opportunity.pk, action="submit"),
        {"next": "https://evil.example/"},
    )

    assert response["Location"] == url("opportunity_edit", pk=opportunity.pk)


def test_opportunity_action_unknown_is_404(client, organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.DRAFT)
    client.force_login(owner)

    response = client.post(
        url("opportunity_action", pk=opportunity.pk, action="delete")
    )

    assert response.status_code == 404


def test_opportunity_action_is_forbidden_for_viewer(client, organisation):
    viewer = MembershipFactory(organisation=organisation, role="viewer").user
    opportunity = OpportunityFactory(organisation=organisation, status=Status.PUBLISHED)
    client.force_login(viewer)

    response = client.post(url("opportunity_action", pk=opportunity.pk, action="close"))

    assert response.status_code == 403
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED


def test_opportunity_action_invalid_status_shows_message(client, organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.PUBLISHED)
    client.force_login(owner)

    response = client.post(
        url("opportunity_action", pk=opportunity.pk, action="submit"), follow=True
    )

    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED


def test_opportunity_action_needs_login(client, organisation):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.DRAFT)

    response = client.post(
        url("opportunity_action", pk=opportunity.pk, action="submit")
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- Reviews -------------------------------------------------------------------


def test_review_queue_is_forbidden_for_non_coordinators(client, owner):
    client.force_login(owner)

    response = client.get(url("review_queue"))

    assert response.status_code == 403


def test_review_queue_shows_only_own_city(
    client, coordinator, dortmund_city, cluj_city
):
    here = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)
    OrganisationFactory(city=cluj_city, verification=Verification.PENDING)
    submitted = OpportunityFactory(
        organisation=OrganisationFactory(city=dortmund_city), status=Status.SUBMITTED
    )
    OpportunityFactory(
        organisation=OrganisationFactory(city=cluj_city), status=Status.SUBMITTED
    )
    client.force_login(coordinator)

    response = client.get(url("review_queue"))

    assert list(response.context["organisations"]) == [here]
    assert list(response.context["opportunities"]) == [submitted]


def test_review_queue_queries_do_not_grow_with_rows(client, coordinator, dortmund_city):
    def add_row() -> None:
        OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)
        OpportunityFactory(
            organisation=OrganisationFactory(city=dortmund_city),
            status=Status.SUBMITTED,
        )

    client.force_login(coordinator)

    assert_constant_queries(add_row, lambda: client.get(url("review_queue")))

    response = client.get(url("review_queue"))
    assert response.context["organisations"].paginator.count == 3


def test_organisation_review_verifies(client, coordinator, dortmund_city):
    organisation = OrganisationFactory(
        city=dortmund_city, verification=Verification.PENDING
    )
    client.force_login(coordinator)

    response = client.post(
        url("organisation_review", slug=organisation.slug), {"decision": "verified"}
    )

    assert response["Location"] == url("review_queue")
    organisation.refresh_from_db()
    assert organisation.verification == Verification.VERIFIED


def test_organisation_review_needs_reason_to_reject(client, coordinator, dortmund_city):
    organisation = OrganisationFactory(
        city=dortmund_city, verification=Verification.PENDING
    )
    client.force_login(coordinator)

    response = client.post(
        url("organisation_review", slug=organisation.slug),
        {"decision": "rejected", "reason": ""},
    )

    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["reason"]
    organisation.refresh_from_db()
    assert organisation.verification == Verification.PENDING


def test_organisation_review_with_htmx_redirects_by_header(
    client, coordinator, dortmund_city
):
    organisation = OrganisationFactory(
        city=dortmund_city, verification=Verification.PENDING
    )
    client.force_login(coordinator)

    response = client.post(
        url("organisation_review", slug=organisation.slug),
        {"decision": "verified"},
        headers={"HX-Request": "true"},
    )

    assert response["HX-Redirect"] == url("review_queue")


def test_organisation_review_by_other_city_is_403(
    client, organisation, other_coordinator
):
    """A verified organisation is public: the other city sees it, may not review it."""
    client.force_login(other_coordinator)

    response = client.post(
        url("organisation_review", slug=organisation.slug),
        {"decision": "rejected", "reason": "Nein"},
    )

    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.verification == Verification.VERIFIED


def test_organisation_review_of_unseen_pending_organisation_is_404(
    client, dortmund_city, other_coordinator
):
    organisation = OrganisationFactory(
        city=dortmund_city, verification=Verification.PENDING
    )
    client.force_login(other_coordinator)

    response = client.post(
        url("organisation_review", slug=organisation.slug), {"decision": "verified"}
    )

    assert response.status_code == 404
    organisation.refresh_from_db()
    assert organisation.verification == Verification.PENDING


def test_opportunity_review_publishes(client, organisation, coordinator):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.SUBMITTED)
    client.force_login(coordinator)

    response = client.post(
        url("opportunity_review", pk=opportunity.pk), {"decision": "published"}
    )

    assert response["Location"] == url("review_queue")
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED


def test_opportunity_review_of_unverified_organisation_shows_error(
    client, dortmund_city, coordinator
):
    opportunity = OpportunityFactory(
        organisation=OrganisationFactory(
            city=dortmund_city, verification=Verification.PENDING
        ),
        status=Status.SUBMITTED,
    )
    client.force_login(coordinator)

    response = client.post(
        url("opportunity_review", pk=opportunity.pk), {"decision": "published"}
    )

    assert response.status_code == 422
    assert response.context["form"].non_field_errors()


def test_opportunity_review_is_forbidden_for_members(client, organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.SUBMITTED)
    client.force_login(owner)

    response = client.get(url("opportunity_review", pk=opportunity.pk))

    assert response.status_code == 403


def test_review_pages_need_login(client, organisation):
    response = client.get(url("organisation_review", slug=organisation.slug))

    assert response.status_code == 302


def test_organisation_create_renders_in_german(client, user, partnership):
    client.force_login(user)

    response = client.get("/de/organisations/new/")

    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "de"


def test_user_sees_no_other_users_pending_organisation(client, dortmund_city):
    pending = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)
    client.force_login(UserFactory())

    response = client.get(url("organisation_members", slug=pending.slug))

    assert response.status_code == 404


def test_own_request_to_hidden_organisation_can_be_withdrawn(client, dortmund_city):
    hidden = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)
    request = MembershipFactory(organisation=hidden, state="pending")
    client.force_login(request.user)

    response = client.post(
        url("membership_update", slug=hidden.slug, pk=request.pk), {"action": "remove"}
    )

    assert response["Location"] == reverse("dashboard")
    assert not Membership.objects.filter(pk=request.pk).exists()


def test_membership_of_unseen_organisation_is_404_for_others(client, dortmund_city):
    hidden = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)
    member = MembershipFactory(organisation=hidden, role="viewer")
    client.force_login(UserFactory())

    response = client.post(
        url("membership_update", slug=hidden.slug, pk=member.pk), {"action": "remove"}
    )

    assert response.status_code == 404
    assert Membership.objects.filter(pk=member.pk).exists()
