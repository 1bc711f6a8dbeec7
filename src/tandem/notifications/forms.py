from typing import Any

from django import forms

from tandem.notifications import kinds
from tandem.notifications.models import Channel


class PreferencesForm(forms.Form):
    """One radio group per kind; field names are the kinds (``channels`` keys)."""

    def __init__(self, *args: Any, initial_channels: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for kind in kinds.registered():
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                choices=Channel.choices,
                initial=initial_channels.get(kind.key, kind.default_channel),
                widget=forms.RadioSelect,
            )

    @property
    def channels(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in self.fields}
