"""The feedback an organisation's members gave on its suggestions."""

from __future__ import annotations

from tandem.directory.models import Organisation
from tandem.matching.models import SuggestionFeedback


def feedback_map(organisation: Organisation) -> dict[str, int]:
    values = {"interested": 1, "not_relevant": -1}
    return {
        feedback.target_key: values[feedback.value]
        for feedback in SuggestionFeedback.objects.filter(organisation=organisation)
    }


def feedback_value(value: int | None) -> str:
    if value is None:
        return ""
    return "interested" if value > 0 else "not_relevant"
