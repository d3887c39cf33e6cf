"""Clustering metrics for the stories benchmarks: NMI, ARI, B-cubed and pairwise P/R/F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def nmi(truth: Sequence, pred: Sequence) -> float:
    from sklearn.metrics import normalized_mutual_info_score

    return float(normalized_mutual_info_score(truth, pred))


def ari(truth: Sequence, pred: Sequence) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(truth, pred))


def bcubed(truth: Sequence, pred: Sequence) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998; Amigó et al. 2009)."""
    both = Counter(zip(truth, pred))
    t_size, p_size = Counter(truth), Counter(pred)
    n = len(truth)
    p = sum(c * c / p_size[pl] for (_, pl), c in both.items()) / n
    r = sum(c * c / t_size[tl] for (tl, _), c in both.items()) / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pair_prf(pred_pos: set, truth_pos: set) -> tuple[float, float, float]:
    tp = len(pred_pos & truth_pos)
    p = tp / len(pred_pos) if pred_pos else 0.0
    r = tp / len(truth_pos) if truth_pos else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def scores(truth: Sequence, pred: Sequence) -> dict[str, float]:
    bp, br, bf = bcubed(truth, pred)
    return {"NMI": nmi(truth, pred), "ARI": ari(truth, pred), "B3-P": bp, "B3-R": br, "B3-F1": bf, "k": len(set(pred))}


def tfidf_average_link(texts: Sequence[str], thresholds: Sequence[float]) -> dict[float, list[int]]:
    """Baseline: scikit-learn TF-IDF (sublinear tf), exact cosine over all pairs, SciPy average
    linkage cut at each cosine-similarity threshold."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    sim = (x @ x.T).toarray()
    np.clip(sim, 0.0, 1.0, out=sim)
    dist = 1.0 - sim
    del sim
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), "average")
    del dist
    return {t: fcluster(z, 1.0 - t, "distance").tolist() for t in thresholds}
