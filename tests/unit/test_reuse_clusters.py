"""Clusters of the same passage: overlapping occurrences merge, earliest marked, stable numbering."""

from __future__ import annotations

import numpy as np

from samestory.candidates.filters import NO_DAY
from samestory.reuse.clusters import cluster_passages, components, doc_ranks, merge_overlaps
from samestory.reuse.passages import PairPassages


def _passages(rows: list[tuple[int, int, int, int, int, int]]) -> PairPassages:
    cols = list(zip(*rows)) if rows else [[]] * 6
    ints = [np.array(c, dtype=np.int32) for c in cols]
    return PairPassages(*ints, np.ones(len(rows)))


def _clusters_as_sets(c) -> list[set[tuple[int, int, int]]]:
    out: dict[int, set] = {}
    for k in range(len(c)):
        out.setdefault(int(c.cluster[k]), set()).add((int(c.doc[k]), int(c.begin[k]), int(c.end[k])))
    return [out[k] for k in sorted(out)]


def test_overlapping_occurrences_in_one_document_merge_touching_ones_do_not():
    doc = np.array([0, 0, 0, 1, 0])
    start = np.array([0, 50, 100, 0, 300])
    end = np.array([60, 90, 200, 10, 400])
    node, ndoc, nbegin, nend = merge_overlaps(doc, start, end)
    assert list(zip(ndoc.tolist(), nbegin.tolist(), nend.tolist())) == [
        (0, 0, 90),
        (0, 100, 200),
        (0, 300, 400),
        (1, 0, 10),
    ]
    assert node.tolist() == [0, 0, 1, 3, 2]
    node, *_ = merge_overlaps(np.array([0, 0]), np.array([0, 10]), np.array([10, 20]))
    assert node.tolist() == [0, 1]  # [0, 10) and [10, 20) share no character


def test_components_label_by_smallest_node_whatever_the_edge_order():
    x, y = np.array([3, 1, 4]), np.array([4, 3, 0])
    assert components(6, x, y).tolist() == [0, 0, 2, 0, 0, 5]
    assert components(6, y[::-1].copy(), x[::-1].copy()).tolist() == [0, 0, 2, 0, 0, 5]


def test_a_passage_chain_through_an_overlap_is_one_cluster():
    # 0-1 share a passage; 1-2 share one overlapping it in document 1; 3-4 share another
    p = _passages([(0, 1, 0, 100, 10, 110), (1, 2, 50, 150, 0, 100), (3, 4, 0, 80, 0, 80)])
    days = np.array([10, 12, 11, 5, 5], dtype=np.int32)
    c = cluster_passages(p, doc_ranks(days))
    assert _clusters_as_sets(c) == [{(3, 0, 80), (4, 0, 80)}, {(0, 0, 100), (1, 10, 150), (2, 0, 100)}]
    assert c.n_clusters == 2
    assert c.size.tolist() == [2, 2, 3, 3, 3]
    # earliest: document 3 (day 5, ties by id: 3 before 4); then document 0 (day 10) heads cluster 2
    assert c.earliest.tolist() == [True, False, True, False, False]
    assert c.doc.tolist() == [3, 4, 0, 2, 1]  # within a cluster by (day, id)


def test_undated_documents_come_after_dated_ones():
    p = _passages([(0, 1, 0, 50, 0, 50)])
    c = cluster_passages(p, doc_ranks(np.array([NO_DAY, 3], dtype=np.int32)))
    assert c.doc.tolist() == [1, 0] and c.earliest.tolist() == [True, False]


def test_numbering_does_not_depend_on_the_order_of_the_passages():
    rows = [(0, 1, 0, 100, 10, 110), (1, 2, 50, 150, 0, 100), (3, 4, 0, 80, 0, 80), (2, 5, 300, 400, 0, 90)]
    days = np.array([3, 1, 2, 9, 8, 7], dtype=np.int32)
    first = cluster_passages(_passages(rows), doc_ranks(days))
    again = cluster_passages(_passages(rows[::-1]), doc_ranks(days))
    for f in ("doc", "begin", "end", "cluster", "size", "earliest"):
        assert getattr(first, f).tolist() == getattr(again, f).tolist()


def test_no_passages_no_clusters():
    c = cluster_passages(PairPassages.empty(), doc_ranks(np.zeros(3, dtype=np.int32)))
    assert len(c) == 0 and c.n_clusters == 0
