"""Texts in several languages: one mechanism for every model.

A text kept in several languages is a JSON object ``<field>_translations`` that
maps language codes (``language_codes()``, the site's languages) to texts:

- Reference data the site keeps in every language (the names of cities and
  areas, the agreement's summary) has all of them there; ``translated(obj,
  field)`` gives the reader's, and ``check_complete_translations`` refuses a
  missing one.
- A text a person wrote keeps its original in ``<field>`` with its language in
  ``language``; ``<field>_translations`` holds optional translations into the
  other languages. ``for_reader(obj, field)`` gives the reader's translation if
  there is one, else the original, with its language (for ``lang`` attributes);
  ``clean_translations`` tidies what a form or API sent.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language, gettext, gettext_lazy

from tandem.errors import field_error


def language_codes() -> list[str]:
    """The site's languages, in the order of ``settings.LANGUAGES``."""
    return [code for code, _name in settings.LANGUAGES]


def current_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in language_codes() else settings.LANGUAGE_CODE


def translated(obj: Any, field: str) -> str:
    """The reader's language of ``<field>_translations``, else English, else
    any filled one."""
    translations = getattr(obj, f"{field}_translations") or {}
    for language in (current_language(), "en", *language_codes()):
        if value := translations.get(language):
            return str(value)
    return ""


def for_reader(obj: Any, field: str) -> tuple[str, str]:
    """(text, language): the reader's translation of ``field`` from
    ``<field>_translations`` if there is one, else ``field`` in ``obj.language``."""
    language = current_language()
    translations = getattr(obj, f"{field}_translations") or {}
    if language != obj.language and (text := translations.get(language)):
        return str(text), language
    return str(getattr(obj, field)), obj.language


def check_translation_languages(
    translations: object, *, field: str
) -> Mapping[str, object]:
    """``translations``, or ValidationError (``invalid_translation_language``
    on ``field``) unless it maps the site's language codes to texts."""
    if not isinstance(translations, Mapping) or set(translations) - set(
        language_codes()
    ):
        raise field_error(
            field,
            gettext("Translations can be in German, Romanian or English."),
            code="invalid_translation_language",
        )
    return translations


def check_complete_translations(translations: object, *, field: str) -> None:
    """Raises ValidationError (``missing_translation`` on ``field``) unless
    ``translations`` has a text in every one of the site's languages."""
    texts = check_translation_languages(translations, field=field)
    if any(
        not isinstance(text := texts.get(code), str) or not text.strip()
        for code in language_codes()
    ):
        raise field_error(
            field,
            gettext("Give the text in German, Romanian and English."),
            code="missing_translation",
        )


def clean_translations(
    translations: Mapping[str, str] | None,
    *,
    field: str,
    language: str,
    drop_blank_first: bool = False,
) -> dict[str, str]:
    """The stripped, non-empty ``translations`` (``None``: none) but the one in
    ``language``, the original's. Raises ValidationError, see
    ``check_translation_languages``; with ``drop_blank_first``, blank texts are
    dropped before the check, so a blank one under another code is no error."""
    if translations is None:
        return {}
    if drop_blank_first and isinstance(translations, Mapping):
        translations = {
            code: text
            for code, text in translations.items()
            if isinstance(text, str) and text.strip()
        }
    check_translation_languages(translations, field=field)
    return {
        code: text.strip()
        for code, text in translations.items()
        # The text itself is in its own language.
        if code != language and isinstance(text, str) and text.strip()
    }


def writing_language(user: Any) -> str:
    """The language of what ``user`` writes now: their preferred language, else
    the page's, else the default (for ``lang`` attributes on their texts)."""
    codes = language_codes()
    for language in (getattr(user, "preferred_language", ""), get_language()):
        if language and language[:2] in codes:
            return language[:2]
    return settings.LANGUAGE_CODE[:2]


@deconstructible
class TranslationsMaxLengthValidator:
    """Every text of a ``<field>_translations`` has at most ``limit_value``
    characters, as the original has (``max_length``)."""

    def __init__(self, limit_value: int) -> None:
        self.limit_value = limit_value

    def __call__(self, value: object) -> None:
        texts = value.values() if isinstance(value, Mapping) else ()
        if any(
            isinstance(text, str) and len(text) > self.limit_value for text in texts
        ):
            raise ValidationError(
                gettext("A translation can have at most %(limit_value)d characters."),
                code="max_length",
                params={"limit_value": self.limit_value},
            )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TranslationsMaxLengthValidator)
            and other.limit_value == self.limit_value
        )


def translations_field(
    verbose_name: Any, *, help_text: Any = None, max_length: int | None = None
) -> models.JSONField[Any, Any]:
    """A model's ``<field>_translations``: texts by language code, each of at
    most ``max_length`` characters when given."""
    return models.JSONField(
        verbose_name,
        default=dict,
        blank=True,
        help_text=help_text or gettext_lazy("Optional translations, by language code."),
        validators=[TranslationsMaxLengthValidator(max_length)] if max_length else [],
    )
