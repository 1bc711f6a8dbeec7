"""Suggested partners with their reasons, read from the stored encodings.

One pipeline serves organisations and opportunities (``_suggestions``): the
partner cities, the source's stored vector, its neighbours in the index, the
candidates' profiles, the engine's scores and the explanations.  Only the kind
of profile (``ORGANISATIONS``, ``OPPORTUNITIES``), the source and the pool of
candidates differ.

Reading writes nothing: a profile whose encoding or index is missing gets
``state == "preparing"``; ``services.prepare_suggestions``, which the pages and
the API call first, queues what is missing.  Public data only; the number of
queries does not depend on the number of suggestions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Generic, Literal, TypeVar

import numpy as np
import numpy.typing as npt
from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import Viewer
from tandem.directory.models import Opportunity, Organisation
from tandem.directory.selectors import public_opportunities, public_organisations
from tandem.i18n import current_language
from tandem.matching import engine, explain, indexing
from tandem.matching.explain import SentencePair
from tandem.matching.index import VectorIndex
from tandem.matching.models import Embedding
from tandem.matching.permissions import can_give_feedback
from tandem.matching.reasons import ShownReason, band_label, shown_reasons
from tandem.matching.selectors.feedback import feedback_map, feedback_value
from tandem.matching.selectors.profiles import (
    area_map,
    opportunity_profile,
    opportunity_rows,
    organisation_profile,
    organisation_rows,
    sentence_vectors,
    vector,
)
from tandem.partnerships.models import Area, City
from tandem.partnerships.selectors import partner_cities

logger = logging.getLogger(__name__)

# Neighbours asked of the index before the partnership filter; the rest of the
# candidates come from shared areas.
NEIGHBOURS_MIN = 200
MAX_TOP = 50
#: With the lexical encoder, texts in different languages share few words, so
#: candidates that share an area join the nearest neighbours; capped so that a
#: request stays fast however large the directory grows.
AREA_CANDIDATES = 200

State = Literal["ready", "preparing", "no_partner", "unavailable"]
M = TypeVar("M", Organisation, Opportunity)


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


@dataclass(frozen=True)
class Kind(Generic[M]):
    """What differs between suggesting organisations and opportunities (the
    source and its candidates are of one kind)."""

    field: Literal["organisation", "opportunity"]  # the Embedding's
    index: indexing.Kind
    city: str  # the lookup of a row's city
    rows: Callable[[QuerySet[M]], QuerySet[M]]  # with what ``profile`` reads
    profile: Callable[[M], engine.Profile]
    shown: Callable[[M], tuple[Organisation, Opportunity | None]]


def _published_profile(organisation: Organisation) -> engine.Profile:
    opportunities = organisation.published_opportunities  # type: ignore[attr-defined]  # prefetched to_attr
    return organisation_profile(organisation, opportunities)


ORGANISATIONS = Kind[Organisation](
    field="organisation",
    index="organisations",
    city="city",
    rows=organisation_rows,
    profile=_published_profile,
    shown=lambda organisation: (organisation, None),
)
OPPORTUNITIES = Kind[Opportunity](
    field="opportunity",
    index="opportunities",
    city="organisation__city",
    rows=opportunity_rows,
    profile=opportunity_profile,
    shown=lambda opportunity: (opportunity.organisation, opportunity),
)


def suggestions_for_organisation(
    *,
    viewer: Viewer,
    organisation: Organisation,
    top_k: int = 10,
    public_only: bool = True,
) -> Suggestions:
    """Public organisations of the partner cities that fit ``organisation``
    (with ``public_only=False`` also those waiting for verification)."""
    return _suggestions(
        viewer=viewer,
        kind=ORGANISATIONS,
        source=organisation,
        organisation=organisation,
        pool=_candidate_organisations(public_only=public_only).exclude(
            pk=organisation.pk
        ),
        top_k=top_k,
    )


def suggestions_for_opportunity(
    *, viewer: Viewer, opportunity: Opportunity, top_k: int = 10
) -> Suggestions:
    """Public opportunities of the partner cities that fit ``opportunity``:
    offers for a request, requests for an offer, first."""
    return _suggestions(
        viewer=viewer,
        kind=OPPORTUNITIES,
        source=opportunity,
        organisation=opportunity.organisation,
        pool=public_opportunities().exclude(pk=opportunity.pk),
        top_k=top_k,
    )


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


def _suggestions(
    *,
    viewer: Viewer,
    kind: Kind[M],
    source: M,
    organisation: Organisation,
    pool: QuerySet[M],
    top_k: int,
) -> Suggestions:
    """The candidates of ``pool`` (without the source) in the partner cities
    of ``organisation`` (the source's) that fit ``source``, best first."""
    top_k = max(1, min(top_k, MAX_TOP))
    cities = tuple(partner_cities(city=organisation.city).order_by("slug"))
    name = _encoder_name()
    if name is None:
        return Suggestions(state="unavailable", encoder="", partner_cities=cities)
    result = Suggestions(
        state="no_partner",
        encoder=name,
        partner_cities=cities,
        can_give_feedback=can_give_feedback(viewer, organisation),
        source_organisation=organisation,
    )
    if not cities:
        return result
    of_source: dict[str, Organisation | Opportunity] = {kind.field: source}
    embedding = Embedding.objects.filter(encoder=name, **of_source).first()
    index = indexing.get_index(name, kind.index) if embedding else None
    if embedding is None or index is None:
        return replace(result, state="preparing")
    items = _ranked(
        kind,
        source,
        embedding=embedding,
        index=index,
        pool=pool.filter(**{f"{kind.city}__in": cities}),
        organisation=organisation,
        cities=cities,
        encoder=name,
        top_k=top_k,
    )
    return replace(result, state="ready", items=items)


def _ranked(
    kind: Kind[M],
    source: M,
    *,
    embedding: Embedding,
    index: VectorIndex,
    pool: QuerySet[M],
    organisation: Organisation,
    cities: Sequence[City],
    encoder: str,
    top_k: int,
) -> tuple[ShownSuggestion, ...]:
    """The source's neighbours in the index (and, for the lexical encoder,
    candidates sharing an area) among ``pool``, scored and explained."""
    similarity = _similarities(
        index, vector(embedding.vector), top_k=top_k, exclude=source.pk
    )
    source_row = kind.rows(type(source).objects.filter(pk=source.pk)).get()
    source_areas = list(source_row.areas.all())
    ids = _candidate_ids(pool, similarity, source_areas, encoder=encoder)
    candidates = list(kind.rows(pool.filter(pk__in=ids)).order_by("pk"))
    profiles = [kind.profile(candidate) for candidate in candidates]
    by_key = {p.key: c for p, c in zip(profiles, candidates, strict=True)}
    keys = {c.pk: key for key, c in by_key.items()}
    feedback = feedback_map(organisation)
    scored = engine.score_candidates(
        source=kind.profile(source_row),
        candidates=profiles,
        similarity={keys[pk]: value for pk, value in similarity.items() if pk in keys},
        feedback=feedback,
        partner_city_ids=frozenset(city.pk for city in cities),
        now=timezone.now(),
        weights=engine.weights_for_encoder(encoder),
        top_k=top_k,
    )
    return _shown(
        scored,
        rows={s.key: kind.shown(by_key[s.key]) for s in scored},
        source=embedding,
        embeddings=_embeddings(
            kind, encoder, {by_key[s.key].pk: s.key for s in scored}
        ),
        areas=area_map(source_areas, candidates),
        feedback=feedback,
    )


def _embeddings(
    kind: Kind[M], encoder: str, keys: Mapping[int, str]
) -> dict[str, Embedding]:
    """The stored encodings of the rows whose ids ``keys`` maps to engine keys,
    by key, in the order of the rows."""
    field = f"{kind.field}_id"
    rows = Embedding.objects.filter(encoder=encoder, **{f"{field}__in": list(keys)})
    return {keys[getattr(e, field)]: e for e in rows}


def _encoder_name() -> str | None:
    try:
        return indexing.encoder_name()
    except indexing.EncoderUnavailable:
        logger.exception("No encoder: suggestions are unavailable.")
        return None


def _similarities(
    index: VectorIndex,
    vector: npt.NDArray[np.float32],
    *,
    top_k: int,
    exclude: int,
) -> dict[int, float]:
    """The cosine of the nearest neighbours' vectors with ``vector``, by id."""
    k = min(len(index), max(NEIGHBOURS_MIN, top_k * 20))
    if k <= 0:
        return {}
    keys, scores = index.search(vector.reshape(1, -1), k)
    return {
        int(key): float(score)
        for key, score in zip(keys[0], scores[0], strict=True)
        if key >= 0 and key != exclude
    }


def _candidate_ids(
    pool: QuerySet[M],
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
