"""Who may do what with contact requests and conversations.

Requests and conversations are private to the two organisations: coordinators
and staff see neither, only the messages reported to them. ``user`` may be
anonymous; every predicate answers False for it.
"""

from typing import Any

from tandem.accounts.permissions import can_act_for, coordinates, is_member


def can_see_request(user: Any, contact_request: Any) -> bool:
    return is_member(user, contact_request.sender) or is_member(
        user, contact_request.recipient
    )


def can_answer_request(user: Any, contact_request: Any) -> bool:
    return can_act_for(user, contact_request.recipient)


def can_withdraw_request(user: Any, contact_request: Any) -> bool:
    return can_act_for(user, contact_request.sender)


def can_see_conversation(user: Any, conversation: Any) -> bool:
    return is_member(user, conversation.organisation_a) or is_member(
        user, conversation.organisation_b
    )


def can_post_in(user: Any, conversation: Any) -> bool:
    return can_act_for(user, conversation.organisation_a) or can_act_for(
        user, conversation.organisation_b
    )


def can_report(user: Any, message: Any) -> bool:
    """Members of the receiving side report a message of the other side."""
    conversation = message.conversation
    other = (
        conversation.organisation_b
        if message.sender_id == conversation.organisation_a_id
        else conversation.organisation_a
    )
    return is_member(user, other)


def can_resolve_report(user: Any, report: Any) -> bool:
    return coordinates(user, report.organisation.city)
