"""What coordinators and staff do to events, the permissions to organise
them, and published plans leave entries an auditor can read; what the
organisers of an allowed organisation do to their own events does not."""

import pytest

from tandem.audit.models import AuditEntry
from tandem.audit.selectors import audit_entries, describe
from tandem.events import planning, services
from tests.events.conftest import make_event
from tests.events.test_planning import accepted, solved
from tests.factories import CoordinatorRoleFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditEntry.objects.filter(action=action))


def read(viewer, action):
    return describe(audit_entries(viewer=viewer).filter(action=action), viewer=viewer)


def test_publishing_an_event_as_coordinator_is_recorded(coordinator, draft_event):
    services.publish_event(event=draft_event, by=coordinator)
    [row] = read(coordinator, "events.event_published")
    assert row.action == "Event published"
    assert row.entry.actor == coordinator
    assert row.entry.city == draft_event.city
    assert [(c.field, c.before, c.after) for c in row.changes] == [
        ("Status", "Draft", "Published")
    ]
    assert row.url == f"/en/events/{draft_event.pk}/"


def test_cancelling_an_event_as_staff_is_recorded(event):
    staff = UserFactory(is_staff=True)
    services.cancel_event(event=event, by=staff)
    [row] = read(staff, "events.event_cancelled")
    assert row.action == "Event cancelled"
    assert [(c.before, c.after) for c in row.changes] == [("Published", "Cancelled")]


def test_moving_an_event_to_the_partner_city_tells_both_cities(
    event, coordinator, cluj_city, dortmund_city
):
    staff = UserFactory(is_staff=True)
    services.update_event(event=event, by=staff, city=cluj_city)
    [entry] = entries("events.event_changed")
    assert {entry.city, entry.also_city} == {cluj_city, dortmund_city}
    assert entry.changes == {"city": [str(dortmund_city), str(cluj_city)]}
    cluj_coordinator = CoordinatorRoleFactory(city=cluj_city).user
    assert [r.action for r in read(cluj_coordinator, "events.event_changed")] == [
        "Event changed by its coordinators"
    ]


def test_an_online_event_is_read_by_the_coordinators_of_both_cities(
    partnership, coordinator, cluj_city, dortmund_city
):
    online = make_event(by=coordinator, partnership=partnership, city=None, online=True)
    services.publish_event(event=online, by=coordinator)
    [entry] = entries("events.event_published")
    assert {entry.city, entry.also_city} == {dortmund_city, cluj_city}


def test_organisers_acting_on_their_own_event_leave_no_entry(
    partnership, dortmund_org, coordinator, dortmund_city
):
    services.allow_organiser(organisation=dortmund_org, by=coordinator)
    editor = MembershipFactory(organisation=dortmund_org, role="editor").user
    own = make_event(
        by=editor, partnership=partnership, city=dortmund_city, organiser=dortmund_org
    )
    services.publish_event(event=own, by=editor)
    services.cancel_event(event=own, by=editor)
    assert not AuditEntry.objects.exclude(action="events.organiser_allowed").exists()


def test_allowing_and_withdrawing_an_organiser_is_recorded(coordinator, dortmund_org):
    services.allow_organiser(organisation=dortmund_org, by=coordinator)
    services.withdraw_organiser(organisation=dortmund_org, by=coordinator)
    rows = describe(audit_entries(viewer=coordinator), viewer=coordinator)
    assert [r.action for r in rows] == [
        "Permission to organise events withdrawn",
        "Allowed to organise events",
    ]
    assert {r.entry.target_label for r in rows} == {dortmund_org.name}
    assert {r.entry.city for r in rows} == {dortmund_org.city}


def test_publishing_a_plan_is_recorded(
    event, session, slots, anna_reg, bogdan_reg, anna, bogdan, coordinator
):
    services.update_event(
        event=event, by=coordinator, booking_mode="organiser_scheduled"
    )
    accepted(anna_reg, bogdan_reg, anna, bogdan)
    planning.publish_run(run=solved(event, coordinator), by=coordinator)
    [row] = read(coordinator, "events.plan_published")
    assert row.action == "Meeting plan published"
    assert row.entry.target_label == event.title
    assert row.entry.changes == {"plan_version": [0, 1]}


def test_a_coordinator_approving_and_cancelling_a_registration_is_recorded(
    event, coordinator, anna, dortmund_org
):
    services.update_event(event=event, by=coordinator, approve_automatically=False)
    registration = services.register(event=event, by=anna, organisation=dortmund_org)
    services.approve_registration(registration=registration, by=coordinator)
    services.cancel_registration(registration=registration, by=coordinator)
    rows = [
        r
        for r in describe(audit_entries(viewer=coordinator), viewer=coordinator)
        if r.entry.target_type == "events.registration"
    ]
    assert [(r.action, [(c.before, c.after) for c in r.changes]) for r in rows] == [
        ("Registration cancelled by the coordinators", [("Approved", "Cancelled")]),
        (
            "Registration approved by the coordinators",
            [("Waiting for approval", "Approved")],
        ),
    ]
    assert str(anna) in rows[0].entry.target_label


def test_a_participant_cancelling_their_own_registration_leaves_no_entry(
    event, anna, dortmund_org
):
    registration = services.register(event=event, by=anna, organisation=dortmund_org)
    services.cancel_registration(registration=registration, by=anna)
    assert not AuditEntry.objects.filter(target_type="events.registration").exists()
