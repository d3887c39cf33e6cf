"""The similarity head: headline words from URLs, its training, its symmetry, the shipped one."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samestory.compare.head import SimilarityHead
from samestory.compare.train_head import pair_design, read_url_pairs, url_words
from samestory.errors import ConfigError


def _unit(rng, n, d=16):
    x = rng.normal(size=(n, d))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_url_words_keep_the_headline_and_drop_ids():
    assert (
        url_words("https://news.example.org/2021/03/04/ferry-strike-ends-after-talks/")
        == "ferry strike ends after talks"
    )
    assert (
        url_words("https://example.com/world/farmers-protest-new-water-rules/2021/05/02/5f3a9c21-aa10-11eb_story.html")
        == "farmers protest new water rules"
    )
    assert (
        url_words("https://example.de/politik/buergermeister-tritt-zurueck-12345.html")
        == "buergermeister tritt zurueck"
    )
    assert url_words("https://example.net/") == ""
    assert url_words("https://example.net/article/123456") == "article"  # too few words to be used


def test_read_url_pairs_leaves_out_held_articles_and_wordless_urls(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text(
        "url1_lang,url2_lang,pair_id,link1,link2,Overall\n"
        "en,en,11_22,https://a.org/ferry-strike-ends-today,https://b.org/ferries-run-again-after-strike,1.5\n"
        "en,en,33_44,https://a.org/ferry-strike-ends-today,https://b.org/news/778899,2.0\n"
        "en,en,55_66,https://a.org/new-bridge-opens-in-town,https://b.org/city-council-approves-budget,4.0\n",
        encoding="utf-8",
    )
    got = read_url_pairs(path, exclude_articles={"66"})
    assert [(p.pair_id, p.words1, p.words2, p.overall) for p in got] == [
        ("11_22", "ferry strike ends today", "ferries run again after strike", 1.5)
    ]


def test_fit_head_reproduces_the_ridge_and_learns_a_weighting():
    pytest.importorskip("sklearn")
    from samestory.compare.train_head import fit_head

    rng = np.random.default_rng(0)
    u, v = _unit(rng, 5000, 8), _unit(rng, 5000, 8)
    # the target depends on agreement in the first two directions only
    y = 2.5 - 20.0 * (u[:, 0] * v[:, 0] + u[:, 1] * v[:, 1]) + rng.normal(scale=0.05, size=5000)
    head = fit_head(u, v, y, encoder="test", info={})
    assert head.product.shape == head.difference.shape == (8,)
    assert set(np.argsort(head.product)[:2]) == {0, 1}  # fit_head itself checks it against scikit-learn
    assert head.product[:2].max() < -10 and np.abs(head.product[2:]).max() < 2
    assert pair_design(u, v).shape == (5000, 16)


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_a_head_is_symmetric_and_round_trips(seed, tmp_path_factory):
    rng = np.random.default_rng(seed)
    head = SimilarityHead("test", rng.normal(size=16).astype(np.float32), rng.normal(size=16).astype(np.float32), 2.5)
    u, v = _unit(rng, 2)
    assert head.score(u, v) == pytest.approx(head.score(v, u), abs=1e-9)
    path = tmp_path_factory.mktemp("head") / "h.json.gz"
    head.save(path)
    assert SimilarityHead.load(path).score(u, v) == pytest.approx(head.score(u, v), abs=1e-4)


def test_the_digest_follows_the_weights_not_the_info():
    rng = np.random.default_rng(0)
    w = rng.normal(size=16).astype(np.float32)
    head = SimilarityHead("test", w, -w, 2.5, {"metrics": {"r": 0.5}})
    relabelled = SimilarityHead("test", w.copy(), -w, 2.5, {"metrics": {"r": 0.6}})
    assert head.digest() == relabelled.digest()
    assert SimilarityHead("test", w, -w, 2.6).digest() != head.digest()
    assert SimilarityHead("other", w, -w, 2.5).digest() != head.digest()
    w2 = w.copy()
    w2[3] += 0.01
    assert SimilarityHead("test", w2, -w, 2.5).digest() != head.digest()


def test_a_file_of_another_kind_is_refused(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"format": "samestory-scorer/4"}')
    with pytest.raises(ConfigError, match="similarity head"):
        SimilarityHead.load(path)


def test_the_shipped_head_scores_a_copy_as_most_alike():
    from samestory.config import EmbedConfig
    from samestory.embed import make_encoder

    head = SimilarityHead.shipped()["use"]
    assert head.encoder == "use" and head.product.shape == (512,)
    assert head.info["metrics"]["url_pairs_cv_r_head"] > 0.5  # recorded when it was trained
    enc = make_encoder(EmbedConfig(encoder="use"))
    x = enc.encode(
        [
            "Dock workers end their strike after the port agrees to new shift rules",
            "Port strike over: dockers accept the new shift schedule",
            "A village choir wins the regional singing contest",
        ]
    )
    same, paraphrase, unrelated = head.score(x[0], x[0]), head.score(x[0], x[1]), head.score(x[0], x[2])
    assert same < paraphrase < unrelated
    assert same < 1.5 and unrelated > 3.0
