"""Reads of contact requests and conversations, scoped to the viewer's organisations.

Only active members of the two organisations see a request or a conversation;
coordinators see the messages reported to them and nothing else.
"""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from tandem.accounts.models import Membership, User, Viewer
from tandem.accounts.names import person_name
from tandem.accounts.permissions import (
    coordinated_city_ids,
    is_active_user,
    is_staff,
    member_organisation_ids,
)
from tandem.collaboration import permissions
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

State = ContactRequest.State


def _requests() -> QuerySet[ContactRequest]:
    return ContactRequest.objects.select_related(
        "sender__city",
        "recipient__city",
        "opportunity",
        "created_by",
        "answered_by",
        "conversation",
    )


def visible_contact_requests(*, viewer: Viewer) -> QuerySet[ContactRequest]:
    """Requests sent or received by the viewer's organisations."""
    mine = member_organisation_ids(viewer)
    return (
        _requests()
        .filter(Q(sender_id__in=mine) | Q(recipient_id__in=mine))
        .order_by("-created_at", "-pk")
    )


def received_contact_requests(*, viewer: Viewer) -> QuerySet[ContactRequest]:
    return (
        _requests()
        .filter(recipient_id__in=member_organisation_ids(viewer))
        .order_by("-created_at", "-pk")
    )


def sent_contact_requests(*, viewer: Viewer) -> QuerySet[ContactRequest]:
    return (
        _requests()
        .filter(sender_id__in=member_organisation_ids(viewer))
        .order_by("-created_at", "-pk")
    )


def pending_received_requests(*, viewer: Viewer) -> QuerySet[ContactRequest]:
    """What waits for an answer from the viewer's organisations, oldest first."""
    return (
        received_contact_requests(viewer=viewer)
        .filter(state=State.PENDING)
        .order_by("created_at", "pk")
    )


def accepted_contacts_for(*, viewer: Viewer) -> QuerySet[ContactRequest]:
    """Accepted requests of the viewer's organisations (a project can start from one)."""
    return visible_contact_requests(viewer=viewer).filter(state=State.ACCEPTED)


@dataclass(frozen=True)
class RequestActions:
    """What the viewer may do with a request; mirrors the services."""

    can_answer: bool
    can_withdraw: bool


def request_actions(
    *, viewer: Viewer, contact_request: ContactRequest
) -> RequestActions:
    state = contact_request.state
    return RequestActions(
        can_answer=state == State.PENDING
        and permissions.can_answer_request(viewer, contact_request),
        can_withdraw=state in {State.PENDING, State.ACCEPTED}
        and permissions.can_withdraw_request(viewer, contact_request),
    )


# --- Conversations -------------------------------------------------------------


def _unread_count(viewer: User) -> Coalesce:
    """Messages of the conversation written by others after the viewer's last read."""
    read_after = ConversationRead.objects.filter(
        conversation=OuterRef("conversation"),
        user_id=viewer.pk,
        last_read_at__gte=OuterRef("created_at"),
    )
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"))
        .exclude(author_id=viewer.pk)
        .filter(~Exists(read_after))
        .order_by()
        .values("conversation")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))


def visible_conversations(*, viewer: Viewer) -> QuerySet[Conversation]:
    mine = member_organisation_ids(viewer)
    return (
        Conversation.objects.filter(
            Q(organisation_a_id__in=mine) | Q(organisation_b_id__in=mine)
        )
        .select_related(
            "organisation_a__city", "organisation_b__city", "contact_request"
        )
        .order_by("-last_message_at", "-pk")
    )


def conversations_for(*, viewer: Viewer) -> QuerySet[Conversation]:
    """The viewer's conversations, most recent first, with ``unread_count``."""
    if not is_active_user(viewer):
        return Conversation.objects.none()
    return visible_conversations(viewer=viewer).annotate(
        unread_count=_unread_count(viewer)
    )


def unread_message_count(*, viewer: Viewer) -> int:
    return sum(
        c.unread_count  # type: ignore[attr-defined]  # annotated by conversations_for
        for c in conversations_for(viewer=viewer)
    )


def conversation_messages(*, conversation: Conversation) -> QuerySet[Message]:
    """Oldest first, so the newest is at the bottom of a page."""
    return (
        Message.objects.filter(conversation=conversation)
        .select_related("sender", "author")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class ConversationActions:
    can_post: bool
    can_block: bool
    has_blocked: bool
    is_blocked: bool
    closed: bool


def conversation_actions(
    *, viewer: Viewer, conversation: Conversation, side: Organisation | None
) -> ConversationActions:
    other = (
        conversation.organisation_b
        if side is not None and side.pk == conversation.organisation_a_id
        else conversation.organisation_a
    )
    blocks = set(
        Block.objects.filter(
            Q(blocker=side, blocked=other) | Q(blocker=other, blocked=side)
        ).values_list("blocker_id", flat=True)
    )
    has_blocked = side is not None and side.pk in blocks
    closed = conversation.contact_request.state != State.ACCEPTED
    return ConversationActions(
        can_post=not closed
        and not blocks
        and permissions.can_post_in(viewer, conversation),
        can_block=side is not None and permissions.can_block_for(viewer, side),
        has_blocked=has_blocked,
        is_blocked=bool(blocks),
        closed=closed,
    )


@dataclass(frozen=True)
class RevealedContact:
    name: str
    organisation: str
    email: str
    phone: str


def revealed_contacts(
    *, viewer: Viewer, conversation: Conversation
) -> list[RevealedContact]:
    """The other side's people and what each chose to share.

    Only once the request is accepted, only for members of the two organisations,
    and only shared fields; a person who shares nothing is left out.
    """
    if conversation.contact_request.state != State.ACCEPTED:
        return []
    side = permissions.side_of(viewer, conversation)
    if side is None:
        return []
    other = (
        conversation.organisation_b
        if side.pk == conversation.organisation_a_id
        else conversation.organisation_a
    )
    cards = (
        ContactCard.objects.filter(
            Q(share_email=True) | Q(share_phone=True),
            user__is_active=True,
            user__memberships__organisation=other,
            user__memberships__state=Membership.State.ACTIVE,
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    return [
        RevealedContact(
            name=person_name(card.user, other.name),
            organisation=other.name,
            email=card.user.email if card.share_email else "",
            phone=card.phone if card.share_phone else "",
        )
        for card in cards
    ]


def revealed_contacts_for_request(
    *, viewer: Viewer, contact_request: ContactRequest
) -> list[RevealedContact]:
    if contact_request.state != State.ACCEPTED:
        return []
    conversation = Conversation.objects.filter(contact_request=contact_request).first()
    if conversation is None:
        return []
    return revealed_contacts(viewer=viewer, conversation=conversation)


def contact_card_of(*, viewer: User) -> ContactCard:
    """The viewer's card, unsaved and sharing nothing if they have none yet."""
    card = ContactCard.objects.filter(user_id=viewer.pk).first()
    return card or ContactCard(user=viewer)


def acting_organisations(*, viewer: Viewer) -> QuerySet[Organisation]:
    """Organisations the viewer may send requests for (owner or editor)."""
    return (
        Organisation.objects.filter(pk__in=member_organisation_ids(viewer, acting=True))
        .select_related("city")
        .order_by("name", "pk")
    )


def blocked_organisations(*, viewer: Viewer) -> QuerySet[Block]:
    return (
        Block.objects.filter(blocker_id__in=member_organisation_ids(viewer))
        .select_related("blocker", "blocked__city")
        .order_by("-created_at", "-pk")
    )


# --- Reports -------------------------------------------------------------------


def reports_for_coordinator(*, viewer: Viewer) -> QuerySet[MessageReport]:
    """Reports from organisations of the cities the viewer coordinates, open first."""
    reports = MessageReport.objects.select_related(
        "message__sender__city",
        "message__author",
        "organisation__city",
        "reported_by",
        "resolved_by",
    ).order_by(F("resolved_at").desc(nulls_first=True), "-created_at", "-pk")
    if is_staff(viewer):
        return reports
    return reports.filter(organisation__city_id__in=coordinated_city_ids(viewer))


def report_reviewers(*, report: MessageReport) -> QuerySet[User]:
    """Who ``reports_for_coordinator`` shows ``report`` to: the active
    coordinators of the reporting organisation's city, and active staff."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_staff=True) | Q(coordinator_roles__city_id=report.organisation.city_id)
        )
        .distinct()
        .order_by("pk")
    )


# --- Dashboard -----------------------------------------------------------------


@dataclass(frozen=True)
class DashboardPanel:
    pending: list[ContactRequest]
    pending_count: int
    conversations: list[Conversation]
    unread_count: int
    has_organisation: bool
    # None for people who coordinate no city.
    open_reports: int | None = None


def dashboard_panel(*, viewer: Viewer, limit: int = 5) -> DashboardPanel:
    pending = pending_received_requests(viewer=viewer)
    conversations = list(conversations_for(viewer=viewer))
    return DashboardPanel(
        pending=list(pending[:limit]),
        pending_count=pending.count(),
        conversations=conversations[:limit],
        unread_count=sum(
            c.unread_count  # type: ignore[attr-defined]  # annotated by conversations_for
            for c in conversations
        ),
        has_organisation=member_organisation_ids(viewer).exists(),
        open_reports=(
            reports_for_coordinator(viewer=viewer).filter(resolved_at=None).count()
            if permissions.can_review_reports(viewer)
            else None
        ),
    )
