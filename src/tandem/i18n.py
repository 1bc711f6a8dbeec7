"""Helpers for content stored once per language (``name_de``, ``name_ro``, ``name_en``)."""

from typing import Any

from django.conf import settings
from django.utils.translation import get_language


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def current_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in language_codes() else settings.LANGUAGE_CODE


def translated(obj: Any, field: str) -> str:
    """The reader's language of ``field``, else English, else any filled value."""
    for language in (current_language(), "en", *language_codes()):
        if value := getattr(obj, f"{field}_{language}", ""):
            return str(value)
    return ""


def writing_language(user: Any) -> str:
    """The language of what ``user`` writes now: their preferred language, else
    the page's, else the default (for ``lang`` attributes on their texts)."""
    codes = language_codes()
    for language in (getattr(user, "preferred_language", ""), get_language()):
        if language and language[:2] in codes:
            return language[:2]
    return settings.LANGUAGE_CODE[:2]
