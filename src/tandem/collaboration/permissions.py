"""Who may do what with contact requests and conversations.

Requests and conversations are private to the two organisations: coordinators
and staff see neither, only the messages reported to them. ``user`` may be
anonymous; every predicate answers False (or None) for it. Built on
``tandem.accounts.permissions``; services, selectors, pages and the API ask
these.
"""

from tandem.accounts.models import Viewer
from tandem.accounts.permissions import (
    can_act_for,
    coordinated_city_ids,
    coordinates,
    is_member,
    is_staff,
)
from tandem.collaboration.models import (
    ContactRequest,
    Conversation,
    Message,
    MessageReport,
)
from tandem.directory.models import Organisation


def can_send_request(user: Viewer, sender: Organisation) -> bool:
    """Owners and editors write on behalf of their organisation."""
    return can_act_for(user, sender)


def can_answer_request(user: Viewer, contact_request: ContactRequest) -> bool:
    return can_act_for(user, contact_request.recipient)


def can_withdraw_request(user: Viewer, contact_request: ContactRequest) -> bool:
    return can_act_for(user, contact_request.sender)


def can_see_conversation(user: Viewer, conversation: Conversation) -> bool:
    return is_member(user, conversation.organisation_a) or is_member(
        user, conversation.organisation_b
    )


def side_of(user: Viewer, conversation: Conversation) -> Organisation | None:
    """The user's organisation in the conversation (the first, if both)."""
    for organisation in (conversation.organisation_a, conversation.organisation_b):
        if is_member(user, organisation):
            return organisation
    return None


def posting_side(user: Viewer, conversation: Conversation) -> Organisation | None:
    """The organisation the user writes for in the conversation (the first, if
    they act for both), or None when they may not write."""
    for organisation in (conversation.organisation_a, conversation.organisation_b):
        if can_act_for(user, organisation):
            return organisation
    return None


def can_post_in(user: Viewer, conversation: Conversation) -> bool:
    return posting_side(user, conversation) is not None


def can_block_for(user: Viewer, blocker: Organisation) -> bool:
    """Blocking and unblocking speak for the blocking organisation."""
    return can_act_for(user, blocker)


def can_report(user: Viewer, message: Message) -> bool:
    """Members of the receiving side report a message of the other side."""
    conversation = message.conversation
    return is_member(user, conversation.other_organisation(message.sender_id))


def can_review_reports(user: Viewer) -> bool:
    """Coordinators of any city, and staff, read the reports of their cities."""
    return is_staff(user) or coordinated_city_ids(user).exists()


def can_resolve_report(user: Viewer, report: MessageReport) -> bool:
    return coordinates(user, report.organisation.city)
