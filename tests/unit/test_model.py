"""The scorer model format: the numpy predictor, JSON round trip, and the shipped model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from samestory.compare.model import FORMAT, ScorerModel, Tree, TreeEnsemble
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


def test_json_round_trip_and_clipping(tmp_path):
    dims = {d: TreeEnsemble(1.5, (stump(0, 0.5, -2.0, 5.0, False),)) for d in DIMENSIONS}
    model = ScorerModel(("body_cosine",), dims, {"note": "test"})
    path = tmp_path / "m.json.gz"
    model.save(path)
    again = ScorerModel.load(path)
    assert again.features == ("body_cosine",) and again.info == {"note": "test"}
    out = again.predict(np.array([[0.1], [0.9]]))
    assert out["Overall"].tolist() == [1.0, 4.0]  # 1.5 - 2 and 1.5 + 5, clipped to the scale
    assert np.isnan(again.vector({})).all()  # an absent feature is missing, not zero
    model.save(tmp_path / "again.json.gz")
    assert (tmp_path / "again.json.gz").read_bytes() == path.read_bytes()  # reproducible bytes


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
    copy = {
        "body_cosine": 0.97,
        "lead_cosine": 0.98,
        "title_cosine": 0.95,
        "sent_best_min": 0.95,
        "sent_best_max": 0.97,
        "reuse_shorter": 0.9,
        "reuse_longer": 0.5,
        "people": 1.0,
        "places": 1.0,
    }
    unrelated = {
        "body_cosine": 0.05,
        "lead_cosine": 0.02,
        "title_cosine": 0.0,
        "sent_best_min": 0.2,
        "sent_best_max": 0.25,
        "reuse_shorter": 0.0,
        "reuse_longer": 0.0,
        "people": 0.0,
        "places": 0.0,
    }
    a, b = scorer.score(copy).to_dict(), scorer.score(unrelated).to_dict()
    assert all(1.0 <= v <= 4.0 for v in (*a.values(), *b.values()))
    assert a["Overall"] < 2.0 < 3.0 < b["Overall"]
