"""Meeting requests between participants and the meetings booked from them."""

from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.events.models.events import (
    LANGUAGE_CHOICES,
    MESSAGE_MAX_LENGTH,
    Event,
    Slot,
    meeting_url,
)
from tandem.events.models.registrations import Registration


class MeetingRequest(models.Model):
    class Priority(models.TextChoices):
        MUST = "must", _("Must meet")
        LIKE = "like", _("Would like to meet")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", pgettext_lazy("meeting request state", "Cancelled")

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="meeting_requests",
        verbose_name=_("event"),
    )
    requester = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="requests_sent",
        verbose_name=_("requester"),
    )
    invitee = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="requests_received",
        verbose_name=_("invitee"),
    )
    priority = models.CharField(
        _("priority"), max_length=5, choices=Priority.choices, default=Priority.LIKE
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    set_by_organiser = models.BooleanField(_("set by the organiser"), default=False)
    mutual = models.BooleanField(
        _("both asked"),
        default=False,
        help_text=_("Both participants asked each other for this meeting."),
    )
    message = models.TextField(
        _("message"),
        max_length=MESSAGE_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(MESSAGE_MAX_LENGTH)],
    )
    language = models.CharField(
        _("language of the message"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text=_("The author's language when they wrote; empty for old requests."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("invitee")),
                name="meeting_request_not_self",
                violation_error_code="self_meeting",
                violation_error_message=_("Nobody can meet themselves."),
            ),
            models.UniqueConstraint(
                fields=["requester", "invitee"],
                condition=Q(state__in=["pending", "accepted"]),
                name="meeting_request_open_once",
                violation_error_code="duplicate",
                violation_error_message=_("This meeting was already requested."),
            ),
        ]
        indexes = [
            # The requests an event's scheduler reads: accepted ones.
            models.Index(fields=["event", "state"], name="meeting_request_event"),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.invitee}"

    @property
    def is_open(self) -> bool:
        return self.state in {self.State.PENDING, self.State.ACCEPTED}


class Meeting(models.Model):
    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", pgettext_lazy("meeting state", "Cancelled")

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("event"),
    )
    request = models.OneToOneField(
        MeetingRequest,
        on_delete=models.CASCADE,
        related_name="meeting",
        verbose_name=_("meeting request"),
    )
    slot = models.ForeignKey(
        Slot, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("slot")
    )
    table = models.PositiveSmallIntegerField(
        _("table"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    online = models.BooleanField(_("online"), default=False)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.SCHEDULED
    )
    requester_rating = models.PositiveSmallIntegerField(
        _("requester's rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    invitee_rating = models.PositiveSmallIntegerField(
        _("invitee's rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    plan_version = models.PositiveIntegerField(
        _("plan version"),
        default=0,
        help_text=_("0 for a meeting booked by its participants."),
    )
    follow_up = models.ForeignKey(
        "collaboration.ContactRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_meetings",
        verbose_name=_("follow-up contact request"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "table", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(table__isnull=False, state="scheduled"),
                name="meeting_table_once",
                violation_error_code="table_taken",
                violation_error_message=_("This table is taken in this slot."),
            ),
            models.CheckConstraint(
                condition=Q(requester_rating__isnull=True)
                | Q(requester_rating__gte=1, requester_rating__lte=5),
                name="meeting_requester_rating_range",
            ),
            models.CheckConstraint(
                condition=Q(invitee_rating__isnull=True)
                | Q(invitee_rating__gte=1, invitee_rating__lte=5),
                name="meeting_invitee_rating_range",
            ),
            models.CheckConstraint(
                condition=Q(online=True) | Q(table__isnull=False),
                name="meeting_table_or_online",
            ),
        ]
        indexes = [
            # Booking: the scheduled meetings of a slot.
            models.Index(fields=["slot", "state"], name="meeting_slot_state"),
        ]

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot}"

    @property
    def meeting_url(self) -> str:
        """The video-conference link of an online meeting, or ""."""
        template = self.event.meeting_url_template
        if not self.online or not template:
            return ""
        return meeting_url(template, event=self.event_id, meeting=self.pk)
