"""An inverted index of fingerprints, and the document pairs that share enough of them.

Everything is numpy over plain arrays: postings are ``int64`` fingerprints beside ``int32``
document numbers, pairs are ``int64`` codes ``a * n_docs + b`` (``a < b``). Memory is bounded:
fingerprints are handled in buckets of their hash range (each bucket is sorted on its own), and
the pairs of each bucket are emitted in blocks of at most ``block_pairs`` codes, each counted
with ``np.unique`` before the next. Only the distinct pairs and their counts are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

BLOCK_PAIRS = 8_000_000  # pair codes emitted at once (64 MB); bounds the working memory
BUCKET_POSTINGS = 16_000_000  # postings sorted at once (about 200 MB with the argsort)

PairFilter = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (a, b) -> mask of pairs to keep


@dataclass(frozen=True, slots=True)
class Postings:
    """Fingerprint ``hashes[k]`` occurs in document ``docs[k]`` (each (hash, doc) once)."""

    hashes: np.ndarray  # int64
    docs: np.ndarray  # int32
    n_docs: int


@dataclass(frozen=True, slots=True)
class CandidatePairs:
    """Document pairs ``a[k] < b[k]`` sharing ``shared[k]`` fingerprints, ordered by (a, b)."""

    a: np.ndarray  # int32
    b: np.ndarray  # int32
    shared: np.ndarray  # int32

    def __len__(self) -> int:
        return len(self.a)

    def subset(self, mask: np.ndarray) -> CandidatePairs:
        return CandidatePairs(self.a[mask], self.b[mask], self.shared[mask])


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What the index saw: postings, fingerprints by document frequency, pairs emitted."""

    postings: int
    fingerprints: int  # distinct
    too_common: int  # fingerprints in more than max_df documents, dropped
    singletons: int  # fingerprints in one document only
    pair_codes: int  # (pair, fingerprint) incidences emitted
    pairs_sharing_any: int  # distinct pairs sharing at least one kept fingerprint (after filters)


def build_postings(fingerprints: Sequence[np.ndarray]) -> Postings:
    """Postings from each document's distinct fingerprints (document ``k`` is ``fingerprints[k]``)."""
    lengths = np.fromiter((len(f) for f in fingerprints), dtype=np.int64, count=len(fingerprints))
    hashes = np.concatenate(fingerprints).astype(np.int64, copy=False) if len(fingerprints) else np.zeros(0, np.int64)
    docs = np.repeat(np.arange(len(fingerprints), dtype=np.int32), lengths)
    return Postings(hashes, docs, len(fingerprints))


def _buckets(hashes: np.ndarray, per_bucket: int) -> tuple[int, np.ndarray | None]:
    """Split the postings by the top ``bits`` bits of their hash, about ``per_bucket`` in each:
    ``(bits, bucket of each posting)`` (``None`` when one bucket holds them all)."""
    bits = (max(1, -(-len(hashes) // per_bucket)) - 1).bit_length()
    if bits == 0:
        return 0, None
    top = np.empty(len(hashes), dtype=np.uint16)
    shift = np.uint64(64 - bits)
    step = 1 << 22  # a slice at a time, so no full-size uint64 temporary
    for k in range(0, len(hashes), step):
        top[k : k + step] = hashes[k : k + step].view(np.uint64) >> shift
    return bits, top


def _groups(hashes: np.ndarray, docs: np.ndarray, max_df: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int]:
    """Documents grouped by fingerprint: (docs sorted, group starts, group sizes) of the groups
    with 2..max_df documents, and the counts of dropped groups (too common, singletons)."""
    order = np.argsort(hashes, kind="stable")
    h = hashes[order]
    d = docs[order]
    if len(h) == 0:
        empty = np.zeros(0, np.int64)
        return d, empty, empty, 0, 0
    starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
    sizes = np.diff(np.r_[starts, len(h)])
    keep = (sizes >= 2) & (sizes <= max_df)
    return d, starts[keep], sizes[keep], int(np.count_nonzero(sizes > max_df)), int(np.count_nonzero(sizes == 1))


def _pair_blocks(
    docs: np.ndarray, starts: np.ndarray, sizes: np.ndarray, n_docs: int, block_pairs: int
) -> Iterator[np.ndarray]:
    """Pair codes of every two documents in each group, at most about ``block_pairs`` per block."""
    pending: list[np.ndarray] = []
    count = 0
    for size in np.unique(sizes):
        group_starts = starts[sizes == size]
        i, j = np.triu_indices(int(size), 1)
        per_group = len(i)
        step = max(1, block_pairs // per_group)
        for k in range(0, len(group_starts), step):
            s = group_starts[k : k + step, None]
            x = docs[s + i].ravel().astype(np.int64)
            y = docs[s + j].ravel().astype(np.int64)
            pending.append(np.minimum(x, y) * n_docs + np.maximum(x, y))
            count += len(x)
            if count >= block_pairs:
                yield np.concatenate(pending)
                pending, count = [], 0
    if pending:
        yield np.concatenate(pending)


def _merge(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Sum the counts of equal codes over several (sorted codes, counts) parts."""
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if len(parts) == 1:
        return parts[0]
    codes = np.concatenate([p[0] for p in parts])
    counts = np.concatenate([p[1] for p in parts])
    order = np.argsort(codes, kind="stable")
    codes, counts = codes[order], counts[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    return codes[starts], np.add.reduceat(counts, starts)


def candidate_pairs(
    postings: Postings,
    *,
    max_df: int,
    min_shared: int,
    keep: PairFilter | None = None,
    block_pairs: int = BLOCK_PAIRS,
    bucket_postings: int = BUCKET_POSTINGS,
) -> tuple[CandidatePairs, IndexStats]:
    """Pairs of documents sharing at least ``min_shared`` fingerprints held by 2..``max_df`` documents.

    ``keep(a, b)`` (the pair filters) runs on each block's distinct pairs before they are kept,
    so filtered pairs never take memory. Pure: the result depends only on the postings.
    """
    n_docs = postings.n_docs
    hashes, docs = postings.hashes, postings.docs
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    merged_size = 0
    too_common = singletons = emitted = distinct = 0
    bits, top = _buckets(hashes, bucket_postings)
    base = 0  # distinct pairs after the last merge
    for bucket in range(1 << bits):
        if top is None:
            bh, bd = hashes, docs
        else:
            sel = top == bucket
            bh, bd = hashes[sel], docs[sel]
        d, starts, sizes, common, single = _groups(bh, bd, max_df)
        distinct += len(starts) + common + single
        too_common += common
        singletons += single
        del bh, bd
        for codes in _pair_blocks(d, starts, sizes, n_docs, block_pairs):
            emitted += len(codes)
            u, c = np.unique(codes, return_counts=True)
            if keep is not None:
                m = keep((u // n_docs).astype(np.int32), (u % n_docs).astype(np.int32))
                u, c = u[m], c[m]
            parts.append((u, c))
            merged_size += len(u)
            # merge when the parts have grown past the last merge by as much again (geometric, so
            # the total merging work stays linear) and never hold much more than the pairs themselves
            if len(parts) > 1 and merged_size - base > max(base, block_pairs):
                parts = [_merge(parts)]
                merged_size = base = len(parts[0][0])
    codes, counts = _merge(parts)
    good = counts >= min_shared
    pairs = CandidatePairs(
        (codes[good] // n_docs).astype(np.int32),
        (codes[good] % n_docs).astype(np.int32),
        counts[good].astype(np.int32),
    )
    stats = IndexStats(
        postings=len(hashes),
        fingerprints=distinct,
        too_common=too_common,
        singletons=singletons,
        pair_codes=emitted,
        pairs_sharing_any=len(codes),
    )
    return pairs, stats
