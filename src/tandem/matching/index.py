"""Vector indexes: exact (numpy) and approximate (HNSW via usearch), one interface.

Vectors are L2-normalised float32 rows, so cosine similarity is a dot product.
Keys are non-negative int64 ids chosen by the caller (the Django layer uses the
primary key of the organisation or opportunity).

Persistence: ``save(path)`` writes the index atomically (temporary file in the
same directory, then ``os.replace``) and then bumps ``<path>.version``, an
integer in a text file. A server process that loaded the index calls
``reload_if_changed()`` (cheap: one small file read) before searching, so all
processes see the index a writer saved, without a server or a lock. Writers must
be serialised by the caller (one background worker rebuilding), which is how the
task queue runs them.

This module imports no Django.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Protocol, Self, runtime_checkable

import numpy as np
import numpy.typing as npt

__all__ = [
    "CorruptIndexError",
    "ExactIndex",
    "HnswIndex",
    "VectorIndex",
    "load_index",
    "make_index",
    "read_version",
]

FloatArray = npt.NDArray[np.float32]
KeyArray = npt.NDArray[np.int64]

#: Score given to empty result slots (their key is -1).
MISSING_SCORE = float("-inf")

#: HNSW defaults, measured with ``benchmarks/matching_speed.py`` (figures in
#: benchmarks/README.md): at 1,000,000 clustered vectors recall@10 0.957 with a
#: p95 of 1.8 ms (0.977 and 3.4 ms at expansion_search=128); connectivity 16
#: reached only 0.93 there, even at expansion_search=256.
#: ``connectivity`` (M): edges per node; more = better recall, more memory.
#: ``expansion_add`` (efConstruction): candidate list while building; more =
#: better graph, slower build. ``expansion_search`` (ef): candidate list while
#: searching; more = better recall, slower queries. Must be >= k.
HNSW_CONNECTIVITY = 32
HNSW_EXPANSION_ADD = 200
HNSW_EXPANSION_SEARCH = 64

Quantisation = Literal["f32", "f16", "i8"]


class CorruptIndexError(RuntimeError):
    """An index file is missing, truncated or not an index: rebuild it
    (``tandem manage matching_rebuild``)."""


@runtime_checkable
class VectorIndex(Protocol):
    """What every index offers; a server-based store can implement it later."""

    dim: int

    def __len__(self) -> int: ...

    def add(self, keys: npt.ArrayLike, vectors: npt.ArrayLike) -> None:
        """Insert rows; a key already present is replaced."""
        ...

    def remove(self, keys: npt.ArrayLike) -> None:
        """Delete keys; unknown keys are ignored."""
        ...

    def search(self, vectors: npt.ArrayLike, k: int) -> tuple[KeyArray, FloatArray]:
        """Top-``k`` per query row: keys (m, k) int64 and cosine scores (m, k)
        float32, best first; empty slots have key -1 and score -inf."""
        ...

    def save(self, path: str | os.PathLike[str]) -> None: ...

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Self: ...

    def reload_if_changed(self) -> bool: ...


# --- helpers -------------------------------------------------------------------


def _as_keys(keys: npt.ArrayLike) -> KeyArray:
    arr = np.asarray(keys, dtype=np.int64).reshape(-1)
    if arr.size and arr.min() < 0:
        raise ValueError("index keys must be non-negative")
    return arr


def _as_matrix(vectors: npt.ArrayLike, dim: int) -> FloatArray:
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim == 1:
        arr = arr.reshape(1, -1)
    if arr.ndim != 2 or arr.shape[1] != dim:
        raise ValueError(f"expected vectors of shape (n, {dim}), got {arr.shape}")
    return np.ascontiguousarray(arr)


def _version_path(path: Path) -> Path:
    return path.with_name(path.name + ".version")


def read_version(path: str | os.PathLike[str]) -> int:
    """The version number saved next to an index file (0 if there is none)."""
    try:
        return int(_version_path(Path(path)).read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def _atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp_path)`` then move the result over ``path`` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _bump_version(path: Path) -> int:
    version = read_version(path) + 1
    _atomic_write(_version_path(path), lambda tmp: tmp.write_text(f"{version}\n"))
    return version


def _pad_results(
    keys: list[KeyArray], scores: list[FloatArray], k: int
) -> tuple[KeyArray, FloatArray]:
    out_keys = np.full((len(keys), k), -1, dtype=np.int64)
    out_scores = np.full((len(keys), k), MISSING_SCORE, dtype=np.float32)
    for row, (key_row, score_row) in enumerate(zip(keys, scores, strict=True)):
        n = min(k, len(key_row))
        out_keys[row, :n] = key_row[:n]
        out_scores[row, :n] = score_row[:n]
    return out_keys, out_scores


# --- exact ---------------------------------------------------------------------


class ExactIndex:
    """Brute-force search with numpy: exact, no build time, fine to ~100,000 rows.

    Rows live in one contiguous float32 matrix; a query is one matrix product
    and an ``argpartition``. Saved as ``.npz`` (keys + vectors).
    """

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._keys: KeyArray = np.empty(0, dtype=np.int64)
        self._vectors: FloatArray = np.empty((0, dim), dtype=np.float32)
        self._rows: dict[int, int] = {}
        self._path: Path | None = None
        self._version = 0

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int | np.integer) and int(key) in self._rows

    @property
    def keys(self) -> KeyArray:
        return self._keys.copy()

    def add(self, keys: npt.ArrayLike, vectors: npt.ArrayLike) -> None:
        keys_arr = _as_keys(keys)
        matrix = _as_matrix(vectors, self.dim)
        if len(keys_arr) != len(matrix):
            raise ValueError("keys and vectors differ in length")
        # Last occurrence wins within one call, as with repeated single adds.
        latest: dict[int, int] = {int(key): i for i, key in enumerate(keys_arr)}
        new_keys: list[int] = []
        new_rows: list[int] = []
        for key, i in latest.items():
            row = self._rows.get(key)
            if row is None:
                new_keys.append(key)
                new_rows.append(i)
            else:
                self._vectors[row] = matrix[i]
        if new_keys:
            start = len(self._keys)
            self._keys = np.concatenate([self._keys, np.asarray(new_keys, np.int64)])
            self._vectors = np.concatenate([self._vectors, matrix[new_rows]])
            for offset, key in enumerate(new_keys):
                self._rows[key] = start + offset

    def remove(self, keys: npt.ArrayLike) -> None:
        doomed = {int(k) for k in _as_keys(keys)} & self._rows.keys()
        if not doomed:
            return
        keep = np.ones(len(self._keys), dtype=bool)
        keep[[self._rows[k] for k in doomed]] = False
        self._keys = self._keys[keep]
        self._vectors = np.ascontiguousarray(self._vectors[keep])
        self._rows = {int(key): row for row, key in enumerate(self._keys)}

    def search(self, vectors: npt.ArrayLike, k: int) -> tuple[KeyArray, FloatArray]:
        queries = _as_matrix(vectors, self.dim)
        if k <= 0:
            raise ValueError("k must be positive")
        n = len(self._keys)
        if n == 0:
            empty = [np.empty(0, np.int64)] * len(queries)
            return _pad_results(empty, [np.empty(0, np.float32)] * len(queries), k)
        sims = queries @ self._vectors.T  # (m, n)
        take = min(k, n)
        if take < n:
            part = np.argpartition(-sims, take - 1, axis=1)[:, :take]
        else:
            part = np.broadcast_to(np.arange(n), (len(queries), n))
        part_sims = np.take_along_axis(sims, part, axis=1)
        # Best first; equal scores by key so results do not depend on row order.
        part_keys = self._keys[part]
        order = np.lexsort((part_keys, -part_sims), axis=1)
        top_keys = np.take_along_axis(part_keys, order, axis=1)
        top_sims = np.take_along_axis(part_sims, order, axis=1).astype(np.float32)
        return _pad_results(list(top_keys), list(top_sims), k)

    def save(self, path: str | os.PathLike[str]) -> None:
        target = Path(path)

        def write(tmp: Path) -> None:
            buffer = io.BytesIO()
            np.savez(buffer, keys=self._keys, vectors=self._vectors)
            tmp.write_bytes(buffer.getvalue())

        _atomic_write(target, write)
        self._version = _bump_version(target)
        self._path = target

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Self:
        target = Path(path)
        version = read_version(target)
        try:
            with np.load(target, allow_pickle=False) as data:
                keys = np.asarray(data["keys"], dtype=np.int64)
                vectors = np.asarray(data["vectors"], dtype=np.float32)
        except FileNotFoundError as exc:
            raise CorruptIndexError(f"no index file at {target}; rebuild it") from exc
        except (OSError, ValueError, KeyError, EOFError) as exc:
            raise CorruptIndexError(f"unreadable index file {target}: {exc}") from exc
        if vectors.ndim != 2 or len(keys) != len(vectors):
            raise CorruptIndexError(f"inconsistent index file {target}")
        index = cls(int(vectors.shape[1]))
        index._keys = keys
        index._vectors = np.ascontiguousarray(vectors)
        index._rows = {int(key): row for row, key in enumerate(keys)}
        index._path = target
        index._version = version
        return index

    def reload_if_changed(self) -> bool:
        """Reload from the file last saved or loaded if another process saved a
        newer version. Returns True if it reloaded."""
        if self._path is None or read_version(self._path) == self._version:
            return False
        fresh = type(self).load(self._path)
        self.__dict__.update(fresh.__dict__)
        return True


# --- HNSW ----------------------------------------------------------------------


class HnswIndex:
    """Approximate nearest neighbours with usearch's HNSW graph (metric "cos").

    ``quantisation`` stores vectors as f32 (exact distances), f16 (half the
    memory, same recall in practice) or i8 (a quarter, small recall loss).
    ``load(path, view=True)`` memory-maps the file: several processes share the
    pages and start instantly. A viewed index is read-only in usearch; the first
    ``add``/``remove`` on it transparently loads a private, writable copy.
    """

    def __init__(
        self,
        dim: int,
        *,
        connectivity: int = HNSW_CONNECTIVITY,
        expansion_add: int = HNSW_EXPANSION_ADD,
        expansion_search: int = HNSW_EXPANSION_SEARCH,
        quantisation: Quantisation = "f32",
    ) -> None:
        from usearch.index import Index

        self.dim = dim
        self.quantisation: Quantisation = quantisation
        self._expansion_search = expansion_search
        # usearch's stubs mark expansion_search read-only; it has a setter.
        self._index: Any = Index(
            ndim=dim,
            metric="cos",
            dtype=quantisation,
            connectivity=connectivity,
            expansion_add=expansion_add,
            expansion_search=expansion_search,
        )
        self._viewed = False
        self._path: Path | None = None
        self._version = 0

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int | np.integer) and bool(
            self._index.contains(int(key))
        )

    @property
    def connectivity(self) -> int:
        return int(self._index.connectivity)

    @property
    def expansion_search(self) -> int:
        return int(self._index.expansion_search)

    @expansion_search.setter
    def expansion_search(self, value: int) -> None:
        self._expansion_search = value
        self._index.expansion_search = value

    @property
    def memory_usage(self) -> int:
        """Bytes held by the graph and vectors (usearch's own count)."""
        return int(self._index.memory_usage)

    def _ensure_writable(self) -> None:
        if not self._viewed:
            return
        from usearch.index import Index

        # Writing into a memory-mapped usearch index crashes the process; copy.
        assert self._path is not None
        restored: Any = Index.restore(str(self._path), view=False)
        if restored is None:
            raise CorruptIndexError(f"unreadable index file {self._path}")
        restored.expansion_search = self._expansion_search
        self._index = restored
        self._viewed = False

    def add(self, keys: npt.ArrayLike, vectors: npt.ArrayLike) -> None:
        keys_arr = _as_keys(keys)
        matrix = _as_matrix(vectors, self.dim)
        if len(keys_arr) != len(matrix):
            raise ValueError("keys and vectors differ in length")
        if not len(keys_arr):
            return
        self._ensure_writable()
        # usearch refuses duplicate keys: keep the last row per key, drop old rows.
        _, last = np.unique(keys_arr[::-1], return_index=True)
        rows = np.sort(len(keys_arr) - 1 - last)
        keys_arr, matrix = keys_arr[rows], matrix[rows]
        ukeys = keys_arr.astype(np.uint64)
        present = np.asarray(self._index.contains(ukeys), dtype=bool).reshape(-1)
        if present.any():
            self._index.remove(ukeys[present])
        self._index.add(ukeys, matrix)

    def remove(self, keys: npt.ArrayLike) -> None:
        ukeys = _as_keys(keys).astype(np.uint64)
        if not len(ukeys):
            return
        self._ensure_writable()
        present = np.asarray(self._index.contains(ukeys), dtype=bool).reshape(-1)
        if present.any():
            self._index.remove(ukeys[present])

    def search(self, vectors: npt.ArrayLike, k: int) -> tuple[KeyArray, FloatArray]:
        queries = _as_matrix(vectors, self.dim)
        if k <= 0:
            raise ValueError("k must be positive")
        if len(self._index) == 0:
            empty = [np.empty(0, np.int64)] * len(queries)
            return _pad_results(empty, [np.empty(0, np.float32)] * len(queries), k)
        if self._index.expansion_search < k:
            self._index.expansion_search = k
        matches = self._index.search(queries, k)
        raw_keys = np.asarray(matches.keys).reshape(len(queries), -1)
        raw_dist = np.asarray(matches.distances).reshape(len(queries), -1)
        if hasattr(matches, "counts"):
            counts = np.asarray(matches.counts).reshape(-1)
        else:  # one query row: usearch returns a single ``Matches``
            counts = np.asarray([len(matches.keys)])
        keys = [raw_keys[i, : counts[i]].astype(np.int64) for i in range(len(queries))]
        scores = [
            (1.0 - raw_dist[i, : counts[i]]).astype(np.float32)
            for i in range(len(queries))
        ]
        return _pad_results(keys, scores, k)

    def save(self, path: str | os.PathLike[str]) -> None:
        target = Path(path)
        _atomic_write(target, lambda tmp: self._index.save(str(tmp)))
        self._version = _bump_version(target)
        self._path = target

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        *,
        view: bool = True,
        expansion_search: int = HNSW_EXPANSION_SEARCH,
    ) -> Self:
        from usearch.index import Index

        target = Path(path)
        version = read_version(target)
        if not target.exists():
            raise CorruptIndexError(f"no index file at {target}; rebuild it")
        try:
            restored: Any = Index.restore(str(target), view=view)
        except (ValueError, RuntimeError, OSError) as exc:
            raise CorruptIndexError(f"unreadable index file {target}: {exc}") from exc
        if restored is None:
            raise CorruptIndexError(f"unreadable index file {target}")
        restored.expansion_search = expansion_search
        index = cls.__new__(cls)
        index.dim = int(restored.ndim)
        index.quantisation = str(restored.dtype).rsplit(".", 1)[-1].lower()  # type: ignore[assignment]  # usearch ScalarKind.F32 -> "f32"
        index._expansion_search = expansion_search
        index._index = restored
        index._viewed = view
        index._path = target
        index._version = version
        return index

    def reload_if_changed(self) -> bool:
        """Reload (memory-mapped again if it was) when another process saved a
        newer version. Returns True if it reloaded."""
        if self._path is None or read_version(self._path) == self._version:
            return False
        fresh = type(self).load(
            self._path, view=self._viewed, expansion_search=self._expansion_search
        )
        self.__dict__.update(fresh.__dict__)
        return True


# --- choosing ------------------------------------------------------------------


def make_index(dim: int, size: int, *, threshold: int = 20_000) -> VectorIndex:
    """An empty index suited to ``size`` vectors: exact below ``threshold``
    (exact results, no build cost), HNSW from there on."""
    if size < threshold:
        return ExactIndex(dim)
    return HnswIndex(dim)


def load_index(path: str | os.PathLike[str], *, view: bool = True) -> VectorIndex:
    """Load an index saved by either class, chosen by the file suffix
    (``.npz`` = exact, anything else = HNSW)."""
    if Path(path).suffix == ".npz":
        return ExactIndex.load(path)
    return HnswIndex.load(path, view=view)
