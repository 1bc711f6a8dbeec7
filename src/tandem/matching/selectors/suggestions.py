"""Suggested partners with their reasons, read from the stored encodings.

Suggestions show public data only and never encode anything: a profile not yet
encoded gets ``state == "preparing"`` and its encoding is queued.  The number
of queries does not depend on the number of suggestions.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.accounts import permissions
from tandem.directory.models import Opportunity, Organisation
from tandem.directory.selectors import public_opportunities, public_organisations
from tandem.i18n import current_language
from tandem.matching import engine, indexing
from tandem.matching.models import Embedding
from tandem.matching.reasons import ShownReason, band_label, shown_reasons
from tandem.matching.selectors.feedback import feedback_map, feedback_value
from tandem.matching.selectors.profiles import (
    area_map,
    areas_prefetch,
    opportunity_profile,
    organisation_profile,
    profile_with_areas,
    published_prefetch,
    sentence_vectors,
    vector,
)
from tandem.matching.tasks import enqueue_encoding_once
from tandem.partnerships.models import Area, City
from tandem.partnerships.selectors import partner_cities

logger = logging.getLogger(__name__)

# Neighbours asked of the index before the partnership filter; the rest of the
# candidates come from shared areas.
NEIGHBOURS_MIN = 200

MAX_TOP = 50

State = Literal["ready", "preparing", "no_partner", "unavailable"]


@dataclass(frozen=True)
class SentencePair:
    """The best-matching sentences of both sides, each in its own language."""

    source: str
    source_language: str
    candidate: str
    candidate_language: str
    similarity: float
    # The candidate's own translation into the reader's language, if it has one.
    translation: str = ""
    translation_language: str = ""


@dataclass(frozen=True)
class ShownSuggestion:
    key: str
    score: float
    band: str
    band_label: str
    reasons: tuple[ShownReason, ...]
    pair: SentencePair | None
    organisation: Organisation
    opportunity: Opportunity | None = None
    feedback: str = ""


@dataclass(frozen=True)
class Suggestions:
    state: State
    encoder: str
    partner_cities: tuple[City, ...] = ()
    items: tuple[ShownSuggestion, ...] = ()
    # Members of the source organisation may give feedback.
    can_give_feedback: bool = False
    source_organisation: Organisation | None = None

    @property
    def partner_city_names(self) -> str:
        return ", ".join(city.name for city in self.partner_cities)


def _similarities(
    index: Any, vector: np.ndarray, *, top_k: int, exclude: int
) -> dict[int, float]:
    k = min(len(index), max(NEIGHBOURS_MIN, top_k * 20))
    if k <= 0:
        return {}
    keys, scores = index.search(vector.reshape(1, -1), k)
    return {
        int(key): float(score)
        for key, score in zip(keys[0], scores[0], strict=True)
        if key >= 0 and key != exclude
    }


def _translation_of(
    organisation: Organisation, sentence_index: int, sentences: Sequence[str]
) -> tuple[str, str]:
    """The candidate's own translation of its matching sentence into the reader's
    language: the sentence at the same position when both versions have as
    many sentences, else the start of the whole translation."""
    from tandem.matching.text import split_sentences

    language = current_language()
    if language == organisation.language:
        return "", ""
    text = organisation.description_translations.get(language, "")
    if not text:
        return "", ""
    translated = split_sentences(text, language)
    if len(translated) == len(sentences) and sentence_index < len(translated):
        return translated[sentence_index], language
    return (text if len(text) <= 300 else text[:297].rstrip() + "…"), language


def _pair(
    source: Embedding,
    candidate: Embedding | None,
    organisation: Organisation,
    *,
    is_organisation: bool,
    boilerplate: frozenset[str] = frozenset(),
    bias: np.ndarray | None = None,
) -> SentencePair | None:
    if candidate is None or not source.sentences or not candidate.sentences:
        return None
    # Sentences many candidates share (a legal notice, the demo's "fictional
    # example") would match everything; leave them out when others remain.
    rows = [n for n, text in enumerate(candidate.sentences) if text not in boilerplate]
    rows = rows or list(range(len(candidate.sentences)))
    source_vectors = sentence_vectors(source)
    candidate_vectors = sentence_vectors(candidate)[rows]
    if bias is not None and len(bias) == len(source.sentences):
        # A source sentence close to everything (a "hub") says little: rank
        # pairs by how much closer they are than that sentence's average.
        sims = source_vectors @ candidate_vectors.T - bias[:, None]
        i, k = divmod(int(np.argmax(sims)), sims.shape[1])
        similarity = float(source_vectors[i] @ candidate_vectors[k])
    else:
        i, k, similarity = engine.best_sentence_pair(
            source.sentences,
            source_vectors,
            [candidate.sentences[n] for n in rows],
            candidate_vectors,
        )
    j = rows[k]
    translation, translation_language = (
        _translation_of(organisation, j, candidate.sentences)
        if is_organisation
        else ("", "")
    )
    return SentencePair(
        source=source.sentences[i],
        source_language=source.language,
        candidate=candidate.sentences[j],
        candidate_language=candidate.language,
        similarity=round(float(similarity), 3),
        translation=translation,
        translation_language=translation_language,
    )


def _hub_bias(source: Embedding, candidates: Sequence[Embedding]) -> np.ndarray | None:
    """Each source sentence's mean similarity to the shown candidates' sentences."""
    if len(candidates) < 3 or not source.sentences:
        return None
    others = np.vstack([sentence_vectors(c) for c in candidates if c.sentences])
    return np.asarray(sentence_vectors(source) @ others.T).mean(axis=1)


def _boilerplate(embeddings: Iterable[Embedding]) -> frozenset[str]:
    counts = Counter(sentence for e in embeddings for sentence in set(e.sentences))
    return frozenset(sentence for sentence, n in counts.items() if n >= 2)


def _source_embedding(
    name: str, *, organisation: Organisation | None = None, opportunity: Any = None
) -> Embedding | None:
    if organisation is not None:
        return Embedding.objects.filter(encoder=name, organisation=organisation).first()
    return Embedding.objects.filter(encoder=name, opportunity=opportunity).first()


def _encoder_name() -> str | None:
    try:
        return indexing.encoder_name()
    except indexing.EncoderUnavailable:
        logger.exception("No encoder: suggestions are unavailable.")
        return None


#: With the lexical encoder, texts in different languages share few words, so
#: candidates that share an area join the nearest neighbours; capped so that a
#: request stays fast however large the directory grows.
AREA_CANDIDATES = 200


def _candidate_ids(
    pool: QuerySet[Any],
    similarity: Mapping[int, float],
    source_areas: Sequence[Area],
    *,
    encoder: str,
) -> set[int]:
    """The nearest neighbours in the index; for the lexical encoder, also the
    most recently updated candidates that share an area with the source.

    A neural encoder's neighbours already cross the language border, and a
    candidate without a similarity would be scored on its fields alone.
    """
    ids = set(similarity)
    if encoder.startswith("lexical:") and source_areas:
        area_ids = [area.pk for area in source_areas]
        ids |= set(
            pool.filter(Q(areas__in=area_ids) | Q(areas__parent__in=area_ids))
            .order_by("-updated_at", "-pk")
            .values_list("pk", flat=True)
            .distinct()[:AREA_CANDIDATES]
        )
    return ids


def _candidate_organisations(*, public_only: bool) -> QuerySet[Organisation]:
    if public_only:
        return public_organisations()
    # Operators' view (``tandem suggest``): imported organisations waiting for
    # verification count too; rejected and hidden ones never do.
    return (
        Organisation.objects.filter(visibility=Organisation.Visibility.PUBLIC)
        .exclude(verification=Organisation.Verification.REJECTED)
        .select_related("city")
    )


def suggestions_for_organisation(
    *,
    viewer: Any,
    organisation: Organisation,
    top_k: int = 10,
    public_only: bool = True,
) -> Suggestions:
    """Public organisations of the partner cities that fit ``organisation``
    (with ``public_only=False`` also those waiting for verification)."""
    top_k = max(1, min(top_k, MAX_TOP))
    cities = tuple(partner_cities(city=organisation.city).order_by("slug"))
    name = _encoder_name()
    if name is None:
        return Suggestions(state="unavailable", encoder="", partner_cities=cities)
    can_feedback = permissions.role_in(viewer, organisation) is not None
    base: dict[str, Any] = {
        "encoder": name,
        "partner_cities": cities,
        "can_give_feedback": can_feedback,
        "source_organisation": organisation,
    }
    if not cities:
        return Suggestions(state="no_partner", **base)
    source = _source_embedding(name, organisation=organisation)
    index = indexing.get_index(name, "organisations") if source else None
    if source is None or index is None:
        enqueue_encoding_once("organisation", organisation.pk)
        return Suggestions(state="preparing", **base)
    similarity = _similarities(
        index, vector(source.vector), top_k=top_k, exclude=organisation.pk
    )
    source_areas = list(
        Area.objects.filter(organisations=organisation).select_related("parent")
    )
    source_opportunities = list(
        public_opportunities()
        .select_related(None)
        .filter(organisation=organisation)
        .order_by("pk")
    )
    pool = (
        _candidate_organisations(public_only=public_only)
        .filter(city__in=cities)
        .exclude(pk=organisation.pk)
    )
    candidates = list(
        pool.filter(pk__in=_candidate_ids(pool, similarity, source_areas, encoder=name))
        .prefetch_related(areas_prefetch(), published_prefetch())
        .order_by("pk")
    )
    source_profile = profile_with_areas(
        organisation_profile(organisation, source_opportunities), source_areas
    )
    by_key = {f"org:{c.pk}": c for c in candidates}
    feedback = feedback_map(organisation)
    scored = engine.score_candidates(
        source=source_profile,
        candidates=[
            organisation_profile(c, c.published_opportunities)  # type: ignore[attr-defined]  # prefetched to_attr
            for c in candidates
        ],
        similarity={f"org:{k}": v for k, v in similarity.items()},
        feedback=feedback,
        partner_city_ids=frozenset(city.pk for city in cities),
        now=timezone.now(),
        weights=engine.weights_for_encoder(name),
        top_k=top_k,
    )
    embeddings = {
        e.organisation_id: e
        for e in Embedding.objects.filter(
            encoder=name,
            organisation_id__in=[by_key[s.key].pk for s in scored],
        )
    }
    areas = area_map(source_areas, candidates)
    items = [
        _shown(
            suggestion,
            organisation=by_key[suggestion.key],
            opportunity=None,
            source=source,
            candidate=embeddings.get(by_key[suggestion.key].pk),
            areas=areas,
            feedback=feedback,
            boilerplate=_boilerplate(embeddings.values()),
            candidates=list(embeddings.values()),
        )
        for suggestion in scored
    ]
    return Suggestions(state="ready", items=tuple(items), **base)


def suggestions_for_opportunity(
    *, viewer: Any, opportunity: Opportunity, top_k: int = 10
) -> Suggestions:
    """Public opportunities of the partner cities that fit ``opportunity``:
    offers for a request, requests for an offer, first."""
    top_k = max(1, min(top_k, MAX_TOP))
    organisation = opportunity.organisation
    cities = tuple(partner_cities(city=organisation.city).order_by("slug"))
    name = _encoder_name()
    if name is None:
        return Suggestions(state="unavailable", encoder="", partner_cities=cities)
    base: dict[str, Any] = {
        "encoder": name,
        "partner_cities": cities,
        "can_give_feedback": permissions.role_in(viewer, organisation) is not None,
        "source_organisation": organisation,
    }
    if not cities:
        return Suggestions(state="no_partner", **base)
    source = _source_embedding(name, opportunity=opportunity)
    index = indexing.get_index(name, "opportunities") if source else None
    if source is None or index is None:
        enqueue_encoding_once("opportunity", opportunity.pk)
        return Suggestions(state="preparing", **base)
    similarity = _similarities(
        index, vector(source.vector), top_k=top_k, exclude=opportunity.pk
    )
    source_areas = list(
        Area.objects.filter(opportunities=opportunity).select_related("parent")
    )
    pool = (
        public_opportunities()
        .filter(organisation__city__in=cities)
        .exclude(pk=opportunity.pk)
    )
    candidates = list(
        pool.filter(pk__in=_candidate_ids(pool, similarity, source_areas, encoder=name))
        .prefetch_related(areas_prefetch())
        .order_by("pk")
    )
    source_profile = profile_with_areas(opportunity_profile(opportunity), source_areas)
    by_key = {f"opp:{c.pk}": c for c in candidates}
    feedback = feedback_map(organisation)
    scored = engine.score_candidates(
        source=source_profile,
        candidates=[opportunity_profile(c) for c in candidates],
        similarity={f"opp:{k}": v for k, v in similarity.items()},
        feedback=feedback,
        partner_city_ids=frozenset(city.pk for city in cities),
        now=timezone.now(),
        weights=engine.weights_for_encoder(name),
        top_k=top_k,
    )
    embeddings = {
        e.opportunity_id: e
        for e in Embedding.objects.filter(
            encoder=name, opportunity_id__in=[by_key[s.key].pk for s in scored]
        )
    }
    areas = area_map(source_areas, candidates)
    items = [
        _shown(
            suggestion,
            organisation=by_key[suggestion.key].organisation,
            opportunity=by_key[suggestion.key],
            source=source,
            candidate=embeddings.get(by_key[suggestion.key].pk),
            areas=areas,
            feedback=feedback,
            boilerplate=_boilerplate(embeddings.values()),
            candidates=list(embeddings.values()),
        )
        for suggestion in scored
    ]
    return Suggestions(state="ready", items=tuple(items), **base)


def _shown(
    suggestion: Any,
    *,
    organisation: Organisation,
    opportunity: Opportunity | None,
    source: Embedding,
    candidate: Embedding | None,
    areas: Mapping[str, Area],
    feedback: Mapping[str, int],
    boilerplate: frozenset[str] = frozenset(),
    candidates: Sequence[Embedding] = (),
) -> ShownSuggestion:
    """A scored suggestion with its reasons in words; the ``similar_text``
    reason gets the best-matching sentence pair."""
    pair = _pair(
        source,
        candidate,
        organisation,
        is_organisation=opportunity is None,
        boilerplate=boilerplate,
        bias=_hub_bias(source, candidates),
    )
    reasons = []
    for reason in suggestion.reasons:
        if reason.code == "similar_text" and pair is not None:
            reason = dataclasses.replace(
                reason,
                params={
                    **reason.params,
                    "source_sentence": pair.source,
                    "source_language": pair.source_language,
                    "candidate_sentence": pair.candidate,
                    "candidate_language": pair.candidate_language,
                    "sentence_similarity": pair.similarity,
                },
            )
        reasons.append(reason)
    return ShownSuggestion(
        key=suggestion.key,
        score=round(float(suggestion.score), 3),
        band=suggestion.band,
        band_label=band_label(suggestion.band),
        reasons=shown_reasons(reasons, areas),
        pair=pair,
        organisation=organisation,
        opportunity=opportunity,
        feedback=feedback_value(feedback.get(suggestion.key)),
    )
