"""TranslationsMixin: per-language fields for the site's languages."""

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured

from tandem.forms import TranslatedText, TranslationsMixin

TITLE = TranslatedText(
    labels={"de": "Titel", "ro": "Titlu", "en": "Title"}, max_length=20
)


class TitleForm(TranslationsMixin, forms.Form):
    TRANSLATED = {"title": TITLE}

    title = forms.CharField()


def test_one_field_per_language_marked_with_its_language():
    form = TitleForm()

    assert [name for name in form.fields if name.startswith("title_")] == [
        "title_de",
        "title_ro",
        "title_en",
    ]
    assert form.fields["title_ro"].label == "Titlu"
    assert form.fields["title_ro"].widget.attrs["lang"] == "ro"


def test_service_data_gives_the_filled_translations_as_one_dict():
    form = TitleForm({"title": "Matchmaking", "title_de": "Treffen", "title_en": ""})

    assert form.is_valid()
    assert form.service_data() == {
        "title": "Matchmaking",
        "title_translations": {"de": "Treffen"},
    }


def test_a_language_without_a_label_is_a_programming_error(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("hu", "Hungarian")]

    with pytest.raises(ImproperlyConfigured):
        TITLE.fields("title")
