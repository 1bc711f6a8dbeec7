"""API v1: contact requests and conversations with a token; JSON errors."""

import pytest

from tandem.accounts.services import create_api_token
from tandem.collaboration import services
from tandem.collaboration.models import ContactRequest, Message
from tests.factories import (
    ConversationFactory,
    MessageFactory,
    OpportunityFactory,
    OrganisationFactory,
)
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db
BASE = "/api/v1"


def auth(user):
    _token, key = create_api_token(by=user, name="Test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, data, user):
    return client.post(BASE + path, data, content_type="application/json", **auth(user))


def get(client, path, user):
    return client.get(BASE + path, **auth(user))


def test_send_contact_request(client, world, notified):
    response = post(
        client,
        "/contact-requests",
        {
            "sender": world.sender.slug,
            "recipient": world.recipient.slug,
            "message": "Hallo",
        },
        world.sender_editor,
    )

    contact = ContactRequest.objects.get()
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == contact.pk
    assert body["state"] == "pending"
    assert body["sender"] == {
        "slug": world.sender.slug,
        "name": "Sensorik Dortmund",
        "city": "dortmund",
    }
    assert body["recipient"]["city"] == "cluj-napoca"
    assert body["opportunity"] is None
    assert body["conversation"] is None


def test_send_expression_of_interest(client, world, notified):
    opportunity = OpportunityFactory(organisation=world.recipient)

    response = post(
        client,
        "/contact-requests",
        {
            "sender": world.sender.slug,
            "recipient": world.recipient.slug,
            "message": "Interesse",
            "opportunity": opportunity.pk,
        },
        world.sender_owner,
    )

    assert response.status_code == 201
    assert response.json()["opportunity"] == opportunity.pk


def test_send_needs_a_token(client, world):
    response = client.post(
        BASE + "/contact-requests",
        {
            "sender": world.sender.slug,
            "recipient": world.recipient.slug,
            "message": "x",
        },
        content_type="application/json",
    )

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_send_by_viewer_is_403(client, world):
    response = post(
        client,
        "/contact-requests",
        {
            "sender": world.sender.slug,
            "recipient": world.recipient.slug,
            "message": "x",
        },
        world.sender_viewer,
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_send_same_city_is_400_with_code(client, world):
    neighbour = OrganisationFactory(city=world.sender.city)

    response = post(
        client,
        "/contact-requests",
        {"sender": world.sender.slug, "recipient": neighbour.slug, "message": "x"},
        world.sender_owner,
    )

    assert response.status_code == 400
    assert response.json()["code"] == "same_city"


def test_send_unknown_recipient_is_404(client, world):
    response = post(
        client,
        "/contact-requests",
        {"sender": world.sender.slug, "recipient": "nobody", "message": "x"},
        world.sender_owner,
    )

    assert response.status_code == 404


def test_send_empty_message_is_422(client, world):
    response = post(
        client,
        "/contact-requests",
        {"sender": world.sender.slug, "recipient": world.recipient.slug, "message": ""},
        world.sender_owner,
    )

    assert response.status_code == 422


def test_list_mine_sent_and_received(client, world, contact, notified):
    other = services.request_contact(
        sender=world.other,
        recipient=world.sender,
        message="x",
        by=world.other_member,
    )

    body = get(client, "/contact-requests", world.sender_viewer).json()
    received = get(client, "/contact-requests?box=received", world.sender_viewer).json()

    assert [item["id"] for item in body["items"]] == [other.pk, contact.pk]
    assert body["count"] == 2
    assert [item["id"] for item in received["items"]] == [other.pk]
    assert get(client, "/contact-requests", world.cluj_coordinator).json() == {
        "items": [],
        "count": 0,
    }


def test_get_request_of_others_is_404(client, world, contact):
    response = get(client, f"/contact-requests/{contact.pk}", world.other_member)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_answer_accept_then_second_answer_is_400(client, world, contact, notified):
    path = f"/contact-requests/{contact.pk}/answer"

    first = post(client, path, {"accept": True}, world.recipient_owner)
    second = post(
        client, path, {"accept": False, "reason": "x"}, world.recipient_editor
    )

    assert first.status_code == 200
    assert first.json()["state"] == "accepted"
    assert first.json()["conversation"] is not None
    assert second.status_code == 400
    assert second.json()["code"] == "already_answered"
    assert str(world.recipient_owner) in second.json()["detail"]


def test_answer_by_viewer_is_403(client, world, contact):
    response = post(
        client,
        f"/contact-requests/{contact.pk}/answer",
        {"accept": True},
        world.recipient_viewer,
    )

    assert response.status_code == 403


def test_withdraw(client, world, contact):
    response = post(
        client, f"/contact-requests/{contact.pk}/withdraw", {}, world.sender_owner
    )

    assert response.json()["state"] == "withdrawn"


def test_conversations_with_unread_count(client, world, conversation, notified):
    services.post_message(conversation=conversation, by=world.sender_owner, body="x")

    body = get(client, "/conversations", world.recipient_viewer).json()

    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == conversation.pk
    assert item["unread_count"] == 1
    assert item["open"] is True
    assert item["organisation_a"]["slug"] == world.sender.slug


def test_messages_newest_first_and_paginated(client, world, conversation, notified):
    for body in ("1", "2", "3"):
        services.post_message(
            conversation=conversation, by=world.sender_owner, body=body
        )

    response = get(
        client,
        f"/conversations/{conversation.pk}/messages?limit=2",
        world.recipient_owner,
    )

    body = response.json()
    assert [m["body"] for m in body["items"]] == ["3", "2"]
    assert body["count"] == 3
    assert body["items"][0]["sender"] == world.sender.slug


def test_messages_of_others_are_404(client, world, conversation):
    response = get(
        client, f"/conversations/{conversation.pk}/messages", world.other_member
    )

    assert response.status_code == 404


def test_post_message(client, world, conversation, notified):
    response = post(
        client,
        f"/conversations/{conversation.pk}/messages",
        {"body": "Bună ziua"},
        world.recipient_editor,
    )

    assert response.status_code == 201
    assert response.json()["body"] == "Bună ziua"
    assert response.json()["sender"] == world.recipient.slug
    assert Message.objects.get().author == world.recipient_editor


def test_post_message_to_withdrawn_request_is_400(client, world, conversation):
    services.withdraw_request(
        contact_request=conversation.contact_request, by=world.sender_owner
    )

    response = post(
        client,
        f"/conversations/{conversation.pk}/messages",
        {"body": "x"},
        world.recipient_owner,
    )

    assert response.status_code == 400
    assert response.json()["code"] == "request_withdrawn"


def _add(world):
    """A received request, accepted, with a message of the other side."""
    MessageFactory(
        conversation=ConversationFactory(contact_request__recipient=world.sender)
    )


@pytest.mark.parametrize("path", ["/contact-requests", "/conversations"])
def test_api_lists_have_no_n_plus_one(client, world, notified, path):
    headers = auth(world.sender_viewer)
    client.get(BASE + path, **headers)  # the token's first use is recorded

    assert_constant_queries(
        lambda: _add(world), lambda: client.get(BASE + path, **headers)
    )


def test_messages_list_has_no_n_plus_one(client, world, conversation, notified):
    path = f"{BASE}/conversations/{conversation.pk}/messages"
    headers = auth(world.recipient_owner)
    client.get(path, **headers)  # the token's first use is recorded

    assert_constant_queries(
        lambda: services.post_message(
            conversation=conversation, by=world.sender_owner, body="x"
        ),
        lambda: client.get(path, **headers),
    )
