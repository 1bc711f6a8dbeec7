"""Forms of the participants' pages; field names are the services' keywords."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tandem.directory.forms import OrganisationChoiceField
from tandem.directory.models import Organisation
from tandem.events.models import Event, MeetingRequest, Registration, Session, Slot
from tandem.events.selectors import BookableSlot
from tandem.events.templatetags.tandem_events import format_event_time
from tandem.partnerships.models import City


class RegistrationForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Register for"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )
    offer = forms.CharField(
        label=_("What I offer"),
        help_text=_(
            "In a sentence or two: a product, a service, know-how or a place to "
            "test ideas."
        ),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seek = forms.CharField(
        label=_("What I seek"),
        help_text=_("The partners, customers or knowledge you look for."),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I can meet in"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendance = forms.ChoiceField(
        label=_("How I take part"),
        choices=Registration.Attendance.choices,
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: Any,
        event: Event,
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = organisations
        allowed = []
        if event.city_id is not None:
            allowed.append(Registration.Attendance.ON_SITE)
        if event.online:
            allowed.append(Registration.Attendance.ONLINE)
        attendance = self.fields["attendance"]
        assert isinstance(attendance, forms.ChoiceField)
        attendance.choices = [
            (value, label)
            for value, label in Registration.Attendance.choices
            if value in allowed
        ]
        self.initial.setdefault("attendance", allowed[0] if allowed else "")


class AvailabilityForm(forms.Form):
    slots = forms.ModelMultipleChoiceField(
        label=_("When I can meet"),
        queryset=Slot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, slots: Sequence[Slot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slot_list = list(slots)
        field = self.fields["slots"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Slot.objects.filter(pk__in=[s.pk for s in self.slot_list])
        # The choices come from the slots read once, not from a second query.
        field.choices = [(slot.pk, str(slot.pk)) for slot in self.slot_list]

    def sessions(self) -> list[dict[str, Any]]:
        """The checkboxes grouped by session: [{"session", "options": [(box, slot)]}]."""
        by_value = {str(box.data["value"]): box for box in self["slots"]}
        groups: dict[int, dict[str, Any]] = {}
        for slot in self.slot_list:
            session: Session = slot.session
            group = groups.setdefault(session.pk, {"session": session, "options": []})
            group["options"].append((by_value[str(slot.pk)], slot))
        return list(groups.values())


class ParticipantFilterForm(forms.Form):
    """GET filters of the participant list; unknown values are ignored."""

    q = forms.CharField(
        label=_("Search"),
        help_text=_("Name, organisation, offer or what they seek"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    city = forms.ChoiceField(label=_("City"), required=False)

    def __init__(self, *args: Any, cities: Sequence[City], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        city = self.fields["city"]
        assert isinstance(city, forms.ChoiceField)
        city.choices = [
            ("", pgettext_lazy("cities", "All")),
            *((c.slug, c.name) for c in cities),
        ]

    def filters(self) -> dict[str, str]:
        self.is_valid()
        return {
            name: (self.cleaned_data.get(name) or "").strip()
            for name in ("q", "city")
            if name not in self.errors
        }


class MeetingRequestForm(forms.Form):
    priority = forms.ChoiceField(
        label=_("How much do you want to meet?"),
        choices=MeetingRequest.Priority.choices,
        initial=MeetingRequest.Priority.LIKE,
        widget=forms.RadioSelect,
        help_text=_("The organisers' scheduler places “must meet” requests first."),
    )
    message = forms.CharField(
        label=_("Short message (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BookingForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("Time"), coerce=int)
    table = forms.TypedChoiceField(
        label=_("Table"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Leave it to Tandem to take the first free table, or choose one."),
    )

    def __init__(
        self, *args: Any, options: Sequence[BookableSlot], event: Event, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.options = {option.slot.pk: option for option in options}
        self.online = any(option.online for option in options)
        slot = self.fields["slot"]
        assert isinstance(slot, forms.ChoiceField)
        slot.choices = [
            (option.slot.pk, self._label(option, event)) for option in options
        ]
        if self.online:
            del self.fields["table"]
            return
        table = self.fields["table"]
        assert isinstance(table, forms.ChoiceField)
        most = max((o.slot.session.tables for o in options), default=0)
        table.choices = [
            ("", gettext("The first free table")),
            *((n, str(n)) for n in range(1, most + 1)),
        ]

    @staticmethod
    def _label(option: BookableSlot, event: Event) -> str:
        when = format_event_time(option.slot, event, with_date=True)
        if option.online:
            return when
        tables = ", ".join(str(t) for t in option.free_tables)
        return gettext("%(when)s · free tables: %(tables)s") % {
            "when": when,
            "tables": tables,
        }

    def service_data(self) -> dict[str, Any]:
        """The chosen slot (the row, not its id) and table."""
        data: dict[str, Any] = {"slot": self.options[self.cleaned_data["slot"]].slot}
        if not self.online:
            data["table"] = self.cleaned_data.get("table")
        return data


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was the meeting?"),
        choices=[
            (1, _("1 – not useful")),
            (2, "2"),
            (3, "3"),
            (4, "4"),
            (5, _("5 – very useful")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )


class FollowUpForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the other organisation"),
        help_text=_(
            "Tandem sends it as a contact request from your organisation; once "
            "they accept, you can write to each other and start a joint project."
        ),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
