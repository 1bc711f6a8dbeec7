"""The audit page's filters: a GET form that turns the query string into
``AuditFilters``; invalid values are ignored, so a hand-edited address never
breaks the page."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tandem.audit import actions
from tandem.audit.selectors import AuditFilters, kind_label

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("What"), required=False)
    kind = forms.ChoiceField(label=_("Kind of object"), required=False)
    who = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=200,
        help_text=_("Part of the name or e-mail address."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("Until"), required=False, widget=DATE)

    def __init__(self, *args: Any, target_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        registered = sorted(
            ((a.key, str(a.label)) for a in actions.registered()),
            key=lambda choice: choice[1],
        )
        kinds = sorted(((t, kind_label(t)) for t in target_types), key=lambda c: c[1])
        self._choice("action").choices = [("", gettext("Every act")), *registered]
        self._choice("kind").choices = [("", gettext("Every kind")), *kinds]

    def _choice(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def filters(self) -> AuditFilters:
        self.is_valid()
        data = self.cleaned_data
        return AuditFilters(
            action=data.get("action", ""),
            target_type=data.get("kind", ""),
            who=data.get("who", "").strip(),
            since=data.get("since"),
            until=data.get("until"),
        )
