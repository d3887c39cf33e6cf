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


# --- pair features on real (small) articles: symmetry and bounds ------------------------------

from datetime import date  # noqa: E402

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from samestory.align import align_texts  # noqa: E402
from samestory.analyze.pipeline import Analyzer  # noqa: E402
from samestory.compare.features import Side, pair_features  # noqa: E402
from samestory.config import AnalyzeConfig, EmbedConfig  # noqa: E402
from samestory.embed import embed_articles, make_encoder  # noqa: E402
from samestory.ingest.article import Article  # noqa: E402

SENTENCES = [
    "Ten countries along the Danube signed a plan in Vienna on Thursday.",
    "Austrian minister Katharina Stelzer said the deal was historic.",
    '"The river does not stop at borders," she told reporters.',
    "The plan will cost some 1.2 billion euros over six years.",
    "Dock workers in Busan walked off the job on Friday.",
    "The union wants overtime raised by 15 percent.",
    "Zehn Donaustaaten unterzeichneten am Donnerstag in Wien einen Plan.",
    "Scientists warned that algae blooms killed fish in the Black Sea.",
]


@pytest.fixture(scope="module")
def tools():
    return Analyzer(AnalyzeConfig(ner="gazetteer")), make_encoder(EmbedConfig(encoder="hashing"))


articles = st.tuples(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
    st.sampled_from(["en", "de"]),
    st.sampled_from([None, date(2024, 3, 14), date(2024, 3, 20)]),
)


def side(tools, spec) -> Side:
    analyzer, encoder = tools
    sentences, language, published = spec
    art = Article(id=str(hash(tuple(sentences))), text=" ".join(sentences), language=language, published=published)
    return Side(art, analyzer.analyze(art), embed_articles(encoder, [None], [art.text])[0])


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(articles, articles)
def test_pair_features_are_symmetric(tools, spec_a, spec_b):
    a, b = side(tools, spec_a), side(tools, spec_b)
    fab = pair_features(a, b, align_texts(a.article.text, b.article.text))
    fba = pair_features(b, a, align_texts(b.article.text, a.article.text))
    assert fab.keys() == fba.keys()
    for k in fab:
        assert fab[k] == pytest.approx(fba[k], abs=1e-9), k
    assert all(v == v for v in fab.values())  # no NaN: an unknown feature is left out instead


@pytest.fixture(scope="module")
def use_tools():
    return Analyzer(AnalyzeConfig(ner="gazetteer")), make_encoder(EmbedConfig(encoder="use"))


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(articles, articles)
def test_learned_and_coherence_features_are_symmetric_with_use(use_tools, spec_a, spec_b):
    from samestory.compare.features import FeatureContext

    ctx = FeatureContext()
    a, b = side(use_tools, spec_a), side(use_tools, spec_b)
    fab = pair_features(a, b, align_texts(a.article.text, b.article.text), ctx)
    fba = pair_features(b, a, align_texts(b.article.text, a.article.text), ctx)
    names = (
        "learned_title",
        "learned_lead",
        "learned_body",
        "title_body_min",
        "title_body_max",
        "title_rest_min",
        "title_rest_max",
        "lead2_cosine",  # the leads again, by e5-small (EmbedConfig's lead_encoder beside use)
    )
    for k in names:
        assert fab[k] == pytest.approx(fba[k], abs=1e-5), k
    assert -1.0 - 1e-6 <= fab["lead2_cosine"] <= 1.0 + 1e-6
    assert -1.0 - 1e-6 <= fab["title_rest_min"] <= fab["title_rest_max"] <= 1.0 + 1e-6
    # an article against itself: the learned dissimilarity is at its lowest, the cosine's opposite
    self_pair = pair_features(a, a, align_texts(a.article.text, a.article.text), ctx)
    assert self_pair["learned_body"] <= fab["learned_body"] + 1e-6
    assert self_pair["lead2_cosine"] == pytest.approx(1.0, abs=1e-5)


def test_the_hashing_encoder_gets_no_learned_features(tools):
    a = side(tools, (SENTENCES[:3], "en", None))
    b = side(tools, (SENTENCES[3:6], "en", None))
    f = pair_features(a, b, align_texts(a.article.text, b.article.text))
    assert not any(k.startswith("learned_") for k in f)  # the head is trained on USE vectors only
    assert {"title_body_min", "title_rest_max"} <= f.keys()
    assert "lead2_cosine" not in f  # no second lead encoder beside hashing unless configured
