import numpy as np
import pytest

from tandem.matching.index import (
    CorruptIndexError,
    ExactIndex,
    HnswIndex,
    VectorIndex,
    load_index,
    make_index,
    read_version,
)

DIM = 16


def unit(rng, n):
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture
def data():
    rng = np.random.default_rng(7)
    return unit(rng, 300), unit(rng, 5)


@pytest.fixture(params=["exact", "hnsw"])
def index(request):
    return ExactIndex(DIM) if request.param == "exact" else HnswIndex(DIM)


def test_both_implement_the_protocol():
    assert isinstance(ExactIndex(DIM), VectorIndex)
    assert isinstance(HnswIndex(DIM), VectorIndex)


def _found(exact_keys, hnsw_keys):
    """The share of the exact nearest neighbours the graph found."""
    found = sum(
        len(set(e) & set(h)) for e, h in zip(exact_keys, hnsw_keys, strict=True)
    )
    return found / exact_keys.size


def test_hnsw_on_small_data_gives_true_cosines_and_the_nearest_rows(data):
    # HNSW is approximate, and usearch builds the graph with several threads:
    # a true neighbour may be missed now and then (1 or 2 of 25 in about 8 %
    # of builds here), never a wrong score.
    vectors, queries = data
    exact, hnsw = ExactIndex(DIM), HnswIndex(DIM)
    exact.add(np.arange(300), vectors)
    hnsw.add(np.arange(300), vectors)
    exact_keys, _ = exact.search(queries, 5)
    hnsw_keys, hnsw_scores = hnsw.search(queries, 5)
    true_scores = np.array(
        [
            [q @ vectors[k] for k in row]
            for q, row in zip(queries, hnsw_keys, strict=True)
        ]
    )
    np.testing.assert_allclose(hnsw_scores, true_scores, atol=1e-4)
    assert _found(exact_keys, hnsw_keys) >= 0.88


def test_hnsw_with_default_settings_finds_nearly_every_nearest_neighbour():
    rng = np.random.default_rng(11)
    vectors, queries = unit(rng, 2000), unit(rng, 50)
    exact, hnsw = ExactIndex(DIM), HnswIndex(DIM)
    exact.add(np.arange(2000), vectors)
    hnsw.add(np.arange(2000), vectors)
    exact_keys, _ = exact.search(queries, 10)
    hnsw_keys, _ = hnsw.search(queries, 10)
    # 0.99 to 1.0 here; a search one node wide finds 0.93.
    assert _found(exact_keys, hnsw_keys) >= 0.97


def test_search_scores_are_cosines_best_first(index, data):
    vectors, _ = data
    index.add(np.arange(300), vectors)
    keys, scores = index.search(vectors[42], 3)
    assert keys[0, 0] == 42
    assert scores[0, 0] == pytest.approx(1.0, abs=1e-4)
    assert list(scores[0]) == sorted(scores[0], reverse=True)


def test_missing_slots_are_minus_one(index, data):
    vectors, queries = data
    index.add([10, 11], vectors[:2])
    keys, scores = index.search(queries[:1], 4)
    assert sorted(keys[0, :2].tolist()) == [10, 11]
    assert keys[0, 2:].tolist() == [-1, -1]
    assert np.isneginf(scores[0, 2:]).all()


def test_empty_index_search(index):
    keys, scores = index.search(np.ones((2, DIM), dtype=np.float32), 3)
    assert keys.shape == (2, 3)
    assert (keys == -1).all()
    assert np.isneginf(scores).all()


def test_add_replaces_existing_key(index, data):
    vectors, _ = data
    index.add([1, 2], vectors[:2])
    index.add([1], vectors[5:6])
    assert len(index) == 2
    keys, scores = index.search(vectors[5], 1)
    assert keys[0, 0] == 1
    assert scores[0, 0] == pytest.approx(1.0, abs=1e-4)


def test_add_duplicate_keys_in_one_call_keeps_last(index, data):
    vectors, _ = data
    index.add([3, 3], vectors[:2])
    assert len(index) == 1
    assert index.search(vectors[1], 1)[0][0, 0] == 3
    assert index.search(vectors[1], 1)[1][0, 0] == pytest.approx(1.0, abs=1e-4)


def test_remove(index, data):
    vectors, _ = data
    index.add(np.arange(10), vectors[:10])
    index.remove([4, 999])
    assert len(index) == 9
    keys, _ = index.search(vectors[4], 9)
    assert 4 not in keys[0].tolist()


def test_rejects_wrong_dimension_and_negative_keys(index):
    with pytest.raises(ValueError):
        index.add([1], np.ones((1, DIM + 1), dtype=np.float32))
    with pytest.raises(ValueError):
        index.add([-1], np.ones((1, DIM), dtype=np.float32))


@pytest.mark.parametrize(
    ("cls", "name"), [(ExactIndex, "idx.npz"), (HnswIndex, "idx.usearch")]
)
def test_save_load_round_trip(tmp_path, data, cls, name):
    vectors, queries = data
    index = cls(DIM)
    index.add(np.arange(100, 400), vectors)
    index.save(tmp_path / name)
    loaded = load_index(tmp_path / name)
    assert isinstance(loaded, cls)
    assert len(loaded) == 300
    assert loaded.dim == DIM
    np.testing.assert_array_equal(
        loaded.search(queries, 5)[0], index.search(queries, 5)[0]
    )


@pytest.mark.parametrize(
    ("cls", "name"), [(ExactIndex, "idx.npz"), (HnswIndex, "idx.usearch")]
)
def test_version_bump_makes_readers_reload(tmp_path, data, cls, name):
    vectors, _ = data
    path = tmp_path / name
    writer = cls(DIM)
    writer.add([1], vectors[:1])
    writer.save(path)
    assert read_version(path) == 1
    reader = load_index(path)
    assert reader.reload_if_changed() is False

    writer.add([2], vectors[1:2])
    writer.save(path)
    assert read_version(path) == 2
    assert reader.reload_if_changed() is True
    assert len(reader) == 2
    assert reader.reload_if_changed() is False


def test_hnsw_viewed_index_becomes_writable_on_add(tmp_path, data):
    vectors, _ = data
    path = tmp_path / "idx.usearch"
    index = HnswIndex(DIM)
    index.add(np.arange(10), vectors[:10])
    index.save(path)
    viewed = HnswIndex.load(path, view=True)
    viewed.add([50], vectors[50:51])
    viewed.remove([0])
    assert len(viewed) == 10
    assert viewed.search(vectors[50], 1)[0][0, 0] == 50


@pytest.mark.parametrize("name", ["idx.npz", "idx.usearch"])
def test_corrupt_or_missing_file_raises_clear_error(tmp_path, name):
    path = tmp_path / name
    with pytest.raises(CorruptIndexError):
        load_index(path)
    path.write_bytes(b"not an index" * 10)
    with pytest.raises(CorruptIndexError):
        load_index(path)


def test_make_index_switches_at_threshold():
    assert isinstance(make_index(DIM, 10), ExactIndex)
    assert isinstance(make_index(DIM, 20_000), HnswIndex)
    assert isinstance(make_index(DIM, 50, threshold=10), HnswIndex)
