"""Forms of the organisers' pages; field names are the services' keyword names.

Dates and times of an event are read on its own clock: a ``datetime-local``
input says nothing of a zone, so the forms take the wall clock time the
organiser typed and attach the event's time zone to it.
"""

import datetime
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tandem.directory.forms import (
    AreaChoiceField,
    GroupedAreasMixin,
    OrganisationChoiceField,
)
from tandem.directory.models import Organisation
from tandem.events.models import (
    Event,
    MeetingRequest,
    Registration,
    validate_meeting_url_template,
)
from tandem.events.models.events import (
    DESCRIPTION_MAX_LENGTH,
    PROGRAMME_DESCRIPTION_MAX_LENGTH,
)
from tandem.events.templatetags.tandem_events import participant_name
from tandem.forms import TranslatedText, TranslationsMixin
from tandem.i18n import current_language
from tandem.partnerships.models import City, Partnership
from tandem.partnerships.selectors import all_areas

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)


def in_zone(
    value: datetime.datetime | None, zone_name: str
) -> datetime.datetime | None:
    """The wall clock time typed in a form (read in the reader's zone by
    Django) as that same wall clock time in ``zone_name``."""
    if value is None:
        return None
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(zone_name))


def wall_clock(
    value: datetime.datetime | None, zone_name: str
) -> datetime.datetime | None:
    """An aware datetime as the naive wall clock time of ``zone_name``, to
    prefill a ``datetime-local`` input."""
    if value is None:
        return None
    return timezone.localtime(value, zoneinfo.ZoneInfo(zone_name)).replace(tzinfo=None)


class CityChoiceField(forms.ModelChoiceField[City]):
    def label_from_instance(self, obj: City) -> str:
        return str(obj.name)


class RegistrationChoiceField(forms.ModelChoiceField[Registration]):
    def label_from_instance(self, obj: Registration) -> str:
        return gettext("%(name)s, %(organisation)s (%(city)s)") % {
            "name": participant_name(obj),
            "organisation": obj.organisation.name,
            "city": obj.organisation.city.name,
        }


def time_zone_choices(
    cities: Iterable[City], current: str = ""
) -> list[tuple[str, str]]:
    """The cities' zones (named after them), UTC, and the current zone."""
    choices: dict[str, str] = {}
    for city in cities:
        if city.time_zone in choices:
            continue
        choices[city.time_zone] = gettext("%(zone)s (%(city)s)") % {
            "zone": city.time_zone,
            "city": city.name,
        }
    choices.setdefault("UTC", gettext("UTC (coordinated universal time)"))
    if current:
        choices.setdefault(current, current)
    return list(choices.items())


TITLE = TranslatedText(
    labels={
        "de": _("Title in German (optional)"),
        "ro": _("Title in Romanian (optional)"),
        "en": _("Title in English (optional)"),
    },
    max_length=200,
)


class EventForm(TranslationsMixin, GroupedAreasMixin, forms.Form):
    TRANSLATED = {
        "title": TITLE,
        "description": TranslatedText(
            labels={
                "de": _("Description in German (optional)"),
                "ro": _("Description in Romanian (optional)"),
                "en": _("Description in English (optional)"),
            },
            max_length=DESCRIPTION_MAX_LENGTH,
            rows=4,
        ),
    }

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who the event is for, what happens and what to bring."),
    )
    language = forms.ChoiceField(
        label=_("Language of the title and description"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        initial=current_language,
    )
    kind = forms.ChoiceField(
        label=_("Kind of event"),
        choices=Event.Kind.choices,
        initial=Event.Kind.MATCHMAKING_DAY,
    )
    city = CityChoiceField(
        label=_("City"),
        queryset=City.objects.none(),
        required=False,
        empty_label=_("No city: the event is online only"),
    )
    online = forms.BooleanField(
        label=_("Participants can take part online"),
        required=False,
        help_text=_(
            "With a city, participants choose to come or to join by video; "
            "without one, everybody joins by video."
        ),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("The clock of the event's programme, sessions and dates."),
    )
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    registration_opens_at = forms.DateTimeField(
        label=_("Registration opens"),
        required=False,
        widget=DATETIME,
        help_text=_("In the event's time zone. Empty: open once published."),
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes"),
        required=False,
        widget=DATETIME,
        help_text=_("In the event's time zone. Empty: open until cancelled."),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_(
            "Most participants; later registrations join the waiting list. "
            "Empty for no limit."
        ),
    )
    approve_automatically = forms.BooleanField(
        label=_("Approve registrations automatically"),
        required=False,
        initial=True,
        help_text=_("Otherwise the organisers approve each registration."),
    )
    areas = AreaChoiceField(
        label=_("Areas of cooperation"),
        queryset=all_areas(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    visibility = forms.ChoiceField(
        label=_("Who sees the event"),
        choices=Event.Visibility.choices,
        initial=Event.Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )
    booking_mode = forms.ChoiceField(
        label=_("Booking of meetings"),
        choices=Event.BookingMode.choices,
        initial=Event.BookingMode.SELF_BOOKING,
        widget=forms.RadioSelect,
    )
    max_meetings = forms.IntegerField(
        label=_("Most meetings per participant"),
        min_value=1,
        max_value=96,
        initial=settings.TANDEM_EVENT_MAX_MEETINGS,
        help_text=_("The scheduler gives nobody more meetings than this."),
    )
    meeting_url_template = forms.CharField(
        label=_("Video-conference link template"),
        required=False,
        max_length=300,
        validators=[validate_meeting_url_template],
        widget=forms.TextInput(attrs={"inputmode": "url", "spellcheck": "false"}),
        help_text=_(
            "For example https://meet.jit.si/tandem-{event}-{meeting}: "
            "{event} and {meeting} become the numbers of the event and meeting."
        ),
    )
    organiser = OrganisationChoiceField(
        label=_("Organising organisation (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None: the coordinators organise"),
        help_text=_("Its owners and editors manage the event with you."),
    )

    COORDINATOR_FIELDS = ("city", "online", "organiser")

    def __init__(
        self,
        *args: Any,
        partnership: Partnership,
        cities: Sequence[City],
        organisers: QuerySet[Organisation],
        coordinator: bool,
        organiser_required: bool = False,
        **kwargs: Any,
    ) -> None:
        """``cities``: those the event may take place in, for coordinators.
        ``organiser_required``: for members of allowed organisations, who
        organise for one of them (``organisers``)."""
        super().__init__(*args, **kwargs)
        zone = cast(forms.ChoiceField, self.fields["time_zone"])
        zone.choices = time_zone_choices(
            [partnership.city_a, partnership.city_b], self.initial.get("time_zone", "")
        )
        if cities and not self.initial.get("time_zone"):
            zone.initial = cities[0].time_zone
        if coordinator:
            city = cast(forms.ModelChoiceField[City], self.fields["city"])
            city.queryset = City.objects.filter(pk__in=[c.pk for c in cities])
            organiser = cast(
                forms.ModelChoiceField[Organisation], self.fields["organiser"]
            )
            organiser.queryset = organisers
            if organiser_required:
                organiser.required = True
                organiser.empty_label = None
                organiser.label = _("Organising organisation")
                organiser.help_text = _(
                    "Its owners and editors manage the event with you."
                )
        else:
            for name in self.COORDINATOR_FIELDS:
                del self.fields[name]

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        initial: dict[str, Any] = {
            field: getattr(event, field)
            for field in (
                "title",
                "description",
                "language",
                "kind",
                "city",
                "online",
                "time_zone",
                "starts_on",
                "ends_on",
                "capacity",
                "approve_automatically",
                "visibility",
                "booking_mode",
                "max_meetings",
                "meeting_url_template",
                "organiser",
            )
        }
        for field in ("registration_opens_at", "registration_closes_at"):
            initial[field] = wall_clock(getattr(event, field), event.time_zone)
        initial["areas"] = list(event.areas.all())
        initial |= cls.translations_initial(event)
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on",
                ValidationError(
                    _("The last day must not be before the first day."),
                    code="end_before_start",
                ),
            )
        zone = cleaned.get("time_zone")
        for field in ("registration_opens_at", "registration_closes_at"):
            if zone and field in cleaned:
                cleaned[field] = in_zone(cleaned[field], zone)
        opens = cleaned.get("registration_opens_at")
        closes = cleaned.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "registration_closes_at",
                ValidationError(
                    _("Registration must close after it opens."),
                    code="registration_window",
                ),
            )
        if (
            "city" in self.fields
            and not self.has_error("city")
            and cleaned.get("city") is None
            and not cleaned.get("online")
        ):
            self.add_error(
                "city",
                ValidationError(
                    _("Choose a city, or let participants take part online."),
                    code="city_or_online",
                ),
            )
        return cleaned


class CancelEventForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Yes, cancel the event. Its scheduled meetings are cancelled too, "
            "and this cannot be undone."
        ),
        error_messages={"required": _("Tick the box to confirm the cancellation.")},
    )


class SessionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example “Morning meetings”."),
    )
    date = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(
        label=_("Start time"),
        widget=TIME,
        help_text=_("In the event's time zone."),
    )
    slot_minutes = forms.IntegerField(
        label=_("Minutes per meeting"), min_value=5, max_value=240, initial=20
    )
    break_minutes = forms.IntegerField(
        label=_("Minutes of break between meetings"),
        min_value=0,
        max_value=240,
        initial=5,
    )
    slot_count = forms.IntegerField(
        label=_("Number of meeting slots"), min_value=1, max_value=96, initial=8
    )
    tables = forms.IntegerField(
        label=_("Tables"),
        min_value=0,
        max_value=1000,
        initial=0,
        help_text=_("How many meetings can take place on site at once."),
    )
    online_rooms = forms.IntegerField(
        label=_("Online rooms"),
        min_value=0,
        max_value=1000,
        initial=0,
        help_text=_("How many meetings can take place by video at once."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("tables") == 0 and cleaned.get("online_rooms") == 0:
            self.add_error(
                "tables",
                ValidationError(
                    _("Give the session at least one table or online room."),
                    code="no_places",
                ),
            )
        return cleaned


class ProgrammeItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=DATETIME, help_text=_("In the event's time zone.")
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=DATETIME, help_text=_("In the event's time zone.")
    )
    place = forms.CharField(
        label=_("Place (optional)"),
        required=False,
        max_length=200,
        help_text=_("For example a room, an address or a company to visit."),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        max_length=PROGRAMME_DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for field in ("starts_at", "ends_at"):
            if field in cleaned:
                cleaned[field] = in_zone(cleaned[field], self.event.time_zone)
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error(
                "ends_at",
                ValidationError(
                    _("The end must be after the start."), code="end_before_start"
                ),
            )
        return cleaned


class AllowOrganiserForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        help_text=_("Verified organisations of your city that may not yet organise."),
    )

    def __init__(
        self, *args: Any, candidates: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[Organisation], self.fields["organisation"])
        field.queryset = candidates


class OrganiserRequestForm(forms.Form):
    requester = RegistrationChoiceField(
        label=_("First participant"),
        queryset=Registration.objects.none(),
        empty_label=_("Choose a participant"),
    )
    invitee = RegistrationChoiceField(
        label=_("Second participant"),
        queryset=Registration.objects.none(),
        empty_label=_("Choose a participant"),
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=MeetingRequest.Priority.choices,
        initial=MeetingRequest.Priority.MUST,
        widget=forms.RadioSelect,
    )

    def __init__(
        self, *args: Any, participants: QuerySet[Registration], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("requester", "invitee"):
            field = cast(forms.ModelChoiceField[Registration], self.fields[name])
            field.queryset = participants

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        requester, invitee = cleaned.get("requester"), cleaned.get("invitee")
        if requester is not None and requester == invitee:
            self.add_error(
                "invitee",
                ValidationError(
                    _("Choose two different participants."), code="self_meeting"
                ),
            )
        return cleaned
