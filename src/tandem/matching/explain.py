"""Explaining suggestions, on plain data: the sentence pair shown with a
suggestion, and reason parameters fit for JSON.

The engine scores; this module picks, for each suggestion shown, the pair of
sentences (one of the source, one of the candidate) that says best why they
fit, with the candidate's own translation of its sentence when it has one.
Two corrections keep the pair telling:

- **boilerplate**: a sentence found in two or more of the candidates (a legal
  notice, the demo's "fictional example") would match everything; it is left
  out when the candidate has other sentences;
- **hub bias**: a source sentence close to everything (a "hub") says little;
  with three candidates or more, pairs are ranked by how much closer they are
  than that sentence's mean similarity to all the candidates' sentences.

This module imports no Django.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from tandem.matching.engine import (
    Reason,
    SentenceVectors,
    Suggestion,
    best_sentence_pair,
)
from tandem.matching.text import split_sentences

__all__ = [
    "Explained",
    "SentencePair",
    "Translation",
    "boilerplate",
    "explain",
    "hub_bias",
    "plain",
    "sentence_pair",
    "translated_sentence",
]

# A translation shown whole when its sentences do not line up is cut here.
TRANSLATION_MAX = 300


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
class Translation:
    """A candidate's own translation of its whole text into the reader's language."""

    text: str
    language: str


@dataclass(frozen=True)
class Explained:
    """A suggestion with its reasons, ``similar_text`` carrying the pair."""

    suggestion: Suggestion
    reasons: tuple[Reason, ...]
    pair: SentencePair | None


def boilerplate(profiles: Iterable[SentenceVectors]) -> frozenset[str]:
    """The sentences found in two profiles or more."""
    counts = Counter(sentence for p in profiles for sentence in set(p.sentences))
    return frozenset(sentence for sentence, n in counts.items() if n >= 2)


def hub_bias(
    source: SentenceVectors, candidates: Sequence[SentenceVectors]
) -> npt.NDArray[np.float32] | None:
    """Each source sentence's mean similarity to the candidates' sentences;
    None under three candidates, where a mean says little."""
    texts = [c.vectors for c in candidates if c.sentences]
    if len(candidates) < 3 or not source.sentences or not texts:
        return None
    bias: npt.NDArray[np.float32] = np.asarray(
        source.vectors @ np.vstack(texts).T
    ).mean(axis=1)
    return bias


def translated_sentence(
    translation: Translation, index: int, sentences: Sequence[str]
) -> str:
    """The translation of the candidate's sentence ``index`` (of ``sentences``):
    the translated sentence at the same position when both versions have as
    many sentences, else the start of the whole translation."""
    translated = split_sentences(translation.text, translation.language)
    if len(translated) == len(sentences) and index < len(translated):
        return translated[index]
    text = translation.text
    if len(text) <= TRANSLATION_MAX:
        return text
    return text[: TRANSLATION_MAX - 3].rstrip() + "…"


def sentence_pair(
    source: SentenceVectors,
    candidate: SentenceVectors,
    *,
    skip: frozenset[str] = frozenset(),
    bias: npt.NDArray[np.float32] | None = None,
    translation: Translation | None = None,
) -> SentencePair | None:
    """The best pair of a source and a candidate sentence, leaving out the
    candidate's sentences in ``skip`` while others remain and correcting by
    ``bias`` (``hub_bias``) when it has one value per source sentence; None
    when a side has no sentence."""
    if not source.sentences or not candidate.sentences:
        return None
    rows = [n for n, text in enumerate(candidate.sentences) if text not in skip]
    rows = rows or list(range(len(candidate.sentences)))
    candidate_vectors = candidate.vectors[rows]
    if bias is not None and len(bias) == len(source.sentences):
        sims = source.vectors @ candidate_vectors.T - bias[:, None]
        i, k = divmod(int(np.argmax(sims)), sims.shape[1])
        similarity = float(source.vectors[i] @ candidate_vectors[k])
    else:
        i, k, similarity = best_sentence_pair(
            source.sentences,
            source.vectors,
            [candidate.sentences[n] for n in rows],
            candidate_vectors,
        )
    j = rows[k]
    return SentencePair(
        source=source.sentences[i],
        source_language=source.language,
        candidate=candidate.sentences[j],
        candidate_language=candidate.language,
        similarity=round(similarity, 3),
        translation=(
            translated_sentence(translation, j, candidate.sentences)
            if translation
            else ""
        ),
        translation_language=translation.language if translation else "",
    )


def _with_pair(
    reasons: Iterable[Reason], pair: SentencePair | None
) -> tuple[Reason, ...]:
    if pair is None:
        return tuple(reasons)
    sentences = {
        "source_sentence": pair.source,
        "source_language": pair.source_language,
        "candidate_sentence": pair.candidate,
        "candidate_language": pair.candidate_language,
        "sentence_similarity": pair.similarity,
    }
    return tuple(
        replace(reason, params={**reason.params, **sentences})
        if reason.code == "similar_text"
        else reason
        for reason in reasons
    )


def explain(
    suggestions: Sequence[Suggestion],
    *,
    source: SentenceVectors,
    candidates: Mapping[str, SentenceVectors],
    translations: Mapping[str, Translation] | None = None,
) -> list[Explained]:
    """The suggestions with their sentence pairs: ``candidates`` holds the
    sentences of the suggested candidates that have them (by key, the
    boilerplate and the hub bias are taken over them all, in their order);
    ``translations``, the candidates' own translations for the reader."""
    shown = list(candidates.values())
    skip = boilerplate(shown)
    bias = hub_bias(source, shown)
    explained = []
    for suggestion in suggestions:
        candidate = candidates.get(suggestion.key)
        pair = (
            sentence_pair(
                source,
                candidate,
                skip=skip,
                bias=bias,
                translation=(translations or {}).get(suggestion.key),
            )
            if candidate is not None
            else None
        )
        reasons = _with_pair(suggestion.reasons, pair)
        explained.append(Explained(suggestion=suggestion, reasons=reasons, pair=pair))
    return explained


def plain(value: Any) -> Any:
    """Reason parameters as JSON-friendly values (tuples, sets and numpy numbers)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    if isinstance(value, np.generic):
        return value.item()
    return value
