"""Scoring and explaining partner suggestions, on plain data.

The caller (the Django layer, a benchmark, a test) supplies ``Profile``s, the
cosine similarity of each candidate to the source, the viewer's feedback and
the clock; ``score_candidates`` applies the partnership rule, computes the
hybrid score and says why, as reason codes with parameters. The engine never
translates: the Django layer turns codes and parameters into sentences.

The score (all weights in ``Weights``, documented in docs/matching.md):

    score = Σ wᵢ·cᵢ / Σ wᵢ      over the components cᵢ ∈ [0, 1] that are known
    score = min(1, score + feedback)   if the viewer marked it "interested"
    excluded                           if the viewer marked it "not relevant"

Components: semantic similarity (cosine, calibrated between a floor and a
ceiling), complementarity (offer ↔ request of the same subject; offer ↔ offer
earns a fraction), shared areas, kind fit, verified, freshness. A component is
*unknown* (left out of both sums) when nothing can be said: no similarity (the
source has no text), no offers or requests on the source side, no partner kinds
stated on either side.

This module imports no Django.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

__all__ = [
    "DEFAULT_WEIGHTS",
    "LEXICAL_WEIGHTS",
    "SUBJECTS",
    "Band",
    "Profile",
    "Reason",
    "SentenceVectors",
    "Suggestion",
    "Weights",
    "best_sentence_pair",
    "is_eligible",
    "opportunity_subject",
    "score_candidates",
    "weights_for_encoder",
]

#: Subjects of the offer/request opportunity kinds ("technology_offer", ...).
SUBJECTS = ("business", "technology", "research", "knowledge")

Band = Literal["strong", "good", "possible"]
Direction = Literal["offer", "request"]


def opportunity_subject(opportunity_kind: str | None) -> tuple[str, Direction] | None:
    """("technology", "offer") for "technology_offer"; None for other kinds."""
    if not opportunity_kind:
        return None
    subject, _, direction = opportunity_kind.rpartition("_")
    if subject in SUBJECTS and direction in ("offer", "request"):
        return subject, direction  # type: ignore[return-value]  # checked above
    return None


@dataclass(frozen=True)
class Profile:
    """What the engine knows of an organisation or an opportunity.

    ``offers`` / ``requests`` (an extension of the contract, default empty) are
    the subjects ("technology", ...) an *organisation* offers or seeks through
    its published opportunities; for an opportunity they follow from
    ``opportunity_kind`` and may stay empty. ``areas`` include parent slugs.
    """

    key: str
    kind: Literal["organisation", "opportunity"]
    organisation_id: int
    city_id: int
    org_kind: str
    opportunity_kind: str | None
    partner_kinds: frozenset[str]
    areas: frozenset[str]
    verified: bool
    updated_at: datetime
    expires_at: datetime | None
    language: str
    offers: frozenset[str] = frozenset()
    requests: frozenset[str] = frozenset()

    @property
    def offered(self) -> frozenset[str]:
        """Subjects offered: ``offers`` plus the opportunity's own, if an offer."""
        own = opportunity_subject(self.opportunity_kind)
        return self.offers | ({own[0]} if own and own[1] == "offer" else set())

    @property
    def requested(self) -> frozenset[str]:
        """Subjects sought: ``requests`` plus the opportunity's own, if a request."""
        own = opportunity_subject(self.opportunity_kind)
        return self.requests | ({own[0]} if own and own[1] == "request" else set())


@dataclass(frozen=True)
class Weights:
    """Every number of the hybrid score, in one place.

    Component weights (relative; the score divides by the sum of the weights of
    the components that are known, so the score stays in [0, 1]):

    - ``semantic``: cosine similarity of the two texts, across languages,
      mapped linearly from [``similarity_floor``, ``similarity_ceiling``] to
      [0, 1] and clipped. The floor and ceiling depend on the encoder (e5
      cosines of unrelated texts are rarely below 0.7); use
      ``weights_for_encoder``.
    - ``complementarity``: 1 when one side offers what the other requests on the
      same subject (technology offer ↔ technology request, ...);
      ``same_direction`` (a fraction) when both offer or both request the same
      subject; 0 otherwise. Unknown when the source neither offers nor requests.
    - ``shared_areas``: |shared areas| / |areas of the side with fewer| (areas
      include parent slugs, so siblings share their parent).
    - ``kind_fit``: 1 when the candidate is a kind the source seeks and/or the
      source is a kind the candidate seeks (mean over the sides that state
      sought kinds). Unknown when neither side states any.
    - ``verified``: 1 for a verified organisation.
    - ``freshness``: 0.5 ** (days since update / ``freshness_half_life_days``):
      stale profiles rank lower. Expired ones are left out entirely.

    Feedback from the viewer's organisation: "interested" (+1) adds
    ``feedback`` to the score (capped at 1); "not relevant" (−1) removes the
    candidate from the suggestions.

    Explanations: ``similar_text`` is given when the calibrated similarity is at
    least ``similar_text_min``; ``recent`` when updated within ``recent_days``.
    Bands: ``strong`` from ``strong_band``, ``good`` from ``good_band``, else
    ``possible``.

    Tuned on benchmarks/data/matching_pairs.jsonl with
    benchmarks/matching_quality.py (see docs/matching.md).
    """

    semantic: float = 0.55
    complementarity: float = 0.15
    shared_areas: float = 0.12
    kind_fit: float = 0.08
    verified: float = 0.04
    freshness: float = 0.06
    feedback: float = 0.05
    same_direction: float = 0.25
    similarity_floor: float = 0.75
    similarity_ceiling: float = 0.92
    freshness_half_life_days: float = 365.0
    similar_text_min: float = 0.5
    recent_days: int = 30
    strong_band: float = 0.70
    good_band: float = 0.50

    def __post_init__(self) -> None:
        if self.similarity_ceiling <= self.similarity_floor:
            raise ValueError("similarity_ceiling must exceed similarity_floor")
        if self.freshness_half_life_days <= 0:
            raise ValueError("freshness_half_life_days must be positive")


DEFAULT_WEIGHTS = Weights()
#: For the lexical fallback: its cosines of related texts are far lower.
LEXICAL_WEIGHTS = replace(DEFAULT_WEIGHTS, similarity_floor=0.0, similarity_ceiling=0.4)


def weights_for_encoder(encoder_name: str) -> Weights:
    """The default weights with the similarity calibration of the encoder
    named ``encoder_name`` (``Encoder.name``)."""
    if encoder_name.startswith("lexical:"):
        return LEXICAL_WEIGHTS
    return DEFAULT_WEIGHTS


@dataclass(frozen=True)
class Reason:
    """Why a candidate is suggested: a stable ``code`` and its parameters.

    Codes: ``offer_meets_request`` / ``request_meets_offer`` (``subjects``: list
    of subjects; "offer" is the source's side), ``similar_text``
    (``similarity``, and when sentences were given ``source_sentence``,
    ``source_language``, ``candidate_sentence``, ``candidate_language``,
    ``sentence_similarity``), ``shared_areas`` (``areas``: sorted slugs),
    ``seeks_your_kind`` (``kind``: the source's kind, which the candidate
    seeks), ``kind_you_seek`` (``kind``: the candidate's kind, which the source
    seeks), ``verified``, ``recent`` (``days`` since update),
    ``you_marked_interested``.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    """One suggested partner: ``key`` of the candidate profile, the hybrid
    ``score`` in [0, 1], its ``band`` and the ``reasons``, the weightiest
    first."""

    key: str
    score: float
    band: Band
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, eq=False)
class SentenceVectors:
    """A profile's sentences, their vectors (n, dim) and their language, for
    the sentence pair shown as the ``similar_text`` reason."""

    sentences: tuple[str, ...]
    vectors: npt.NDArray[np.float32]
    language: str


def best_sentence_pair(
    source_sentences: Sequence[str],
    source_vectors: npt.ArrayLike,
    candidate_sentences: Sequence[str],
    candidate_vectors: npt.ArrayLike,
) -> tuple[int, int, float]:
    """Indexes of the most similar (source, candidate) sentence pair and their
    cosine; ties go to the earliest pair. Raises ValueError on empty input or
    when sentences and vectors differ in number."""
    src = np.asarray(source_vectors, dtype=np.float32)
    cand = np.asarray(candidate_vectors, dtype=np.float32)
    if not len(source_sentences) or not len(candidate_sentences):
        raise ValueError("both sides need at least one sentence")
    if src.ndim != 2 or len(src) != len(source_sentences):
        raise ValueError("source_vectors must have one row per source sentence")
    if cand.ndim != 2 or len(cand) != len(candidate_sentences):
        raise ValueError("candidate_vectors must have one row per candidate sentence")
    sims = src @ cand.T
    flat = int(np.argmax(sims))  # first maximum in row-major order
    i, j = divmod(flat, sims.shape[1])
    return i, j, float(sims[i, j])


def is_eligible(
    source: Profile,
    candidate: Profile,
    *,
    partner_city_ids: frozenset[int],
    now: datetime,
) -> bool:
    """The partnership rule and expiry: a candidate must be in a partner city,
    not in the source's own city, not of the source's organisation, and not
    expired."""
    return (
        candidate.key != source.key
        and candidate.organisation_id != source.organisation_id
        and candidate.city_id != source.city_id
        and candidate.city_id in partner_city_ids
        and (candidate.expires_at is None or candidate.expires_at > now)
    )


def _band(score: float, weights: Weights) -> Band:
    if score >= weights.strong_band:
        return "strong"
    if score >= weights.good_band:
        return "good"
    return "possible"


def _feedback_value(feedback: Mapping[str, int], candidate: Profile) -> int:
    """The viewer's feedback on the candidate; for an opportunity, feedback on
    its organisation (key "org:<id>") applies when there is none on it."""
    value = feedback.get(candidate.key)
    if value is None and candidate.kind == "opportunity":
        value = feedback.get(f"org:{candidate.organisation_id}")
    return int(value or 0)


# Order of reasons with equal weight, so that explanations are stable.
_REASON_ORDER = (
    "offer_meets_request",
    "request_meets_offer",
    "similar_text",
    "shared_areas",
    "kind_you_seek",
    "seeks_your_kind",
    "verified",
    "recent",
)


# A component of the score: (weight, value), or None when it is unknown.
Part = tuple[float, float] | None
# A reason with its contribution to the score, for ordering the reasons.
Weighted = tuple[float, Reason]


def _semantic(
    similarity: float | None,
    weights: Weights,
    source_sentences: SentenceVectors | None,
    candidate_sentences: SentenceVectors | None,
) -> tuple[Part, list[Weighted]]:
    if similarity is None:
        return None, []
    span = weights.similarity_ceiling - weights.similarity_floor
    value = min(1.0, max(0.0, (similarity - weights.similarity_floor) / span))
    if value < weights.similar_text_min:
        return (weights.semantic, value), []
    params: dict[str, Any] = {"similarity": round(float(similarity), 4)}
    if (
        source_sentences is not None
        and candidate_sentences is not None
        and source_sentences.sentences
        and candidate_sentences.sentences
    ):
        i, j, pair_sim = best_sentence_pair(
            source_sentences.sentences,
            source_sentences.vectors,
            candidate_sentences.sentences,
            candidate_sentences.vectors,
        )
        params |= {
            "source_sentence": source_sentences.sentences[i],
            "source_language": source_sentences.language,
            "candidate_sentence": candidate_sentences.sentences[j],
            "candidate_language": candidate_sentences.language,
            "sentence_similarity": round(pair_sim, 4),
        }
    reason = Reason("similar_text", params)
    return (weights.semantic, value), [(weights.semantic * value, reason)]


def _complementarity(
    source: Profile, candidate: Profile, weights: Weights
) -> tuple[Part, list[Weighted]]:
    offered, requested = source.offered, source.requested
    if not (offered or requested):
        return None, []
    gives = offered & candidate.requested
    gets = requested & candidate.offered
    reasons: list[Weighted] = []
    if gives:
        reason = Reason("offer_meets_request", {"subjects": sorted(gives)})
        reasons.append((weights.complementarity, reason))
    if gets:
        reason = Reason("request_meets_offer", {"subjects": sorted(gets)})
        reasons.append((weights.complementarity, reason))
    if gives or gets:
        value = 1.0
    elif (offered & candidate.offered) or (requested & candidate.requested):
        value = weights.same_direction
    else:
        value = 0.0
    return (weights.complementarity, value), reasons


def _shared_areas(
    source: Profile, candidate: Profile, weights: Weights
) -> tuple[Part, list[Weighted]]:
    if not (source.areas and candidate.areas):
        return (weights.shared_areas, 0.0), []
    shared = source.areas & candidate.areas
    value = len(shared) / min(len(source.areas), len(candidate.areas))
    reasons: list[Weighted] = []
    if shared:
        reason = Reason("shared_areas", {"areas": sorted(shared)})
        reasons.append((weights.shared_areas * value, reason))
    return (weights.shared_areas, value), reasons


def _kind_fit(
    source: Profile, candidate: Profile, weights: Weights
) -> tuple[Part, list[Weighted]]:
    fits: list[float] = []
    reasons: list[Weighted] = []
    if source.partner_kinds:
        you_seek = candidate.org_kind in source.partner_kinds
        fits.append(float(you_seek))
        if you_seek:
            reason = Reason("kind_you_seek", {"kind": candidate.org_kind})
            reasons.append((weights.kind_fit, reason))
    if candidate.partner_kinds:
        seeks_you = source.org_kind in candidate.partner_kinds
        fits.append(float(seeks_you))
        if seeks_you:
            reason = Reason("seeks_your_kind", {"kind": source.org_kind})
            reasons.append((weights.kind_fit, reason))
    if not fits:
        return None, reasons
    return (weights.kind_fit, sum(fits) / len(fits)), reasons


def _verified(candidate: Profile, weights: Weights) -> tuple[Part, list[Weighted]]:
    reasons = [(weights.verified, Reason("verified", {}))] if candidate.verified else []
    return (weights.verified, float(candidate.verified)), reasons


def _freshness(
    candidate: Profile, now: datetime, weights: Weights
) -> tuple[Part, list[Weighted]]:
    age_days = max(0.0, (now - candidate.updated_at).total_seconds() / 86400.0)
    freshness = math.pow(0.5, age_days / weights.freshness_half_life_days)
    reasons: list[Weighted] = []
    if age_days <= weights.recent_days:
        reason = Reason("recent", {"days": int(age_days)})
        reasons.append((weights.freshness * freshness, reason))
    return (weights.freshness, freshness), reasons


def _score_one(
    source: Profile,
    candidate: Profile,
    *,
    similarity: float | None,
    now: datetime,
    weights: Weights,
    source_sentences: SentenceVectors | None,
    candidate_sentences: SentenceVectors | None,
) -> tuple[float, list[Weighted]]:
    """The hybrid score of one candidate and its reasons, unordered."""
    components = (
        _semantic(similarity, weights, source_sentences, candidate_sentences),
        _complementarity(source, candidate, weights),
        _shared_areas(source, candidate, weights),
        _kind_fit(source, candidate, weights),
        _verified(candidate, weights),
        _freshness(candidate, now, weights),
    )
    # Summed in this order, so that scores stay the same to the last bit.
    parts = [part for part, _reasons in components if part is not None]
    total = sum(w for w, _ in parts)
    score = sum(w * v for w, v in parts) / total if total > 0 else 0.0
    return score, [reason for _part, reasons in components for reason in reasons]


def score_candidates(
    *,
    source: Profile,
    candidates: Sequence[Profile],
    similarity: Mapping[str, float],
    feedback: Mapping[str, int],
    partner_city_ids: frozenset[int],
    now: datetime,
    weights: Weights = DEFAULT_WEIGHTS,
    top_k: int = 10,
    source_sentences: SentenceVectors | None = None,
    candidate_sentences: Mapping[str, SentenceVectors] | None = None,
) -> list[Suggestion]:
    """The best ``top_k`` eligible candidates for ``source``, best first, equal
    scores by key.

    ``similarity`` maps candidate keys to the cosine of their vector with the
    source's (a missing key: the semantic component is unknown for it);
    ``feedback`` maps keys to +1 (interested) / −1 (not relevant) given by the
    viewer's organisation. ``source_sentences`` and ``candidate_sentences``
    (by key), when given, add the best-matching sentence pair to the
    ``similar_text`` reason. Duplicate candidate keys are scored once.
    """
    if top_k <= 0:
        return []
    scored: list[Suggestion] = []
    for candidate in _eligible(source, candidates, partner_city_ids, now):
        opinion = _feedback_value(feedback, candidate)
        if opinion < 0:
            continue
        score, weighted = _score_one(
            source,
            candidate,
            similarity=similarity.get(candidate.key),
            now=now,
            weights=weights,
            source_sentences=source_sentences,
            candidate_sentences=(candidate_sentences or {}).get(candidate.key),
        )
        scored.append(_suggestion(candidate.key, score, weighted, opinion, weights))
    scored.sort(key=lambda s: (-s.score, s.key))
    return scored[:top_k]


def _eligible(
    source: Profile,
    candidates: Sequence[Profile],
    partner_city_ids: frozenset[int],
    now: datetime,
) -> Iterator[Profile]:
    """The eligible candidates, each key once."""
    seen: set[str] = set()
    for candidate in candidates:
        if candidate.key in seen:
            continue
        seen.add(candidate.key)
        if is_eligible(source, candidate, partner_city_ids=partner_city_ids, now=now):
            yield candidate


def _suggestion(
    key: str, score: float, weighted: list[Weighted], opinion: int, weights: Weights
) -> Suggestion:
    """The suggestion with its reasons, the weightiest first, and the lift of
    the viewer's "interested"."""
    weighted.sort(key=lambda item: (-item[0], _REASON_ORDER.index(item[1].code)))
    reasons = [reason for _, reason in weighted]
    if opinion > 0:
        score = min(1.0, score + weights.feedback)
        reasons.insert(0, Reason("you_marked_interested", {}))
    score = round(score, 6)
    return Suggestion(
        key=key, score=score, band=_band(score, weights), reasons=tuple(reasons)
    )
