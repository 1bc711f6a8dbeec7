"""Contact requests and conversations of API v1; every call needs a token.

Reads return only what the token's user sees as a member of one of the two
organisations; writes go through ``tandem.collaboration.services``.
"""

from datetime import datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tandem.accounts.api import token_auth
from tandem.accounts.http import ApiRequest
from tandem.accounts.models import User
from tandem.accounts.names import person_name
from tandem.api.common import (
    ERRORS,
    LIST_ERRORS,
    PK,
    READ_ERRORS,
    Choice,
    Pagination,
)
from tandem.collaboration import selectors, services
from tandem.collaboration.models import ContactRequest, Conversation, Message
from tandem.directory.selectors import visible_opportunities, visible_organisations
from tandem.errors import ValidationError

router = Router(tags=["contacts"], auth=token_auth)


class OrganisationRef(Schema):
    slug: str
    name: str
    city: str = Field(..., alias="city.slug")


class ContactRequestIn(Schema):
    sender: str = Field(..., description="Slug of your organisation.")
    recipient: str = Field(
        ..., description="Slug of an organisation of the partner city."
    )
    message: str = Field(..., min_length=1, max_length=4000)
    opportunity: int | None = Field(
        None, ge=1, description="For an expression of interest: the opportunity's id."
    )


class ContactRequestOut(Schema):
    id: int
    sender: OrganisationRef
    recipient: OrganisationRef
    opportunity: int | None = Field(None, alias="opportunity_id")
    message: str
    language: str
    state: Choice[ContactRequest.State]
    decline_reason: str
    created_at: datetime
    expires_at: datetime
    answered_at: datetime | None
    conversation: int | None = None

    @staticmethod
    def resolve_conversation(obj: ContactRequest) -> int | None:
        conversation = getattr(obj, "conversation", None)
        return conversation.pk if conversation else None


class ContactRequestAnswerIn(Schema):
    accept: bool
    reason: str = Field("", max_length=2000)


class ConversationOut(Schema):
    id: int
    contact_request: int = Field(..., alias="contact_request_id")
    organisation_a: OrganisationRef
    organisation_b: OrganisationRef
    open: bool
    created_at: datetime
    last_message_at: datetime
    unread_count: int

    @staticmethod
    def resolve_open(obj: Conversation) -> bool:
        return obj.contact_request.state == ContactRequest.State.ACCEPTED


class MessageIn(Schema):
    body: str = Field(..., min_length=1, max_length=10000)


class MessageOut(Schema):
    id: int
    conversation: int = Field(..., alias="conversation_id")
    sender: str = Field(..., alias="sender.slug")
    author: str

    body: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Message) -> str:
        # A deleted account (or its row, deleted by staff) reads "a former member".
        return person_name(obj.author, obj.sender.name)


def _request_out(viewer: User, pk: int) -> ContactRequest:
    return selectors.visible_contact_requests(viewer=viewer).get(pk=pk)


@router.post("/contact-requests", response={201: ContactRequestOut, **ERRORS})
def create_contact_request(
    request: ApiRequest, payload: ContactRequestIn
) -> Status[ContactRequest]:
    """Send a contact request, or an expression of interest with ``opportunity``."""
    organisations = visible_organisations(viewer=request.auth)
    recipient = get_object_or_404(organisations, slug=payload.recipient)
    sender = organisations.filter(slug=payload.sender).first()
    if sender is None:
        raise ValidationError(
            {"sender": _("Unknown organisation: %(slug)s.") % {"slug": payload.sender}},
            code="unknown_organisation",
        )
    opportunity = None
    if payload.opportunity is not None:
        opportunity = get_object_or_404(
            visible_opportunities(viewer=request.auth), pk=payload.opportunity
        )
    contact = services.request_contact(
        sender=sender,
        recipient=recipient,
        message=payload.message,
        opportunity=opportunity,
        by=request.auth,
    )
    return Status(201, _request_out(request.auth, contact.pk))


@router.get("/contact-requests", response={200: list[ContactRequestOut], **LIST_ERRORS})
@paginate(Pagination)
def list_contact_requests(
    request: ApiRequest,
    state: Choice[ContactRequest.State] | None = None,
    box: str = "",
) -> QuerySet[ContactRequest]:
    """Requests sent or received by your organisations, newest first;
    ``box=sent`` or ``box=received`` narrows the list."""
    if box == "sent":
        requests = selectors.sent_contact_requests(viewer=request.auth)
    elif box == "received":
        requests = selectors.received_contact_requests(viewer=request.auth)
    else:
        requests = selectors.visible_contact_requests(viewer=request.auth)
    if state:
        requests = requests.filter(state=state)
    return requests


@router.get("/contact-requests/{id}", response={200: ContactRequestOut, **READ_ERRORS})
def get_contact_request(request: ApiRequest, id: PK) -> ContactRequest:
    return _request_out(request.auth, id)


@router.post(
    "/contact-requests/{id}/answer", response={200: ContactRequestOut, **ERRORS}
)
def answer_contact_request(
    request: ApiRequest, id: PK, payload: ContactRequestAnswerIn
) -> ContactRequest:
    """Accept (opens a conversation) or decline; a second answer gets 400
    ``already_answered``."""
    contact = _request_out(request.auth, id)
    services.answer_request(
        contact_request=contact,
        by=request.auth,
        accept=payload.accept,
        reason=payload.reason,
    )
    return _request_out(request.auth, id)


@router.post(
    "/contact-requests/{id}/withdraw", response={200: ContactRequestOut, **ERRORS}
)
def withdraw_contact_request(request: ApiRequest, id: PK) -> ContactRequest:
    contact = _request_out(request.auth, id)
    services.withdraw_request(contact_request=contact, by=request.auth)
    return _request_out(request.auth, id)


@router.get("/conversations", response={200: list[ConversationOut], **LIST_ERRORS})
@paginate(Pagination)
def list_conversations(request: ApiRequest) -> QuerySet[Conversation]:
    """Your organisations' conversations, most recent first, with unread counts."""
    return selectors.conversations_for(viewer=request.auth)


@router.get(
    "/conversations/{id}/messages", response={200: list[MessageOut], **READ_ERRORS}
)
@paginate(Pagination)
def list_messages(request: ApiRequest, id: PK) -> QuerySet[Message]:
    """Messages, newest first."""
    conversation = selectors.visible_conversations(viewer=request.auth).get(pk=id)
    return selectors.conversation_messages(conversation=conversation).order_by(
        "-created_at", "-pk"
    )


@router.post("/conversations/{id}/messages", response={201: MessageOut, **ERRORS})
def create_message(request: ApiRequest, id: PK, payload: MessageIn) -> Status[Message]:
    """Refused with 400 ``request_withdrawn`` or ``blocked`` when the
    conversation takes no messages."""
    conversation = selectors.visible_conversations(viewer=request.auth).get(pk=id)
    message = services.post_message(
        conversation=conversation, by=request.auth, body=payload.body
    )
    return Status(201, message)
