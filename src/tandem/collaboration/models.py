"""Contact requests, conversations and the guards around them.

A contact request (or, with an opportunity, an expression of interest) goes from
one organisation to an organisation of a partner city. Once accepted, it opens
one conversation between the two organisations.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.directory.models import Organisation


class ContactRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", pgettext_lazy("contact request state", "Waiting")
        ACCEPTED = "accepted", pgettext_lazy("contact request state", "Accepted")
        DECLINED = "declined", pgettext_lazy("contact request state", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("contact request state", "Withdrawn")
        EXPIRED = "expired", pgettext_lazy("contact request state", "Expired")

    sender = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="sent_contact_requests",
        verbose_name=_("sender"),
    )
    recipient = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="received_contact_requests",
        verbose_name=_("recipient"),
    )
    opportunity = models.ForeignKey(
        "directory.Opportunity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expressions_of_interest",
        verbose_name=_("opportunity"),
        help_text=_("Set when the request is an expression of interest."),
    )
    message = models.TextField(_("message"), max_length=4000)
    language = models.CharField(
        _("language of the message"), max_length=8, choices=settings.LANGUAGES
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    decline_reason = models.TextField(
        _("reason for declining"), max_length=2000, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=models.Q(state="pending"),
                name="contact_request_one_open_per_pair",
                violation_error_code="duplicate",
                violation_error_message=_(
                    "Your organisation already has an open contact request to "
                    "this organisation."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("recipient")),
                name="contact_request_not_to_itself",
            ),
        ]
        indexes = [
            # Sent list and the limits: requests of a sender by state and date.
            models.Index(
                fields=["sender", "state", "created_at"], name="contact_sent_state"
            ),
            # Received list and the dashboard: pending requests of a recipient.
            models.Index(
                fields=["recipient", "state", "created_at"],
                name="contact_received_state",
            ),
            # Expiry sweep: pending requests past expires_at.
            models.Index(fields=["state", "expires_at"], name="contact_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("collaboration:request_detail", kwargs={"pk": self.pk})

    @property
    def is_expression_of_interest(self) -> bool:
        return self.opportunity_id is not None

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING


class Conversation(models.Model):
    """Messages between the two organisations of one accepted contact request."""

    contact_request = models.OneToOneField(
        ContactRequest,
        on_delete=models.CASCADE,
        related_name="conversation",
        verbose_name=_("contact request"),
    )
    organisation_a = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation that asked"),
    )
    organisation_b = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation that accepted"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_message_at = models.DateTimeField(_("last message at"), default=timezone.now)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-pk"]
        indexes = [
            # Conversation lists of an organisation, most recent first.
            models.Index(
                fields=["organisation_a", "-last_message_at"], name="conv_by_org_a"
            ),
            models.Index(
                fields=["organisation_b", "-last_message_at"], name="conv_by_org_b"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_a} ↔ {self.organisation_b}"

    def get_absolute_url(self) -> str:
        return reverse("collaboration:conversation_detail", kwargs={"pk": self.pk})

    @property
    def organisation_ids(self) -> tuple[int, int]:
        return (self.organisation_a_id, self.organisation_b_id)

    def other_organisation(self, organisation_id: int) -> Organisation:
        if organisation_id == self.organisation_a_id:
            return self.organisation_b
        return self.organisation_a


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("conversation"),
    )
    sender = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("sending organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("message"), max_length=10000)
    language = models.CharField(
        _("language of the message"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The author's language when they wrote; empty for old messages."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [
            # A conversation's messages in order, and its unread count.
            models.Index(fields=["conversation", "created_at"], name="message_order"),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class ConversationRead(models.Model):
    """Up to when a user has read a conversation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        related_name="reads",
        verbose_name=_("conversation"),
    )
    last_read_at = models.DateTimeField(_("last read at"))

    class Meta:
        verbose_name = _("read state")
        verbose_name_plural = _("read states")
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="conversation_read_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.conversation_id}"


class Block(models.Model):
    """The blocking organisation receives no requests or messages from the other."""

    blocker = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="blocks",
        verbose_name=_("blocking organisation"),
    )
    blocked = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="blocked_by",
        verbose_name=_("blocked organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("blocked by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["blocker", "blocked"],
                name="block_once_per_pair",
                violation_error_code="already_blocked",
                violation_error_message=_(
                    "Your organisation has already blocked this organisation."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.blocker} ⊘ {self.blocked}"


class MessageReport(models.Model):
    """A message reported to the coordinators of the reporting organisation's city."""

    message = models.ForeignKey(
        Message,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("message"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reporting organisation"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reason = models.TextField(_("reason"), max_length=2000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("message report")
        verbose_name_plural = _("message reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reported_by"],
                condition=models.Q(resolved_at__isnull=True),
                name="report_open_once_per_user",
                violation_error_code="already_reported",
                violation_error_message=_("You have already reported this message."),
            )
        ]
        indexes = [
            # A coordinator's list: open reports of the organisations of a city.
            models.Index(fields=["resolved_at", "created_at"], name="report_open"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id}: {self.reason[:60]}"


class ContactCard(models.Model):
    """What a person shares with accepted partners; nothing until they choose."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_card",
        verbose_name=_("user"),
    )
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    share_email = models.BooleanField(_("share my e-mail address"), default=False)
    share_phone = models.BooleanField(_("share my phone number"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("contact card")
        verbose_name_plural = _("contact cards")

    def __str__(self) -> str:
        return str(self.user)
