"""The collaboration app's part of "Download my data": the contact card, the
contact requests the person sent or answered, and the messages they wrote."""

from typing import Any

from django.db.models import Q

from tandem.accounts.models import User
from tandem.collaboration.models import ContactCard, ContactRequest, Message


def export(user: User) -> dict[str, Any]:
    card = ContactCard.objects.filter(user=user).first()
    requests = (
        ContactRequest.objects.filter(Q(created_by=user) | Q(answered_by=user))
        .select_related("sender", "recipient")
        .order_by("pk")
    )
    messages = (
        Message.objects.filter(author=user)
        .select_related("sender", "conversation")
        .order_by("pk")
    )
    return {
        "contact_card": None
        if card is None
        else {
            "phone": card.phone,
            "share_email": card.share_email,
            "share_phone": card.share_phone,
            "updated_at": card.updated_at,
        },
        "contact_requests": [
            {
                "sender": r.sender.name,
                "recipient": r.recipient.name,
                "sent_by_me": r.created_by_id == user.pk,
                "answered_by_me": r.answered_by_id == user.pk,
                "message": r.message if r.created_by_id == user.pk else "",
                "language": r.language,
                "state": r.state,
                "decline_reason": r.decline_reason
                if r.answered_by_id == user.pk
                else "",
                "created_at": r.created_at,
            }
            for r in requests
        ],
        "messages": [
            {
                "conversation": m.conversation_id,
                "sent_for": m.sender.name,
                "body": m.body,
                "language": m.language,
                "created_at": m.created_at,
            }
            for m in messages
        ],
    }
