"""Forms of the member and coordinator pages.

Field names are the keyword names of the services they feed, so a view passes
``form.cleaned_data`` straight on.
"""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import MEMBERSHIP_MESSAGE_MAX_LENGTH, Membership
from tandem.directory.models import (
    DESCRIPTION_MAX_LENGTH,
    LANGUAGE_CHOICES,
    REASON_MAX_LENGTH,
    Opportunity,
    OpportunityKind,
    Organisation,
    OrganisationKind,
    SizeBand,
)
from tandem.forms import TranslatedText, TranslationsMixin
from tandem.partnerships.models import Area
from tandem.partnerships.selectors import all_areas, all_cities

# Languages an organisation can work in: the site's three and those common in
# both cities (Hungarian in Cluj-Napoca, Turkish and Polish in Dortmund, ...).
SPOKEN_LANGUAGE_CHOICES = [
    ("de", _("German")),
    ("ro", _("Romanian")),
    ("en", _("English")),
    ("hu", _("Hungarian")),
    ("fr", _("French")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
]


class AreaChoiceField(forms.ModelMultipleChoiceField[Area]):
    def label_from_instance(self, obj: Area) -> str:
        return str(obj.name)


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.city.name})"


class GroupedAreasMixin:
    """Checkboxes of areas grouped under their top-level area."""

    def area_groups(self) -> list[dict[str, Any]]:
        bound = self["areas"]  # type: ignore[index]  # a Form
        by_pk: dict[int, Any] = {}
        for widget in bound:
            by_pk[int(widget.data["value"].value)] = widget
        areas: list[Area] = list(self.fields["areas"].queryset)  # type: ignore[attr-defined]  # a Form
        groups: list[dict[str, Any]] = []
        index: dict[int, dict[str, Any]] = {}
        for area in areas:
            if area.parent_id is None:
                index[area.pk] = {
                    "area": area,
                    "top": by_pk.get(area.pk),
                    "options": [],
                }
                groups.append(index[area.pk])
        for area in areas:
            if area.parent_id is not None and area.parent_id in index:
                index[area.parent_id]["options"].append(by_pk[area.pk])
        return groups


class OrganisationForm(TranslationsMixin, GroupedAreasMixin, forms.Form):
    TRANSLATED = {
        "description": TranslatedText(
            labels={
                "de": _("Description in German (optional)"),
                "ro": _("Description in Romanian (optional)"),
                "en": _("Description in English (optional)"),
            },
            max_length=DESCRIPTION_MAX_LENGTH,
            rows=5,
        )
    }

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[("", _("Choose a kind")), *OrganisationKind.choices],
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        queryset=all_cities(),
        empty_label=_("Choose a city"),
        help_text=_("The coordinator of this city verifies the organisation."),
    )
    areas = AreaChoiceField(
        label=_("Areas of cooperation"),
        queryset=all_areas(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every area you work in."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you do and what kind of partner you look for."),
    )
    language = forms.ChoiceField(
        label=_("Language of the description"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
    )
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SPOKEN_LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages in which partners can talk to you."),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("For example https://example.org"),
    )
    size_band = forms.ChoiceField(
        label=_("Size"),
        choices=[("", _("Not stated")), *SizeBand.choices],
        required=False,
    )
    founded_year = forms.IntegerField(
        label=_("Year founded"),
        required=False,
        min_value=1000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Organisation.Visibility.choices,
        initial=Organisation.Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # This year, read per form: a module-level value goes stale in a long run.
        year = timezone.localdate().year
        self.fields["founded_year"].validators.append(MaxValueValidator(year))
        self.fields["founded_year"].widget.attrs["max"] = year

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(organisation, name)
            for name in (
                "name",
                "kind",
                "city",
                "description",
                "language",
                "languages_spoken",
                "website",
                "size_band",
                "founded_year",
                "visibility",
            )
        }
        initial["areas"] = list(organisation.areas.all())
        return initial | cls.translations_initial(organisation)


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the owners (optional)"),
        required=False,
        max_length=MEMBERSHIP_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say who you are and why you want to join."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class OpportunityForm(GroupedAreasMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of opportunity"),
        choices=[("", _("Choose a kind")), *OpportunityKind.choices],
        help_text=_("An offer is what you give; a request is what you look for."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences shown in lists."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
    )
    areas = AreaChoiceField(
        label=_("Areas of cooperation"),
        queryset=all_areas(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_kinds = forms.MultipleChoiceField(
        label=_("Kinds of partner sought"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deadline = forms.DateField(
        label=_("Deadline (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The last day partners can answer."),
    )

    @classmethod
    def initial_for(cls, opportunity: Opportunity) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(opportunity, name)
            for name in (
                "kind",
                "title",
                "summary",
                "description",
                "language",
                "partner_kinds",
                "deadline",
            )
        }
        initial["areas"] = list(opportunity.areas.all())
        return initial


class ReviewForm(forms.Form):
    """A coordinator's decision with its reason; subclasses name the choices."""

    decision_choices: list[tuple[str, Any]] = []

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Needed when you reject or ask for changes; the organisation reads it."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = self.decision_choices  # type: ignore[attr-defined]  # a ChoiceField


class OrganisationReviewForm(ReviewForm):
    decision_choices = [
        (Organisation.Verification.VERIFIED, _("Verify the organisation")),
        (Organisation.Verification.CHANGES_REQUESTED, _("Ask for changes")),
        (Organisation.Verification.REJECTED, _("Reject the organisation")),
    ]


class OrganisationChangesReviewForm(ReviewForm):
    decision_choices = [
        ("approved", _("Approve: show the new values under the badge")),
        ("rejected", _("Reject: keep the values the city verified")),
    ]


class OpportunityReviewForm(ReviewForm):
    decision_choices = [
        (Opportunity.Status.PUBLISHED, _("Publish the opportunity")),
        (Opportunity.Status.CHANGES_REQUESTED, _("Ask for changes")),
        (Opportunity.Status.REJECTED, _("Reject the opportunity")),
    ]
