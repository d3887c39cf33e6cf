"""Training the similarity head (``compare.head``) from SemEval's URL-only label files.

SemEval-2022 Task 8's official training labels come as two URLs per pair. Most news URLs carry
the headline as words (``/2021/03/04/ferry-strike-ends-after-talks/``): those words
stand in for the articles' texts. Needs scikit-learn (``pip install 'samestory[train]'``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import numpy as np

from samestory._optional import require
from samestory.compare.head import SimilarityHead
from samestory.compare.train import article_ids

ALPHA = 30.0  # ridge penalty over the 1,024 weights (docs/scorer.md)
PIP, PURPOSE = "'samestory[train]'", "training the similarity head"
MIN_WORDS = 3  # a URL with fewer words says too little to stand for a headline
_ID = re.compile(r"[0-9a-f]{6,}|\d+(,\d+)*")  # ids and numbers in paths, not headline words
_EXT = re.compile(r"\.(s?html?|php\d?|aspx?|cms)$", re.I)


@dataclass(frozen=True, slots=True)
class UrlPair:
    pair_id: str
    words1: str
    words2: str
    overall: float


def url_words(url: str) -> str:
    """The headline words of a news URL: the path segment with the most separators, split on
    ``-``, ``_`` and ``+``, ids and numbers dropped (``""`` when there are none)."""
    segments = [s for s in unquote(urlparse(url).path).split("/") if s]
    if not segments:
        return ""
    best = _EXT.sub("", max(segments, key=lambda s: len(re.findall(r"[-_+]", s))))
    return " ".join(w for w in re.split(r"[-_+]+", best) if w and not _ID.fullmatch(w))


def read_url_pairs(path: str | Path, *, exclude_articles: Collection[str] = ()) -> list[UrlPair]:
    """Pairs of a SemEval label file (``pair_id, link1, link2, Overall``) whose two URLs have at
    least ``MIN_WORDS`` headline words, but none with an article in ``exclude_articles``."""
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if any(a in exclude_articles for a in article_ids(row["pair_id"])):
                continue
            w1, w2 = url_words(row["link1"]), url_words(row["link2"])
            if len(w1.split()) >= MIN_WORDS and len(w2.split()) >= MIN_WORDS:
                out.append(UrlPair(row["pair_id"], w1, w2, float(row["Overall"])))
    return out


def pair_design(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The regression's columns: ``u * v`` then ``|u - v|``, one row per pair."""
    return np.hstack([u * v, np.abs(u - v)])


def fit_head(u: np.ndarray, v: np.ndarray, y: np.ndarray, *, encoder: str, info: dict) -> SimilarityHead:
    """A ridge regression over ``pair_design``, exported and checked against scikit-learn."""
    linear_model = require("sklearn.linear_model", pip=PIP, purpose=PURPOSE)
    X = pair_design(u, v)
    ridge = linear_model.Ridge(alpha=ALPHA).fit(X, y)
    d = u.shape[1]
    head = SimilarityHead(
        encoder, ridge.coef_[:d].astype(np.float32), ridge.coef_[d:].astype(np.float32), float(ridge.intercept_), info
    )
    ours = np.array([head.score(a, b) for a, b in zip(u, v)])
    if not np.allclose(ours, ridge.predict(X), atol=1e-4):
        raise RuntimeError("the exported similarity head does not reproduce scikit-learn's predictions")
    return head


def cross_validated_r(u: np.ndarray, v: np.ndarray, y: np.ndarray, groups: Sequence[str], folds: int = 5) -> float:
    """Pearson r of held-out head predictions on the URL pairs (folds grouped by article)."""
    linear_model = require("sklearn.linear_model", pip=PIP, purpose=PURPOSE)
    model_selection = require("sklearn.model_selection", pip=PIP, purpose=PURPOSE)
    X, pred = pair_design(u, v), np.zeros(len(y))
    for tr, te in model_selection.GroupKFold(n_splits=folds).split(X, y, groups):
        pred[te] = linear_model.Ridge(alpha=ALPHA).fit(X[tr], y[tr]).predict(X[te])
    return float(np.corrcoef(pred, y)[0, 1])
