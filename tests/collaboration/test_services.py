"""Every state change and rule of the collaboration services."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from tandem.collaboration import services
from tandem.collaboration.models import (
    Block,
    ContactCard,
    ContactRequest,
    Conversation,
    ConversationRead,
    Message,
    MessageReport,
)
from tandem.directory.models import Organisation
from tandem.errors import PermissionDenied
from tandem.notifications.models import Notification
from tests.collaboration.conftest import another_recipient
from tests.factories import (
    CityFactory,
    OpportunityFactory,
    OrganisationFactory,
)
from tests.helpers import error_codes, field_codes

State = ContactRequest.State
pytestmark = pytest.mark.django_db


def send(world, *, recipient=None, by=None, **kwargs):
    return services.request_contact(
        sender=kwargs.pop("sender", world.sender),
        recipient=recipient or world.recipient,
        message=kwargs.pop("message", "Hallo"),
        by=by or world.sender_owner,
        **kwargs,
    )


# --- request_contact -------------------------------------------------------------


def test_request_contact_creates_pending_request(world, notified, settings):
    settings.TANDEM_CONTACT_REQUEST_EXPIRY_DAYS = 30
    before = timezone.now()

    contact = send(world, message="  Wir suchen Pilotbetriebe.  ", language="de")

    assert contact.state == State.PENDING
    assert contact.message == "Wir suchen Pilotbetriebe."
    assert contact.language == "de"
    assert contact.created_by == world.sender_owner
    assert contact.opportunity is None
    assert before + timedelta(days=30) <= contact.expires_at
    assert contact.expires_at <= timezone.now() + timedelta(days=30)


def test_request_contact_notifies_recipient_with_contract_params(world, notified):
    contact = send(world)

    assert notified == [
        {
            "organisation": world.recipient,
            "kind": "contact_request_received",
            "params": {
                "sender": "Sensorik Dortmund",
                "recipient": "Agro Cluj",
                "opportunity": "",
                "contact_request_id": contact.pk,
            },
            "actor": world.sender_owner,
        }
    ]


def test_request_contact_language_defaults_to_sender_preference(world, notified):
    world.sender_owner.preferred_language = "en"
    world.sender_owner.save()

    assert send(world).language == "en"


def test_expression_of_interest_names_the_opportunity(world, notified):
    opportunity = OpportunityFactory(organisation=world.recipient, title="Senzori")

    contact = send(world, opportunity=opportunity)

    assert contact.opportunity == opportunity
    assert contact.is_expression_of_interest
    assert notified[0]["params"]["opportunity"] == "Senzori"


def test_expression_of_interest_in_another_organisations_opportunity_refused(
    world, notified
):
    opportunity = OpportunityFactory(organisation=world.other)

    with pytest.raises(ValidationError) as excinfo:
        send(world, opportunity=opportunity)

    assert field_codes(excinfo) == {"opportunity": ["opportunity_unavailable"]}


def test_expression_of_interest_in_closed_opportunity_refused(world, notified):
    opportunity = OpportunityFactory(organisation=world.recipient, status="closed")

    with pytest.raises(ValidationError) as excinfo:
        send(world, opportunity=opportunity)

    assert field_codes(excinfo) == {"opportunity": ["opportunity_unavailable"]}


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_request_contact_by_owner_or_editor(world, notified, role):
    by = world.sender_owner if role == "owner" else world.sender_editor

    assert send(world, by=by).created_by == by


@pytest.mark.parametrize(
    "who",
    [
        "sender_viewer",
        "recipient_owner",
        "other_member",
        "dortmund_coordinator",
        "cluj_coordinator",
    ],
)
def test_request_contact_refused_for_others(world, notified, who):
    with pytest.raises(PermissionDenied):
        send(world, by=getattr(world, who))

    assert ContactRequest.objects.count() == 0


def test_request_contact_refused_for_anonymous(world, notified):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        send(world, by=AnonymousUser())


def test_request_contact_same_city_refused(world, notified):
    neighbour = OrganisationFactory(city=world.sender.city)

    with pytest.raises(ValidationError) as excinfo:
        send(world, recipient=neighbour)

    assert error_codes(excinfo) == ["same_city"]


def test_request_contact_city_without_partnership_refused(world, notified):
    elsewhere = OrganisationFactory(city=CityFactory(slug="koeln"))

    with pytest.raises(ValidationError) as excinfo:
        send(world, recipient=elsewhere)

    assert error_codes(excinfo) == ["not_partner_city"]


def test_request_contact_from_unverified_sender_refused(world, notified):
    world.sender.verification = Organisation.Verification.PENDING
    world.sender.save()

    with pytest.raises(ValidationError) as excinfo:
        send(world)

    assert error_codes(excinfo) == ["sender_not_verified"]


def test_request_contact_to_hidden_recipient_refused(world, notified):
    hidden = another_recipient(world, visibility=Organisation.Visibility.HIDDEN)

    with pytest.raises(ValidationError) as excinfo:
        send(world, recipient=hidden)

    assert error_codes(excinfo) == ["recipient_unavailable"]


@pytest.mark.parametrize("direction", ["sender_blocked", "recipient_blocked"])
def test_request_contact_blocked_either_way_refused(world, notified, direction):
    if direction == "sender_blocked":
        Block.objects.create(blocker=world.recipient, blocked=world.sender)
    else:
        Block.objects.create(blocker=world.sender, blocked=world.recipient)

    with pytest.raises(ValidationError) as excinfo:
        send(world)

    assert error_codes(excinfo) == ["blocked"]


def test_request_contact_duplicate_open_request_refused(world, notified):
    send(world)

    with pytest.raises(ValidationError) as excinfo:
        send(world, by=world.sender_editor)

    assert error_codes(excinfo) == ["duplicate"]
    assert ContactRequest.objects.count() == 1


def test_request_contact_when_other_side_already_asked_refused(world, notified):
    services.request_contact(
        sender=world.recipient,
        recipient=world.sender,
        message="Bună ziua",
        by=world.recipient_owner,
    )

    with pytest.raises(ValidationError) as excinfo:
        send(world)

    assert error_codes(excinfo) == ["duplicate"]


def test_request_contact_again_after_decline_allowed(world, notified):
    first = send(world)
    services.answer_request(
        contact_request=first, by=world.recipient_owner, accept=False
    )

    second = send(world)

    assert second.state == State.PENDING
    assert ContactRequest.objects.count() == 2


def test_request_contact_when_already_in_contact_refused(world, conversation):
    with pytest.raises(ValidationError) as excinfo:
        send(world)

    assert error_codes(excinfo) == ["already_in_contact"]


def test_open_request_constraint_guards_the_database(world, contact):
    duplicate = ContactRequest(
        sender=world.sender,
        recipient=world.recipient,
        message="x",
        language="de",
        expires_at=timezone.now(),
    )

    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()

    assert field_codes(excinfo)["__all__"] == ["duplicate"]


def test_request_contact_daily_limit(world, notified, settings):
    settings.TANDEM_CONTACT_REQUESTS_PER_DAY = 2
    for _ in range(2):
        send(world, recipient=another_recipient(world))

    with pytest.raises(ValidationError) as excinfo:
        send(world)

    assert error_codes(excinfo) == ["daily_limit"]
    assert excinfo.value.error_list[0].params == {"limit": 2}
    assert "2" in excinfo.value.messages[0]


def test_request_contact_daily_limit_counts_only_the_last_24_hours(
    world, notified, settings
):
    settings.TANDEM_CONTACT_REQUESTS_PER_DAY = 1
    old = send(world, recipient=another_recipient(world))
    ContactRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=1, minutes=1)
    )

    assert send(world).state == State.PENDING


def test_request_contact_open_limit(world, notified, settings):
    settings.TANDEM_OPEN_CONTACT_REQUESTS = 2
    for _ in range(2):
        old = send(world, recipient=another_recipient(world))
        ContactRequest.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - timedelta(days=3)
        )

    with pytest.raises(ValidationError) as excinfo:
        send(world)

    assert error_codes(excinfo) == ["open_limit"]
    assert excinfo.value.error_list[0].params == {"limit": 2}


def test_request_contact_answered_requests_do_not_count_as_open(
    world, notified, settings
):
    settings.TANDEM_OPEN_CONTACT_REQUESTS = 1
    first = send(world, recipient=another_recipient(world))
    first.state = State.DECLINED
    first.save()

    assert send(world).state == State.PENDING


# --- answer_request --------------------------------------------------------------


def test_accept_opens_conversation(world, contact, notified):
    answered = services.answer_request(
        contact_request=contact, by=world.recipient_editor, accept=True
    )

    assert answered.state == State.ACCEPTED
    assert answered.answered_by == world.recipient_editor
    assert answered.answered_at is not None
    conversation = Conversation.objects.get()
    assert conversation.contact_request == answered
    assert conversation.organisation_a == world.sender
    assert conversation.organisation_b == world.recipient
    assert contact.state == State.ACCEPTED  # the caller's object follows


def test_accept_notifies_sender(world, contact, notified):
    notified.clear()

    services.answer_request(
        contact_request=contact, by=world.recipient_owner, accept=True
    )

    assert notified == [
        {
            "organisation": world.sender,
            "kind": "contact_request_answered",
            "params": {
                "sender": "Sensorik Dortmund",
                "recipient": "Agro Cluj",
                "accepted": True,
                "reason": "",
                "contact_request_id": contact.pk,
            },
            "actor": world.recipient_owner,
        }
    ]


def test_decline_keeps_reason_and_opens_nothing(world, contact, notified):
    answered = services.answer_request(
        contact_request=contact,
        by=world.recipient_owner,
        accept=False,
        reason="  Nu acum.  ",
    )

    assert answered.state == State.DECLINED
    assert answered.decline_reason == "Nu acum."
    assert Conversation.objects.count() == 0
    assert notified[-1]["params"]["accepted"] is False
    assert notified[-1]["params"]["reason"] == "Nu acum."


@pytest.mark.parametrize(
    "who",
    [
        "sender_owner",
        "sender_editor",
        "recipient_viewer",
        "other_member",
        "dortmund_coordinator",
        "cluj_coordinator",
    ],
)
def test_answer_refused_for_others(world, contact, who):
    with pytest.raises(PermissionDenied):
        services.answer_request(
            contact_request=contact, by=getattr(world, who), accept=True
        )

    contact.refresh_from_db()
    assert contact.state == State.PENDING


def test_answer_twice_tells_what_happened(world, contact):
    services.answer_request(
        contact_request=contact, by=world.recipient_owner, accept=True
    )

    with pytest.raises(ValidationError) as excinfo:
        services.answer_request(
            contact_request=contact, by=world.recipient_editor, accept=False
        )

    assert error_codes(excinfo) == ["already_answered"]
    assert excinfo.value.error_list[0].params == {"state": "accepted"}
    assert str(world.recipient_owner) in excinfo.value.messages[0]
    contact.refresh_from_db()
    assert contact.state == State.ACCEPTED
    assert Conversation.objects.count() == 1


def test_answer_with_stale_object_sees_the_locked_row(world, contact):
    """Two people load the page; the first accepts, the second declines the
    stale object: the locked re-read refuses the second answer."""
    stale = ContactRequest.objects.get(pk=contact.pk)
    services.answer_request(
        contact_request=contact, by=world.recipient_owner, accept=True
    )
    assert stale.state == State.PENDING

    with pytest.raises(ValidationError) as excinfo:
        services.answer_request(
            contact_request=stale, by=world.recipient_editor, accept=False, reason="x"
        )

    assert error_codes(excinfo) == ["already_answered"]
    contact.refresh_from_db()
    assert (contact.state, contact.decline_reason) == (State.ACCEPTED, "")
    assert contact.answered_by == world.recipient_owner


def test_answer_withdrawn_request_refused(world, contact):
    stale = ContactRequest.objects.get(pk=contact.pk)
    services.withdraw_request(contact_request=contact, by=world.sender_owner)

    with pytest.raises(ValidationError) as excinfo:
        services.answer_request(
            contact_request=stale, by=world.recipient_owner, accept=True
        )

    assert error_codes(excinfo) == ["already_answered"]
    assert excinfo.value.error_list[0].params == {"state": "withdrawn"}
    assert Conversation.objects.count() == 0


def test_answer_after_expiry_time_refused(world, contact):
    ContactRequest.objects.filter(pk=contact.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(ValidationError) as excinfo:
        services.answer_request(
            contact_request=contact, by=world.recipient_owner, accept=True
        )

    assert error_codes(excinfo) == ["expired"]


def test_accept_when_blocked_refused(world, contact):
    Block.objects.create(blocker=world.sender, blocked=world.recipient)

    with pytest.raises(ValidationError) as excinfo:
        services.answer_request(
            contact_request=contact, by=world.recipient_owner, accept=True
        )

    assert error_codes(excinfo) == ["blocked"]


# --- withdraw and expire -----------------------------------------------------------


@pytest.mark.parametrize("who", ["sender_owner", "sender_editor"])
def test_withdraw_pending_request(world, contact, who):
    services.withdraw_request(contact_request=contact, by=getattr(world, who))

    contact.refresh_from_db()
    assert contact.state == State.WITHDRAWN


@pytest.mark.parametrize(
    "who", ["sender_viewer", "recipient_owner", "other_member", "cluj_coordinator"]
)
def test_withdraw_refused_for_others(world, contact, who):
    with pytest.raises(PermissionDenied):
        services.withdraw_request(contact_request=contact, by=getattr(world, who))


def test_withdraw_declined_request_refused(world, contact):
    services.answer_request(
        contact_request=contact, by=world.recipient_owner, accept=False
    )

    with pytest.raises(ValidationError) as excinfo:
        services.withdraw_request(contact_request=contact, by=world.sender_owner)

    assert error_codes(excinfo) == ["already_answered"]


def test_expire_requests_marks_only_old_pending(world, notified):
    old = send(world)
    fresh = send(world, recipient=another_recipient(world))
    answered = send(world, recipient=another_recipient(world))
    answered.state = State.DECLINED
    answered.save()
    now = old.expires_at + timedelta(seconds=1)
    ContactRequest.objects.filter(pk__in=[fresh.pk]).update(
        expires_at=now + timedelta(days=1)
    )
    ContactRequest.objects.filter(pk=answered.pk).update(expires_at=old.expires_at)

    assert services.expire_requests(now=now) == 1

    states = dict(ContactRequest.objects.values_list("pk", "state"))
    assert states == {
        old.pk: State.EXPIRED,
        fresh.pk: State.PENDING,
        answered.pk: State.DECLINED,
    }


def test_expire_command(world, contact, capsys):
    ContactRequest.objects.update(expires_at=timezone.now() - timedelta(days=1))

    call_command("expire_contact_requests")

    contact.refresh_from_db()
    assert contact.state == State.EXPIRED
    assert capsys.readouterr().out == "1 contact requests expired.\n"


# --- messages ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["sender_owner", "sender_editor", "recipient_owner", "recipient_editor"]
)
def test_post_message_by_either_side(world, conversation, notified, who):
    by = getattr(world, who)

    message = services.post_message(conversation=conversation, by=by, body=" Hallo ")

    assert message.body == "Hallo"
    assert message.author == by
    assert message.sender == (
        world.sender if who.startswith("sender") else world.recipient
    )
    conversation.refresh_from_db()
    assert conversation.last_message_at == message.created_at


def test_post_message_notifies_other_side(world, conversation, notified):
    notified.clear()

    services.post_message(
        conversation=conversation, by=world.sender_owner, body="x" * 200
    )

    assert notified == [
        {
            "organisation": world.recipient,
            "kind": "message_received",
            "params": {
                "sender": "Sensorik Dortmund",
                "recipient": "Agro Cluj",
                "excerpt": "x" * 140,
                "conversation_id": conversation.pk,
            },
            "actor": world.sender_owner,
        }
    ]


@pytest.mark.parametrize(
    "who",
    ["sender_viewer", "recipient_viewer", "other_member", "dortmund_coordinator"],
)
def test_post_message_refused_for_others(world, conversation, who):
    with pytest.raises(PermissionDenied):
        services.post_message(
            conversation=conversation, by=getattr(world, who), body="x"
        )


def test_post_message_to_withdrawn_request_refused(world, conversation):
    services.withdraw_request(
        contact_request=conversation.contact_request, by=world.sender_owner
    )
    conversation.refresh_from_db()

    with pytest.raises(ValidationError) as excinfo:
        services.post_message(
            conversation=conversation, by=world.recipient_owner, body="Hallo?"
        )

    assert error_codes(excinfo) == ["request_withdrawn"]
    assert Message.objects.count() == 0


def test_post_message_when_blocked_refused(world, conversation):
    services.block_organisation(
        blocker=world.recipient, blocked=world.sender, by=world.recipient_owner
    )

    with pytest.raises(ValidationError) as excinfo:
        services.post_message(
            conversation=conversation, by=world.sender_owner, body="x"
        )

    assert error_codes(excinfo) == ["blocked"]


def test_post_empty_message_refused(world, conversation):
    with pytest.raises(ValidationError) as excinfo:
        services.post_message(
            conversation=conversation, by=world.sender_owner, body=" "
        )

    assert list(field_codes(excinfo)) == ["body"]


def test_post_message_marks_the_conversation_read_for_the_author(world, conversation):
    message = services.post_message(
        conversation=conversation, by=world.sender_owner, body="x"
    )

    read = ConversationRead.objects.get(user=world.sender_owner)
    assert read.last_read_at == message.created_at


def test_mark_conversation_read(world, conversation):
    at = timezone.now()

    services.mark_conversation_read(
        conversation=conversation, by=world.recipient_viewer, at=at
    )
    services.mark_conversation_read(
        conversation=conversation, by=world.recipient_viewer, at=at
    )

    assert list(ConversationRead.objects.values_list("user", "last_read_at")) == [
        (world.recipient_viewer.pk, at)
    ]


def test_mark_conversation_read_refused_for_outsiders(world, conversation):
    with pytest.raises(PermissionDenied):
        services.mark_conversation_read(
            conversation=conversation, by=world.cluj_coordinator
        )


# --- blocks -----------------------------------------------------------------------


def test_block_closes_open_requests_both_ways(world, notified):
    received = services.request_contact(
        sender=world.recipient,
        recipient=world.sender,
        message="x",
        by=world.recipient_owner,
    )
    third = OrganisationFactory(city=world.recipient.city)
    sent_elsewhere = send(world, recipient=third)

    services.block_organisation(
        blocker=world.sender, blocked=world.recipient, by=world.sender_editor
    )

    received.refresh_from_db()
    sent_elsewhere.refresh_from_db()
    assert received.state == State.DECLINED
    assert sent_elsewhere.state == State.PENDING
    assert Block.objects.get().created_by == world.sender_editor


def test_block_twice_refused(world):
    services.block_organisation(
        blocker=world.sender, blocked=world.recipient, by=world.sender_owner
    )

    with pytest.raises(ValidationError) as excinfo:
        services.block_organisation(
            blocker=world.sender, blocked=world.recipient, by=world.sender_owner
        )

    assert field_codes(excinfo) == {"__all__": ["already_blocked"]}


def test_block_itself_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        services.block_organisation(
            blocker=world.sender, blocked=world.sender, by=world.sender_owner
        )

    assert error_codes(excinfo) == ["block_itself"]


@pytest.mark.parametrize(
    "who", ["sender_viewer", "recipient_owner", "cluj_coordinator"]
)
def test_block_refused_for_others(world, who):
    with pytest.raises(PermissionDenied):
        services.block_organisation(
            blocker=world.sender, blocked=world.recipient, by=getattr(world, who)
        )


def test_unblock_allows_requests_again(world, notified):
    services.block_organisation(
        blocker=world.recipient, blocked=world.sender, by=world.recipient_owner
    )

    services.unblock_organisation(
        blocker=world.recipient, blocked=world.sender, by=world.recipient_owner
    )

    assert send(world).state == State.PENDING


def test_unblock_without_block_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        services.unblock_organisation(
            blocker=world.recipient, blocked=world.sender, by=world.recipient_owner
        )

    assert error_codes(excinfo) == ["not_blocked"]


# --- reports ----------------------------------------------------------------------


@pytest.fixture
def message(world, conversation):
    return services.post_message(
        conversation=conversation, by=world.sender_owner, body="Spam"
    )


@pytest.mark.parametrize("who", ["recipient_owner", "recipient_viewer"])
def test_report_message_of_the_other_side(world, message, who):
    report = services.report_message(
        message=message, by=getattr(world, who), reason=" Spam "
    )

    assert report.organisation == world.recipient
    assert report.reason == "Spam"
    assert report.resolved_at is None


@pytest.mark.parametrize("who", ["sender_owner", "other_member", "cluj_coordinator"])
def test_report_refused_for_own_side_and_outsiders(world, message, who):
    with pytest.raises(PermissionDenied):
        services.report_message(message=message, by=getattr(world, who), reason="x")


def test_report_twice_refused_and_empty_reason_refused(world, message):
    services.report_message(message=message, by=world.recipient_owner, reason="x")

    with pytest.raises(ValidationError) as excinfo:
        services.report_message(message=message, by=world.recipient_owner, reason="y")
    assert field_codes(excinfo) == {"__all__": ["already_reported"]}

    with pytest.raises(ValidationError) as excinfo:
        services.report_message(message=message, by=world.recipient_editor, reason=" ")
    assert list(field_codes(excinfo)) == ["reason"]


def test_resolve_report_by_coordinator_of_reporters_city(world, message):
    report = services.report_message(
        message=message, by=world.recipient_owner, reason="x"
    )

    services.resolve_report(report=report, by=world.cluj_coordinator)

    report.refresh_from_db()
    assert report.resolved_by == world.cluj_coordinator
    with pytest.raises(ValidationError) as excinfo:
        services.resolve_report(report=report, by=world.cluj_coordinator)
    assert error_codes(excinfo) == ["already_resolved"]


@pytest.mark.parametrize("who", ["dortmund_coordinator", "recipient_owner"])
def test_resolve_report_refused_for_others(world, message, who):
    report = services.report_message(
        message=message, by=world.recipient_owner, reason="x"
    )

    with pytest.raises(PermissionDenied):
        services.resolve_report(report=report, by=getattr(world, who))

    assert MessageReport.objects.get().resolved_at is None


# --- contact card -----------------------------------------------------------------


def test_update_contact_card_creates_then_updates(world):
    services.update_contact_card(
        by=world.sender_owner, phone="+49 231 1", share_email=True, share_phone=False
    )
    card = services.update_contact_card(
        by=world.sender_owner, phone=" +49 231 2 ", share_email=False, share_phone=True
    )

    assert ContactCard.objects.count() == 1
    assert (card.phone, card.share_email, card.share_phone) == (
        "+49 231 2",
        False,
        True,
    )


def test_share_phone_without_number_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        services.update_contact_card(
            by=world.sender_owner, phone="", share_email=False, share_phone=True
        )

    assert field_codes(excinfo) == {"phone": ["phone_required"]}


def test_update_contact_card_changes_only_what_is_given(world):
    services.update_contact_card(
        by=world.sender_owner, phone="+49 231 1", share_email=False, share_phone=True
    )

    card = services.update_contact_card(by=world.sender_owner, share_email=True)

    assert (card.phone, card.share_email, card.share_phone) == (
        "+49 231 1",
        True,
        True,
    )


def test_clearing_a_shared_phone_refused_and_card_kept(world):
    services.update_contact_card(
        by=world.sender_owner, phone="+49 231 1", share_email=False, share_phone=True
    )

    with pytest.raises(ValidationError) as excinfo:
        services.update_contact_card(by=world.sender_owner, phone=" ")

    assert field_codes(excinfo) == {"phone": ["phone_required"]}
    assert ContactCard.objects.get().phone == "+49 231 1"


def test_notifications_link_to_the_request_and_the_conversation(world):
    contact = send(world)
    services.answer_request(
        contact_request=contact, by=world.recipient_owner, accept=True
    )
    conversation = Conversation.objects.get()
    services.post_message(conversation=conversation, by=world.sender_owner, body="x")

    links = {
        (n.kind, n.url)
        for n in Notification.objects.filter(
            user__in=[world.sender_owner, world.recipient_owner]
        )
    }
    assert links == {
        ("contact_request_received", contact.get_absolute_url()),
        ("contact_request_answered", contact.get_absolute_url()),
        ("message_received", conversation.get_absolute_url()),
    }


def test_real_notify_is_called_once_the_notifications_app_exists(world):
    contact = send(world)
    services.answer_request(
        contact_request=contact, by=world.recipient_owner, accept=True
    )
    services.post_message(
        conversation=Conversation.objects.get(), by=world.sender_owner, body="x"
    )

    contact.refresh_from_db()
    assert contact.state == State.ACCEPTED
