"""Clusters of the same passage: occurrences, merged where they overlap, joined by alignments.

Every aligned passage has two *occurrences*, ``(document, begin, end)`` on each side. In one
document, occurrences that overlap (share at least one character) are one *node*, spanning them
all; each aligned passage joins its two nodes, and the connected components (union-find) are the
clusters. In each cluster the *earliest* node is the one of the earliest document by
publication day (undated documents after dated ones; ties by id), then the smallest offset.
Clusters are numbered from 1 in the order of their earliest nodes, so numbering depends only on
the data, never on the order pairs were aligned in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from samestory.candidates.filters import NO_DAY
from samestory.reuse.passages import PairPassages


@dataclass(frozen=True, slots=True)
class Clusters:
    """Node ``k`` is ``begin[k]:end[k]`` of document ``doc[k]``, in cluster ``cluster[k]`` of
    ``size[k]`` nodes; ``earliest[k]`` marks its cluster's earliest node. Ordered by cluster,
    then (document rank, begin): each cluster's earliest node comes first."""

    doc: np.ndarray  # int32
    begin: np.ndarray  # int32
    end: np.ndarray  # int32
    cluster: np.ndarray  # int32, from 1
    size: np.ndarray  # int32
    earliest: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.doc)

    @property
    def n_clusters(self) -> int:
        return int(self.cluster.max()) if len(self.cluster) else 0


def merge_overlaps(doc: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, ...]:
    """Occurrences that overlap in the same document, merged.

    Returns ``(node of each occurrence, node doc, node begin, node end)``; nodes are ordered by
    (doc, begin) and disjoint within a document.
    """
    if len(doc) == 0:
        z = np.zeros(0, np.int32)
        return np.zeros(0, np.int64), z, z, z
    order = np.lexsort((end, start, doc))
    d, s, e = doc[order].astype(np.int64), start[order].astype(np.int64), end[order].astype(np.int64)
    span = int(e.max()) + 1
    # a running maximum of the ends, document by document: keys of a later document are larger
    reach = np.maximum.accumulate(d * span + e)
    new = np.ones(len(d), dtype=bool)
    new[1:] = d[1:] * span + s[1:] >= reach[:-1]
    node_sorted = np.cumsum(new) - 1
    first = np.flatnonzero(new)
    node = np.empty(len(d), dtype=np.int64)
    node[order] = node_sorted
    return (
        node,
        d[first].astype(np.int32),
        s[first].astype(np.int32),
        np.maximum.reduceat(e, first).astype(np.int32),
    )


def components(n_nodes: int, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The connected component of each node given edges ``x[k]``–``y[k]``: the smallest node of it."""
    parent = list(range(n_nodes))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]  # path halving
            i = parent[i]
        return i

    for i, j in zip(x.tolist(), y.tolist()):
        ri, rj = find(i), find(j)
        if ri != rj:
            # the smaller root wins, so the labels do not depend on the order of the edges
            if ri < rj:
                parent[rj] = ri
            else:
                parent[ri] = rj
    return np.fromiter((find(i) for i in range(n_nodes)), dtype=np.int64, count=n_nodes)


def cluster_passages(passages: PairPassages, doc_rank: np.ndarray) -> Clusters:
    """Clusters of the passages' occurrences; ``doc_rank[d]`` orders documents by (day, id).

    Pure: the same passages give the same clusters, numbered the same way.
    """
    p = len(passages)
    doc = np.concatenate([passages.a, passages.b])
    start = np.concatenate([passages.a_start, passages.b_start])
    end = np.concatenate([passages.a_end, passages.b_end])
    node, ndoc, nbegin, nend = merge_overlaps(doc, start, end)
    comp = components(len(ndoc), node[:p], node[p:])
    rank = doc_rank[ndoc].astype(np.int64)
    # each component's earliest node: smallest (rank, begin) within it
    by_comp = np.lexsort((nbegin, rank, comp))
    heads = by_comp[np.r_[True, comp[by_comp][1:] != comp[by_comp][:-1]]] if len(comp) else by_comp
    head_order = np.lexsort((nbegin[heads], rank[heads]))
    cluster_of_comp = np.zeros(len(ndoc), dtype=np.int64)
    cluster_of_comp[comp[heads[head_order]]] = np.arange(1, len(heads) + 1)
    cluster = cluster_of_comp[comp]
    sizes = np.bincount(cluster, minlength=len(heads) + 1)
    out = np.lexsort((nbegin, rank, cluster))
    earliest = np.zeros(len(ndoc), dtype=bool)
    earliest[heads] = True
    return Clusters(
        doc=ndoc[out],
        begin=nbegin[out],
        end=nend[out],
        cluster=cluster[out].astype(np.int32),
        size=sizes[cluster[out]].astype(np.int32),
        earliest=earliest[out],
    )


def doc_ranks(days: np.ndarray) -> np.ndarray:
    """Rank of each document by publication day (``NO_DAY`` last), ties by index (= by id)."""
    key = np.where(days == NO_DAY, np.iinfo(np.int32).max, days).astype(np.int64)
    order = np.lexsort((np.arange(len(days)), key))
    rank = np.empty(len(days), dtype=np.int64)
    rank[order] = np.arange(len(days))
    return rank
