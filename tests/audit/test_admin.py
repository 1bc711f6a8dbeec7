"""The admin: every add, change and delete through it goes to the trail, and
nobody, not even a superuser, changes or deletes an entry there."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tandem.accounts.models import CoordinatorRole
from tandem.audit.models import AuditEntry
from tandem.audit.selectors import audit_entries, describe
from tandem.audit.services import record
from tests.factories import CoordinatorRoleFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True, first_name="Ada")


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def entry(organisation):
    return record(
        action="directory.organisation_verified",
        actor=None,
        target=organisation,
        city=organisation.city,
    )


def test_the_admin_lists_and_shows_entries_but_offers_no_change(staff_client, entry):
    listing = staff_client.get(reverse("admin:audit_auditentry_changelist"))
    assert listing.status_code == 200
    assert "Organisation verified" in listing.content.decode()
    assert 'name="action"' not in listing.content.decode()  # no bulk delete
    page = staff_client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert page.status_code == 200
    assert 'type="submit"' not in page.content.decode().split("<main")[-1]


def test_a_superuser_cannot_add_change_or_delete_an_entry(staff_client, entry):
    add = staff_client.get(reverse("admin:audit_auditentry_add"))
    assert add.status_code == 403
    change = staff_client.post(
        reverse("admin:audit_auditentry_change", args=[entry.pk]),
        {"reason": "edited"},
    )
    assert change.status_code == 403
    delete = staff_client.post(
        reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    entry.refresh_from_db()
    assert entry.reason == ""


def test_a_change_in_the_admin_is_recorded_with_before_and_after(
    staff_client, superuser, organisation
):
    member = MembershipFactory(organisation=organisation, role="viewer")
    response = staff_client.post(
        reverse("admin:accounts_membership_change", args=[member.pk]),
        {
            "user": member.user_id,
            "organisation": organisation.pk,
            "role": "editor",
            "state": "active",
            "message": "",
        },
    )
    assert response.status_code == 302
    [row] = describe(audit_entries(viewer=superuser), viewer=superuser)
    assert row.action == "Changed in the admin"
    assert row.actor == str(superuser)
    assert (
        row.entry.city == organisation.city
    )  # the organisation's coordinators read it
    assert [(c.field, c.before, c.after) for c in row.changes] == [
        ("Role", "Viewer", "Editor")
    ]


def test_granting_a_coordinator_role_in_the_admin_is_recorded(
    staff_client, superuser, dortmund_city
):
    person = UserFactory()
    response = staff_client.post(
        reverse("admin:accounts_coordinatorrole_add"),
        {"user": person.pk, "city": dortmund_city.pk},
    )
    assert response.status_code == 302
    coordinator = CoordinatorRoleFactory(city=dortmund_city).user
    [row] = describe(audit_entries(viewer=coordinator), viewer=coordinator)
    assert row.action == "Coordinator role granted"
    assert str(person) in row.entry.target_label


def test_deleting_several_rows_at_once_records_each(staff_client, dortmund_city):
    roles = [CoordinatorRoleFactory(city=dortmund_city) for _ in range(2)]
    response = staff_client.post(
        reverse("admin:accounts_coordinatorrole_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [r.pk for r in roles],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not CoordinatorRole.objects.exists()
    assert sorted(AuditEntry.objects.values_list("action", "target_label")) == sorted(
        ("accounts.coordinator_role_withdrawn", str(r)) for r in roles
    )


def test_every_registered_admin_is_audited():
    from tandem.audit.admin_site import AuditedModelAdmin

    assert all(
        isinstance(model_admin, AuditedModelAdmin)
        for model_admin in admin.site._registry.values()
    )
