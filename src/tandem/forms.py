"""Form helpers every app shares; this module knows no app."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django_stubs_ext import StrOrPromise

from tandem.i18n import language_codes


def add_service_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form.

    Errors keyed by a field the form has go next to it; others (``slug``,
    ``external_id``, ...) become errors of the whole form rather than raising.
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@dataclass(frozen=True)
class TranslatedText:
    """The form fields of one text in several languages: ``<name>_<code>`` for
    each of the site's languages, labelled from ``labels`` (by language code,
    whole sentences for the translators)."""

    labels: Mapping[str, StrOrPromise]
    max_length: int | None = None
    rows: int | None = None  # a text area of this many rows; else one line
    required: bool = False

    def fields(self, name: str) -> dict[str, forms.CharField]:
        missing = set(language_codes()) - set(self.labels)
        if missing:
            raise ImproperlyConfigured(
                f"No label for {name} in {', '.join(sorted(missing))}"
            )
        return {
            f"{name}_{code}": forms.CharField(
                label=self.labels[code],
                required=self.required,
                max_length=self.max_length,
                widget=(
                    forms.Textarea(attrs={"rows": self.rows, "lang": code})
                    if self.rows
                    else forms.TextInput(attrs={"lang": code})
                ),
            )
            for code in language_codes()
        }


class TranslationsMixin:
    """Declares the per-language fields of each text in ``TRANSLATED`` on a
    form (or a ModelForm: the admin lists them); ``translations(name)`` gives
    them back as the ``<name>_translations`` dict the models and services keep
    (empty texts left out)."""

    TRANSLATED: ClassVar[Mapping[str, TranslatedText]] = {}

    cleaned_data: dict[str, Any]  # a Form's

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Django's form metaclass gives each form class its own
        # ``declared_fields`` before this runs and merges them afterwards.
        declared = cls.__dict__.get("declared_fields")
        if declared is not None:
            for name, text in cls.TRANSLATED.items():
                declared.update(text.fields(name))

    def translations(self, name: str) -> dict[str, str]:
        return {
            code: text
            for code in language_codes()
            if (text := self.cleaned_data.get(f"{name}_{code}", ""))
        }

    def service_data(self) -> dict[str, Any]:
        """cleaned_data as the services take it: translations as dicts."""
        per_language = {
            f"{name}_{code}" for name in self.TRANSLATED for code in language_codes()
        }
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in per_language
        }
        for name in self.TRANSLATED:
            data[f"{name}_translations"] = self.translations(name)
        return data

    @classmethod
    def translations_initial(cls, obj: object) -> dict[str, str]:
        """The per-language fields' initial values from ``obj``'s translations."""
        return {
            f"{name}_{code}": text
            for name in cls.TRANSLATED
            for code, text in (getattr(obj, f"{name}_translations") or {}).items()
        }
