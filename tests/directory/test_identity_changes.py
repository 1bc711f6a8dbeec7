"""A verified organisation's name, kind and website wait for the coordinators'
approval: nobody sees an unverified identity under the city's badge."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.accounts.services import create_api_token
from tandem.audit.models import AuditEntry
from tandem.directory import notification_kinds as kinds
from tandem.directory import services
from tandem.directory.models import Organisation
from tandem.directory.selectors import changes_queue
from tandem.errors import PermissionDenied
from tests.factories import MembershipFactory
from tests.helpers import field_codes

pytestmark = pytest.mark.django_db
Verification = Organisation.Verification


def form_data(organisation, **changes):
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "city": organisation.city_id,
        "description": organisation.description,
        "language": organisation.language,
        "description_de": "",
        "description_ro": "",
        "description_en": "",
        "languages_spoken": [],
        "website": organisation.website,
        "size_band": "",
        "founded_year": "",
        "visibility": "public",
    }
    return data | changes


def public_page(client, organisation) -> str:
    client.logout()
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_name_changed_in_the_form_is_not_shown_under_the_badge(
    client, organisation, owner
):
    old_name = organisation.name
    client.force_login(owner)

    response = client.post(
        reverse("directory:organisation_edit", kwargs={"slug": organisation.slug}),
        form_data(organisation, name="Stadt Dortmund – Wirtschaftsförderung"),
    )

    assert response.status_code == 302
    html = public_page(client, organisation)
    assert "status--verified" in html
    assert old_name in html
    assert "Wirtschaftsförderung" not in html


def test_a_name_changed_through_the_api_is_not_shown_under_the_badge(
    client, organisation, owner
):
    old_name = organisation.name
    _token, key = create_api_token(by=owner, name="Sync")
    path = f"/api/v1/organisations/{organisation.slug}"

    response = client.patch(
        path,
        json.dumps({"name": "Primăria Cluj-Napoca"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 200
    assert (response.json()["name"], response.json()["pending_changes"]) == (
        old_name,
        {"name": "Primăria Cluj-Napoca"},
    )
    public = client.get(path).json()
    assert (public["name"], public["verification"]) == (old_name, "verified")
    assert "Primăria" not in public_page(client, organisation)


# --- The workflow --------------------------------------------------------------


def notices(kind):
    from tandem.notifications.models import Notification

    return sorted(
        (n.user_id, n.params.get("decision", ""))
        for n in Notification.objects.filter(kind=kind)
    )


@pytest.fixture
def editor(organisation):
    return MembershipFactory(organisation=organisation, role="editor").user


@pytest.fixture
def proposed(organisation, owner, coordinator, editor):
    old = organisation.name
    services.update_organisation(
        organisation=organisation,
        by=owner,
        name="Stadt Dortmund",
        kind="municipal",
        website="https://dortmund.example",
        description="Neu",
    )
    organisation.refresh_from_db()
    return old


def test_a_proposal_waits_and_the_coordinators_are_told(
    organisation, owner, coordinator, proposed
):
    assert (organisation.name, organisation.kind, organisation.website) == (
        proposed,
        "startup",
        "",
    )
    assert organisation.description == "Neu"  # the rest applies at once
    assert organisation.pending_changes == {
        "name": "Stadt Dortmund",
        "kind": "municipal",
        "website": "https://dortmund.example",
    }
    assert (organisation.pending_changes_by, organisation.verification) == (
        owner,
        Verification.VERIFIED,
    )
    assert notices(kinds.ORGANISATION_CHANGES_PROPOSED) == [(coordinator.pk, "")]
    assert list(changes_queue(viewer=coordinator)) == [organisation]


def test_a_bad_proposal_is_refused_with_field_messages(organisation, owner):
    with pytest.raises(ValidationError) as exc_info:
        services.update_organisation(
            organisation=organisation, by=owner, name=" ", kind="castle"
        )

    assert field_codes(exc_info) == {"name": ["blank"], "kind": ["invalid_choice"]}
    organisation.refresh_from_db()
    assert organisation.pending_changes == {}


def test_going_back_to_the_verified_value_withdraws_the_proposal(
    organisation, owner, proposed
):
    services.update_organisation(
        organisation=organisation, by=owner, name=proposed, kind="startup", website=""
    )

    organisation.refresh_from_db()
    assert (organisation.pending_changes, organisation.pending_changes_at) == ({}, None)


def test_approving_applies_the_changes_and_tells_the_editors(
    organisation, owner, editor, coordinator, proposed
):
    services.review_organisation_changes(
        organisation=organisation, by=coordinator, decision="approved"
    )

    organisation.refresh_from_db()
    assert (organisation.name, organisation.kind, organisation.website) == (
        "Stadt Dortmund",
        "municipal",
        "https://dortmund.example",
    )
    assert (organisation.pending_changes, organisation.verification) == (
        {},
        Verification.VERIFIED,
    )
    assert notices(kinds.ORGANISATION_CHANGES_REVIEWED) == sorted(
        [(owner.pk, "approved"), (editor.pk, "approved")]
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.changes["name"]) == (
        "directory.organisation_changes_approved",
        coordinator,
        [proposed, "Stadt Dortmund"],
    )


def test_rejecting_discards_the_changes_and_tells_the_editors_why(
    organisation, owner, editor, coordinator, proposed
):
    services.review_organisation_changes(
        organisation=organisation,
        by=coordinator,
        decision="rejected",
        reason="Sie sind nicht die Stadtverwaltung.",
    )

    organisation.refresh_from_db()
    assert (organisation.name, organisation.pending_changes) == (proposed, {})
    from tandem.notifications.models import Notification

    reasons = {
        n.params["reason"]
        for n in Notification.objects.filter(kind=kinds.ORGANISATION_CHANGES_REVIEWED)
    }
    assert reasons == {"Sie sind nicht die Stadtverwaltung."}
    assert AuditEntry.objects.get().action == "directory.organisation_changes_rejected"


def test_rejecting_needs_a_reason(organisation, coordinator, proposed):
    with pytest.raises(ValidationError) as exc_info:
        services.review_organisation_changes(
            organisation=organisation, by=coordinator, decision="rejected"
        )

    assert field_codes(exc_info) == {"reason": ["reason_required"]}


def test_only_the_citys_coordinators_decide(
    organisation, owner, other_coordinator, proposed
):
    for person in (owner, other_coordinator):
        with pytest.raises(PermissionDenied):
            services.review_organisation_changes(
                organisation=organisation, by=person, decision="approved"
            )


def test_an_unverified_organisation_changes_its_name_at_once(organisation, owner):
    Organisation.objects.filter(pk=organisation.pk).update(
        verification=Verification.PENDING
    )
    organisation.refresh_from_db()

    services.update_organisation(organisation=organisation, by=owner, name="Neu")

    organisation.refresh_from_db()
    assert (organisation.name, organisation.pending_changes) == ("Neu", {})


def test_the_review_queue_shows_before_and_after(
    client, organisation, coordinator, proposed
):
    client.force_login(coordinator)

    page = client.get(reverse("directory:review_queue"))

    html = page.content.decode()
    assert f"{proposed} → Stadt Dortmund" in html
    assert (
        reverse(
            "directory:organisation_changes_review", kwargs={"slug": organisation.slug}
        )
        in html
    )


def test_the_coordinator_approves_on_the_review_page(
    client, organisation, coordinator, proposed
):
    client.force_login(coordinator)
    path = reverse(
        "directory:organisation_changes_review", kwargs={"slug": organisation.slug}
    )

    empty = client.post(path, {"decision": "rejected", "reason": ""})
    response = client.post(path, {"decision": "approved"})

    assert empty.status_code == 422
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Stadt Dortmund"
    assert client.get(path).status_code == 404  # nothing waits any more


def test_the_review_queue_reads_changes_in_constant_queries(
    client, dortmund_city, coordinator
):
    from tests.factories import OrganisationFactory
    from tests.helpers import assert_constant_queries

    def add_row():
        organisation = OrganisationFactory(city=dortmund_city)
        owner = MembershipFactory(organisation=organisation, role="owner").user
        services.update_organisation(organisation=organisation, by=owner, name="Neu")

    client.force_login(coordinator)
    assert_constant_queries(
        add_row, lambda: client.get(reverse("directory:review_queue"))
    )
