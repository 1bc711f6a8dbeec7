from typing import Any

from django import forms
from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tandem.forms import TranslatedText, TranslationsMixin
from tandem.partnerships.models import Area, City, Partnership

NAME = TranslatedText(
    labels={
        "de": capfirst(_("name in German")),
        "ro": capfirst(_("name in Romanian")),
        "en": capfirst(_("name in English")),
    },
    max_length=120,
    required=True,
)


class TranslationsAdminForm(TranslationsMixin, forms.ModelForm):  # type: ignore[type-arg]  # each admin form sets its model
    """Reference data in every language: one field per language instead of
    the JSON object the model keeps."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, value in self.translations_initial(self.instance).items():
            self.fields[key].initial = value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in self.TRANSLATED:
            # A language left blank has its error on its field already.
            if not any(key.startswith(f"{name}_") for key in self.errors):
                setattr(self.instance, f"{name}_translations", self.translations(name))
        return cleaned


class CityForm(TranslationsAdminForm):
    TRANSLATED = {"name": NAME}

    class Meta:
        model = City
        fields = ["slug", "country", "languages", "time_zone"]


class AreaForm(TranslationsAdminForm):
    TRANSLATED = {"name": NAME}

    class Meta:
        model = Area
        fields = ["slug", "parent", "position"]


class PartnershipForm(TranslationsAdminForm):
    TRANSLATED = {
        "agreement_summary": TranslatedText(
            labels={
                "de": capfirst(_("agreement summary in German")),
                "ro": capfirst(_("agreement summary in Romanian")),
                "en": capfirst(_("agreement summary in English")),
            },
            rows=4,
            required=True,
        )
    }

    class Meta:
        model = Partnership
        fields = [
            "slug",
            "city_a",
            "city_b",
            "kind",
            "signed_on",
            "signing_method",
            "focus_areas",
            "status",
        ]


@admin.register(City)
class CityAdmin(admin.ModelAdmin[City]):
    form = CityForm
    list_display = ["slug", "name", "country", "time_zone"]
    search_fields = ["slug", "name_translations"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin[Area]):
    form = AreaForm
    list_display = ["slug", "name", "parent", "position"]
    list_filter = ["parent"]
    search_fields = ["slug", "name_translations"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin[Partnership]):
    form = PartnershipForm
    list_display = ["slug", "city_a", "city_b", "kind", "signed_on", "status"]
    filter_horizontal = ["focus_areas"]
