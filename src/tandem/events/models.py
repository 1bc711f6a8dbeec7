"""Matchmaking events: sessions of slots, registrations, meeting requests, meetings.

Times are stored in UTC; an event's ``time_zone`` says how its sessions' wall
clock times are read (Cluj-Napoca is one hour ahead of Dortmund).
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tandem.i18n import for_reader, translations_field

LANGUAGE_CHOICES = settings.LANGUAGES


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone."),
            code="invalid_time_zone",
            params={"value": value},
        )


def validate_meeting_url_template(value: str) -> None:
    """Only the placeholders ``{event}`` and ``{meeting}`` may appear."""
    try:
        value.format(event=1, meeting=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            _("Use only the placeholders {event} and {meeting}."),
            code="invalid_url_template",
        ) from exc


class Event(models.Model):
    class Kind(models.TextChoices):
        MATCHMAKING_DAY = "matchmaking_day", _("Matchmaking day")
        DELEGATION_VISIT = "delegation_visit", _("Delegation visit")
        CONFERENCE = "conference", _("Conference")
        ONLINE_SESSION = "online_session", _("Online session")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: everybody sees the event")
        INVITED = (
            "invited",
            _("By invitation: members of organisations of the partner cities"),
        )

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("event status", "Draft")
        PUBLISHED = "published", pgettext_lazy("event status", "Published")
        CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")

    class BookingMode(models.TextChoices):
        SELF_BOOKING = "self_booking", _("Participants book slots themselves")
        ORGANISER_SCHEDULED = "organiser_scheduled", _("The organiser schedules")

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language of the title and description"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
    )
    title_translations = translations_field(_("translations of the title"))
    description_translations = translations_field(_("translations of the description"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MATCHMAKING_DAY
    )
    city = models.ForeignKey(
        "partnerships.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("city"),
        help_text=_("Empty for an online event."),
    )
    online = models.BooleanField(_("online"), default=False)
    time_zone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_time_zone]
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    registration_opens_at = models.DateTimeField(
        _("registration opens at"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Most participants; empty for no limit."),
    )
    approve_automatically = models.BooleanField(
        _("approve registrations automatically"), default=True
    )
    areas = models.ManyToManyField(
        "partnerships.Area", blank=True, related_name="events", verbose_name=_("areas")
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    booking_mode = models.CharField(
        _("booking of meetings"),
        max_length=20,
        choices=BookingMode.choices,
        default=BookingMode.SELF_BOOKING,
    )
    max_meetings = models.PositiveSmallIntegerField(
        _("most meetings per participant"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(96)],
        help_text=_("The scheduler gives nobody more meetings than this."),
    )
    meeting_url_template = models.CharField(
        _("video-conference link template"),
        max_length=300,
        blank=True,
        validators=[validate_meeting_url_template],
        help_text=_(
            "For example https://meet.jit.si/tandem-{event}-{meeting}: "
            "{event} and {meeting} become the numbers of the event and meeting."
        ),
    )
    # An organisation a coordinator allowed to run the event with them.
    organiser = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organising organisation"),
    )
    plan_version = models.PositiveIntegerField(
        _("published plan version"),
        default=0,
        help_text=_("Increases each time the organisers publish a meeting plan."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="event_ends_after_start",
                violation_error_code="end_before_start",
                violation_error_message=_("The last day is before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_window",
                violation_error_code="registration_window",
                violation_error_message=_("Registration must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(online=True) | Q(city__isnull=False),
                name="event_city_or_online",
                violation_error_code="city_or_online",
                violation_error_message=_("An event takes place in a city or online."),
            ),
        ]
        indexes = [
            # visible_events: published public events by date.
            models.Index(
                fields=["status", "visibility", "starts_on"], name="event_listing"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_self_booking(self) -> bool:
        return self.booking_mode == self.BookingMode.SELF_BOOKING

    def title_for_reader(self) -> tuple[str, str]:
        """(text, language): the reader's translation of the title if there is one."""
        return for_reader(self, "title")

    def description_for_reader(self) -> tuple[str, str]:
        return for_reader(self, "description")

    def registration_is_open(self, at: datetime.datetime | None = None) -> bool:
        at = at or timezone.now()
        if self.registration_opens_at and at < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and at >= self.registration_closes_at)


class Session(models.Model):
    """A block of meeting slots on one day, with its tables or online rooms."""

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("event"),
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(
        _("start time"), help_text=_("In the event's time zone.")
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per meeting"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    break_minutes = models.PositiveSmallIntegerField(
        _("minutes of break between meetings"),
        default=5,
        validators=[MaxValueValidator(240)],
    )
    slot_count = models.PositiveSmallIntegerField(
        _("number of slots"), validators=[MinValueValidator(1), MaxValueValidator(96)]
    )
    tables = models.PositiveSmallIntegerField(_("tables"), default=0)
    online_rooms = models.PositiveSmallIntegerField(_("online rooms"), default=0)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5), name="session_slot_minutes"
            ),
            models.CheckConstraint(
                condition=Q(slot_count__gte=1), name="session_slots"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.title}"

    @property
    def end_time(self) -> datetime.time:
        """When the last slot ends, on the event's wall clock."""
        minutes = self.slot_count * (self.slot_minutes + self.break_minutes)
        end = datetime.datetime.combine(
            self.date, self.start_time
        ) + datetime.timedelta(minutes=minutes - self.break_minutes)
        return end.time()


class Slot(models.Model):
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="slots",
        verbose_name=_("session"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "starts_at"], name="slot_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.starts_at:%Y-%m-%d %H:%M}"


class Registration(models.Model):
    """A person taking part for an organisation."""

    class Attendance(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        ONLINE = "online", _("Online")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration state", "Cancelled")

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("participant"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("organisation"),
    )
    offer = models.CharField(_("what I offer"), max_length=300, blank=True)
    seek = models.CharField(_("what I seek"), max_length=300, blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_('E.g. ["de", "en"].')
    )
    attendance = models.CharField(
        _("attendance"),
        max_length=10,
        choices=Attendance.choices,
        default=Attendance.ON_SITE,
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reminded_at = models.DateTimeField(
        _("reminder sent at"),
        null=True,
        blank=True,
        help_text=_("When the e-mail reminder before the event went out."),
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(state="cancelled"),
                name="registration_once",
                violation_error_code="already_registered",
                violation_error_message=_("You are already registered."),
            ),
        ]
        indexes = [
            # Counting places and promoting the first of the waiting list.
            models.Index(
                fields=["event", "state", "created_at"], name="registration_queue"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"

    @property
    def is_approved(self) -> bool:
        return self.state == self.State.APPROVED

    @property
    def public_name(self) -> str:
        """The person's name, never their e-mail address (contact details stay
        private until both sides agree); without a name, their organisation's."""
        name = self.user.get_full_name().strip()
        if name:
            return str(name)
        return gettext("A participant of %(organisation)s") % {
            "organisation": self.organisation.name
        }


class Availability(models.Model):
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("registration"),
    )
    slot = models.ForeignKey(
        Slot,
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("slot"),
    )

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot"], name="availability_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} @ {self.slot}"


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
    message = models.TextField(_("message"), blank=True)
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
        return template.format(event=self.event_id, meeting=self.pk)


class ProgrammeItem(models.Model):
    """A talk, visit or break in the event's programme."""

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="programme",
        verbose_name=_("event"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="programme_item_ends_after_start",
                violation_error_code="end_before_start",
                violation_error_message=_("The end is before the start."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanRun(models.Model):
    """One run of the scheduler: the plan it found and how good it is.

    Organisers publish a finished run; ``based_on_version`` guards against a
    plan published by someone else in between.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to run")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")
        PUBLISHED = "published", pgettext_lazy("plan state", "Published")

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="plan_runs",
        verbose_name=_("event"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    based_on_version = models.PositiveIntegerField(_("based on plan version"))
    time_limit_seconds = models.PositiveSmallIntegerField(
        _("time limit in seconds"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    # request id → [slot id, table or null]
    assignment = models.JSONField(_("assignment"), default=dict, blank=True)
    objective = models.PositiveIntegerField(_("total weight"), default=0)
    bound = models.PositiveIntegerField(_("upper bound"), default=0)
    greedy_objective = models.PositiveIntegerField(_("greedy weight"), default=0)
    solver_status = models.CharField(_("solver status"), max_length=12, blank=True)
    moved = models.PositiveIntegerField(_("meetings moved"), default=0)
    idle_gaps = models.PositiveIntegerField(_("idle slots between meetings"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)
    # [{"code": ..., "request_ids": [...], "slot_ids": [...], "participant_ids": [...]}]
    messages = models.JSONField(_("messages"), default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} #{self.pk}"

    @property
    def share_of_bound(self) -> float:
        return 1.0 if self.bound <= 0 else self.objective / self.bound

    @property
    def greedy_share_of_bound(self) -> float:
        return 1.0 if self.bound <= 0 else self.greedy_objective / self.bound

    @property
    def percent_of_bound(self) -> float:
        return 100 * self.share_of_bound

    @property
    def greedy_percent_of_bound(self) -> float:
        return 100 * self.greedy_share_of_bound


class AllowedOrganiser(models.Model):
    """An organisation a coordinator of its city allowed to create, publish and
    run events of its own."""

    organisation = models.OneToOneField(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="event_permit",
        verbose_name=_("organisation"),
    )
    allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("allowed by"),
    )
    allowed_at = models.DateTimeField(_("allowed at"), default=timezone.now)

    class Meta:
        verbose_name = _("allowed event organiser")
        verbose_name_plural = _("allowed event organisers")
        ordering = ["organisation__name", "pk"]

    def __str__(self) -> str:
        return str(self.organisation)


class CalendarFeedKey(models.Model):
    """Which generation of a user's personal calendar feed addresses works:
    making new addresses stops the old ones in every calendar app."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_key",
        verbose_name=_("user"),
    )
    generation = models.PositiveIntegerField(_("generation"), default=0)
    renewed_at = models.DateTimeField(_("renewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed key")
        verbose_name_plural = _("calendar feed keys")

    def __str__(self) -> str:
        return f"{self.user} ({self.generation})"
