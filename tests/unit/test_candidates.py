"""Candidate pairs: stable fingerprints, the inverted index, pair filters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import numpy as np
import pytest

from samestory.candidates import (
    build_postings,
    candidate_pairs,
    doc_meta,
    ngram_hashes,
    pair_mask,
    text_fingerprints,
    winnow,
    word_hashes,
)

SHARED = (
    "The harbour authority said on Friday that the new ferry terminal would open in the spring "
    "after two years of delays caused by flooding and a shortage of steel."
)


def _filler(k: int, n: int = 60) -> str:
    # invented words, different for each k: no n-gram in common between two fillers
    return " ".join(f"w{k}x{i}" for i in range(n)) + "."


def test_word_hashes_are_pinned_across_platforms_and_releases():
    # These values are what every engine must compute; a change here changes every fingerprint.
    assert word_hashes(["hello", "world", "héllo"]).tolist() == [
        16800513211215748231,
        7211490416945318831,
        12885230326718632186,
    ]


def test_fingerprints_are_the_same_in_another_process_with_another_hash_seed():
    text = "Hervé Bar said the talks in Baku would resume. " * 5
    code = (
        "import json, sys; from samestory.candidates import text_fingerprints; "
        "print(json.dumps(text_fingerprints(sys.argv[1], n=5, window=4).tolist()))"
    )
    outs = []
    for seed in ("1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, env=env, check=True)
        outs.append(json.loads(r.stdout))
    assert outs[0] == outs[1] == text_fingerprints(text, n=5, window=4).tolist()


def test_fingerprints_fold_case_accents_and_apostrophes():
    a = text_fingerprints("HERVÉ Bar said the Élysée’s talks would resume", n=3, window=1)
    b = text_fingerprints("hervé bar said the elysee's talks would resume", n=3, window=1)
    assert a.dtype == np.int64 and len(a) > 0
    assert a.tolist() == b.tolist()


def test_fingerprints_are_sorted_distinct_and_empty_for_short_texts():
    f = text_fingerprints(SHARED + " " + SHARED, n=5, window=1)
    assert f.tolist() == sorted(set(f.tolist()))
    assert len(text_fingerprints("only four words here", n=5, window=1)) == 0
    assert len(text_fingerprints("", n=5, window=4)) == 0


def test_ngram_hashes_depend_on_word_order():
    w = word_hashes(["a", "b", "c"])
    assert ngram_hashes(w, 2)[0] != ngram_hashes(w[::-1].copy(), 2)[1]
    assert len(ngram_hashes(w, 4)) == 0


def test_winnowing_keeps_a_fingerprint_in_every_window():
    rng = np.random.default_rng(0)
    h = rng.integers(0, 2**63, 200).astype(np.uint64)
    kept = winnow(h, 4)
    for start in range(len(h) - 3):
        assert any(start <= k < start + 4 for k in kept)
    assert len(kept) < len(h) * 0.6
    assert winnow(h, 1).tolist() == list(range(200))


def test_a_shared_passage_yields_a_candidate_pair():
    texts = [_filler(0) + " " + SHARED, _filler(1), SHARED + " " + _filler(2), _filler(3)]
    fps = [text_fingerprints(t, n=5, window=4) for t in texts]
    pairs, stats = candidate_pairs(build_postings(fps), max_df=10, min_shared=3)
    assert list(zip(pairs.a.tolist(), pairs.b.tolist())) == [(0, 2)]
    assert pairs.shared[0] >= 3
    assert stats.pairs_sharing_any == 1 and stats.singletons > 0


def test_n_grams_in_more_than_max_df_documents_are_dropped():
    texts = [_filler(k, 30) + " " + SHARED for k in range(5)]
    postings = build_postings([text_fingerprints(t, n=5, window=1) for t in texts])
    pairs, stats = candidate_pairs(postings, max_df=4, min_shared=1)
    assert len(pairs) == 0 and stats.too_common > 0
    pairs, _ = candidate_pairs(postings, max_df=5, min_shared=1)
    assert len(pairs) == 10  # every two of the five


def test_min_shared_counts_distinct_n_grams():
    texts = [SHARED, SHARED]
    postings = build_postings([text_fingerprints(t, n=5, window=1) for t in texts])
    n = len(postings.hashes) // 2
    assert len(candidate_pairs(postings, max_df=10, min_shared=n)[0]) == 1
    assert len(candidate_pairs(postings, max_df=10, min_shared=n + 1)[0]) == 0


def test_blocked_counting_gives_the_same_pairs():
    rng = np.random.default_rng(1)
    fps = [np.unique(rng.integers(0, 400, 60)).astype(np.int64) for _ in range(40)]
    postings = build_postings(fps)
    whole, _ = candidate_pairs(postings, max_df=30, min_shared=2)
    blocked, _ = candidate_pairs(postings, max_df=30, min_shared=2, block_pairs=7, bucket_postings=50)
    assert len(whole) > 0
    for f in ("a", "b", "shared"):
        assert getattr(whole, f).tolist() == getattr(blocked, f).tolist()


def test_no_documents_no_pairs():
    pairs, stats = candidate_pairs(build_postings([]), max_df=10, min_shared=1)
    assert len(pairs) == 0 and stats.postings == 0


@pytest.fixture
def meta():
    return doc_meta(
        ["Reuters", "reuters", "AFP", None],
        [date(2024, 1, 1), date(2024, 1, 9), None, date(2024, 3, 1)],
        ["en", "en-GB", "fr", None],
    )


def test_filters_different_outlets(meta):
    a, b = np.array([0, 0, 0]), np.array([1, 2, 3])
    assert pair_mask(a, b, meta).tolist() == [True, True, True]
    # outlets compare case-insensitively; an unknown outlet never excludes a pair
    assert pair_mask(a, b, meta, different_outlets=True).tolist() == [False, True, True]


def test_filters_max_days(meta):
    a, b = np.array([0, 0, 0]), np.array([1, 2, 3])
    assert pair_mask(a, b, meta, max_days=8).tolist() == [True, True, False]
    assert pair_mask(a, b, meta, max_days=7).tolist() == [False, True, False]


def test_filters_same_language(meta):
    a, b = np.array([0, 0, 0]), np.array([1, 2, 3])
    assert pair_mask(a, b, meta, same_language=True).tolist() == [True, False, True]


def test_filters_run_inside_the_index():
    texts = [SHARED + " " + _filler(k) for k in range(3)]
    postings = build_postings([text_fingerprints(t, n=5, window=4) for t in texts])
    m = doc_meta(["x", "x", "y"], [None] * 3, [None] * 3)
    pairs, _ = candidate_pairs(
        postings, max_df=10, min_shared=1, keep=lambda a, b: pair_mask(a, b, m, different_outlets=True)
    )
    assert list(zip(pairs.a.tolist(), pairs.b.tolist())) == [(0, 2), (1, 2)]
