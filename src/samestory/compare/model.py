"""The trained scorer's model: one gradient-boosted tree ensemble per dimension, as plain JSON.

The artefact holds numbers only (thresholds, leaf values, feature names), read by a numpy
predictor here, so it does not depend on pickle or on the version of the library that trained it
(``scripts/train_scorer.py`` uses scikit-learn's ``HistGradientBoostingRegressor`` and checks that
this predictor reproduces it).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from samestory.errors import ConfigError

FORMAT = "samestory-trees/1"


@dataclass(frozen=True, slots=True, eq=False)
class Tree:
    """One regression tree in flat arrays; node ``i`` is a leaf when ``left[i] < 0``.

    A row goes left when its feature is ``<= threshold``, or when it is missing (NaN) and
    ``missing_left`` is set.
    """

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    missing_left: np.ndarray
    value: np.ndarray
    # the same as Python lists, for one row at a time: a walk of a few nodes in plain Python is
    # ~50x faster than the numpy calls of the vectorised walk
    _nodes: tuple = field(init=False, repr=False)

    def __post_init__(self) -> None:
        nodes = (
            self.feature.tolist(),
            self.threshold.tolist(),
            self.left.tolist(),
            self.right.tolist(),
            self.missing_left.tolist(),
            self.value.tolist(),
        )
        object.__setattr__(self, "_nodes", nodes)

    def predict_one(self, row: Sequence[float]) -> float:
        """The leaf value for one row (NaN = missing)."""
        feature, threshold, left, right, missing_left, value = self._nodes
        i = 0
        while left[i] >= 0:
            v = row[feature[i]]
            go_left = missing_left[i] if v != v else v <= threshold[i]  # v != v: NaN, a missing value
            i = left[i] if go_left else right[i]
        return value[i]

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Leaf values for the rows of ``x`` (all rows walk the tree together, level by level)."""
        node = np.zeros(len(x), dtype=np.int64)
        rows = np.arange(len(x))
        while True:
            inner = self.left[node] >= 0
            if not inner.any():
                return self.value[node]
            r, n = rows[inner], node[inner]
            v = x[r, self.feature[n]]
            go_left = np.where(np.isnan(v), self.missing_left[n], v <= self.threshold[n])
            node[r] = np.where(go_left, self.left[n], self.right[n])

    def to_dict(self) -> dict[str, list]:
        return {
            "feature": self.feature.tolist(),
            "threshold": [round(float(t), 9) for t in self.threshold],
            "left": self.left.tolist(),
            "right": self.right.tolist(),
            "missing_left": self.missing_left.astype(int).tolist(),
            "value": [round(float(v), 9) for v in self.value],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Sequence]) -> Tree:
        return cls(
            np.asarray(d["feature"], dtype=np.int64),
            np.asarray(d["threshold"], dtype=np.float64),
            np.asarray(d["left"], dtype=np.int64),
            np.asarray(d["right"], dtype=np.int64),
            np.asarray(d["missing_left"], dtype=bool),
            np.asarray(d["value"], dtype=np.float64),
        )


@dataclass(frozen=True, slots=True, eq=False)
class TreeEnsemble:
    """``baseline + sum of the trees``: one dimension's regressor."""

    baseline: float
    trees: tuple[Tree, ...]

    def predict(self, x: np.ndarray) -> np.ndarray:
        if len(x) == 1:
            row = x[0].tolist()
            return np.array([self.baseline + sum(t.predict_one(row) for t in self.trees)])
        out = np.full(len(x), self.baseline, dtype=np.float64)
        for t in self.trees:
            out += t.predict(x)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"baseline": self.baseline, "trees": [t.to_dict() for t in self.trees]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TreeEnsemble:
        return cls(float(d["baseline"]), tuple(Tree.from_dict(t) for t in d["trees"]))

    @classmethod
    def from_sklearn(cls, model: Any) -> TreeEnsemble:
        """Convert a fitted ``HistGradientBoostingRegressor`` (numerical features only)."""
        trees = []
        for (predictor,) in model._predictors:  # one tree per boosting iteration for a regressor
            nodes = predictor.nodes
            if nodes["is_categorical"].any():
                raise ValueError("categorical splits are not supported")
            leaf = nodes["is_leaf"].astype(bool)
            trees.append(
                Tree(
                    nodes["feature_idx"].astype(np.int64),
                    nodes["num_threshold"].astype(np.float64),
                    np.where(leaf, -1, nodes["left"].astype(np.int64)),
                    np.where(leaf, -1, nodes["right"].astype(np.int64)),
                    nodes["missing_go_to_left"].astype(bool),
                    nodes["value"].astype(np.float64),
                )
            )
        return cls(float(np.ravel(model._baseline_prediction)[0]), tuple(trees))


@dataclass(frozen=True, slots=True, eq=False)
class ScorerModel:
    """The seven dimension models over one feature vector; ``info`` keeps how it was trained."""

    features: tuple[str, ...]
    dimensions: Mapping[str, TreeEnsemble]
    info: Mapping[str, Any] = field(default_factory=dict)

    def vector(self, features: Mapping[str, float]) -> np.ndarray:
        """The model's input row from a feature mapping; an absent feature is NaN (missing)."""
        return np.array([[features.get(f, np.nan) for f in self.features]], dtype=np.float64)

    def predict(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """Each dimension's prediction for the rows of ``x``, clipped to the 1-4 scale."""
        return {dim: np.clip(m.predict(x), 1.0, 4.0) for dim, m in self.dimensions.items()}

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "features": list(self.features),
                "dimensions": {d: m.to_dict() for d, m in self.dimensions.items()},
                "info": dict(self.info),
            },
            separators=(",", ":"),
        )

    def save(self, path: str | Path) -> None:
        """Write gzipped JSON, byte-identical for the same model (no timestamp in the gzip header)."""
        Path(path).write_bytes(gzip.compress(self.to_json().encode("utf-8"), compresslevel=9, mtime=0))

    @classmethod
    def from_json(cls, text: str | bytes) -> ScorerModel:
        d = json.loads(text)
        if d.get("format") != FORMAT:
            raise ConfigError(f"not a samestory scorer model (format {d.get('format')!r}, expected {FORMAT!r})")
        dims = {name: TreeEnsemble.from_dict(m) for name, m in d["dimensions"].items()}
        return cls(tuple(d["features"]), dims, d.get("info", {}))

    @classmethod
    def load(cls, path: str | Path | None = None) -> ScorerModel:
        """Read a model file, by default the one shipped in ``samestory/data``."""
        if path is None:
            raw = resources.files("samestory").joinpath("data", "scorer.json.gz").read_bytes()
        else:
            try:
                raw = Path(path).read_bytes()
            except OSError as exc:
                raise ConfigError(f"cannot read scorer model {path}: {exc}") from None
        return cls.from_json(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
