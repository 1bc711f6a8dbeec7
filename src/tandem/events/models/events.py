"""Events and their days: sessions of meeting slots and the programme.

Times are stored in UTC; an event's ``time_zone`` says how its sessions' wall
clock times are read (Cluj-Napoca is one hour ahead of Dortmund).
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    URLValidator,
)
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.i18n import for_reader, translations_field

LANGUAGE_CHOICES = settings.LANGUAGES
# The longest texts people write here, in characters: forms, API and
# services refuse longer ones.
DESCRIPTION_MAX_LENGTH = 5000
PROGRAMME_DESCRIPTION_MAX_LENGTH = 2000
MESSAGE_MAX_LENGTH = 4000


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone."),
            code="invalid_time_zone",
            params={"value": value},
        )


def is_https_link(url: str) -> bool:
    """Whether ``url`` is a whole https:// address with a host.

    Video-conference links are shown as links to every participant: any other
    scheme (``javascript:``, ``data:``, plain ``http:``) would run script in
    their browser or send them somewhere unprotected.
    """
    try:
        URLValidator(schemes=["https"])(url)
    except ValidationError:
        return False
    return True


def meeting_url(template: str, *, event: int, meeting: int) -> str:
    """The template's link for one meeting, or "" unless it is an https link
    (rows stored before templates were checked are never shown as links)."""
    try:
        url = template.format(event=event, meeting=meeting)
    except (KeyError, IndexError, ValueError):
        return ""
    return url if is_https_link(url) else ""


def validate_meeting_url_template(value: str) -> None:
    """An https:// link; only the placeholders ``{event}`` and ``{meeting}``
    may appear."""
    try:
        example = value.format(event=1, meeting=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            _("Use only the placeholders {event} and {meeting}."),
            code="invalid_url_template",
        ) from exc
    if not is_https_link(example):
        raise ValidationError(
            _(
                "Give an https:// link, for example "
                "https://meet.jit.si/tandem-{event}-{meeting}."
            ),
            code="invalid_url_template",
        )


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
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
    )
    language = models.CharField(
        _("language of the title and description"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
    )
    title_translations = translations_field(
        _("translations of the title"), max_length=200
    )
    description_translations = translations_field(
        _("translations of the description"), max_length=DESCRIPTION_MAX_LENGTH
    )
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


class ProgrammeItem(models.Model):
    """A talk, visit or break in the event's programme."""

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="programme",
        verbose_name=_("event"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"),
        max_length=PROGRAMME_DESCRIPTION_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(PROGRAMME_DESCRIPTION_MAX_LENGTH)],
    )
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
