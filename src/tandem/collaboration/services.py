"""Every write of contact requests, conversations, blocks, reports and contact cards."""

from datetime import datetime, timedelta
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.models import User
from tandem.accounts.names import person_name
from tandem.accounts.selectors import members_of_organisation
from tandem.collaboration import notification_kinds, permissions
from tandem.collaboration.models import (
    Block,
    ContactCard,
    ContactRequest,
    Conversation,
    ConversationRead,
    Message,
    MessageReport,
)
from tandem.collaboration.selectors import report_reviewers
from tandem.directory.models import Opportunity, Organisation
from tandem.errors import PermissionDenied, ValidationError, field_error
from tandem.i18n import writing_language
from tandem.notifications.services import notify
from tandem.partnerships.selectors import partner_cities
from tandem.updates import check_known, model_update

State = ContactRequest.State
EXCERPT_LENGTH = 140


# --- Notifications -----------------------------------------------------------


def _notify(
    *, organisation: Organisation, kind: str, params: dict[str, Any], actor: User
) -> None:
    """Notify the active members of ``organisation``, inside the caller's
    transaction; the kind links to the page its ``params`` name."""
    notify(
        recipients=members_of_organisation(organisation),
        kind=kind,
        params=params,
        actor=actor,
    )


# --- Rules shared by several services -----------------------------------------


def is_blocked(first: Organisation, second: Organisation) -> bool:
    """Either organisation has blocked the other."""
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


def _check_limits(*, sender: Organisation, now: datetime) -> None:
    per_day = settings.TANDEM_CONTACT_REQUESTS_PER_DAY
    sent_today = ContactRequest.objects.filter(
        sender=sender, created_at__gt=now - timedelta(days=1)
    ).count()
    if sent_today >= per_day:
        raise ValidationError(
            ngettext(
                "Your organisation may send %(limit)d contact request in 24 hours "
                "and has reached this limit. Please try again tomorrow.",
                "Your organisation may send %(limit)d contact requests in 24 hours "
                "and has reached this limit. Please try again tomorrow.",
                per_day,
            )
            % {"limit": per_day},
            code="daily_limit",
            params={"limit": per_day},
        )
    open_limit = settings.TANDEM_OPEN_CONTACT_REQUESTS
    open_count = ContactRequest.objects.filter(
        sender=sender, state=State.PENDING
    ).count()
    if open_count >= open_limit:
        raise ValidationError(
            ngettext(
                "Your organisation may have %(limit)d open contact request at a "
                "time and has reached this limit. Wait for answers or withdraw a "
                "request first.",
                "Your organisation may have %(limit)d open contact requests at a "
                "time and has reached this limit. Wait for answers or withdraw a "
                "request first.",
                open_limit,
            )
            % {"limit": open_limit},
            code="open_limit",
            params={"limit": open_limit},
        )


def _check_partner_city(*, sender: Organisation, recipient: Organisation) -> None:
    if sender.city_id == recipient.city_id:
        raise ValidationError(
            _("Contact requests go to organisations of the partner city."),
            code="same_city",
        )
    if not partner_cities(city=sender.city).filter(pk=recipient.city_id).exists():
        raise ValidationError(
            _("This organisation's city is not a partner city of yours."),
            code="not_partner_city",
        )


def _check_no_open_request(*, sender: Organisation, recipient: Organisation) -> None:
    if ContactRequest.objects.filter(
        sender=sender, recipient=recipient, state=State.PENDING
    ).exists():
        raise ValidationError(
            _(
                "Your organisation already has an open contact request to this "
                "organisation. Wait for its answer or withdraw it first."
            ),
            code="duplicate",
        )
    if ContactRequest.objects.filter(
        sender=recipient, recipient=sender, state=State.PENDING
    ).exists():
        raise ValidationError(
            _(
                "This organisation has already sent your organisation a contact "
                "request. Answer it instead."
            ),
            code="duplicate",
        )
    if ContactRequest.objects.filter(
        Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender),
        state=State.ACCEPTED,
    ).exists():
        raise ValidationError(
            _("Your organisations are already in contact: write in your conversation."),
            code="already_in_contact",
        )


# --- Contact requests ----------------------------------------------------------


@transaction.atomic
def request_contact(
    *,
    sender: Organisation,
    recipient: Organisation,
    message: str,
    by: User,
    opportunity: Opportunity | None = None,
    language: str = "",
) -> ContactRequest:
    """Send a contact request, or with ``opportunity`` an expression of interest.

    Raises PermissionDenied (``by`` is no owner or editor of ``sender``), or
    ValidationError with code same_city, not_partner_city, sender_not_verified,
    recipient_unavailable, opportunity_unavailable, blocked, duplicate,
    already_in_contact, daily_limit or open_limit.
    """
    if not permissions.can_send_request(by, sender):
        raise PermissionDenied
    # Serialises the limit checks of one sender.
    Organisation.objects.select_for_update(of=("self",)).filter(pk=sender.pk).first()
    _check_may_contact(sender=sender, recipient=recipient, opportunity=opportunity)
    now = timezone.now()
    _check_limits(sender=sender, now=now)
    contact = ContactRequest(
        sender=sender,
        recipient=recipient,
        opportunity=opportunity,
        message=message.strip(),
        language=language or writing_language(by),
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(days=settings.TANDEM_CONTACT_REQUEST_EXPIRY_DAYS),
    )
    contact.full_clean()  # checks the open-request constraint too
    contact.save()
    _notify(
        organisation=recipient,
        kind=notification_kinds.CONTACT_REQUEST_RECEIVED,
        params={
            "sender": sender.name,
            "recipient": recipient.name,
            "opportunity": opportunity.title if opportunity else "",
            "contact_request_id": contact.pk,
        },
        actor=by,
    )
    return contact


def _check_may_contact(
    *, sender: Organisation, recipient: Organisation, opportunity: Opportunity | None
) -> None:
    """The rules of request_contact between the two organisations."""
    _check_partner_city(sender=sender, recipient=recipient)
    if sender.verification != Organisation.Verification.VERIFIED:
        raise ValidationError(
            _(
                "Your organisation can send contact requests once its city's "
                "coordinator has verified it."
            ),
            code="sender_not_verified",
        )
    if not recipient.is_public:
        raise ValidationError(
            _("This organisation does not take contact requests at the moment."),
            code="recipient_unavailable",
        )
    if opportunity is not None and (
        opportunity.organisation_id != recipient.pk or not opportunity.is_public
    ):
        raise ValidationError(
            {
                "opportunity": ValidationError(
                    _("This opportunity is not open for interest."),
                    code="opportunity_unavailable",
                )
            }
        )
    if is_blocked(sender, recipient):
        raise ValidationError(
            _("Your organisation cannot contact this organisation."),
            code="blocked",
        )
    _check_no_open_request(sender=sender, recipient=recipient)


def _lock(contact_request: ContactRequest) -> ContactRequest:
    return (
        ContactRequest.objects.select_for_update(of=("self",))
        .select_related("sender", "recipient", "answered_by")
        .get(pk=contact_request.pk)
    )


def _already_answered(contact: ContactRequest) -> ValidationError:
    """What happened to a request that is no longer pending, for the second person."""
    when = (
        formats.date_format(timezone.localtime(contact.answered_at), "DATETIME_FORMAT")
        if contact.answered_at
        else ""
    )
    name = (
        person_name(contact.answered_by, contact.recipient.name)
        if contact.answered_by
        else ""
    )
    if contact.state == State.ACCEPTED:
        text = _("%(name)s accepted this request already (%(when)s).")
    elif contact.state == State.DECLINED:
        text = _("%(name)s declined this request already (%(when)s).")
    elif contact.state == State.WITHDRAWN:
        text = _("The sender withdrew this request (%(when)s).")
    else:
        text = _("This request expired without an answer.")
    return ValidationError(
        text % {"name": name or _("Someone"), "when": when},
        code="already_answered",
        params={"state": contact.state},
    )


@transaction.atomic
def answer_request(
    *, contact_request: ContactRequest, by: User, accept: bool, reason: str = ""
) -> ContactRequest:
    """Accept (opening the conversation) or decline a pending request.

    The row is locked, so of two answers at once one wins and the other gets
    ValidationError code already_answered saying what happened. Also raises
    PermissionDenied, or ValidationError code expired or blocked.
    """
    if not permissions.can_answer_request(by, contact_request):
        raise PermissionDenied
    contact = _lock(contact_request)
    now = timezone.now()
    if contact.state != State.PENDING:
        raise _already_answered(contact)
    if contact.expires_at <= now:
        raise ValidationError(
            _("This request expired without an answer."), code="expired"
        )
    if accept and is_blocked(contact.sender, contact.recipient):
        raise ValidationError(
            _("One of the organisations has blocked the other."), code="blocked"
        )
    contact.state = State.ACCEPTED if accept else State.DECLINED
    contact.decline_reason = "" if accept else reason.strip()
    contact.answered_by = by
    contact.answered_at = now
    contact.full_clean()
    contact.save(
        update_fields=["state", "decline_reason", "answered_by", "answered_at"]
    )
    if accept:
        Conversation.objects.create(
            contact_request=contact,
            organisation_a=contact.sender,
            organisation_b=contact.recipient,
            created_at=now,
            last_message_at=now,
        )
    _notify(
        organisation=contact.sender,
        kind=notification_kinds.CONTACT_REQUEST_ANSWERED,
        params={
            "sender": contact.sender.name,
            "recipient": contact.recipient.name,
            "accepted": accept,
            "reason": contact.decline_reason,
            "contact_request_id": contact.pk,
        },
        actor=by,
    )
    _copy_state(contact, into=contact_request)
    return contact


def _copy_state(source: ContactRequest, *, into: ContactRequest) -> None:
    for field in ("state", "decline_reason", "answered_by", "answered_at"):
        setattr(into, field, getattr(source, field))


@transaction.atomic
def withdraw_request(*, contact_request: ContactRequest, by: User) -> ContactRequest:
    """The sender takes back a pending request, or ends an accepted contact.

    After withdrawal the conversation takes no more messages. Raises
    PermissionDenied, or ValidationError code already_answered.
    """
    if not permissions.can_withdraw_request(by, contact_request):
        raise PermissionDenied
    contact = _lock(contact_request)
    if contact.state not in {State.PENDING, State.ACCEPTED}:
        raise _already_answered(contact)
    contact.state = State.WITHDRAWN
    update = ["state"]
    if contact.answered_at is None:
        contact.answered_by, contact.answered_at = by, timezone.now()
        update += ["answered_by", "answered_at"]
    contact.save(update_fields=update)
    _copy_state(contact, into=contact_request)
    return contact


@transaction.atomic
def expire_requests(*, now: datetime | None = None) -> int:
    """Mark pending requests past ``expires_at`` as expired; returns how many."""
    now = now or timezone.now()
    return ContactRequest.objects.filter(
        state=State.PENDING, expires_at__lte=now
    ).update(state=State.EXPIRED)


# --- Conversations -------------------------------------------------------------


@transaction.atomic
def post_message(*, conversation: Conversation, by: User, body: str) -> Message:
    """Raises PermissionDenied, or ValidationError code request_withdrawn,
    request_not_accepted, blocked, or a field error on ``body``."""
    sender = permissions.posting_side(by, conversation)
    if sender is None:
        raise PermissionDenied
    contact = conversation.contact_request
    if contact.state == State.WITHDRAWN:
        raise ValidationError(
            _(
                "The contact request was withdrawn, so this conversation takes no "
                "more messages."
            ),
            code="request_withdrawn",
        )
    if contact.state != State.ACCEPTED:
        raise ValidationError(
            _("This conversation is closed: its contact request is not accepted."),
            code="request_not_accepted",
        )
    other = conversation.other_organisation(sender.pk)
    if is_blocked(sender, other):
        raise ValidationError(
            _(
                "One of the organisations has blocked the other, so no messages go through."
            ),
            code="blocked",
        )
    now = timezone.now()
    message = Message(
        conversation=conversation,
        sender=sender,
        author=by,
        body=body.strip(),
        language=writing_language(by),
        created_at=now,
    )
    message.full_clean(exclude=["conversation", "sender", "author"])
    message.save()
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    conversation.last_message_at = now
    # Writing a message means having read the conversation up to it.
    _mark_read(conversation=conversation, user=by, at=now)
    _notify(
        organisation=other,
        kind=notification_kinds.MESSAGE_RECEIVED,
        params={
            "sender": sender.name,
            "recipient": other.name,
            "excerpt": message.body[:EXCERPT_LENGTH],
            "conversation_id": conversation.pk,
        },
        actor=by,
    )
    return message


def _mark_read(*, conversation: Conversation, user: User, at: datetime) -> None:
    ConversationRead.objects.update_or_create(
        conversation=conversation, user=user, defaults={"last_read_at": at}
    )


@transaction.atomic
def mark_conversation_read(
    *, conversation: Conversation, by: User, at: datetime | None = None
) -> None:
    """Raises PermissionDenied for anyone outside the two organisations."""
    if not permissions.can_see_conversation(by, conversation):
        raise PermissionDenied
    _mark_read(conversation=conversation, user=by, at=at or timezone.now())


# --- Blocks and reports --------------------------------------------------------


@transaction.atomic
def block_organisation(
    *, blocker: Organisation, blocked: Organisation, by: User
) -> Block:
    """Stop requests and messages between the two; open requests between them
    close (declined when received, withdrawn when sent). Raises PermissionDenied,
    or ValidationError code block_itself or already_blocked."""
    if not permissions.can_block_for(by, blocker):
        raise PermissionDenied
    if blocker.pk == blocked.pk:
        raise ValidationError(
            _("An organisation cannot block itself."), code="block_itself"
        )
    block = Block(blocker=blocker, blocked=blocked, created_by=by)
    block.full_clean()
    block.save()
    now = timezone.now()
    pending = ContactRequest.objects.filter(state=State.PENDING)
    pending.filter(sender=blocked, recipient=blocker).update(
        state=State.DECLINED, answered_by=by, answered_at=now
    )
    pending.filter(sender=blocker, recipient=blocked).update(
        state=State.WITHDRAWN, answered_by=by, answered_at=now
    )
    return block


@transaction.atomic
def unblock_organisation(
    *, blocker: Organisation, blocked: Organisation, by: User
) -> None:
    """Raises PermissionDenied, or ValidationError code not_blocked."""
    if not permissions.can_block_for(by, blocker):
        raise PermissionDenied
    deleted, _rows = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    if not deleted:
        raise ValidationError(
            _("Your organisation has not blocked this organisation."),
            code="not_blocked",
        )


@transaction.atomic
def report_message(*, message: Message, by: User, reason: str) -> MessageReport:
    """Report a message of the other side to the coordinators of the reporter's
    city, who are notified. Raises PermissionDenied, or ValidationError
    (``reason`` empty, code already_reported)."""
    if not permissions.can_report(by, message):
        raise PermissionDenied
    conversation = message.conversation
    organisation = conversation.other_organisation(message.sender_id)
    report = MessageReport(
        message=message,
        organisation=organisation,
        reported_by=by,
        reason=reason.strip(),
    )
    report.full_clean()
    report.save()
    # Names only: the message and the reason stay on the report list, behind
    # the coordinators' login, and out of e-mails.
    notify(
        recipients=report_reviewers(report=report),
        kind=notification_kinds.MESSAGE_REPORTED,
        params={"reporter": organisation.name, "sender": message.sender.name},
        actor=by,
    )
    return report


@transaction.atomic
def resolve_report(*, report: MessageReport, by: User) -> MessageReport:
    """A coordinator of the reporter's city closes the report. Raises
    PermissionDenied, or ValidationError code already_resolved."""
    if not permissions.can_resolve_report(by, report):
        raise PermissionDenied
    if report.resolved_at is not None:
        raise ValidationError(
            _("This report is already resolved."), code="already_resolved"
        )
    report.resolved_at = timezone.now()
    report.resolved_by = by
    report.save(update_fields=["resolved_at", "resolved_by"])
    return report


# --- Contact cards -------------------------------------------------------------


class ContactCardChanges(TypedDict, total=False):
    phone: str
    share_email: bool
    share_phone: bool


@transaction.atomic
def update_contact_card(
    *, by: User, **changes: Unpack[ContactCardChanges]
) -> ContactCard:
    """What ``by`` shares with accepted partners (a card sharing nothing is
    made on the first call). Raises ValidationError (``phone`` missing while
    sharing it, code phone_required)."""
    check_known(changes, ContactCardChanges.__optional_keys__)
    if "phone" in changes:
        changes["phone"] = changes["phone"].strip()
    card, _created = ContactCard.objects.get_or_create(user=by)
    if changes.get("share_phone", card.share_phone) and not changes.get(
        "phone", card.phone
    ):
        raise field_error(
            "phone", _("Enter a phone number to share it."), code="phone_required"
        )
    model_update(card, changes)
    return card
