"""Every state change of the directory's services (permissions: test_permissions.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.accounts.models import Membership
from tandem.directory import members, services
from tandem.directory.models import Opportunity, Organisation
from tandem.directory.selectors import organisation_actions
from tandem.directory.signals import profile_changed
from tandem.errors import PermissionDenied
from tests.factories import (
    AreaFactory,
    MembershipFactory,
    OpportunityFactory,
    OrganisationFactory,
)
from tests.helpers import error_codes, field_codes

Verification = Organisation.Verification
Status = Opportunity.Status
pytestmark = pytest.mark.django_db


def _create(by, city, **fields):
    values = {
        "name": "  Sensorik Ruhr GmbH ",
        "kind": "startup",
        "city": city,
        "description": "Wir entwickeln Sensoren.",
        "language": "de",
    }
    values.update(fields)
    return services.create_organisation(by=by, **values)


# --- Organisations -------------------------------------------------------------


def test_create_organisation_makes_creator_owner_and_waits_for_verification(
    user, dortmund_city
):
    organisation = _create(user, dortmund_city)

    assert organisation.name == "Sensorik Ruhr GmbH"
    assert organisation.slug == "sensorik-ruhr-gmbh"
    assert organisation.verification == Verification.PENDING
    assert list(
        Membership.objects.filter(organisation=organisation).values_list(
            "user", "role", "state"
        )
    ) == [(user.pk, "owner", "active")]


def test_create_organisation_gives_a_taken_name_a_new_slug(user, dortmund_city):
    first = _create(user, dortmund_city)
    second = _create(user, dortmund_city)

    assert (first.slug, second.slug) == ("sensorik-ruhr-gmbh", "sensorik-ruhr-gmbh-2")


def test_create_organisation_sets_areas_and_keeps_real_translations(
    user, dortmund_city
):
    area = AreaFactory()
    organisation = _create(
        user,
        dortmund_city,
        areas=[area],
        description_translations={"en": " We build sensors. ", "ro": "   ", "de": "x"},
        languages_spoken=["de", "en", "de"],
    )

    organisation.refresh_from_db()
    assert organisation.description_translations == {"en": "We build sensors."}
    assert organisation.languages_spoken == ["de", "en"]
    assert list(organisation.areas.all()) == [area]


def test_create_organisation_refuses_translation_in_unknown_language(
    user, dortmund_city
):
    with pytest.raises(ValidationError) as exc_info:
        _create(user, dortmund_city, description_translations={"fr": "Capteurs"})

    assert field_codes(exc_info) == {
        "description_translations": ["invalid_translation_language"]
    }
    assert not Organisation.objects.exists()


def test_create_organisation_refuses_language_names_instead_of_codes(
    user, dortmund_city
):
    with pytest.raises(ValidationError) as exc_info:
        _create(user, dortmund_city, languages_spoken=["Deutsch"])

    assert error_codes(exc_info) == ["invalid_language_code"]


def test_create_organisation_rejects_unknown_keyword(user, dortmund_city):
    with pytest.raises(TypeError):
        _create(user, dortmund_city, verification=Verification.VERIFIED)


def test_update_organisation_keeps_verified_state_for_ordinary_edit(
    organisation, owner
):
    services.update_organisation(
        organisation=organisation, by=owner, description=" Neu ", founded_year=2001
    )

    organisation.refresh_from_db()
    assert (organisation.description, organisation.verification) == (
        "Neu",
        Verification.VERIFIED,
    )


@pytest.mark.parametrize(
    "state", [Verification.REJECTED, Verification.CHANGES_REQUESTED]
)
def test_update_organisation_sends_reviewed_organisation_back_to_queue(
    organisation, owner, state
):
    Organisation.objects.filter(pk=organisation.pk).update(verification=state)
    organisation.refresh_from_db()

    services.update_organisation(
        organisation=organisation, by=owner, description="Neu beschrieben."
    )

    organisation.refresh_from_db()
    assert organisation.verification == Verification.PENDING


def test_update_organisation_moving_city_needs_new_verification(
    organisation, owner, cluj_city
):
    services.update_organisation(organisation=organisation, by=owner, city=cluj_city)

    organisation.refresh_from_db()
    assert (organisation.city_id, organisation.verification) == (
        cluj_city.pk,
        Verification.PENDING,
    )


def test_update_organisation_replaces_areas_only_when_given(organisation, owner):
    old, new = AreaFactory(), AreaFactory()
    organisation.areas.set([old])

    services.update_organisation(organisation=organisation, by=owner, name="A")
    assert list(organisation.areas.all()) == [old]
    services.update_organisation(organisation=organisation, by=owner, areas=[new])
    assert list(organisation.areas.all()) == [new]


def test_update_organisation_drops_translation_in_new_description_language(
    organisation, owner
):
    services.update_organisation(
        organisation=organisation,
        by=owner,
        description_translations={"ro": "Senzori", "en": "Sensors"},
    )
    services.update_organisation(organisation=organisation, by=owner, language="ro")

    organisation.refresh_from_db()
    assert organisation.description_translations == {"en": "Sensors"}


def test_update_organisation_drops_a_blank_translation_under_any_code(
    organisation, owner
):
    services.update_organisation(
        organisation=organisation,
        by=owner,
        description_translations={"fr": " ", "en": " Sensors "},
    )

    organisation.refresh_from_db()
    assert organisation.description_translations == {"en": "Sensors"}


def test_update_organisation_that_fails_leaves_the_object_as_it_was(
    organisation, owner, cluj_city
):
    name, city = organisation.name, organisation.city

    with pytest.raises(ValidationError) as exc_info:
        services.update_organisation(
            organisation=organisation, by=owner, name=" ", city=cluj_city
        )

    assert field_codes(exc_info) == {"name": ["blank"]}
    assert (organisation.name, organisation.city, organisation.verification) == (
        name,
        city,
        Verification.VERIFIED,
    )


def test_update_organisation_tells_matching_only_of_a_change(organisation, owner):
    sent = []

    def receiver(sender, *, pk, **kwargs):
        sent.append((sender, pk))

    profile_changed.connect(receiver)
    try:
        services.update_organisation(
            organisation=organisation, by=owner, name=organisation.name
        )
        services.update_organisation(organisation=organisation, by=owner, name="Neu")
    finally:
        profile_changed.disconnect(receiver)

    assert sent == [(Organisation, organisation.pk)]


def test_review_organisation_verifies_and_records_who_and_when(
    dortmund_city, coordinator
):
    organisation = OrganisationFactory(
        city=dortmund_city, verification=Verification.PENDING
    )

    services.review_organisation(
        organisation=organisation, by=coordinator, decision="verified"
    )

    organisation.refresh_from_db()
    assert organisation.verification == Verification.VERIFIED
    assert organisation.reviewed_by == coordinator
    assert organisation.reviewed_at is not None


@pytest.mark.parametrize("decision", ["rejected", "changes_requested"])
def test_review_organisation_needs_a_reason_to_refuse(
    dortmund_city, coordinator, decision
):
    organisation = OrganisationFactory(
        city=dortmund_city, verification=Verification.PENDING
    )

    with pytest.raises(ValidationError) as exc_info:
        services.review_organisation(
            organisation=organisation, by=coordinator, decision=decision, reason=" "
        )

    assert field_codes(exc_info) == {"reason": ["reason_required"]}
    organisation.refresh_from_db()
    assert organisation.verification == Verification.PENDING


def test_review_organisation_stores_the_reason(dortmund_city, coordinator):
    organisation = OrganisationFactory(
        city=dortmund_city, verification=Verification.PENDING
    )

    services.review_organisation(
        organisation=organisation,
        by=coordinator,
        decision="changes_requested",
        reason=" Bitte Website ergänzen. ",
    )

    organisation.refresh_from_db()
    assert (organisation.verification, organisation.review_reason) == (
        Verification.CHANGES_REQUESTED,
        "Bitte Website ergänzen.",
    )


def test_review_organisation_refuses_pending_as_decision(dortmund_city, coordinator):
    organisation = OrganisationFactory(city=dortmund_city)

    with pytest.raises(ValidationError) as exc_info:
        services.review_organisation(
            organisation=organisation, by=coordinator, decision="pending"
        )

    assert error_codes(exc_info) == ["invalid_decision"]


# --- Memberships ---------------------------------------------------------------


def test_request_membership_creates_pending_viewer_request(organisation, user):
    membership = members.request_membership(
        organisation=organisation, by=user, message=" Hallo! "
    )

    assert (membership.state, membership.role, membership.message) == (
        "pending",
        "viewer",
        "Hallo!",
    )


def test_request_membership_twice_is_refused(organisation, user):
    members.request_membership(organisation=organisation, by=user)

    with pytest.raises(ValidationError) as exc_info:
        members.request_membership(organisation=organisation, by=user)

    assert error_codes(exc_info) == ["already_member"]


def test_request_membership_to_hidden_organisation_is_refused(dortmund_city, user):
    hidden = OrganisationFactory(
        city=dortmund_city, visibility=Organisation.Visibility.HIDDEN
    )

    with pytest.raises(PermissionDenied):
        members.request_membership(organisation=hidden, by=user)


def test_request_membership_to_unverified_organisation_is_refused_to_coordinators(
    dortmund_city, coordinator
):
    """They see it to review it; only public organisations take members, as
    the organisation's page shows."""
    pending = OrganisationFactory(city=dortmund_city, verification=Verification.PENDING)

    with pytest.raises(PermissionDenied):
        members.request_membership(organisation=pending, by=coordinator)
    assert not organisation_actions(
        viewer=coordinator, organisation=pending
    ).can_ask_to_join


def test_approve_membership_activates_request_with_role(organisation, owner):
    request = MembershipFactory(
        organisation=organisation, role="viewer", state="pending"
    )

    members.approve_membership(membership=request, by=owner, role="editor")

    request.refresh_from_db()
    assert (request.state, request.role) == ("active", "editor")


def test_approve_membership_refuses_an_active_member(organisation, owner):
    owner_membership = Membership.objects.get(user=owner)

    with pytest.raises(ValidationError) as exc_info:
        members.approve_membership(membership=owner_membership, by=owner, role="viewer")

    assert error_codes(exc_info) == ["not_pending"]
    owner_membership.refresh_from_db()
    assert owner_membership.role == "owner"


def test_approve_membership_refuses_unknown_role(organisation, owner):
    request = MembershipFactory(organisation=organisation, state="pending")

    with pytest.raises(ValidationError) as exc_info:
        members.approve_membership(membership=request, by=owner, role="admin")

    assert field_codes(exc_info) == {"role": ["invalid_role"]}


def test_change_member_role_changes_it(organisation, owner):
    member = MembershipFactory(organisation=organisation, role="viewer")

    members.change_member_role(membership=member, by=owner, role="owner")

    member.refresh_from_db()
    assert member.role == "owner"


def test_change_member_role_keeps_the_last_owner(organisation, owner):
    owner_membership = Membership.objects.get(user=owner)

    with pytest.raises(ValidationError) as exc_info:
        members.change_member_role(membership=owner_membership, by=owner, role="editor")

    assert error_codes(exc_info) == ["last_owner"]
    owner_membership.refresh_from_db()
    assert owner_membership.role == "owner"


def test_change_member_role_lets_an_owner_step_down_when_another_remains(
    organisation, owner
):
    MembershipFactory(organisation=organisation, role="owner")
    owner_membership = Membership.objects.get(user=owner)

    members.change_member_role(membership=owner_membership, by=owner, role="editor")

    owner_membership.refresh_from_db()
    assert owner_membership.role == "editor"


def test_change_member_role_refuses_a_pending_request(organisation, owner):
    request = MembershipFactory(organisation=organisation, state="pending")

    with pytest.raises(ValidationError) as exc_info:
        members.change_member_role(membership=request, by=owner, role="editor")

    assert error_codes(exc_info) == ["not_active"]


def test_remove_member_removes_a_member(organisation, owner):
    member = MembershipFactory(organisation=organisation, role="editor")

    members.remove_member(membership=member, by=owner)

    assert not Membership.objects.filter(pk=member.pk).exists()


def test_remove_member_declines_a_request(organisation, owner):
    request = MembershipFactory(organisation=organisation, state="pending")

    members.remove_member(membership=request, by=owner)

    assert not Membership.objects.filter(pk=request.pk).exists()


def test_remove_member_lets_a_viewer_leave(organisation, owner):
    member = MembershipFactory(organisation=organisation, role="viewer")

    members.remove_member(membership=member, by=member.user)

    assert not Membership.objects.filter(pk=member.pk).exists()


def test_remove_member_keeps_the_last_owner(organisation, owner):
    owner_membership = Membership.objects.get(user=owner)

    with pytest.raises(ValidationError) as exc_info:
        members.remove_member(membership=owner_membership, by=owner)

    assert error_codes(exc_info) == ["last_owner"]
    assert Membership.objects.filter(pk=owner_membership.pk).exists()


# --- Opportunities -------------------------------------------------------------


def _opportunity_values(**fields):
    values = {
        "kind": "technology_offer",
        "title": " Bodenfeuchte-Sensoren ",
        "summary": "Sensoren für Pilotbetriebe.",
        "description": "Wir suchen Pilotbetriebe in Cluj.",
        "language": "de",
    }
    values.update(fields)
    return values


def test_create_opportunity_saves_a_draft(organisation, owner):
    area = AreaFactory()
    opportunity = services.create_opportunity(
        organisation=organisation,
        by=owner,
        areas=[area],
        partner_kinds=["agricultural"],
        **_opportunity_values(),
    )

    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.title, opportunity.created_by) == (
        Status.DRAFT,
        "Bodenfeuchte-Sensoren",
        owner,
    )
    assert opportunity.partner_kinds == ["agricultural"]
    assert list(opportunity.areas.all()) == [area]


def test_create_opportunity_refuses_unknown_partner_kind(organisation, owner):
    with pytest.raises(ValidationError) as exc_info:
        services.create_opportunity(
            organisation=organisation,
            by=owner,
            partner_kinds=["aliens"],
            **_opportunity_values(),
        )

    assert field_codes(exc_info) == {"partner_kinds": ["invalid_partner_kind"]}
    assert not Opportunity.objects.exists()


def test_create_opportunity_refuses_past_deadline(organisation, owner):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as exc_info:
        services.create_opportunity(
            organisation=organisation,
            by=owner,
            deadline=yesterday,
            **_opportunity_values(),
        )

    assert field_codes(exc_info) == {"deadline": ["deadline_past"]}


def test_update_opportunity_keeps_published_one_published(organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation)

    services.update_opportunity(opportunity=opportunity, by=owner, title="Neu")

    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.status) == ("Neu", Status.PUBLISHED)


def test_update_opportunity_strips_texts_and_saves_only_changes(organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.DRAFT)

    services.update_opportunity(
        opportunity=opportunity, by=owner, title=" Neu ", summary=opportunity.summary
    )

    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.status) == ("Neu", Status.DRAFT)


def test_update_opportunity_that_fails_leaves_the_object_as_it_was(organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.DRAFT)
    title = opportunity.title

    with pytest.raises(ValidationError) as exc_info:
        services.update_opportunity(
            opportunity=opportunity, by=owner, title="Neu", kind="no_such_kind"
        )

    assert field_codes(exc_info) == {"kind": ["invalid_choice"]}
    assert (opportunity.title, opportunity.kind) == (title, "technology_offer")


def test_update_opportunity_rejects_unknown_keyword(organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.DRAFT)

    with pytest.raises(TypeError):
        services.update_opportunity(
            opportunity=opportunity, by=owner, status=Status.PUBLISHED
        )


@pytest.mark.parametrize("status", [Status.CLOSED, Status.EXPIRED, Status.REJECTED])
def test_update_opportunity_refuses_finished_one(organisation, owner, status):
    opportunity = OpportunityFactory(organisation=organisation, status=status)

    with pytest.raises(ValidationError) as exc_info:
        services.update_opportunity(opportunity=opportunity, by=owner, title="Neu")

    assert error_codes(exc_info) == ["not_editable"]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.CHANGES_REQUESTED])
def test_submit_opportunity_sends_it_to_review(organisation, owner, status):
    opportunity = OpportunityFactory(organisation=organisation, status=status)

    services.submit_opportunity(opportunity=opportunity, by=owner)

    opportunity.refresh_from_db()
    assert opportunity.status == Status.SUBMITTED


def test_submit_opportunity_refuses_published_one(organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation)

    with pytest.raises(ValidationError) as exc_info:
        services.submit_opportunity(opportunity=opportunity, by=owner)

    assert error_codes(exc_info) == ["invalid_status"]


def test_review_opportunity_publishes_for_a_lifetime(
    organisation, coordinator, settings
):
    settings.TANDEM_OPPORTUNITY_LIFETIME_DAYS = 30
    opportunity = OpportunityFactory(
        organisation=organisation,
        status=Status.SUBMITTED,
        published_at=None,
        expires_at=None,
    )

    services.review_opportunity(
        opportunity=opportunity, by=coordinator, decision="published"
    )

    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED
    assert opportunity.reviewed_by == coordinator
    assert opportunity.expires_at - opportunity.published_at == datetime.timedelta(
        days=30
    )


def test_review_opportunity_asks_for_changes_with_reason(organisation, coordinator):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.SUBMITTED)

    services.review_opportunity(
        opportunity=opportunity,
        by=coordinator,
        decision="changes_requested",
        reason="Bitte kürzen.",
    )

    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.review_reason) == (
        Status.CHANGES_REQUESTED,
        "Bitte kürzen.",
    )


def test_review_opportunity_refuses_rejection_without_reason(organisation, coordinator):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.SUBMITTED)

    with pytest.raises(ValidationError) as exc_info:
        services.review_opportunity(
            opportunity=opportunity, by=coordinator, decision="rejected"
        )

    assert field_codes(exc_info) == {"reason": ["reason_required"]}


def test_review_opportunity_needs_a_verified_organisation(dortmund_city, coordinator):
    opportunity = OpportunityFactory(
        organisation=OrganisationFactory(
            city=dortmund_city, verification=Verification.PENDING
        ),
        status=Status.SUBMITTED,
    )

    with pytest.raises(ValidationError) as exc_info:
        services.review_opportunity(
            opportunity=opportunity, by=coordinator, decision="published"
        )

    assert error_codes(exc_info) == ["organisation_not_verified"]
    opportunity.refresh_from_db()
    assert opportunity.status == Status.SUBMITTED


def test_review_opportunity_refuses_one_not_submitted(organisation, coordinator):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.DRAFT)

    with pytest.raises(ValidationError) as exc_info:
        services.review_opportunity(
            opportunity=opportunity, by=coordinator, decision="published"
        )

    assert error_codes(exc_info) == ["invalid_status"]


def test_close_opportunity_closes_it(organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation)

    services.close_opportunity(opportunity=opportunity, by=owner)

    opportunity.refresh_from_db()
    assert opportunity.status == Status.CLOSED


def test_close_opportunity_refuses_a_closed_one(organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.CLOSED)

    with pytest.raises(ValidationError) as exc_info:
        services.close_opportunity(opportunity=opportunity, by=owner)

    assert error_codes(exc_info) == ["invalid_status"]


def test_renew_opportunity_publishes_an_expired_one_again(organisation, owner):
    opportunity = OpportunityFactory(
        organisation=organisation,
        status=Status.EXPIRED,
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )

    services.renew_opportunity(opportunity=opportunity, by=owner)

    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED
    assert opportunity.expires_at > timezone.now() + datetime.timedelta(days=300)


def test_renew_opportunity_refuses_a_draft(organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.DRAFT)

    with pytest.raises(ValidationError) as exc_info:
        services.renew_opportunity(opportunity=opportunity, by=owner)

    assert error_codes(exc_info) == ["invalid_status"]


def test_renew_opportunity_refuses_one_of_a_rejected_organisation(organisation, owner):
    opportunity = OpportunityFactory(organisation=organisation, status=Status.EXPIRED)
    Organisation.objects.filter(pk=organisation.pk).update(
        verification=Verification.REJECTED
    )
    opportunity.refresh_from_db()

    with pytest.raises(ValidationError) as exc_info:
        services.renew_opportunity(opportunity=opportunity, by=owner)

    assert error_codes(exc_info) == ["organisation_not_verified"]


def test_expire_opportunities_expires_only_past_ones(organisation):
    now = timezone.now()
    past = OpportunityFactory(
        organisation=organisation, expires_at=now - datetime.timedelta(seconds=1)
    )
    future = OpportunityFactory(
        organisation=organisation, expires_at=now + datetime.timedelta(days=1)
    )

    assert services.expire_opportunities(now=now) == 1

    past.refresh_from_db()
    future.refresh_from_db()
    assert (past.status, future.status) == (Status.EXPIRED, Status.PUBLISHED)
