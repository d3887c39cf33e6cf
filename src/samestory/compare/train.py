"""Training and evaluating the seven-dimension scorer on SemEval-2022 Task 8 pairs.

Used by ``scripts/train_scorer.py`` (which builds the committed model) and
``benchmarks/semeval.py`` (which reports held-out correlations). Needs scikit-learn
(``pip install 'samestory[train]'``); scoring with a trained model does not.

Cross-validation is grouped by article: two pairs that share an article, or translations of
one pair, always fall in the same fold, so no article is seen on both sides of a split.
"""

from __future__ import annotations

import csv
import hashlib
import pickle
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from samestory._optional import require
from samestory.compare.model import Blend, Linear, ScorerModel, Shrink, SplineBasis, Standardizer, TreeEnsemble
from samestory.compare.types import DIMENSIONS

# the model: shallow trees, small steps, large leaves (1,900 noisy pairs reward caution);
# chosen by grouped cross-validation over a few settings, see docs/scorer.md
HGB_PARAMS = {
    "max_iter": 500,
    "learning_rate": 0.03,
    "max_depth": 3,
    "min_samples_leaf": 40,
    "l2_regularization": 1.0,
    "random_state": 0,
}
# the linear model beside the trees, on standardised features: the mean of the two beat each alone
# on every dimension in grouped cross-validation (docs/scorer.md)
RIDGE_ALPHA = 3.0
# the additive model beside them: a ridge (same alpha) over the standardised features and a cubic
# spline basis of each, with this many knots over the training range (docs/scorer.md)
SPLINE_KNOTS = 4
# a pair is pulled towards the training mean by clip(SHRINK_WEIGHT * (f - SHRINK_OFFSET), 0, 1),
# f the larger furniture share of its two texts: a notice or two in an article is normal, from
# 20% on the text is less and less the article, and at 60% the scorer knows nothing
SHRINK_FEATURE, SHRINK_WEIGHT, SHRINK_OFFSET = "furniture_max", 2.5, 0.2
FOLDS = 5
# Training pairs whose texts are this much one another's (reuse of the longer text): in SemEval
# all three are scraping failures (a captcha page, a paywall notice, a cookie banner in both
# texts) rated by annotators who saw the real, different articles. They are left out of
# training (not of evaluation): they teach that a verbatim copy may be a different story.
FURNITURE_REUSE = 0.9
FEATURES_VERSION = "10"  # bump when pair_features changes, so cached features are recomputed
# Features that measure how alike two articles are: a dimension's score may only fall (grow more
# similar) as they rise. Without this, a few training pairs that share nothing but scraped site
# furniture (a captcha or cookie page, so "100% reused" yet rated different) teach the model
# that heavy reuse can mean a different story, and whole reprints get mediocre scores.
SIMILARITY_FEATURES = (
    "cosine",
    "semantic",
    "sent_",
    "reuse_",
    "names_dice",
    "people",
    "organisations",
    "entities",
    "places",
    "countries",
    "dates",
    "numbers",
    "quotes",
    "style_",
    "title_lead",
    "publication",
)


# Features on the scores' own scale (the similarity head's predicted Overall): the prediction
# may only grow with them.
DISSIMILARITY_FEATURES = ("learned_",)


def monotonic_constraints(names: Sequence[str]) -> list[int]:
    """-1 (prediction non-increasing) for every similarity feature, +1 for the learned
    dissimilarities, 0 (free) for the others."""
    return [
        1 if any(s in n for s in DISSIMILARITY_FEATURES) else -1 if any(s in n for s in SIMILARITY_FEATURES) else 0
        for n in names
    ]


@dataclass(frozen=True, slots=True)
class LabelledPair:
    pair_id: str
    text1: str
    text2: str
    lang1: str | None
    lang2: str | None
    labels: tuple[float, ...]  # in DIMENSIONS order


def article_ids(pair_id: str) -> list[str]:
    """``1484039360it_1484180228it`` -> the two article ids without the translation suffix."""
    return [re.sub(r"[a-z]+$", "", part) for part in pair_id.split("_")]


def read_semeval(path: str | Path) -> list[LabelledPair]:
    """Pairs with text and all seven labels from a SemEval-style CSV (``pairs.csv``)."""
    csv.field_size_limit(1 << 30)
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                labels = tuple(float(row[d]) for d in DIMENSIONS)
            except (KeyError, ValueError):
                continue  # a pair without all labels cannot train or test
            out.append(
                LabelledPair(row["pair_id"], row["text1"], row["text2"], row.get("lang1"), row.get("lang2"), labels)
            )
    return out


def groups_of(pairs: Sequence[LabelledPair]) -> np.ndarray:
    """A group number per pair: connected components of pairs that share an article."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        ids = article_ids(p.pair_id)
        for other in ids[1:]:
            parent[find(ids[0])] = find(other)
    roots: dict[str, int] = {}
    return np.array([roots.setdefault(find(article_ids(p.pair_id)[0]), len(roots)) for p in pairs])


def file_digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def compute_features(
    pairs: Sequence[LabelledPair],
    featurize: Callable[[Sequence[LabelledPair]], list[dict[str, float]]],
    *,
    cache: Path | None = None,
    batch: int = 200,
    progress: bool = True,
    version: str = "",
) -> list[dict[str, float]]:
    """Features of every pair, by batches, kept in ``cache`` (a pickle keyed by the pair's texts,
    ``FEATURES_VERSION`` and ``version``, e.g. the similarity head's digest) so a second run only
    computes what is new."""
    store: dict[str, dict[str, float]] = {}
    if cache is not None and cache.exists():
        store = pickle.loads(cache.read_bytes())

    def key(p: LabelledPair) -> str:
        raw = f"{FEATURES_VERSION}\0{version}\0{p.lang1}\0{p.lang2}\0{p.text1}\0{p.text2}"
        return hashlib.blake2b(raw.encode("utf-8"), digest_size=12).hexdigest()

    todo = [p for p in pairs if key(p) not in store]
    for i in range(0, len(todo), batch):
        chunk = todo[i : i + batch]
        for p, f in zip(chunk, featurize(chunk)):
            store[key(p)] = f
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_bytes(pickle.dumps(store))
        if progress:
            print(f"features: {min(i + batch, len(todo))}/{len(todo)} new pairs", file=sys.stderr)
    return [store[key(p)] for p in pairs]


def feature_matrix(
    features: Sequence[dict[str, float]], names: Sequence[str] | None = None
) -> tuple[list[str], np.ndarray]:
    """Rows in a fixed column order; an absent feature is NaN (missing)."""
    names = list(names) if names is not None else sorted({k for f in features for k in f})
    return names, np.array([[f.get(n, np.nan) for n in names] for f in features], dtype=np.float64)


def _regressor(names: Sequence[str], params: dict | None = None):
    ensemble = require("sklearn.ensemble", pip="'samestory[train]'", purpose="training the scorer")
    return ensemble.HistGradientBoostingRegressor(**(params or HGB_PARAMS), monotonic_cst=monotonic_constraints(names))


def cross_validate(
    X: np.ndarray, Y: np.ndarray, groups: np.ndarray, names: Sequence[str], *, params: dict | None = None
) -> np.ndarray:
    """Out-of-fold predictions of every dimension with folds grouped by article: in each fold the
    model is built as ``fit`` builds the shipped one, exported and predicted with the exported
    predictors."""
    model_selection = require("sklearn.model_selection", pip="'samestory[train]'", purpose="training the scorer")
    pred = np.zeros_like(Y)
    for train, test in model_selection.GroupKFold(n_splits=FOLDS).split(X, Y, groups):
        model = fit(X[train], Y[train], names, info={}, params=params)  # every test pair is predicted
        out = model.predict(X[test])
        for j, dim in enumerate(DIMENSIONS):
            pred[test, j] = out[dim]
    return pred


def _linear(ridge) -> Linear:
    return Linear(np.asarray(ridge.coef_, dtype=np.float64), float(ridge.intercept_))


def fit(X: np.ndarray, Y: np.ndarray, names: Sequence[str], *, info: dict, params: dict | None = None) -> ScorerModel:
    """Per dimension, trees, a ridge regression and an additive model on the ``trainable`` rows,
    converted to the JSON format (and checked to reproduce scikit-learn's predictions)."""
    linear_model = require("sklearn.linear_model", pip="'samestory[train]'", purpose="training the scorer")
    preprocessing = require("sklearn.preprocessing", pip="'samestory[train]'", purpose="training the scorer")
    keep = trainable(X, names)
    X, Y = X[keep], Y[keep]
    std = Standardizer.fit(X)
    Z = std.transform(X)
    spline_sk = preprocessing.SplineTransformer(n_knots=SPLINE_KNOTS, degree=3, extrapolation="constant").fit(Z)
    S = np.hstack([Z, spline_sk.transform(Z)])
    # uniform knots over each column's training range, which the standardizer clips rows to
    splines = SplineBasis(Z.min(0), (Z.max(0) - Z.min(0)) / (SPLINE_KNOTS - 1), SPLINE_KNOTS)
    if not np.allclose(splines.transform(Z), S, atol=1e-9):
        raise RuntimeError("the exported spline basis does not reproduce scikit-learn's")
    dims = {}
    for j, dim in enumerate(DIMENSIONS):
        reg = _regressor(names, params).fit(X, Y[:, j])
        trees = TreeEnsemble.from_sklearn(reg)
        ridge = linear_model.Ridge(alpha=RIDGE_ALPHA).fit(Z, Y[:, j])
        spline_ridge = linear_model.Ridge(alpha=RIDGE_ALPHA).fit(S, Y[:, j])
        linear, additive = _linear(ridge), _linear(spline_ridge)
        for name, ours, theirs in (
            ("trees", trees.predict(X), reg.predict(X)),
            ("ridge", linear.predict(Z), ridge.predict(Z)),
            ("additive model", additive.predict(S), spline_ridge.predict(S)),
        ):
            if not np.allclose(ours, theirs, atol=1e-6):
                raise RuntimeError(f"the exported {dim} {name} does not reproduce scikit-learn's predictions")
        dims[dim] = Blend(trees, linear, additive)
    shrink = None
    if SHRINK_FEATURE in names:
        prior = {d: float(Y[:, j].mean()) for j, d in enumerate(DIMENSIONS)}
        shrink = Shrink(SHRINK_FEATURE, SHRINK_WEIGHT, prior, SHRINK_OFFSET)
    return ScorerModel(tuple(names), dims, info, std, splines, shrink)


def trainable(X: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Rows fit for training: all but the scraping failures (see ``FURNITURE_REUSE``)."""
    if "reuse_longer" not in names:
        return np.ones(len(X), dtype=bool)
    reuse = X[:, list(names).index("reuse_longer")]
    return ~(reuse >= FURNITURE_REUSE)  # NaN (unknown) stays


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def correlations(pred: np.ndarray, Y: np.ndarray, langs: Iterable[str]) -> dict[str, dict[str, float]]:
    """Pearson r per dimension overall, and of Overall per language pair (with counts)."""
    langs = np.asarray(list(langs))
    out: dict[str, dict[str, float]] = {
        "dimensions": {d: pearson(pred[:, j], Y[:, j]) for j, d in enumerate(DIMENSIONS)}
    }
    k = DIMENSIONS.index("Overall")
    out["overall_by_language"] = {
        lp: pearson(pred[langs == lp, k], Y[langs == lp, k]) for lp in sorted(set(langs.tolist()))
    }
    out["pairs_by_language"] = {lp: int((langs == lp).sum()) for lp in sorted(set(langs.tolist()))}
    same = np.array([a == b for a, b in (lp.split("-") for lp in langs)])
    out["overall_same_vs_cross"] = {
        "same_language": pearson(pred[same, k], Y[same, k]),
        "cross_language": pearson(pred[~same, k], Y[~same, k]),
    }
    return out
