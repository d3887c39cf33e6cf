"""The scorer model format: the numpy predictor, JSON round trip, and the shipped model."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest

from samestory.compare.model import (
    FORMAT,
    TREES_ONLY,
    Blend,
    Linear,
    ScorerModel,
    Shrink,
    SplineBasis,
    Standardizer,
    Tree,
    TreeEnsemble,
)
from samestory.compare.scorers import TrainedScorer
from samestory.compare.types import DIMENSIONS
from samestory.errors import ConfigError

NAN = float("nan")


def stump(feature: int, threshold: float, low: float, high: float, missing_left: bool) -> Tree:
    # node 0 splits; node 1 (left) and node 2 (right) are leaves
    return Tree(
        np.array([feature, 0, 0]),
        np.array([threshold, 0.0, 0.0]),
        np.array([1, -1, -1]),
        np.array([2, -1, -1]),
        np.array([missing_left, False, False]),
        np.array([0.0, low, high]),
    )


def test_tree_walk_batch_and_single_row_agree():
    ens = TreeEnsemble(2.0, (stump(0, 0.5, -1.0, 1.0, True), stump(1, 10.0, 0.25, -0.25, False)))
    x = np.array([[0.2, 3.0], [0.9, 30.0], [NAN, 30.0], [0.5, NAN]])
    expected = np.array([2.0 - 1.0 + 0.25, 2.0 + 1.0 - 0.25, 2.0 - 1.0 - 0.25, 2.0 - 1.0 - 0.25])
    assert np.allclose(ens.predict(x), expected)  # <= goes left; NaN follows missing_left
    assert np.allclose([ens.predict(x[i : i + 1])[0] for i in range(len(x))], expected)


def test_single_rows_compiled_agree_with_the_batch_walk_at_every_edge():
    # thresholds at +-inf (scikit-learn writes them) and an ensemble without trees
    ens = TreeEnsemble(0.5, (stump(0, float("inf"), 1.0, 2.0, False), stump(1, -float("inf"), 4.0, 8.0, True)))
    x = np.array([[0.0, 0.0], [1e300, -1e300], [NAN, NAN], [float("inf"), -float("inf")]])
    assert np.allclose([ens.predict(x[i : i + 1])[0] for i in range(len(x))], ens.predict(x))
    assert ens.predict(x[:1])[0] == 0.5 + 1.0 + 8.0 and ens.predict(x[2:3])[0] == 0.5 + 2.0 + 4.0
    assert TreeEnsemble(3.0, ()).predict(x[:1])[0] == 3.0
    copy = pickle.loads(pickle.dumps(ens))  # once compiled, it still pickles (without the function)
    assert copy.predict(x[:1])[0] == ens.predict(x[:1])[0] and len(copy.trees) == 2


def test_the_shipped_models_trees_give_the_same_for_one_row_as_for_many():
    model = ScorerModel.load()
    rng = np.random.default_rng(7)
    x = rng.normal(0.5, 1.0, size=(200, len(model.features)))
    x[rng.random(x.shape) < 0.2] = NAN
    for name, blend in model.dimensions.items():
        many = blend.trees.predict(x)
        one = np.array([blend.trees.predict(x[i : i + 1])[0] for i in range(len(x))])
        assert np.allclose(one, many, rtol=0, atol=1e-9), name


def _model() -> ScorerModel:
    x = np.array([[0.1, 2.0], [0.9, NAN], [0.5, 4.0]])
    std = Standardizer.fit(x)
    dims = {
        d: Blend(TreeEnsemble(1.5, (stump(0, 0.5, -2.0, 5.0, False),)), Linear(np.array([0.5, 0.0, -1.0]), 2.0))
        for d in DIMENSIONS
    }
    return ScorerModel(("body_cosine", "dates"), dims, {"note": "test"}, std)


def test_standardizer_imputes_indicates_scales_and_stays_in_the_training_range():
    x = np.array([[0.0, 1.0], [1.0, NAN], [2.0, 3.0]])
    std = Standardizer.fit(x)
    z = std.transform(x)
    assert z.shape == (3, 3)  # two features and one missing-value column (only "dates" can be missing)
    assert np.allclose(z.mean(0), 0.0) and np.allclose(z.std(0), 1.0, atol=1e-6)
    assert np.allclose(std.median, [1.0, 2.0]) and std.indicate.tolist() == [1]
    far = std.transform(np.array([[50.0, -50.0]]))
    assert np.allclose(far[0, :2], [z[:, 0].max(), z[:, 1].min()])  # held at the training range


def test_a_blend_is_the_mean_of_trees_and_ridge_and_round_trips(tmp_path):
    model = _model()
    x = np.array([[0.1, 2.0], [0.9, NAN]])
    z = model.standardizer.transform(x)
    b = model.dimensions["Overall"]
    expected = np.clip((b.trees.predict(x) + z @ np.array([0.5, 0.0, -1.0]) + 2.0) / 2, 1.0, 4.0)
    assert np.allclose(model.predict(x)["Overall"], expected)
    path = tmp_path / "m.json.gz"
    model.save(path)
    again = ScorerModel.load(path)
    assert again.features == ("body_cosine", "dates") and again.info == {"note": "test"}
    assert np.allclose(again.predict(x)["Overall"], expected)
    assert np.isnan(again.vector({})).all()  # an absent feature is missing, not zero
    again.save(tmp_path / "again.json.gz")
    assert (tmp_path / "again.json.gz").read_bytes() == path.read_bytes()  # reproducible bytes


def test_the_additive_basis_is_scikit_learns_spline_basis_flat_beyond_the_range():
    preprocessing = pytest.importorskip("sklearn.preprocessing")
    rng = np.random.default_rng(0)
    z = rng.normal(size=(60, 3))
    z[:, 2] = 0.25  # a column constant in training: no curve
    knots = 4
    sk = preprocessing.SplineTransformer(n_knots=knots, degree=3, extrapolation="constant").fit(z)
    lo, hi = z.min(0), z.max(0)
    add = SplineBasis(lo, (hi - lo) / (knots - 1), knots)
    assert np.allclose(add.basis(z), sk.transform(z), atol=1e-12)
    far = rng.normal(size=(20, 3)) * 5
    assert np.allclose(add.basis(far), sk.transform(far), atol=1e-12)  # constant extrapolation
    assert np.allclose(
        add.basis(far)[:, : 3 * (knots + 2)].reshape(20, 3, -1).sum(-1)[:, :2], 1.0
    )  # a partition of unity


def test_a_blend_of_three_with_a_shrink_round_trips_and_pulls_notices_to_the_mean(tmp_path):
    base = _model()
    z_cols = len(base.standardizer.mean)
    coef = np.linspace(-0.3, 0.3, z_cols * (1 + 6))
    splines = SplineBasis(base.standardizer.low, (base.standardizer.high - base.standardizer.low) / 3, 4)
    additive = Linear(coef, 2.5)
    dims = {d: Blend(b.trees, b.linear, additive) for d, b in base.dimensions.items()}
    prior = {d: 2.75 for d in DIMENSIONS}
    model = ScorerModel(
        ("body_cosine", "furniture_max"), dims, {}, base.standardizer, splines, Shrink("furniture_max", 1.5, prior)
    )
    x = np.array([[0.1, 0.0], [0.1, 0.4], [0.1, 0.9], [0.1, NAN]])
    z = model.standardizer.transform(x)
    b = dims["Overall"]
    blend = np.clip((b.trees.predict(x) + b.linear.predict(z) + additive.predict(splines.transform(z))) / 3, 1.0, 4.0)
    out = model.predict(x)["Overall"]
    assert np.isclose(out[0], blend[0]) and np.isclose(out[3], blend[3])  # no notices (or unknown): as is
    assert np.isclose(out[1], blend[1] + (2.75 - blend[1]) * 0.6)  # 40% notices: 60% of the way
    assert np.isclose(out[2], 2.75)  # two thirds or more: the mean
    path = tmp_path / "m.json.gz"
    model.save(path)
    again = ScorerModel.load(path)
    assert np.allclose(again.predict(x)["Overall"], out) and again.shrink.to_dict() == model.shrink.to_dict()
    # with an offset, a notice or two in an article changes nothing: clip(2.5 * (f - 0.2), 0, 1)
    offset = ScorerModel(model.features, dims, {}, base.standardizer, splines, Shrink("furniture_max", 2.5, prior, 0.2))
    out = offset.predict(x)["Overall"]
    assert np.isclose(out[0], blend[0]) and np.isclose(out[3], blend[3])
    assert np.isclose(out[1], blend[1] + (2.75 - blend[1]) * 0.5)  # 40%: half way
    assert np.isclose(out[2], 2.75)
    offset.save(path)
    assert ScorerModel.load(path).shrink.offset == 0.2


def test_a_model_of_the_second_format_still_loads(tmp_path):
    model = _model()
    d = json.loads(model.to_json())
    d["format"] = "samestory-scorer/2"
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(d))
    x = np.array([[0.1, 2.0], [0.9, NAN]])
    assert np.allclose(ScorerModel.load(path).predict(x)["Overall"], model.predict(x)["Overall"])


def test_a_trees_only_model_of_the_first_format_still_loads(tmp_path):
    tree = TreeEnsemble(1.5, (stump(0, 0.5, -2.0, 5.0, False),))
    old = {"format": TREES_ONLY, "features": ["body_cosine"], "dimensions": {d: tree.to_dict() for d in DIMENSIONS}}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    model = ScorerModel.load(path)
    assert model.standardizer is None
    assert model.predict(np.array([[0.1], [0.9]]))["Overall"].tolist() == [1.0, 4.0]  # 1.5 - 2, 1.5 + 5, clipped


def test_wrong_format_is_a_config_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "other", "features": [], "dimensions": {}}))
    with pytest.raises(ConfigError, match=FORMAT):
        ScorerModel.load(bad)
    with pytest.raises(ConfigError, match="cannot read"):
        ScorerModel.load(tmp_path / "missing.json")


def test_shipped_model_scores_on_the_scale_and_orders_pairs():
    scorer = TrainedScorer()
    info = scorer.model.info
    assert info["metrics"]["dimensions"]["Overall"] > 0.7  # recorded held-out correlation
    assert set(scorer.model.dimensions) == set(DIMENSIONS)
    # every similarity feature at the highest (copy) or lowest (unrelated) value seen in training,
    # the learned dissimilarities at the other end, the others at their median: the corners where
    # a linear model would extrapolate
    from samestory.compare.train import DISSIMILARITY_FEATURES, SIMILARITY_FEATURES

    m = scorer.model
    n = len(m.features)
    high = m.standardizer.high[:n] * m.standardizer.scale[:n] + m.standardizer.mean[:n]
    low = m.standardizer.low[:n] * m.standardizer.scale[:n] + m.standardizer.mean[:n]

    def corner(values, others):
        return {
            f: float(
                v
                if any(s in f for s in SIMILARITY_FEATURES)
                else o
                if any(s in f for s in DISSIMILARITY_FEATURES)
                else med
            )
            for f, v, o, med in zip(m.features, values, others, m.standardizer.median)
        }

    a, b = scorer.score(corner(high, low)).to_dict(), scorer.score(corner(low, high)).to_dict()
    assert all(1.0 <= v <= 4.0 for v in (*a.values(), *b.values()))
    assert a["Overall"] < 2.0 < 3.0 < b["Overall"]  # 2.0: the same-story threshold
    # beyond the training range every part is held at its edge (the linear parts clip, the trees
    # have no split there): a pair further out scores as the pair on the edge
    further = {
        f: v - 10 if any(s in f for s in DISSIMILARITY_FEATURES) else v + 10 if v > 0 else v
        for f, v in corner(high, low).items()
    }
    edge = {f: float(np.clip(v, lo, hi)) for (f, v), lo, hi in zip(further.items(), low, high)}
    beyond, at_edge = scorer.score(further).to_dict(), scorer.score(edge).to_dict()
    assert beyond["Overall"] < 2.0
    # (not exactly: the edge recomputed from the standardizer's rounded numbers may fall a hair
    # short of the training maximum, and so of a tree's last threshold)
    assert beyond == pytest.approx(at_edge, abs=0.05)


def test_pairs_without_the_second_look_at_the_leads_get_the_model_trained_without_it(tmp_path):
    from samestory.compare.model import SHIPPED_WITHOUT_LEAD2

    scorer = TrainedScorer()
    main, other = scorer.model, ScorerModel.load(shipped=SHIPPED_WITHOUT_LEAD2)
    assert "lead2_cosine" in main.features and "lead2_cosine" not in other.features
    assert set(other.features) == set(main.features) - {"lead2_cosine"}
    assert other.info["features_dropped"] == ["lead2_cosine"] and "--drop lead2_cosine" in other.info["command"]
    # its held-out Overall beats the main model's with the feature missing (0.784, docs/scorer.md)
    assert other.info["metrics"]["dimensions"]["Overall"] > 0.79
    with_lead2 = dict(zip(main.features, main.standardizer.median))
    without = {f: v for f, v in with_lead2.items() if f != "lead2_cosine"}
    assert scorer.model_for(with_lead2) is main
    assert "lead2_cosine" not in scorer.model_for(without).features
    expected = other.predict(other.vector(without))["Overall"][0]
    assert scorer.score(without).overall == pytest.approx(expected)
    # a model given by path scores every pair, with or without the feature
    path = tmp_path / "model.json"
    path.write_text(main.to_json())
    given = TrainedScorer(model=str(path))
    assert given.model_for(without) is given.model_for(with_lead2) is given.model
