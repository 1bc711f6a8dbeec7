"""Wiring of the contact pages: access (403/404), errors (422), redirects, queries."""

import re

import pytest
from django.urls import reverse

from tandem.collaboration import services
from tandem.collaboration.models import (
    Block,
    ContactCard,
    ContactRequest,
    ConversationRead,
    Message,
    MessageReport,
)
from tests.collaboration.conftest import another_recipient
from tests.factories import (
    ContactRequestFactory,
    ConversationFactory,
    MessageFactory,
    OpportunityFactory,
)
from tests.helpers import assert_constant_queries, error_codes

State = ContactRequest.State
pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"collaboration:{name}", kwargs=kwargs)


def login(client, user):
    client.force_login(user)
    return client


# --- Creating requests ------------------------------------------------------------


def test_request_form_for_member(client, world):
    response = login(client, world.sender_owner).get(
        url("request_create", slug=world.recipient.slug)
    )

    assert response.status_code == 200
    assert list(response.context["form"].fields["sender"].queryset) == [world.sender]


def test_request_form_anonymous_redirects_to_login(client, world):
    response = client.get(url("request_create", slug=world.recipient.slug))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_request_create_sends_and_redirects(client, world, notified):
    response = login(client, world.sender_editor).post(
        url("request_create", slug=world.recipient.slug),
        {"sender": world.sender.pk, "message": "Guten Tag"},
    )

    contact = ContactRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == contact.get_absolute_url()
    assert (contact.sender, contact.recipient, contact.message) == (
        world.sender,
        world.recipient,
        "Guten Tag",
    )


def test_expression_of_interest_from_opportunity_page(client, world, notified):
    opportunity = OpportunityFactory(organisation=world.recipient)

    response = login(client, world.sender_owner).post(
        url("request_create", slug=world.recipient.slug)
        + f"?opportunity={opportunity.pk}",
        {"sender": world.sender.pk, "message": "Interesant"},
    )

    assert response.status_code == 302
    assert ContactRequest.objects.get().opportunity == opportunity


def test_request_create_service_error_is_422(client, world, notified, settings):
    settings.TANDEM_CONTACT_REQUESTS_PER_DAY = 0

    response = login(client, world.sender_owner).post(
        url("request_create", slug=world.recipient.slug),
        {"sender": world.sender.pk, "message": "Guten Tag"},
    )

    assert response.status_code == 422
    assert error_codes(response.context["form"].errors) == ["daily_limit"]
    assert ContactRequest.objects.count() == 0


def test_request_create_viewer_cannot_choose_the_organisation(client, world):
    response = login(client, world.sender_viewer).post(
        url("request_create", slug=world.recipient.slug),
        {"sender": world.sender.pk, "message": "Guten Tag"},
    )

    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["sender"]


def test_request_create_to_hidden_organisation_is_404(client, world):
    hidden = another_recipient(world, visibility="hidden")

    response = login(client, world.sender_owner).get(
        url("request_create", slug=hidden.slug)
    )

    assert response.status_code == 404


def test_request_create_with_sender_preselected(client, world):
    response = login(client, world.sender_owner).get(
        url("request_create", slug=world.recipient.slug)
        + f"?sender={world.sender.slug}"
    )

    assert response.context["form"].initial == {"sender": world.sender.pk}


# --- Request pages ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["sender_viewer", "recipient_viewer"])
def test_request_detail_for_members(client, world, contact, who):
    response = login(client, getattr(world, who)).get(
        url("request_detail", pk=contact.pk)
    )

    assert response.status_code == 200
    assert response.context["contact"] == contact


@pytest.mark.parametrize(
    "who", ["other_member", "dortmund_coordinator", "cluj_coordinator"]
)
def test_request_detail_hidden_from_others(client, world, contact, who):
    response = login(client, getattr(world, who)).get(
        url("request_detail", pk=contact.pk)
    )

    assert response.status_code == 404


def test_answer_accept_redirects_to_conversation(client, world, contact, notified):
    response = login(client, world.recipient_editor).post(
        url("request_answer", pk=contact.pk), {"decision": "accept"}
    )

    contact.refresh_from_db()
    assert contact.state == State.ACCEPTED
    assert response["Location"] == contact.conversation.get_absolute_url()


def test_answer_decline_with_reason(client, world, contact, notified):
    login(client, world.recipient_owner).post(
        url("request_answer", pk=contact.pk), {"decision": "decline", "reason": "Nu"}
    )

    contact.refresh_from_db()
    assert (contact.state, contact.decline_reason) == (State.DECLINED, "Nu")


def test_answer_by_viewer_is_403(client, world, contact):
    response = login(client, world.recipient_viewer).post(
        url("request_answer", pk=contact.pk), {"decision": "accept"}
    )

    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.state == State.PENDING


def test_answer_by_outsider_is_404(client, world, contact):
    response = login(client, world.other_member).post(
        url("request_answer", pk=contact.pk), {"decision": "accept"}
    )

    assert response.status_code == 404


def test_answer_twice_is_422_and_tells_what_happened(client, world, contact, notified):
    services.answer_request(
        contact_request=contact, by=world.recipient_owner, accept=False
    )

    response = login(client, world.recipient_editor).post(
        url("request_answer", pk=contact.pk), {"decision": "accept"}
    )

    assert response.status_code == 422
    assert error_codes(response.context["form"].errors) == ["already_answered"]
    assert "already_answered" not in response.content.decode()
    assert str(world.recipient_owner) in response.content.decode()


def test_answer_errors_to_htmx_are_the_page_content(client, world, contact):
    response = login(client, world.recipient_owner).post(
        url("request_answer", pk=contact.pk),
        {"decision": "maybe"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["decision"]
    assert "<html" not in response.content.decode()


def test_withdraw(client, world, contact):
    response = login(client, world.sender_editor).post(
        url("request_withdraw", pk=contact.pk)
    )

    contact.refresh_from_db()
    assert response.status_code == 302
    assert contact.state == State.WITHDRAWN


def test_withdraw_of_a_declined_request_tells_why(client, world, contact, notified):
    services.answer_request(
        contact_request=contact, by=world.recipient_owner, accept=False
    )

    response = login(client, world.sender_editor).post(
        url("request_withdraw", pk=contact.pk), follow=True
    )

    assert response.redirect_chain == [(contact.get_absolute_url(), 302)]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    contact.refresh_from_db()
    assert contact.state == State.DECLINED


def test_withdraw_by_recipient_is_403(client, world, contact):
    response = login(client, world.recipient_owner).post(
        url("request_withdraw", pk=contact.pk)
    )

    assert response.status_code == 403


# --- Conversations ------------------------------------------------------------------


def test_conversation_page_marks_read_and_shows_shared_details(
    client, world, conversation, notified
):
    services.post_message(
        conversation=conversation, by=world.recipient_owner, body="Salut"
    )
    services.update_contact_card(
        by=world.recipient_owner,
        phone="+40 264 99",
        share_email=False,
        share_phone=True,
    )

    response = login(client, world.sender_viewer).get(
        url("conversation_detail", pk=conversation.pk)
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Salut" in html
    assert "+40 264 99" in html
    assert world.recipient_owner.email not in html
    assert ConversationRead.objects.filter(user=world.sender_viewer).count() == 1
    assert response.context["actions"].can_post is False  # a viewer reads along


def test_conversation_page_shows_the_newest_page_by_default(
    client, world, conversation, notified, settings
):
    settings.TANDEM_PAGE_SIZE = 2
    for body in ("m1", "m2", "m3"):
        services.post_message(
            conversation=conversation, by=world.sender_owner, body=body
        )

    response = login(client, world.recipient_owner).get(
        url("conversation_detail", pk=conversation.pk)
    )

    assert [m.body for m in response.context["page"]] == ["m3"]


@pytest.mark.parametrize("who", ["other_member", "cluj_coordinator"])
def test_conversation_hidden_from_others(client, world, conversation, who):
    response = login(client, getattr(world, who)).get(
        url("conversation_detail", pk=conversation.pk)
    )

    assert response.status_code == 404


def test_post_message(client, world, conversation, notified):
    response = login(client, world.recipient_editor).post(
        url("message_create", pk=conversation.pk), {"body": "Bună"}
    )

    assert response.status_code == 302
    assert Message.objects.get().body == "Bună"


def test_post_message_to_withdrawn_request_is_422(client, world, conversation):
    services.withdraw_request(
        contact_request=conversation.contact_request, by=world.sender_owner
    )

    response = login(client, world.recipient_owner).post(
        url("message_create", pk=conversation.pk), {"body": "Bună"}
    )

    assert response.status_code == 422
    assert error_codes(response.context["form"].errors) == ["request_withdrawn"]
    assert Message.objects.count() == 0


def test_post_message_by_viewer_is_403(client, world, conversation):
    response = login(client, world.sender_viewer).post(
        url("message_create", pk=conversation.pk), {"body": "x"}
    )

    assert response.status_code == 403


def test_block_and_unblock(client, world, conversation):
    client = login(client, world.recipient_owner)

    client.post(url("conversation_block", pk=conversation.pk), {"action": "block"})
    assert list(Block.objects.values_list("blocker", "blocked")) == [
        (world.recipient.pk, world.sender.pk)
    ]
    client.post(url("conversation_block", pk=conversation.pk), {"action": "unblock"})
    assert Block.objects.count() == 0


def test_block_twice_tells_why(client, world, conversation):
    client = login(client, world.recipient_owner)
    client.post(
        url("conversation_block", pk=conversation.pk), {"action": "block"}, follow=True
    )

    response = client.post(
        url("conversation_block", pk=conversation.pk), {"action": "block"}, follow=True
    )

    assert response.redirect_chain == [(conversation.get_absolute_url(), 302)]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Block.objects.count() == 1


def test_block_with_unknown_action_is_400(client, world, conversation):
    response = login(client, world.recipient_owner).post(
        url("conversation_block", pk=conversation.pk), {"action": "ignore"}
    )

    assert response.status_code == 400
    assert Block.objects.count() == 0


def test_block_by_viewer_is_403(client, world, conversation):
    response = login(client, world.recipient_viewer).post(
        url("conversation_block", pk=conversation.pk), {"action": "block"}
    )

    assert response.status_code == 403


def test_report_message(client, world, conversation, notified):
    message = services.post_message(
        conversation=conversation, by=world.sender_owner, body="Spam"
    )

    response = login(client, world.recipient_viewer).post(
        url("message_report", pk=message.pk), {"reason": "Spam"}
    )

    assert response.status_code == 302
    assert MessageReport.objects.get().reported_by == world.recipient_viewer


def test_report_own_message_is_403(client, world, conversation, notified):
    message = services.post_message(
        conversation=conversation, by=world.sender_owner, body="x"
    )

    response = login(client, world.sender_editor).post(
        url("message_report", pk=message.pk), {"reason": "x"}
    )

    assert response.status_code == 403


def test_report_list_for_coordinators_only(client, world, conversation, notified):
    message = services.post_message(
        conversation=conversation, by=world.sender_owner, body="Spam"
    )
    report = services.report_message(
        message=message, by=world.recipient_owner, reason="r"
    )

    assert (
        login(client, world.recipient_owner).get(url("report_list")).status_code == 403
    )
    response = login(client, world.cluj_coordinator).get(url("report_list"))
    assert list(response.context["page"]) == [report]
    login(client, world.cluj_coordinator).post(url("report_resolve", pk=report.pk))
    report.refresh_from_db()
    assert report.resolved_by == world.cluj_coordinator


def test_contact_card_save_and_error(client, world):
    client = login(client, world.sender_owner)

    response = client.post(url("contact_card"), {"phone": "", "share_phone": "on"})
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["phone"]

    response = client.post(
        url("contact_card"),
        {"phone": "+49 1", "share_email": "on", "share_phone": "on"},
    )
    assert response.status_code == 302
    card = ContactCard.objects.get()
    assert (card.phone, card.share_email, card.share_phone) == ("+49 1", True, True)


# --- Other pages -------------------------------------------------------------------


def test_dashboard_panel_lists_pending_and_conversations(
    client, world, contact, notified
):
    response = login(client, world.recipient_viewer).get(reverse("dashboard"))

    html = response.content.decode()
    assert response.status_code == 200
    assert contact.get_absolute_url() in html


def test_dashboard_panel_empty_state(client, world):
    response = login(client, world.other_member).get(reverse("dashboard"))

    assert "No contact request waits for an answer." in response.content.decode()


def test_organisation_page_offers_contact_to_partner_city_members(client, world):
    target = reverse(
        "directory:organisation_detail", kwargs={"slug": world.recipient.slug}
    )
    link = url("request_create", slug=world.recipient.slug)

    assert link in login(client, world.sender_editor).get(target).content.decode()
    assert link not in login(client, world.sender_viewer).get(target).content.decode()
    assert link not in login(client, world.other_member).get(target).content.decode()


def test_opportunity_page_offers_expression_of_interest(client, world):
    opportunity = OpportunityFactory(organisation=world.recipient)

    response = login(client, world.sender_owner).get(opportunity.get_absolute_url())

    link = (
        url("request_create", slug=world.recipient.slug)
        + f"?opportunity={opportunity.pk}"
    )
    assert link in response.content.decode()


# --- Queries -------------------------------------------------------------------------


def make_requests(world):
    """A sent request, and a received one accepted with a message."""
    ContactRequestFactory(sender=world.sender)
    MessageFactory(
        conversation=ConversationFactory(contact_request__recipient=world.sender)
    )


@pytest.mark.parametrize(
    "path",
    [
        lambda: url("received"),
        lambda: url("sent"),
        lambda: url("conversation_list"),
        lambda: reverse("dashboard"),
    ],
)
def test_lists_have_no_n_plus_one(client, world, notified, path):
    login(client, world.sender_owner)

    assert_constant_queries(lambda: make_requests(world), lambda: client.get(path()))


def test_conversation_page_has_no_n_plus_one(client, world, conversation, notified):
    login(client, world.recipient_owner)
    path = url("conversation_detail", pk=conversation.pk)
    # The first visit creates the read state; later ones update it.
    services.mark_conversation_read(conversation=conversation, by=world.recipient_owner)

    assert_constant_queries(
        lambda: services.post_message(
            conversation=conversation, by=world.sender_owner, body="x"
        ),
        lambda: client.get(path),
    )


def test_messages_carry_their_authors_language(client, world, conversation, notified):
    world.recipient_owner.preferred_language = "ro"
    world.recipient_owner.save()
    message = services.post_message(
        conversation=conversation, by=world.recipient_owner, body="Salut, ne vedem"
    )

    html = (
        login(client, world.sender_owner)
        .get(url("conversation_detail", pk=conversation.pk))
        .content.decode()
    )

    assert message.language == "ro"
    # A German page reads the Romanian message with Romanian pronunciation.
    assert re.search(r'<div class="user-text" lang="ro">\s*<p>Salut, ne vedem', html)
