"""The public search encodes a query once: the same query again reuses its vector."""

import pytest

from tandem.matching import indexing
from tandem.matching.encoders import LexicalEncoder

from .conftest import encode_all, make_cluj

pytestmark = pytest.mark.django_db


class CountingNeuralEncoder:
    """The lexical encoder posing as a neural one, counting the queries it encodes."""

    neural = True
    name = "counting:neural"

    def __init__(self):
        self._inner = LexicalEncoder()
        self.dim = self._inner.dim
        self.queries = []

    def encode(self, texts, *, kind):
        if kind == "query":
            self.queries.extend(texts)
        return self._inner.encode(texts, kind=kind)


@pytest.fixture
def encoder(settings, monkeypatch):
    encoder = CountingNeuralEncoder()
    monkeypatch.setitem(indexing._encoders, "counting", encoder)
    settings.TANDEM_ENCODER = "counting"
    return encoder


@pytest.fixture
def farms(encoder, partnership, cluj_city):
    make_cluj("ferma-legume", "Suntem o fermă de legume.", city=cluj_city)
    make_cluj("livada", "Cultivăm meri și pruni în livada noastră.", city=cluj_city)
    encode_all()


def _search(client, q, **params):
    response = client.get("/api/v1/search", {"q": q, **params})
    assert response.status_code == 200
    return response.json()


def test_the_same_query_is_encoded_once_with_the_same_results(client, encoder, farms):
    first = _search(client, "fermă de legume")
    second = _search(client, "fermă de legume")

    assert encoder.queries == ["fermă de legume"]
    assert second == first
    assert first["results"][0]["slug"] == "ferma-legume"


def test_spacing_and_other_parameters_reuse_the_query_vector(client, encoder, farms):
    _search(client, "fermă de legume")
    _search(client, "  fermă   de legume ", top=1, lang="de")

    assert encoder.queries == ["fermă de legume"]


def test_different_queries_are_each_encoded(client, encoder, farms):
    _search(client, "legume")
    _search(client, "livadă")

    assert encoder.queries == ["legume", "livadă"]
