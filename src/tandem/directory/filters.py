"""GET forms of the public lists: they turn query strings into selector filters.

Unknown values (a city slug that does not exist, a bogus kind) fail validation
and are ignored, so a hand-edited URL never breaks the page.
"""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tandem.directory.models import OpportunityKind, OrganisationKind
from tandem.directory.selectors import DirectoryFilters, OpportunityFilters
from tandem.partnerships.selectors import all_cities, area_tree


def _city_choices() -> list[tuple[str, str]]:
    return [("", gettext("All cities"))] + [
        (city.slug, city.name) for city in all_cities()
    ]


def _area_choices() -> list[tuple[str, str | list[tuple[str, str]]]]:
    """Top-level areas as option groups; each group offers its whole area first."""
    choices: list[tuple[str, str | list[tuple[str, str]]]] = [
        ("", gettext("All areas"))
    ]
    for area in area_tree():
        # Translators: first option of an area's group in the area filter.
        whole = gettext("All of %(area)s") % {"area": area.name}
        options = [(area.slug, whole)]
        options += [(child.slug, child.name) for child in area.children.all()]
        choices.append((area.name, options))
    return choices


class _FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    city = forms.ChoiceField(label=_("City"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.city_field.choices = _city_choices()
        self.area_field.choices = _area_choices()

    @property
    def city_field(self) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields["city"])

    @property
    def area_field(self) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields["area"])

    def valid_data(self) -> dict[str, Any]:
        """The cleaned values of the fields that are valid; invalid ones are dropped."""
        self.is_valid()
        return self.cleaned_data


class OrganisationFilterForm(_FilterForm):
    field_order = ["q", "city", "kind", "area", "language", "verified"]

    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        required=False,
        choices=[("", _("All kinds")), *OrganisationKind.choices],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *settings.LANGUAGES],
    )
    verified = forms.BooleanField(
        label=_("Verified organisations only"), required=False
    )

    def filters(self) -> DirectoryFilters:
        data = self.valid_data()
        return DirectoryFilters(
            q=data.get("q", ""),
            city=data.get("city", ""),
            kind=data.get("kind", ""),
            area=data.get("area", ""),
            language=data.get("language", ""),
            verified_only=data.get("verified", False),
        )


class OpportunityFilterForm(_FilterForm):
    field_order = ["q", "kind", "area", "city"]

    kind = forms.ChoiceField(
        label=_("Kind of opportunity"),
        required=False,
        choices=[("", _("All kinds")), *OpportunityKind.choices],
    )

    def filters(self) -> OpportunityFilters:
        data = self.valid_data()
        return OpportunityFilters(
            q=data.get("q", ""),
            city=data.get("city", ""),
            kind=data.get("kind", ""),
            area=data.get("area", ""),
        )
