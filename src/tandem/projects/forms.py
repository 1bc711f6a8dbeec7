"""Forms of the project pages; field names are the services' keyword names."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from tandem.directory.forms import (
    AreaChoiceField,
    GroupedAreasMixin,
    OrganisationChoiceField,
)
from tandem.directory.models import Organisation
from tandem.forms import TranslatedText, TranslationsMixin
from tandem.i18n import current_language
from tandem.partnerships.selectors import all_areas, all_cities, area_tree
from tandem.projects.models import (
    NOTE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Currency,
    FundingSource,
    Indicator,
    Milestone,
    Outcome,
    Project,
    ProjectPartner,
)
from tandem.projects.selectors import ProjectFilters

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


TITLE = TranslatedText(
    labels={
        "de": _("Title in German (optional)"),
        "ro": _("Title in Romanian (optional)"),
        "en": _("Title in English (optional)"),
    },
    max_length=200,
)


class ProjectForm(TranslationsMixin, GroupedAreasMixin, forms.Form):
    TRANSLATED = {
        "title": TITLE,
        "summary": TranslatedText(
            labels={
                "de": _("Summary in German (optional)"),
                "ro": _("Summary in Romanian (optional)"),
                "en": _("Summary in English (optional)"),
            },
            max_length=SUMMARY_MAX_LENGTH,
            rows=4,
        ),
    }

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the partners want to achieve together."),
    )
    language = forms.ChoiceField(
        label=_("Language of the title and summary"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        # People usually write in the language they read the page in.
        initial=current_language,
    )
    areas = AreaChoiceField(
        label=_("Areas of cooperation"),
        queryset=all_areas(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_on = forms.DateField(label=_("Start date"), required=False, widget=DATE)
    end_on = forms.DateField(label=_("End date"), required=False, widget=DATE)
    funding_source = forms.ChoiceField(
        label=_("Funding source"),
        choices=[("", _("Not yet known")), *FundingSource.choices],
        required=False,
    )
    funding_amount = forms.DecimalField(
        label=_("Funding amount"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=Currency.choices, initial=Currency.EUR
    )
    visibility = forms.ChoiceField(
        label=_("Who sees the project"),
        choices=Project.Visibility.choices,
        initial=Project.Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )

    @classmethod
    def initial_for(cls, project: Project) -> dict[str, Any]:
        initial: dict[str, Any] = {
            field: getattr(project, field)
            for field in (
                "title",
                "summary",
                "language",
                "start_on",
                "end_on",
                "funding_source",
                "funding_amount",
                "currency",
                "visibility",
            )
        }
        initial["areas"] = list(project.areas.all())
        initial |= cls.translations_initial(project)
        return initial


class ProjectCreateForm(ProjectForm):
    field_order = ["organisation"]

    organisation = OrganisationChoiceField(
        label=_("Lead organisation"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("Your organisation that leads the project."),
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(
            "forms.ModelChoiceField[Organisation]", self.fields["organisation"]
        )
        field.queryset = organisations


class InviteForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (ProjectPartner.Role.PARTNER, ProjectPartner.Role.PARTNER.label),
            (ProjectPartner.Role.ASSOCIATED, ProjectPartner.Role.ASSOCIATED.label),
        ],
        initial=ProjectPartner.Role.PARTNER,
        widget=forms.RadioSelect,
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(
            "forms.ModelChoiceField[Organisation]", self.fields["organisation"]
        )
        field.queryset = organisations


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    done_on = forms.DateField(
        label=_("Done on"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty until the milestone is reached."),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner organisation"),
        queryset=ProjectPartner.objects.none(),
        required=False,
        empty_label=_("No owner"),
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[ProjectPartner]", self.fields["owner"])
        field.queryset = ProjectPartner.objects.filter(
            project=project, state=ProjectPartner.State.ACTIVE
        ).order_by("organisation_name", "pk")
        field.label_from_instance = lambda obj: obj.organisation_name  # type: ignore[method-assign]  # Django's documented way to label choices

    @staticmethod
    def initial_for(milestone: Milestone) -> dict[str, Any]:
        return {
            "title": milestone.title,
            "due_on": milestone.due_on,
            "done_on": milestone.done_on,
            "owner": milestone.owner_id,
        }


class OutcomeForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=Indicator.choices)
    number = forms.DecimalField(
        label=_("Number"), min_value=0, max_digits=14, decimal_places=2
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=40,
        required=False,
        help_text=_("For example “people”, “EUR” or “pilots”."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @staticmethod
    def initial_for(outcome: Outcome) -> dict[str, Any]:
        return {f: getattr(outcome, f) for f in ("indicator", "number", "unit", "note")}


class DeleteForm(forms.Form):
    """The confirmation of a deletion: a box to tick, labelled with what goes."""

    confirm = forms.BooleanField(
        error_messages={"required": _("Tick the box to confirm the deletion.")},
    )

    def __init__(self, *args: Any, label: StrPromise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Project.Status.choices)


def _area_choices() -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", gettext("All areas"))]
    for area in area_tree():
        whole = gettext("All of %(area)s") % {"area": area.name}
        options = [(area.slug, whole)]
        options += [(child.slug, child.name) for child in area.children.all()]
        choices.append((area.name, options))
    return choices


class ProjectFilterForm(forms.Form):
    """GET filters of the list; unknown values are ignored."""

    area = forms.ChoiceField(label=_("Area"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Project.Status.choices],
    )
    city = forms.ChoiceField(label=_("City of a partner"), required=False)
    funding_source = forms.ChoiceField(
        label=_("Funding source"),
        required=False,
        choices=[("", _("Any funding")), *FundingSource.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = _area_choices()
        cast(forms.ChoiceField, self.fields["city"]).choices = [
            ("", gettext("All cities"))
        ] + [(city.slug, city.name) for city in all_cities()]

    def filters(self) -> ProjectFilters:
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name, "")
            for name in ("area", "status", "city", "funding_source")
            if name not in self.errors
        }
        return ProjectFilters(**data)
