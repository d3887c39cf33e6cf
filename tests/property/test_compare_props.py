"""Properties of the pair features and the formula scorer: bounds, symmetry, monotonicity."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from samestory.compare.features import set_similarity
from samestory.compare.scorers import FormulaScorer, to_scale
from samestory.compare.types import DIMENSIONS

keys = st.lists(st.sampled_from([f"k{i}" for i in range(12)]), max_size=20)
unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
feature_names = [
    "people",
    "organisations",
    "entities",
    "places",
    "dates",
    "numbers",
    "quotes",
    "publication",
    "body_semantic",
    "lead_semantic",
    "title_semantic",
    "reuse_shorter",
    "style_profile",
]
features = st.dictionaries(st.sampled_from(feature_names), unit)


@given(keys, keys)
def test_set_similarity_symmetric_and_bounded(a, b):
    s = set_similarity(a, b)
    assert s == set_similarity(b, a)
    if not a and not b:
        assert s is None
    else:
        assert 0.0 <= s <= 1.0 + 1e-9


@given(keys.filter(bool))
def test_set_similarity_identity(a):
    assert abs(set_similarity(a, a) - 1.0) < 1e-9


@given(features)
def test_dimensions_on_the_semeval_scale(f):
    d = FormulaScorer().score(f).to_dict()
    assert tuple(d) == DIMENSIONS
    assert all(1.0 <= v <= 4.0 for v in d.values())


@given(features, unit)
def test_more_reuse_never_lowers_similarity(f, extra):
    # a larger share of copied text can only make every dimension more similar (lower)
    lo = dict(f, reuse_shorter=min(f.get("reuse_shorter", 0.0), extra))
    hi = dict(f, reuse_shorter=max(f.get("reuse_shorter", 0.0), extra))
    d_lo, d_hi = FormulaScorer().score(lo).to_dict(), FormulaScorer().score(hi).to_dict()
    assert all(d_hi[k] <= d_lo[k] + 1e-9 for k in DIMENSIONS)


def test_scale_ends():
    assert to_scale(1.0) == 1.0 and to_scale(0.0) == 4.0 and to_scale(2.0) == 1.0
