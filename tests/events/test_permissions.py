"""The permission matrix of creating and publishing events.

Rows: coordinator of the event's city, of the other partnership city, staff,
a member of an organisation, anonymous; for an event in Dortmund and online.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from tandem.errors import PermissionDenied
from tandem.events import permissions, services
from tandem.events.models import Event
from tests.events.conftest import make_event
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

CITY_EVENT = {
    "dortmund_coordinator": True,
    "cluj_coordinator": False,
    "staff": True,
    "member": False,
    "anonymous": False,
}
ONLINE_EVENT = CITY_EVENT | {"cluj_coordinator": True}


def _user(actors, name):
    return actors[name] or AnonymousUser()


@pytest.mark.parametrize(("name", "allowed"), CITY_EVENT.items())
def test_create_event_in_city(actors, partnership, dortmund_city, name, allowed):
    user = _user(actors, name)

    if allowed:
        event = make_event(by=user, partnership=partnership, city=dortmund_city)
        assert Event.objects.get().pk == event.pk
    else:
        with pytest.raises(PermissionDenied):
            make_event(by=user, partnership=partnership, city=dortmund_city)
        assert Event.objects.count() == 0


@pytest.mark.parametrize(("name", "allowed"), ONLINE_EVENT.items())
def test_create_event_online(actors, partnership, name, allowed):
    user = _user(actors, name)

    if allowed:
        event = make_event(by=user, partnership=partnership, city=None, online=True)
        assert (event.city, event.online) == (None, True)
    else:
        with pytest.raises(PermissionDenied):
            make_event(by=user, partnership=partnership, city=None, online=True)


@pytest.mark.parametrize(("name", "allowed"), CITY_EVENT.items())
def test_publish_event_in_city(actors, draft_event, name, allowed):
    user = _user(actors, name)

    if allowed:
        services.publish_event(event=draft_event, by=user)
    else:
        with pytest.raises(PermissionDenied):
            services.publish_event(event=draft_event, by=user)

    draft_event.refresh_from_db()
    expected = Event.Status.PUBLISHED if allowed else Event.Status.DRAFT
    assert draft_event.status == expected


@pytest.mark.parametrize(("name", "allowed"), ONLINE_EVENT.items())
def test_publish_event_online(actors, partnership, coordinator, name, allowed):
    draft = make_event(by=coordinator, partnership=partnership, city=None, online=True)
    user = _user(actors, name)

    if allowed:
        services.publish_event(event=draft, by=user)
    else:
        with pytest.raises(PermissionDenied):
            services.publish_event(event=draft, by=user)

    draft.refresh_from_db()
    expected = Event.Status.PUBLISHED if allowed else Event.Status.DRAFT
    assert draft.status == expected


def test_organiser_members_manage_but_do_not_publish(
    draft_event, coordinator, cluj_org
):
    services.update_event(event=draft_event, by=coordinator, organiser=cluj_org)
    editor = _organiser_editor(cluj_org)

    assert permissions.can_manage_event(editor, draft_event) is True
    assert permissions.can_coordinate_event(editor, draft_event) is False
    with pytest.raises(PermissionDenied):
        services.publish_event(event=draft_event, by=editor)


def test_organiser_members_cannot_change_the_organiser(
    draft_event, coordinator, cluj_org, dortmund_org
):
    services.update_event(event=draft_event, by=coordinator, organiser=cluj_org)
    editor = _organiser_editor(cluj_org)

    with pytest.raises(PermissionDenied):
        services.update_event(event=draft_event, by=editor, organiser=dortmund_org)


def test_draft_hidden_from_members_and_anonymous(draft_event, actors):
    assert permissions.can_see_event(actors["member"], draft_event) is False
    assert permissions.can_see_event(AnonymousUser(), draft_event) is False
    assert permissions.can_see_event(actors["dortmund_coordinator"], draft_event)


def _organiser_editor(organisation):
    return MembershipFactory(organisation=organisation, role="editor").user
