from types import SimpleNamespace

import pytest
from django.utils import translation

from tandem.errors import ValidationError
from tandem.i18n import check_translation_languages, clean_translations, for_reader


def _text(**translations: str) -> SimpleNamespace:
    return SimpleNamespace(
        title="Matchmaking day", language="en", title_translations=translations
    )


def _codes(exc: ValidationError) -> dict[str, list[str]]:
    return {
        field: [error.code for error in errors]
        for field, errors in exc.error_dict.items()
    }


def test_for_reader_gives_the_readers_translation():
    with translation.override("de"):
        result = for_reader(_text(de="Matchmaking-Tag"), "title")
    assert result == ("Matchmaking-Tag", "de")


def test_for_reader_gives_the_original_without_a_translation():
    with translation.override("ro"):
        result = for_reader(_text(de="Matchmaking-Tag"), "title")
    assert result == ("Matchmaking day", "en")


def test_for_reader_gives_the_original_to_readers_of_its_language():
    with translation.override("en"):
        result = for_reader(_text(en="Another title"), "title")
    assert result == ("Matchmaking day", "en")


def test_clean_translations_of_none_is_empty():
    assert clean_translations(None, field="title_translations", language="en") == {}


def test_clean_translations_strips_and_drops_empty_ones_and_the_original():
    result = clean_translations(
        {"de": " Matchmaking-Tag ", "ro": "  ", "en": "Matchmaking day"},
        field="title_translations",
        language="en",
    )
    assert result == {"de": "Matchmaking-Tag"}


def test_clean_translations_refuses_another_language():
    with pytest.raises(ValidationError) as exc:
        clean_translations({"fr": ""}, field="title_translations", language="en")
    assert _codes(exc.value) == {"title_translations": ["invalid_translation_language"]}


def test_check_translation_languages_refuses_a_list():
    with pytest.raises(ValidationError) as exc:
        check_translation_languages(["de"], field="description_translations")
    assert _codes(exc.value) == {
        "description_translations": ["invalid_translation_language"]
    }
