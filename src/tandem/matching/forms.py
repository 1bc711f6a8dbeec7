from django import forms

from tandem.matching.models import SuggestionFeedback


class FeedbackForm(forms.Form):
    """One button of a suggestion: its ``target`` ("org:<id>" or "opp:<id>"),
    the ``value`` given (or "clear" to undo it) and the page to go back to."""

    target = forms.RegexField(regex=r"^(org|opp):[1-9][0-9]{0,18}$")
    value = forms.ChoiceField(
        choices=[*SuggestionFeedback.Value.choices, ("clear", "clear")]
    )
    next = forms.CharField(required=False, max_length=2000)
