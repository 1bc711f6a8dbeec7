"""Delete my account: confirmed with the password; what is personal goes, what
others rely on stays, signed by "a former member"."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tandem.accounts.models import ApiToken, Membership, User
from tandem.accounts.services import create_api_token
from tandem.audit.models import AuditEntry
from tandem.collaboration.models import ContactCard, Message
from tandem.errors import PermissionDenied, ValidationError
from tandem.events.models import CalendarFeedKey, Registration
from tandem.notifications.models import Notification, NotificationPreference
from tandem.privacy.services import delete_account
from tests.factories import (
    CoordinatorRoleFactory,
    EventFactory,
    MembershipFactory,
    MessageFactory,
    NotificationFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.helpers import field_codes

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def field_codes_of(response) -> dict[str, list[str]]:
    return {
        field: [e.code or "" for e in errors]
        for field, errors in response.context["form"].errors.as_data().items()
    }


def test_wrong_password_deletes_nothing(client, user):
    client.force_login(user)

    response = client.post(reverse("privacy:account_delete"), {"password": "guess"})

    assert response.status_code == 422
    assert field_codes_of(response) == {"password": ["wrong_password"]}
    user.refresh_from_db()
    assert user.is_active and user.deleted_at is None
    assert user.check_password(PASSWORD)


def test_deleting_removes_everything_personal(
    client, django_capture_on_commit_callbacks
):
    message = MessageFactory(body="Bis morgen in Dortmund.")
    user = message.author
    email = user.email
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    MembershipFactory(user=user, organisation=message.sender, role="editor")
    ContactCard.objects.create(user=user, phone="+49 231 0000")
    create_api_token(by=user, name="Sync")
    NotificationFactory(user=user)
    NotificationPreference.objects.create(
        user=user, kind="message_received", channel="none"
    )
    CalendarFeedKey.objects.create(user=user, generation=2)
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("privacy:account_delete"), {"password": PASSWORD}
        )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.deleted_at is not None and not user.is_active
    assert email not in user.email
    assert (user.first_name, user.last_name) == ("", "")
    assert not user.has_usable_password()
    for model in (
        EmailAddress,
        Membership,
        ContactCard,
        ApiToken,
        Notification,
        NotificationPreference,
        CalendarFeedKey,
    ):
        assert not model.objects.filter(user=user).exists(), model
    # Logged out: the next page is anonymous.
    assert "_auth_user_id" not in client.session
    # The conversation keeps the message, signed by "a former member".
    assert Message.objects.get(pk=message.pk).body == "Bis morgen in Dortmund."
    assert str(user) == "a former member"


def test_the_other_side_reads_a_former_member(client):
    message = MessageFactory(body="Bis morgen.")
    author = message.author
    reader = MembershipFactory(organisation=message.conversation.organisation_b).user
    delete_account(user=author, by=author, password=PASSWORD)
    client.force_login(reader)

    page = client.get(
        reverse("collaboration:conversation_detail", args=[message.conversation.pk])
    ).content.decode()

    assert "Bis morgen." in page
    assert "a former member" in page
    assert "former-member-" not in page


def test_the_audit_entry_survives_without_the_email(user):
    email = user.email

    delete_account(user=user, by=user, password=PASSWORD)

    entry = AuditEntry.objects.get(action="privacy.account_deleted")
    assert entry.target_id == str(user.pk)
    assert email not in f"{entry.target_label} {entry.changes} {entry.reason}"
    assert entry.target_label == "a former member"


def test_nobody_else_deletes_an_account(user):
    with pytest.raises(PermissionDenied):
        delete_account(user=user, by=UserFactory(), password=PASSWORD)
    assert User.objects.get(pk=user.pk).deleted_at is None


def test_a_sole_owner_hands_over_first(client, organisation, owner):
    client.force_login(owner)

    page = client.get(reverse("privacy:account_delete"))
    members = reverse("directory:organisation_members", args=[organisation.slug])
    assert members in page.content.decode()

    response = client.post(reverse("privacy:account_delete"), {"password": PASSWORD})
    assert response.status_code == 422
    assert field_codes_of(response) == {"hand_over": ["sole_owner"]}
    owner.refresh_from_db()
    assert owner.deleted_at is None


def test_a_sole_owner_may_leave_when_another_owner_stays(organisation, owner):
    MembershipFactory(organisation=organisation, role="owner")

    delete_account(user=owner, by=owner, password=PASSWORD)

    owner.refresh_from_db()
    assert owner.deleted_at is not None


def test_handing_over_makes_the_coordinators_administrators(
    organisation, owner, django_capture_on_commit_callbacks
):
    coordinator = CoordinatorRoleFactory(city=organisation.city).user

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=owner, by=owner, password=PASSWORD, hand_over=True)

    membership = Membership.objects.get(user=coordinator, organisation=organisation)
    assert (membership.role, membership.state) == ("owner", "active")
    notification = Notification.objects.get(user=coordinator)
    assert notification.kind == "organisation_handed_over"
    assert organisation.name in notification.text
    assert not Membership.objects.filter(user=owner).exists()


def test_handing_over_needs_a_coordinator(organisation, owner):
    with pytest.raises(ValidationError) as exc:
        delete_account(user=owner, by=owner, password=PASSWORD, hand_over=True)

    assert field_codes(exc) == {"hand_over": ["no_coordinator"]}
    owner.refresh_from_db()
    assert owner.deleted_at is None


def test_upcoming_registrations_are_cancelled_past_ones_stay_counted():
    past = RegistrationFactory(
        event=EventFactory(
            starts_on=datetime.date(2020, 5, 14), ends_on=datetime.date(2020, 5, 14)
        ),
        offer="Bodensensoren",
    )
    user = past.user
    upcoming = RegistrationFactory(user=user, organisation=past.organisation)

    delete_account(user=user, by=user, password=PASSWORD)

    past.refresh_from_db()
    upcoming.refresh_from_db()
    assert upcoming.state == Registration.State.CANCELLED
    assert past.state == Registration.State.APPROVED
    assert past.offer == ""
    assert past.public_name == "a former member"
