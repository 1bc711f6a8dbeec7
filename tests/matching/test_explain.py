import numpy as np
import pytest

from tandem.matching.engine import Reason, SentenceVectors, Suggestion
from tandem.matching.explain import (
    SentencePair,
    Translation,
    boilerplate,
    explain,
    hub_bias,
    plain,
    sentence_pair,
    translated_sentence,
)


def sentences(language, *rows):
    """SentenceVectors from (sentence, vector) rows; vectors are normalised."""
    vectors = np.array([vector for _text, vector in rows], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return SentenceVectors(tuple(text for text, _vector in rows), vectors, language)


SOURCE = sentences(
    "de", ("Wir bauen Sensoren.", [1, 0, 0]), ("Wir sind da.", [0, 1, 0])
)


def test_boilerplate_is_what_two_profiles_share():
    a = sentences("ro", ("Fermă.", [1, 0, 0]), ("Exemplu fictiv.", [0, 0, 1]))
    b = sentences("ro", ("Bancă.", [0, 1, 0]), ("Exemplu fictiv.", [0, 0, 1]))
    c = sentences("ro", ("Fermă.", [1, 0, 0]), ("Fermă.", [1, 0, 0]))

    assert boilerplate([a, b]) == frozenset({"Exemplu fictiv."})
    # A sentence repeated inside one profile is not boilerplate.
    assert boilerplate([c]) == frozenset()


def test_hub_bias_is_each_source_sentences_mean_similarity():
    candidates = [
        sentences("ro", ("a", [1, 0, 0])),
        sentences("ro", ("b", [0, 1, 0])),
        sentences("ro", ("c", [1, 1, 0]), ("d", [0, 0, 1])),
    ]

    bias = hub_bias(SOURCE, candidates)

    half = np.sqrt(0.5)
    assert bias == pytest.approx([(1 + half) / 4, (1 + half) / 4])
    assert hub_bias(SOURCE, candidates[:2]) is None


def test_sentence_pair_is_the_closest_pair_with_its_cosine():
    candidate = sentences(
        "ro", ("Suntem în Cluj.", [0, 0.6, 0.8]), ("Senzori.", [0.96, 0, 0.28])
    )

    pair = sentence_pair(SOURCE, candidate)

    assert pair == SentencePair(
        source="Wir bauen Sensoren.",
        source_language="de",
        candidate="Senzori.",
        candidate_language="ro",
        similarity=0.96,
    )


def test_sentence_pair_leaves_out_boilerplate_while_other_sentences_remain():
    candidate = sentences(
        "ro", ("Exemplu fictiv.", [1, 0, 0]), ("Suntem aici.", [0, 1, 0])
    )
    only_boilerplate = sentences("ro", ("Exemplu fictiv.", [1, 0, 0]))
    skip = frozenset({"Exemplu fictiv."})

    assert sentence_pair(SOURCE, candidate, skip=skip).candidate == "Suntem aici."
    assert sentence_pair(SOURCE, only_boilerplate, skip=skip).candidate == (
        "Exemplu fictiv."
    )


def test_hub_bias_prefers_the_pair_that_stands_out():
    # "Wir sind da." is close to everything (bias 0.9): its 0.95 says less
    # than the 0.8 of "Wir bauen Sensoren.", whose mean is 0.1.
    candidate = sentences(
        "ro", ("Suntem aici.", [0.31, 0.95, 0]), ("Senzori.", [0.8, 0.6, 0])
    )
    bias = np.array([0.1, 0.9], dtype=np.float32)

    plain_pair = sentence_pair(SOURCE, candidate)
    corrected = sentence_pair(SOURCE, candidate, bias=bias)

    assert (plain_pair.source, plain_pair.candidate) == ("Wir sind da.", "Suntem aici.")
    assert (corrected.source, corrected.candidate) == (
        "Wir bauen Sensoren.",
        "Senzori.",
    )
    # The similarity shown is the cosine itself, not the corrected value.
    assert corrected.similarity == 0.8


def test_sentence_pair_needs_sentences_on_both_sides():
    empty = SentenceVectors((), np.zeros((0, 3), dtype=np.float32), "ro")

    assert sentence_pair(SOURCE, empty) is None
    assert sentence_pair(empty, SOURCE) is None


def test_translated_sentence_at_the_same_position_or_the_whole_text():
    theirs = ["Suntem o fermă de legume.", "Căutăm senzori pentru sol."]
    aligned = Translation(
        "Wir sind ein Gemüsebetrieb. Wir suchen Sensoren für den Boden.", "de"
    )
    shorter = Translation("Wir sind ein Gemüsebetrieb.", "de")
    long = Translation("Wir sind ein Gemüsebetrieb. " * 20, "de")

    assert translated_sentence(aligned, 1, theirs) == (
        "Wir suchen Sensoren für den Boden."
    )
    assert translated_sentence(shorter, 1, theirs) == "Wir sind ein Gemüsebetrieb."
    cut = translated_sentence(long, 1, [theirs[0]] * 30)
    assert (len(cut), cut[-1]) == (298, "…")
    assert long.text.startswith(cut[:-1])


def test_sentence_pair_carries_the_candidates_own_translation():
    candidate = sentences(
        "ro", ("Suntem aici.", [0, 1, 0]), ("Senzori de sol.", [1, 0, 0])
    )
    translation = Translation(
        "Wir sind hier in Cluj. Wir bauen Sensoren für Böden.", "de"
    )

    pair = sentence_pair(SOURCE, candidate, translation=translation)

    assert (pair.translation, pair.translation_language) == (
        "Wir bauen Sensoren für Böden.",
        "de",
    )


def test_explain_puts_the_pair_into_the_similar_text_reason():
    similar = Reason("similar_text", {"similarity": 0.9})
    verified = Reason("verified", {})
    suggestions = [
        Suggestion("org:2", 0.8, "strong", (similar, verified)),
        Suggestion("org:3", 0.5, "good", (verified,)),
    ]
    candidate = sentences("ro", ("Senzori.", [1, 0, 0]))

    first, second = explain(suggestions, source=SOURCE, candidates={"org:2": candidate})

    assert first.pair.candidate == "Senzori."
    assert first.reasons == (
        Reason(
            "similar_text",
            {
                "similarity": 0.9,
                "source_sentence": "Wir bauen Sensoren.",
                "source_language": "de",
                "candidate_sentence": "Senzori.",
                "candidate_language": "ro",
                "sentence_similarity": 1.0,
            },
        ),
        verified,
    )
    # Without stored sentences there is no pair, and the reasons stay.
    assert (second.pair, second.reasons) == (None, (verified,))


def test_plain_gives_json_values():
    value = {"areas": frozenset({"b", "a"}), "n": np.float32(0.5), "t": (1, 2)}

    assert plain(value) == {"areas": ["a", "b"], "n": 0.5, "t": [1, 2]}
