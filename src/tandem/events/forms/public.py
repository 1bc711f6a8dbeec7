from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.events.models import Event


class EventFilterForm(forms.Form):
    """GET filters of the event list; unknown values are ignored."""

    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[
            ("upcoming", _("Upcoming and running")),
            ("past", _("Past")),
            ("all", pgettext_lazy("events", "All")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Any kind")), *Event.Kind.choices],
    )

    def filters(self) -> dict[str, str]:
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) or ""
            for name in ("when", "kind")
            if name not in self.errors
        }
