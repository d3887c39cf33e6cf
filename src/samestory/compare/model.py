"""The trained scorer's model, as plain JSON: per dimension, the mean of a few regressors.

A gradient-boosted tree ensemble reads the features as they are; a ridge regression reads them
standardised (missing values imputed with the training median, plus an indicator column for each
feature that can be missing); an additive model reads the standardised row through a spline
basis. A ``Shrink`` then pulls a pair made of site notices towards the training mean. The
artefact holds numbers only (thresholds, leaf values, coefficients), read by the numpy
predictors here, so it does not depend on pickle or on the version of the library that trained it
(``scripts/train_scorer.py`` uses scikit-learn and checks that these predictors reproduce it).
Models of the earlier formats (trees only; trees and ridge) still load.
"""

from __future__ import annotations

import gzip
import json
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from samestory.errors import ConfigError

FORMAT = "samestory-scorer/4"
TREES_ONLY = "samestory-trees/1"  # the first format: one tree ensemble per dimension
# /3: a shrink without offset; /2: trees and ridge, no additive model or shrink
READABLE = (FORMAT, "samestory-scorer/3", "samestory-scorer/2")
SHIPPED = "scorer.json.gz"
# the model for articles embedded without the second encoder of the leads (lead_encoder = "none"),
# trained without its feature: scripts/train_scorer.py --drop lead2_cosine
SHIPPED_WITHOUT_LEAD2 = "scorer-without-lead2.json.gz"


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

    def expression(self, row: str = "r") -> str:
        """The tree as one Python expression over the list ``row`` (see ``TreeEnsemble``):
        ``a if row[f] <= t else b`` at each node, or ``not row[f] > t`` where a missing value
        goes left (NaN compares false both ways). Numbers only, written by ``repr``."""

        def walk(i: int) -> str:
            if self.left[i] < 0:
                return repr(float(self.value[i]))
            f, t = int(self.feature[i]), float(self.threshold[i])
            bound = repr(t) if np.isfinite(t) else ("1e999" if t > 0 else "-1e999")  # repr(inf) is no literal
            cond = f"not {row}[{f}] > {bound}" if self.missing_left[i] else f"{row}[{f}] <= {bound}"
            return f"({walk(int(self.left[i]))} if {cond} else {walk(int(self.right[i]))})"

        return walk(0)

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
    """``baseline + sum of the trees``: one dimension's regressor.

    One row (a pair compared alone) goes through the trees compiled into one Python function,
    built on first use: 0.3 ms for the seven dimensions' 3,500 trees, against 1.7 ms walking
    the node arrays in Python and more with numpy's vectorised walk, which pays off for many
    rows at once."""

    baseline: float
    trees: tuple[Tree, ...]
    _row_sum: list = field(default_factory=list, init=False, repr=False)  # the compiled function, once built

    def predict(self, x: np.ndarray) -> np.ndarray:
        if len(x) == 1:
            if not self._row_sum:
                source = "lambda r: sum((" + "".join(t.expression("r") + "," for t in self.trees) + "))"
                self._row_sum.append(eval(compile(source, "<trees>", "eval"), {"__builtins__": {"sum": sum}}))
            return np.array([self.baseline + self._row_sum[0](x[0].tolist())])
        out = np.full(len(x), self.baseline, dtype=np.float64)
        for t in self.trees:
            out += t.predict(x)
        return out

    def __getstate__(self) -> tuple:  # the compiled function does not pickle: a copy compiles its own
        return self.baseline, self.trees

    def __setstate__(self, state: tuple) -> None:
        object.__setattr__(self, "baseline", state[0])
        object.__setattr__(self, "trees", state[1])
        object.__setattr__(self, "_row_sum", [])

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


def _floats(a: np.ndarray) -> list[float]:
    return [round(float(v), 9) for v in np.ravel(a)]


@dataclass(frozen=True, slots=True, eq=False)
class Standardizer:
    """Feature rows to standardised rows: NaN becomes the training median, each feature listed in
    ``indicate`` adds a 0/1 column for "was missing", then every column is centred, scaled and
    held within its training range (``low``, ``high``): a linear model extrapolates wildly
    outside it (a verbatim copy has reuse and style features beyond any training pair)."""

    median: np.ndarray
    indicate: np.ndarray  # int64 indices of features that get a missing-value column
    mean: np.ndarray
    scale: np.ndarray
    low: np.ndarray
    high: np.ndarray

    @classmethod
    def fit(cls, x: np.ndarray) -> Standardizer:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a column missing everywhere: median 0
            median = np.nanmedian(x, axis=0)
        median = np.where(np.isnan(median), 0.0, median)
        indicate = np.flatnonzero(np.isnan(x).any(0)).astype(np.int64)
        z = cls._extend(x, median, indicate)
        mean, scale = z.mean(0), z.std(0) + 1e-9
        z = (z - mean) / scale
        return cls(median, indicate, mean, scale, z.min(0), z.max(0))

    @staticmethod
    def _extend(x: np.ndarray, median: np.ndarray, indicate: np.ndarray) -> np.ndarray:
        missing = np.isnan(x)
        return np.hstack([np.where(missing, median, x), missing[:, indicate].astype(np.float64)])

    def transform(self, x: np.ndarray) -> np.ndarray:
        z = (self._extend(x, self.median, self.indicate) - self.mean) / self.scale
        return np.clip(z, self.low, self.high)

    def to_dict(self) -> dict[str, list]:
        return {
            f.name: getattr(self, f.name).tolist() if f.name == "indicate" else _floats(getattr(self, f.name))
            for f in fields(self)
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Sequence]) -> Standardizer:
        return cls(
            **{
                f.name: np.asarray(d[f.name], dtype=np.int64 if f.name == "indicate" else np.float64)
                for f in fields(cls)
            }
        )


@dataclass(frozen=True, slots=True, eq=False)
class Linear:
    """``intercept + z @ coef`` on standardised rows (a ridge regression)."""

    coef: np.ndarray
    intercept: float

    def predict(self, z: np.ndarray) -> np.ndarray:
        return z @ self.coef + self.intercept

    def to_dict(self) -> dict[str, Any]:
        return {"coef": _floats(self.coef), "intercept": round(self.intercept, 9)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Linear:
        return cls(np.asarray(d["coef"], dtype=np.float64), float(d["intercept"]))


@dataclass(frozen=True, slots=True, eq=False)
class SplineBasis:
    """A standardised row and a cubic B-spline basis of each of its columns, with ``n_knots``
    uniform knots from ``start`` in steps of ``step`` (the column's training range): a linear
    model on it is a sum of smooth curves, one per feature, flat beyond the range (an additive
    model). The basis is scikit-learn's ``SplineTransformer(degree=3, extrapolation="constant")``;
    every dimension's additive model reads the same one, so it is computed once per row."""

    start: np.ndarray
    step: np.ndarray  # 0 for a column constant in training: its curve is 0
    n_knots: int

    def basis(self, z: np.ndarray) -> np.ndarray:
        intervals = self.n_knots - 1
        flat = self.step <= 0
        t = np.clip((z - self.start) / np.where(flat, 1.0, self.step), 0, intervals)
        i = np.minimum(np.floor(t), intervals - 1).astype(np.int64)
        u = t - i
        # the four cubic B-splines that are non-zero on a uniform knot interval
        pieces = ((1 - u) ** 3 / 6, (3 * u**3 - 6 * u**2 + 4) / 6, (-3 * u**3 + 3 * u**2 + 3 * u + 1) / 6, u**3 / 6)
        out = np.zeros((*z.shape, intervals + 3))
        rows, cols = np.indices(z.shape)
        for k, piece in enumerate(pieces):
            out[rows, cols, i + k] = np.where(flat, 0.0, piece)
        return out.reshape(len(z), -1)

    def transform(self, z: np.ndarray) -> np.ndarray:
        """The additive models' input: the standardised row, then its spline basis."""
        return np.hstack([z, self.basis(z)])

    def to_dict(self) -> dict[str, Any]:
        return {"start": _floats(self.start), "step": _floats(self.step), "n_knots": self.n_knots}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SplineBasis:
        return cls(np.asarray(d["start"], dtype=np.float64), np.asarray(d["step"], dtype=np.float64), int(d["n_knots"]))


@dataclass(frozen=True, slots=True, eq=False)
class Blend:
    """One dimension's regressors; the prediction is their mean. ``linear`` reads rows
    standardised by the model's ``Standardizer``, ``additive`` those rows through the model's
    ``SplineBasis``; a model without them is trees only."""

    trees: TreeEnsemble
    linear: Linear | None = None
    additive: Linear | None = None

    def predict(self, x: np.ndarray, z: np.ndarray | None, s: np.ndarray | None = None) -> np.ndarray:
        parts = [self.trees.predict(x)]
        for model, rows in ((self.linear, z), (self.additive, s)):
            if model is not None and rows is not None:
                parts.append(model.predict(rows))
        return sum(parts) / len(parts)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"trees": self.trees.to_dict()}
        for name in ("linear", "additive"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name).to_dict()
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Blend:
        return cls(
            TreeEnsemble.from_dict(d["trees"]),
            *(Linear.from_dict(d[name]) if name in d else None for name in ("linear", "additive")),
        )


@dataclass(frozen=True, slots=True, eq=False)
class Shrink:
    """Pulls each prediction towards ``prior`` (the dimension's training mean) by
    ``clip(weight * (feature - offset), 0, 1)``: a pair whose text is mostly a site's notices (a
    cookie wall, a captcha) says nothing about the stories, and the best guess is then the mean."""

    feature: str
    weight: float
    prior: Mapping[str, float]
    offset: float = 0.0

    def apply(self, dim: str, pred: np.ndarray, value: np.ndarray) -> np.ndarray:
        g = np.clip(self.weight * (np.nan_to_num(value, nan=0.0) - self.offset), 0.0, 1.0)
        return pred + (self.prior[dim] - pred) * g

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "weight": self.weight,
            "prior": {k: round(v, 9) for k, v in self.prior.items()},
            "offset": self.offset,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Shrink:
        prior = {k: float(v) for k, v in d["prior"].items()}
        return cls(str(d["feature"]), float(d["weight"]), prior, float(d.get("offset", 0.0)))


@dataclass(frozen=True, slots=True, eq=False)
class ScorerModel:
    """The seven dimension models over one feature vector; ``info`` keeps how it was trained."""

    features: tuple[str, ...]
    dimensions: Mapping[str, Blend]
    info: Mapping[str, Any] = field(default_factory=dict)
    standardizer: Standardizer | None = None
    splines: SplineBasis | None = None
    shrink: Shrink | None = None

    def vector(self, features: Mapping[str, float]) -> np.ndarray:
        """The model's input row from a feature mapping; an absent feature is NaN (missing)."""
        return np.array([[features.get(f, np.nan) for f in self.features]], dtype=np.float64)

    def predict(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """Each dimension's prediction for the rows of ``x``, clipped to the 1-4 scale."""
        z = self.standardizer.transform(x) if self.standardizer is not None else None
        s = self.splines.transform(z) if self.splines is not None and z is not None else None
        out = {dim: np.clip(m.predict(x, z, s), 1.0, 4.0) for dim, m in self.dimensions.items()}
        if self.shrink is not None and self.shrink.feature in self.features:
            value = x[:, self.features.index(self.shrink.feature)]
            out = {dim: self.shrink.apply(dim, pred, value) for dim, pred in out.items()}
        return out

    def to_json(self) -> str:
        out: dict[str, Any] = {
            "format": FORMAT,
            "features": list(self.features),
            "dimensions": {d: m.to_dict() for d, m in self.dimensions.items()},
            "info": dict(self.info),
        }
        if self.standardizer is not None:
            out["standardizer"] = self.standardizer.to_dict()
        if self.splines is not None:
            out["splines"] = self.splines.to_dict()
        if self.shrink is not None:
            out["shrink"] = self.shrink.to_dict()
        return json.dumps(out, separators=(",", ":"))

    def save(self, path: str | Path) -> None:
        """Write gzipped JSON, byte-identical for the same model (no timestamp in the gzip header)."""
        Path(path).write_bytes(gzip.compress(self.to_json().encode("utf-8"), compresslevel=9, mtime=0))

    @classmethod
    def from_json(cls, text: str | bytes) -> ScorerModel:
        d = json.loads(text)
        fmt = d.get("format")
        if fmt == TREES_ONLY:
            dims = {name: Blend(TreeEnsemble.from_dict(m)) for name, m in d["dimensions"].items()}
            return cls(tuple(d["features"]), dims, d.get("info", {}))
        if fmt not in READABLE:
            raise ConfigError(f"not a samestory scorer model (format {fmt!r}, expected {FORMAT!r})")
        dims = {name: Blend.from_dict(m) for name, m in d["dimensions"].items()}
        std = Standardizer.from_dict(d["standardizer"]) if "standardizer" in d else None
        splines = SplineBasis.from_dict(d["splines"]) if "splines" in d else None
        shrink = Shrink.from_dict(d["shrink"]) if "shrink" in d else None
        return cls(tuple(d["features"]), dims, d.get("info", {}), std, splines, shrink)

    @classmethod
    def load(cls, path: str | Path | None = None, *, shipped: str = SHIPPED) -> ScorerModel:
        """Read a model file, by default the one shipped in ``samestory/data`` as ``shipped``."""
        if path is None:
            raw = resources.files("samestory").joinpath("data", shipped).read_bytes()
        else:
            try:
                raw = Path(path).read_bytes()
            except OSError as exc:
                raise ConfigError(f"cannot read scorer model {path}: {exc}") from None
        return cls.from_json(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
