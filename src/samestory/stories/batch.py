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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from samestory.config import StoriesConfig
from samestory.stories.base import clusterers, founder_labels
from samestory.stories.features import ArticleFeatures, DocumentFrequencies

COMMON_DF = 0.05  # share of articles above which a term proposes no candidates...
COMMON_MIN = 100  # ...once it is in more than this many (small sets are searched exactly)
BLOCK = 512  # rows multiplied at once (bounds the dense block of scores)
MIN_EDGE = 0.05  # similarities below this are left out of the graph
SCORE_CHUNK = 1 << 18  # candidate pairs scored at once (read when called: tests make it small)


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


@dataclass(frozen=True, slots=True, eq=False)
class NeighbourSearch:
    """What a block of rows needs to find its neighbours: the unit TF-IDF rows ``x``, the same
    cut to their telling terms (``xq``, and transposed ``xqt``), the title+lead vectors ``emb``
    (or ``None``) blended at ``embed_weight``, and ``k``, the neighbours wanted. Read-only, so
    engines can share it."""

    x: object
    xq: object
    xqt: object
    emb: np.ndarray | None
    embed_weight: float
    k: int

    @property
    def n(self) -> int:
        return self.x.shape[0]


def neighbour_search(
    features: Sequence[ArticleFeatures], config: StoriesConfig, df: DocumentFrequencies | None = None
) -> NeighbourSearch:
    """The matrices of the neighbour search, weighed with ``df`` (the set's own by default)."""
    n = len(features)
    if df is None:
        df = DocumentFrequencies(config.hash_bits)
        df.add_many([f.terms for f in features])
    x = tfidf_matrix(features, df)
    common = df.df > max(COMMON_MIN, COMMON_DF * n)
    xq = x.copy()
    xq.data[common[xq.indices]] = 0.0
    xq.eliminate_zeros()
    return NeighbourSearch(
        x=x, xq=xq, xqt=xq.T.tocsr(), emb=_embeddings(features), embed_weight=config.embed_weight, k=config.neighbours
    )


def blocks(n: int) -> list[tuple[int, int]]:
    """Row ranges searched at once, in order."""
    return [(start, min(n, start + BLOCK)) for start in range(0, n, BLOCK)]


def block_candidates(search: NeighbourSearch, bounds: tuple[int, int]) -> np.ndarray:
    """The candidate pairs of the rows in ``bounds``, as sorted distinct codes ``a * n + b``
    (``a < b``). Pure: every engine runs it on the same blocks."""
    start, stop = bounds
    k = search.k
    rows = np.arange(start, stop)
    approx = (search.xq[start:stop] @ search.xqt).toarray()
    approx[rows - start, rows] = -1.0
    cols = _top_k(approx, 2 * k)
    ok = np.take_along_axis(approx, cols, 1) > 0
    a_parts = [np.repeat(rows, cols.shape[1])[ok.ravel()]]
    b_parts = [cols.ravel()[ok.ravel()]]
    emb = search.emb
    if emb is not None:
        dense = emb[start:stop] @ emb.T
        dense[rows - start, rows] = -1.0
        cols = _top_k(dense, k)
        a_parts.append(np.repeat(rows, cols.shape[1]))
        b_parts.append(cols.ravel())
    a, b = np.concatenate(a_parts).astype(np.int64), np.concatenate(b_parts).astype(np.int64)
    a, b = np.minimum(a, b), np.maximum(a, b)
    keep = a != b
    return np.unique(a[keep] * search.n + b[keep])


def score_pairs(search: NeighbourSearch, codes: np.ndarray) -> np.ndarray:
    """The similarity of each pair ``a * n + b`` in ``codes``: the exact TF-IDF cosine, blended
    with the vectors' at ``embed_weight``. Pure, and per pair: the chunking changes nothing."""
    a, b = codes // search.n, codes % search.n
    x, emb = search.x, search.emb
    sim = np.asarray(x[a].multiply(x[b]).sum(axis=1), dtype=np.float64).ravel()
    if emb is not None:
        w = search.embed_weight
        sim = (1.0 - w) * sim + w * np.einsum("ij,ij->i", emb[a], emb[b]).astype(np.float64)
    return sim


def score_chunks(codes: np.ndarray) -> list[np.ndarray]:
    """``codes`` cut into the pieces scored at once (bounds the sparse products' memory)."""
    return [codes[i : i + SCORE_CHUNK] for i in range(0, len(codes), SCORE_CHUNK)]


def join_edges(
    codes: np.ndarray, sim: np.ndarray, features: Sequence[ArticleFeatures], config: StoriesConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges ``(a, b, similarity)`` of the scored pairs (sorted distinct ``codes``) with the
    near-duplicates added, each pair once, sorted by ``(a, b)``, the weak ones left out."""
    n = len(features)
    da, db, dsim = _near_duplicates(features, config)
    a = np.concatenate([codes // n, da]).astype(np.int64)
    b = np.concatenate([codes % n, db]).astype(np.int64)
    sim = np.concatenate([sim, dsim]).astype(np.float64)
    codes = a * n + b
    # a near-duplicate's 1.0 wins over the pair's similarity
    order = np.lexsort((-sim, codes))
    first = np.r_[True, codes[order][1:] != codes[order][:-1]] if len(order) else np.zeros(0, bool)
    a, b, sim = a[order][first], b[order][first], sim[order][first]
    keep = sim >= MIN_EDGE
    return a[keep], b[keep], sim[keep]


def candidates(parts: Sequence[np.ndarray]) -> np.ndarray:
    """The blocks' candidate codes, each pair once (two rows may propose each other)."""
    return np.unique(np.concatenate([*parts, np.zeros(0, np.int64)]))


def knn_edges(
    features: Sequence[ArticleFeatures], config: StoriesConfig, df: DocumentFrequencies | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges ``(a, b, similarity)`` with ``a < b``: each article to its nearest neighbours."""
    search = neighbour_search(features, config, df)
    codes = candidates([block_candidates(search, bounds) for bounds in blocks(len(features))])
    sim = np.concatenate([np.zeros(0), *(score_pairs(search, chunk) for chunk in score_chunks(codes))])
    return join_edges(codes, sim, features, config)


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


@dataclass(frozen=True, slots=True, eq=False)
class Component:
    """Articles average link may merge (``nodes``, ascending) and the edges among them, with
    ``a``/``b`` indexing ``nodes``, in the order of the whole graph's edges."""

    nodes: np.ndarray
    a: np.ndarray
    b: np.ndarray
    sim: np.ndarray
    threshold: float


def link_components(n: int, a: np.ndarray, b: np.ndarray, sim: np.ndarray, threshold: float) -> list[Component]:
    """The graph cut into parts that merge independently: two clusters whose every edge is below
    ``threshold`` never reach it on average, so merges stay within the components of the edges
    that reach it. Articles alone in theirs are left out."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    strong = sim >= threshold
    graph = coo_matrix((np.ones(int(strong.sum()), np.int8), (a[strong], b[strong])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    sizes = np.bincount(label)
    by_label = np.argsort(label, kind="stable")  # each component's nodes ascending
    starts = np.r_[0, np.cumsum(sizes)]
    inside = np.flatnonzero((label[a] == label[b]) & (sizes[label[a]] > 1))
    inside = inside[np.argsort(label[a[inside]], kind="stable")]  # grouped, graph order kept
    edge_starts = np.searchsorted(label[a[inside]], np.arange(len(sizes) + 1))
    out = []
    for c in np.flatnonzero(sizes > 1):
        nodes = by_label[starts[c] : starts[c + 1]]
        idx = inside[edge_starts[c] : edge_starts[c + 1]]
        out.append(
            Component(
                nodes=nodes,
                a=np.searchsorted(nodes, a[idx]),
                b=np.searchsorted(nodes, b[idx]),
                sim=sim[idx],
                threshold=threshold,
            )
        )
    out.sort(key=lambda comp: int(comp.nodes[0]))
    return out


def component_roots(component: Component) -> np.ndarray:
    """Average link within one component: each node's root, as an article index. Pure."""
    roots = average_link(len(component.nodes), component.a, component.b, component.sim, component.threshold)
    return component.nodes[np.asarray(roots, np.int64)]


def average_link_by_component(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    sim: np.ndarray,
    threshold: float,
    run: Callable[[list[Component]], Iterable[np.ndarray]] | None = None,
) -> list[int]:
    """What :func:`average_link` gives, computed component by component; ``run`` maps
    :func:`component_roots` over the components (in order), locally by default."""
    components = link_components(n, a, b, sim, threshold)
    results = run(components) if run is not None else map(component_roots, components)
    roots = np.arange(n)
    for component, r in zip(components, results, strict=True):
        roots[component.nodes] = r
    return roots.tolist()


@clusterers.register("batch")
class BatchClusterer:
    """Re-clusters a whole set at once (see the module docstring)."""

    name = "batch"

    def __init__(self, *, config: StoriesConfig | None = None) -> None:
        self.config = config or StoriesConfig()

    def cluster(self, features: Sequence[ArticleFeatures]) -> list[str]:
        if not features:
            return []
        if self.config.engine == "spark":
            from samestory.spark.stories import cluster_batch

            return cluster_batch(features, self.config)
        a, b, sim = knn_edges(features, self.config)
        roots = average_link_by_component(len(features), a, b, sim, self.config.threshold)
        return founder_labels([f.id for f in features], roots)
