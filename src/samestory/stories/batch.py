"""Batch story clustering: average-link agglomeration over a sparse nearest-neighbour graph.

The whole set is weighed with one idf, then each article's ``neighbours`` most similar articles
are found without scoring all pairs: a sparse product with the term matrix cut to its telling
terms (terms in more than ``COMMON_DF`` of the articles are left out, as their postings would
pair everything with everything) proposes candidates, which are scored exactly; embeddings add
their own nearest neighbours; MinHash LSH adds near-duplicates (scored 1). Clusters then merge
greedily by average link, the mean similarity over all cross pairs with pairs outside the graph
counted as 0, until no two clusters reach ``threshold``. Ties break by cluster number, so the
result depends only on the input order.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import numpy as np

from samestory.config import StoriesConfig
from samestory.stories.base import clusterers, founder_labels
from samestory.stories.features import ArticleFeatures, DocumentFrequencies

COMMON_DF = 0.05  # share of articles above which a term proposes no candidates...
COMMON_MIN = 100  # ...once it is in more than this many (small sets are searched exactly)
BLOCK = 512  # rows multiplied at once (bounds the dense block of scores)
MIN_EDGE = 0.05  # similarities below this are left out of the graph


def tfidf_matrix(features: Sequence[ArticleFeatures], df: DocumentFrequencies):
    """Unit TF-IDF rows of the articles as a SciPy CSR matrix."""
    from scipy.sparse import csr_matrix

    indptr = np.zeros(len(features) + 1, np.int64)
    indptr[1:] = np.cumsum([len(f.terms) for f in features])
    indices = np.concatenate([f.terms for f in features]) if features else np.zeros(0, np.int32)
    data = np.concatenate([df.weigh(f) for f in features]) if features else np.zeros(0, np.float32)
    return csr_matrix((data, indices, indptr), shape=(len(features), 1 << df.hash_bits))


def _top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Column indices of the ``k`` largest scores of each row (unordered)."""
    k = min(k, scores.shape[1])
    return np.argpartition(-scores, k - 1, axis=1)[:, :k]


def knn_edges(
    features: Sequence[ArticleFeatures], config: StoriesConfig, df: DocumentFrequencies | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges ``(a, b, similarity)`` with ``a < b``: each article to its nearest neighbours."""
    n = len(features)
    if df is None:
        df = DocumentFrequencies(config.hash_bits)
        df.add_many([f.terms for f in features])
    x = tfidf_matrix(features, df)
    common = df.df > max(COMMON_MIN, COMMON_DF * n)
    xq = x.copy()
    xq.data[common[xq.indices]] = 0.0
    xq.eliminate_zeros()
    xqt = xq.T.tocsr()
    k = config.neighbours
    emb = _embeddings(features)
    a_parts, b_parts = [], []
    for start in range(0, n, BLOCK):
        stop = min(n, start + BLOCK)
        rows = np.arange(start, stop)
        approx = (xq[start:stop] @ xqt).toarray()
        approx[rows - start, rows] = -1.0
        cols = _top_k(approx, 2 * k)
        ok = np.take_along_axis(approx, cols, 1) > 0
        a_parts.append(np.repeat(rows, cols.shape[1])[ok.ravel()])
        b_parts.append(cols.ravel()[ok.ravel()])
        if emb is not None:
            dense = emb[start:stop] @ emb.T
            dense[rows - start, rows] = -1.0
            cols = _top_k(dense, k)
            a_parts.append(np.repeat(rows, cols.shape[1]))
            b_parts.append(cols.ravel())
    a_parts.append(np.zeros(0, np.int64))
    b_parts.append(np.zeros(0, np.int64))
    a, b = np.concatenate(a_parts), np.concatenate(b_parts)
    a, b = np.minimum(a, b), np.maximum(a, b)
    keep = a != b
    codes = np.unique(a[keep].astype(np.int64) * n + b[keep])
    a, b = (codes // n).astype(np.int64), (codes % n).astype(np.int64)
    sim = np.asarray(x[a].multiply(x[b]).sum(axis=1)).ravel()
    if emb is not None:
        w = config.embed_weight
        sim = (1.0 - w) * sim + w * np.einsum("ij,ij->i", emb[a], emb[b])
    da, db, dsim = _near_duplicates(features, config)
    if len(da):
        a, b, sim = np.r_[a, da], np.r_[b, db], np.r_[sim, dsim]
        codes = a * n + b
        order = np.lexsort((-sim, codes))
        first = np.r_[True, codes[order][1:] != codes[order][:-1]]
        a, b, sim = a[order][first], b[order][first], sim[order][first]
    keep = sim >= MIN_EDGE
    return a[keep], b[keep], sim[keep]


def _embeddings(features: Sequence[ArticleFeatures]) -> np.ndarray | None:
    if not features or any(f.embedding is None for f in features):
        return None
    return np.stack([f.embedding for f in features]).astype(np.float32)


def _near_duplicates(features: Sequence[ArticleFeatures], config: StoriesConfig):
    """Pairs sharing a MinHash LSH band whose Jaccard estimate reaches ``near_duplicate`` (as 1.0)."""
    from samestory.stories.online import BANDS

    rows = config.num_perm // BANDS
    buckets: dict[bytes, list[int]] = {}
    for i, f in enumerate(features):
        if f.minhash is None:
            continue
        raw = f.minhash.tobytes()
        for band in range(BANDS):
            buckets.setdefault(bytes((band,)) + raw[4 * rows * band : 4 * rows * (band + 1)], []).append(i)
    pairs = set()
    for members in buckets.values():
        if 1 < len(members) <= 50:  # larger buckets are boilerplate, not reprints
            pairs.update((members[p], members[q]) for p in range(len(members)) for q in range(p + 1, len(members)))
    out = sorted(
        (a, b)
        for a, b in pairs
        if np.count_nonzero(features[a].minhash == features[b].minhash) >= config.near_duplicate * config.num_perm
    )
    a = np.array([p[0] for p in out], np.int64)
    b = np.array([p[1] for p in out], np.int64)
    return a, b, np.ones(len(out))


def average_link(n: int, a: np.ndarray, b: np.ndarray, sim: np.ndarray, threshold: float) -> list[int]:
    """Root of each of ``n`` items after average-link merging over the edges, down to ``threshold``.

    The link of two clusters is the sum of their edge similarities over the product of their
    sizes (absent edges count 0). The cluster that keeps its number is the one with the lower.
    """
    size = [1] * n
    nbr: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in zip(a.tolist(), b.tolist(), sim.tolist()):
        nbr[i][j] = nbr[i].get(j, 0.0) + s
        nbr[j][i] = nbr[j].get(i, 0.0) + s
    heap = [(-s, i, j) for i, j, s in zip(a.tolist(), b.tolist(), sim.tolist()) if s >= threshold]
    heapq.heapify(heap)
    alive = [True] * n
    parent = list(range(n))
    while heap:
        neg, i, j = heapq.heappop(heap)
        if not (alive[i] and alive[j]) or j not in nbr[i]:
            continue
        link = nbr[i][j] / (size[i] * size[j])
        if abs(link + neg) > 1e-12:  # stale entry: the pair was updated after it was pushed
            continue
        keep, gone = min(i, j), max(i, j)
        alive[gone] = False
        parent[gone] = keep
        del nbr[keep][gone]
        del nbr[gone][keep]
        for c, s in nbr[gone].items():
            del nbr[c][gone]
            nbr[keep][c] = nbr[keep].get(c, 0.0) + s
            nbr[c][keep] = nbr[keep][c]
        nbr[gone] = {}
        size[keep] += size[gone]
        for c, s in nbr[keep].items():
            link = s / (size[keep] * size[c])
            if link >= threshold:
                heapq.heappush(heap, (-link, min(keep, c), max(keep, c)))
    roots = []
    for i in range(n):
        r = i
        while parent[r] != r:
            r = parent[r]
        roots.append(r)
    return roots


@clusterers.register("batch")
class BatchClusterer:
    """Re-clusters a whole set at once (see the module docstring)."""

    name = "batch"

    def __init__(self, *, config: StoriesConfig | None = None) -> None:
        self.config = config or StoriesConfig()

    def cluster(self, features: Sequence[ArticleFeatures]) -> list[str]:
        if not features:
            return []
        a, b, sim = knn_edges(features, self.config)
        roots = average_link(len(features), a, b, sim, self.config.threshold)
        return founder_labels([f.id for f in features], roots)
