"""Suggested partners with their reasons, read from the stored encodings.

Suggestions show public data only and never encode anything: a profile not yet
encoded gets ``state == "preparing"`` and its encoding is queued.  The number
of queries does not depend on the number of suggestions.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.accounts import permissions
from tandem.directory.models import Opportunity, Organisation
from tandem.directory.selectors import public_opportunities, public_organisations
from tandem.i18n import current_language
from tandem.matching import engine, explain, indexing
from tandem.matching.explain import SentencePair
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
        f"org:{e.organisation_id}": e
        for e in Embedding.objects.filter(
            encoder=name,
            organisation_id__in=[by_key[s.key].pk for s in scored],
        )
    }
    items = _shown(
        scored,
        rows={s.key: (by_key[s.key], None) for s in scored},
        source=source,
        embeddings=embeddings,
        areas=area_map(source_areas, candidates),
        feedback=feedback,
    )
    return Suggestions(state="ready", items=items, **base)


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
        f"opp:{e.opportunity_id}": e
        for e in Embedding.objects.filter(
            encoder=name, opportunity_id__in=[by_key[s.key].pk for s in scored]
        )
    }
    items = _shown(
        scored,
        rows={s.key: (by_key[s.key].organisation, by_key[s.key]) for s in scored},
        source=source,
        embeddings=embeddings,
        areas=area_map(source_areas, candidates),
        feedback=feedback,
    )
    return Suggestions(state="ready", items=items, **base)


def _own_translation(organisation: Organisation) -> explain.Translation | None:
    """The organisation's own translation of its description into the reader's
    language, if it is not written in it."""
    language = current_language()
    if language == organisation.language:
        return None
    text = organisation.description_translations.get(language, "")
    return explain.Translation(text, language) if text else None


def _shown(
    scored: Sequence[engine.Suggestion],
    *,
    rows: Mapping[str, tuple[Organisation, Opportunity | None]],
    source: Embedding,
    embeddings: Mapping[str, Embedding],
    areas: Mapping[str, Area],
    feedback: Mapping[str, int],
) -> tuple[ShownSuggestion, ...]:
    """The scored suggestions with their reasons in words and their sentence
    pairs; organisations show their own translation of their sentence."""
    translations = {
        key: translation
        for key, (organisation, opportunity) in rows.items()
        if opportunity is None
        and (translation := _own_translation(organisation)) is not None
    }
    explained = explain.explain(
        scored,
        source=sentence_vectors(source),
        candidates={key: sentence_vectors(e) for key, e in embeddings.items()},
        translations=translations,
    )
    return tuple(
        ShownSuggestion(
            key=item.suggestion.key,
            score=round(float(item.suggestion.score), 3),
            band=item.suggestion.band,
            band_label=band_label(item.suggestion.band),
            reasons=shown_reasons(item.reasons, areas),
            pair=item.pair,
            organisation=rows[item.suggestion.key][0],
            opportunity=rows[item.suggestion.key][1],
            feedback=feedback_value(feedback.get(item.suggestion.key)),
        )
        for item in explained
    )
