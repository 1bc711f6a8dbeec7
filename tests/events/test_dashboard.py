"""The dashboard's events panel: my events with what waits for me, and the
events I organise."""

import pytest
from django.urls import reverse

from tandem.events import services
from tests.events.conftest import make_event
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def dashboard(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("dashboard")).content.decode()


def test_participant_sees_meetings_and_requests_waiting(
    client, event, slots, anna_reg, bogdan_reg, anna, bogdan
):
    request = services.request_meeting(
        requester=bogdan_reg, invitee=anna_reg, by=bogdan
    )
    page = dashboard(client, anna)

    assert event.title in page
    assert "0 meetings on my agenda" in page
    assert "1 meeting request waits for my answer" in page

    services.answer_meeting_request(request=request, accept=True, by=anna)
    services.book_meeting(request=request, slot=slots[0], by=anna)
    page = dashboard(client, anna)

    assert "1 meeting on my agenda" in page
    assert "waits for my answer" not in page


def test_cancelled_registration_and_past_events_leave_the_panel(
    client, event, anna_reg, anna
):
    services.cancel_registration(registration=anna_reg, by=anna)

    page = dashboard(client, anna)

    assert event.title not in page
    assert "You are not registered for any upcoming event." in page


def test_coordinator_sees_the_events_they_organise_drafts_included(
    client, partnership, dortmund_city, coordinator, other_coordinator
):
    draft = make_event(
        by=coordinator, partnership=partnership, city=dortmund_city, title="Agri day"
    )

    assert reverse("events:event_manage", args=[draft.pk]) in dashboard(
        client, coordinator
    )
    # The Cluj-Napoca coordinator does not organise a Dortmund event.
    assert "Agri day" not in dashboard(client, other_coordinator)


def test_an_allowed_organisation_editor_is_offered_to_create_an_event(
    client, partnership, dortmund_org, coordinator, anna
):
    editor = MembershipFactory(organisation=dortmund_org, role="editor").user
    create = reverse("events:event_create")
    assert create not in dashboard(client, editor)

    services.allow_organiser(organisation=dortmund_org, by=coordinator)

    page = dashboard(client, editor)
    assert create in page
    assert "No upcoming event yet." in page
    # A participant who only takes part is not offered it.
    assert create not in dashboard(client, anna)
