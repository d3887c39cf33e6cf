"""Properties of the SQLite store: whatever batches arrive, in any order and with any repeats,
each distinct article is stored once, under one id, and what a failed batch held is not stored."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from samestory.ingest.article import Article
from samestory.store import open_store

# few ids and texts, so batches repeat articles within and across themselves
_article = st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(["one", "two", "three", " one "]))
_batches = st.lists(st.tuples(st.lists(_article, max_size=6), st.booleans()), max_size=8)


@settings(max_examples=40, deadline=None)
@given(_batches)
def test_count_is_the_number_of_distinct_articles_committed(batches):
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "s.db")) as store:
        committed: dict[tuple[str, str], int] = {}
        for batch, fails in batches:
            articles = [Article(id=i, text=t, title="T") for i, t in batch]
            try:
                with store.transaction():
                    results = store.add_articles(articles)
                    if fails:
                        raise KeyboardInterrupt
            except KeyboardInterrupt:
                continue
            earlier = set(committed)
            for (i, t), r in zip(batch, results):
                key = (i, t.strip())  # surrounding whitespace does not make another article
                assert r.status == ("duplicate" if key in earlier else "added")
                earlier.add(key)
                assert committed.setdefault(key, r.id) == r.id  # one id for ever
        assert store.count() == len(committed)
        assert sorted(a.id for a in store.iter_articles()) == sorted(committed.values())


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["<f4", ">f8", "<u8", "<u4", "|i1", "<c8"]),
    st.lists(st.integers(0, 5), max_size=3),
)
def test_any_array_reads_back_exactly(dtype, shape):
    rng = np.random.default_rng(len(shape))
    value = rng.integers(0, 100, size=shape).astype(dtype)
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "s.db")) as store:
        (r,) = store.add_articles([Article(id="x", text="text")])
        store.put_features("f", {r.id: value})
        got = store.get_features("f")[r.id]
        assert got.dtype == value.dtype and got.shape == value.shape and np.array_equal(got, value)
