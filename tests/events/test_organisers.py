"""Organisations the coordinators allow to organise events: they create, publish,
cancel and move events of their own; withdrawing the permission leaves their
events with the coordinators."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied, ValidationError
from tandem.events import permissions, services
from tandem.events.models import AllowedOrganiser, Event
from tandem.notifications.models import Notification
from tests.events.conftest import make_event
from tests.events.test_views_manage import _event_data
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def allowed(dortmund_org, coordinator):
    services.allow_organiser(organisation=dortmund_org, by=coordinator)
    return dortmund_org


@pytest.fixture
def editor(dortmund_org):
    return MembershipFactory(organisation=dortmund_org, role="editor").user


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Allowing and withdrawing


def test_coordinator_allows_an_organisation_and_its_editors_are_told(
    dortmund_org, coordinator, editor
):
    owner = MembershipFactory(organisation=dortmund_org, role="owner").user
    viewer = MembershipFactory(organisation=dortmund_org, role="viewer").user

    permit = services.allow_organiser(organisation=dortmund_org, by=coordinator)

    assert permit.allowed_by == coordinator
    told = Notification.objects.filter(kind="event_organiser_permission")
    assert {n.user for n in told} == {owner, editor}
    assert viewer not in {n.user for n in told}
    with translation.override("de"):
        assert told.first().text == (
            "Die Koordination von Dortmund hat Sensorik Dortmund erlaubt, in "
            "Tandem Veranstaltungen zu erstellen und zu veröffentlichen."
        )


def test_only_the_coordinators_of_its_city_allow_an_organisation(
    cluj_org, coordinator, other_coordinator
):
    with pytest.raises(PermissionDenied):
        services.allow_organiser(organisation=cluj_org, by=coordinator)
    services.allow_organiser(organisation=cluj_org, by=other_coordinator)
    assert permissions.is_allowed_organiser(cluj_org)


def test_an_unverified_organisation_cannot_be_allowed(dortmund_city, coordinator):
    pending = OrganisationFactory(
        city=dortmund_city, verification=Organisation.Verification.PENDING
    )
    with pytest.raises(ValidationError) as raised:
        services.allow_organiser(organisation=pending, by=coordinator)
    assert raised.value.error_dict["organisation"][0].code == "not_verified"


def test_allowing_twice_says_it_is_already_allowed(allowed, coordinator):
    with pytest.raises(ValidationError) as raised:
        services.allow_organiser(organisation=allowed, by=coordinator)
    assert raised.value.error_dict["organisation"][0].code == "already_allowed"
    assert AllowedOrganiser.objects.count() == 1


def test_withdrawing_tells_the_editors_and_cannot_be_done_twice(
    allowed, coordinator, editor
):
    services.withdraw_organiser(organisation=allowed, by=coordinator)
    assert not permissions.is_allowed_organiser(allowed)
    last = Notification.objects.filter(user=editor).latest("pk")
    assert last.params["allowed"] is False
    with pytest.raises(ValidationError) as raised:
        services.withdraw_organiser(organisation=allowed, by=coordinator)
    assert raised.value.code == "not_allowed"


# --- What an allowed organisation's members may do


def test_an_editor_of_an_allowed_organisation_creates_events_in_either_city(
    allowed, editor, partnership, cluj_city
):
    event = make_event(
        by=editor, partnership=partnership, city=cluj_city, organiser=allowed
    )
    assert event.organiser == allowed
    assert event.status == Event.Status.DRAFT
    services.publish_event(event=event, by=editor)
    services.update_event(event=event, by=editor, city=None, online=True)
    services.cancel_event(event=event, by=editor)
    event.refresh_from_db()
    assert (event.city, event.status) == (None, Event.Status.CANCELLED)


def test_an_allowed_organisation_organises_only_for_itself(
    allowed, editor, partnership, dortmund_city, cluj_org
):
    for organiser in (None, cluj_org):
        with pytest.raises(ValidationError) as raised:
            make_event(
                by=editor,
                partnership=partnership,
                city=dortmund_city,
                organiser=organiser,
            )
        assert raised.value.error_dict["organiser"][0].code == "organiser_not_allowed"
    assert not Event.objects.exists()


def test_members_who_may_not_organise_create_nothing(
    allowed, dortmund_org, cluj_org, partnership, dortmund_city
):
    viewer = MembershipFactory(organisation=dortmund_org, role="viewer").user
    other = MembershipFactory(organisation=cluj_org, role="owner").user
    for user in (viewer, other):
        assert not permissions.can_create_event(
            user, partnership=partnership, city=dortmund_city
        )
        with pytest.raises(PermissionDenied):
            make_event(
                by=user, partnership=partnership, city=dortmund_city, organiser=cluj_org
            )


def test_after_withdrawal_the_organisation_manages_but_no_longer_publishes(
    allowed, editor, coordinator, partnership, dortmund_city
):
    event = make_event(
        by=editor, partnership=partnership, city=dortmund_city, organiser=allowed
    )
    services.withdraw_organiser(organisation=allowed, by=coordinator)

    assert permissions.can_manage_event(editor, event)
    with pytest.raises(PermissionDenied):
        services.publish_event(event=event, by=editor)
    with pytest.raises(PermissionDenied):
        make_event(
            by=editor, partnership=partnership, city=dortmund_city, organiser=allowed
        )
    services.publish_event(event=event, by=coordinator)


# --- Pages


def test_the_organisers_page_is_for_coordinators(client, editor, allowed):
    client.force_login(editor)
    assert client.get(reverse("events:organisers")).status_code == 403
    response = client.post(reverse("events:organiser_withdraw", args=[allowed.slug]))
    assert response.status_code == 403
    assert AllowedOrganiser.objects.filter(organisation=allowed).exists()


def test_coordinator_allows_and_withdraws_on_the_organisers_page(
    client, coordinator, dortmund_org, cluj_org, dortmund_city
):
    OrganisationFactory(
        city=dortmund_city, verification=Organisation.Verification.PENDING
    )
    client.force_login(coordinator)
    response = client.get(reverse("events:organisers"))
    assert "No organisation may organise events yet" in response.content.decode()
    # Only the verified organisations of the coordinator's city are offered.
    assert list(response.context["form"].fields["organisation"].queryset) == [
        dortmund_org
    ]

    response = client.post(reverse("events:organisers"), {"organisation": cluj_org.pk})
    assert response.status_code == 422
    assert response.context["form"].has_error("organisation", "invalid_choice")

    response = client.post(
        reverse("events:organisers"), {"organisation": dortmund_org.pk}, follow=True
    )
    assert "Sensorik Dortmund may now organise events." in _messages(response)[0]
    page = response.content.decode()
    assert "Sensorik Dortmund</a></th>" in page
    assert "No verified organisation of your city is left to allow." in page

    response = client.post(
        reverse("events:organiser_withdraw", args=[dortmund_org.slug]), follow=True
    )
    assert "may no longer create or publish events" in _messages(response)[0]
    assert not AllowedOrganiser.objects.exists()


def test_an_editor_creates_an_event_for_the_allowed_organisation_in_the_form(
    client, allowed, editor, partnership, dortmund_city, cluj_city
):
    client.force_login(editor)
    response = client.get(reverse("events:event_list"))
    assert reverse("events:event_create") in response.content.decode()

    response = client.get(reverse("events:event_create"))
    form = response.context["form"]
    assert list(form.fields["organiser"].queryset) == [allowed]
    assert form.fields["organiser"].required
    assert set(form.fields["city"].queryset) == {dortmund_city, cluj_city}

    response = client.post(
        reverse("events:event_create"),
        _event_data(city=cluj_city.pk, organiser=allowed.pk),
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert (event.city, event.organiser) == (cluj_city, allowed)

    response = client.post(reverse("events:event_publish", args=[event.pk]))
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_the_create_form_requires_the_organiser_of_an_allowed_member(
    client, allowed, editor, partnership, dortmund_city
):
    client.force_login(editor)
    response = client.post(
        reverse("events:event_create"), _event_data(city=dortmund_city.pk)
    )
    assert response.status_code == 422
    assert response.context["form"].has_error("organiser", "required")
    assert not Event.objects.exists()


def test_the_create_form_starts_in_the_allowed_organisations_city(
    client, partnership, cluj_org, other_coordinator, cluj_city
):
    services.allow_organiser(organisation=cluj_org, by=other_coordinator)
    owner = MembershipFactory(organisation=cluj_org, role="owner").user
    client.force_login(owner)
    form = client.get(reverse("events:event_create")).context["form"]
    assert form["city"].value() == cluj_city.pk
    assert form["time_zone"].value() == "Europe/Bucharest"
    assert form["organiser"].value() == cluj_org.pk
