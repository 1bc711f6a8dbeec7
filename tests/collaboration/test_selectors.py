"""Who sees which request and conversation, unread counts, revealed contact details."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tandem.collaboration import selectors, services
from tandem.collaboration.models import ContactRequest
from tandem.collaboration.selectors import RevealedContact
from tests.collaboration.conftest import member
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
SEES = [
    "sender_owner",
    "sender_editor",
    "sender_viewer",
    "recipient_owner",
    "recipient_editor",
    "recipient_viewer",
]
DOES_NOT_SEE = ["other_member", "dortmund_coordinator", "cluj_coordinator"]


@pytest.mark.parametrize("who", SEES)
def test_members_of_both_organisations_see_the_request(world, contact, who):
    viewer = getattr(world, who)

    assert list(selectors.visible_contact_requests(viewer=viewer)) == [contact]


@pytest.mark.parametrize("who", DOES_NOT_SEE)
def test_others_do_not_see_the_request(world, contact, who):
    assert list(selectors.visible_contact_requests(viewer=getattr(world, who))) == []


def test_anonymous_sees_nothing(world, conversation):
    anonymous = AnonymousUser()

    assert list(selectors.visible_contact_requests(viewer=anonymous)) == []
    assert list(selectors.conversations_for(viewer=anonymous)) == []
    assert list(selectors.reports_for_coordinator(viewer=anonymous)) == []


def test_pending_membership_sees_nothing(world, contact):
    pending = MembershipFactory(organisation=world.recipient, state="pending").user

    assert list(selectors.visible_contact_requests(viewer=pending)) == []


def test_sent_and_received_split(world, contact):
    assert list(selectors.sent_contact_requests(viewer=world.sender_viewer)) == [
        contact
    ]
    assert list(selectors.received_contact_requests(viewer=world.sender_viewer)) == []
    assert list(selectors.pending_received_requests(viewer=world.recipient_viewer)) == [
        contact
    ]


@pytest.mark.parametrize("who", SEES)
def test_conversation_visible_to_members(world, conversation, who):
    assert list(selectors.visible_conversations(viewer=getattr(world, who))) == [
        conversation
    ]


@pytest.mark.parametrize("who", DOES_NOT_SEE)
def test_conversation_hidden_from_others(world, conversation, who):
    assert list(selectors.visible_conversations(viewer=getattr(world, who))) == []


def test_accepted_contacts_for(world, conversation, notified):
    declined = services.request_contact(
        sender=world.sender, recipient=world.other, message="x", by=world.sender_owner
    )
    services.answer_request(
        contact_request=declined, by=world.other_member, accept=False
    )

    assert list(selectors.accepted_contacts_for(viewer=world.sender_viewer)) == [
        conversation.contact_request
    ]
    assert list(selectors.accepted_contacts_for(viewer=world.other_member)) == []


def test_unread_counts_per_viewer(world, conversation, notified):
    for body in ("eins", "zwei"):
        second = services.post_message(
            conversation=conversation, by=world.sender_owner, body=body
        )
    services.mark_conversation_read(
        conversation=conversation, by=world.recipient_editor, at=second.created_at
    )
    services.post_message(
        conversation=conversation, by=world.sender_editor, body="drei"
    )

    def unread(user):
        return [c.unread_count for c in selectors.conversations_for(viewer=user)]

    assert unread(world.recipient_owner) == [3]
    assert unread(world.recipient_editor) == [1]
    # Own messages are never unread; the colleague's are.
    assert unread(world.sender_owner) == [1]
    assert selectors.unread_message_count(viewer=world.recipient_owner) == 3


def test_request_actions(world, contact):
    answer = selectors.request_actions(
        viewer=world.recipient_editor, contact_request=contact
    )
    withdraw = selectors.request_actions(
        viewer=world.sender_editor, contact_request=contact
    )
    viewer = selectors.request_actions(
        viewer=world.recipient_viewer, contact_request=contact
    )

    assert (answer.can_answer, answer.can_withdraw) == (True, False)
    assert (withdraw.can_answer, withdraw.can_withdraw) == (False, True)
    assert (viewer.can_answer, viewer.can_withdraw) == (False, False)


# --- Revealed contact details -------------------------------------------------------


@pytest.fixture
def cards(world):
    services.update_contact_card(
        by=world.recipient_owner, phone="+40 264 1", share_email=True, share_phone=True
    )
    services.update_contact_card(
        by=world.recipient_editor,
        phone="+40 264 2",
        share_email=False,
        share_phone=True,
    )
    services.update_contact_card(
        by=world.recipient_viewer,
        phone="+40 264 3",
        share_email=False,
        share_phone=False,
    )
    services.update_contact_card(
        by=world.sender_owner, phone="+49 231 1", share_email=True, share_phone=False
    )


def test_contact_details_hidden_before_acceptance(world, contact, cards):
    assert (
        selectors.revealed_contacts_for_request(
            viewer=world.sender_owner, contact_request=contact
        )
        == []
    )


def test_contact_details_shown_after_acceptance_only_shared_fields(
    world, conversation, cards
):
    owner, editor = world.recipient_owner, world.recipient_editor

    shown = selectors.revealed_contacts(
        viewer=world.sender_viewer, conversation=conversation
    )

    assert sorted(shown, key=lambda c: c.phone) == [
        RevealedContact(
            name=owner.get_full_name(),
            organisation="Agro Cluj",
            email=owner.email,
            phone="+40 264 1",
        ),
        RevealedContact(
            name=editor.get_full_name(),
            organisation="Agro Cluj",
            email="",
            phone="+40 264 2",
        ),
    ]


def test_contact_details_of_the_other_side_for_the_recipient(
    world, conversation, cards
):
    shown = selectors.revealed_contacts(
        viewer=world.recipient_owner, conversation=conversation
    )

    assert [(c.email, c.phone) for c in shown] == [(world.sender_owner.email, "")]


@pytest.mark.parametrize("who", DOES_NOT_SEE)
def test_contact_details_never_for_others(world, conversation, cards, who):
    assert (
        selectors.revealed_contacts(
            viewer=getattr(world, who), conversation=conversation
        )
        == []
    )


@pytest.mark.parametrize("state", ["declined", "withdrawn", "expired"])
def test_contact_details_hidden_after_the_contact_ends(
    world, conversation, cards, state
):
    ContactRequest.objects.update(state=state)
    conversation.contact_request.refresh_from_db()

    assert (
        selectors.revealed_contacts(
            viewer=world.sender_owner, conversation=conversation
        )
        == []
    )


def test_contact_details_of_people_without_card_or_inactive_membership(
    world, conversation, cards
):
    leaver = member(world.recipient, "editor")
    services.update_contact_card(
        by=leaver, phone="+40 1", share_email=True, share_phone=True
    )
    leaver.memberships.update(state="pending")

    shown = selectors.revealed_contacts(
        viewer=world.sender_owner, conversation=conversation
    )

    assert leaver.email not in [c.email for c in shown]
    assert len(shown) == 2


# --- Reports -------------------------------------------------------------------------


def test_reports_go_to_coordinators_of_the_reporters_city(
    world, conversation, notified
):
    message = services.post_message(
        conversation=conversation, by=world.sender_owner, body="Spam"
    )
    report = services.report_message(
        message=message, by=world.recipient_owner, reason="Spam"
    )

    assert list(selectors.reports_for_coordinator(viewer=world.cluj_coordinator)) == [
        report
    ]
    assert (
        list(selectors.reports_for_coordinator(viewer=world.dortmund_coordinator)) == []
    )
    assert list(selectors.reports_for_coordinator(viewer=world.recipient_owner)) == []
