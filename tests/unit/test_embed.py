from __future__ import annotations

import numpy as np
import pytest

from samestory.config import EmbedConfig
from samestory.embed import embed_articles, make_encoder
from samestory.embed.vectors import lead_of


def test_hashing_encoder_unit_rows_and_similarity():
    enc = make_encoder(EmbedConfig(encoder="hashing"))
    x = enc.encode(
        ["The ferry sank near the harbour", "the ferry sank near the harbour today", "Quarterly earnings rose", ""]
    )
    assert x.shape == (4, enc.dim)
    assert np.allclose(np.linalg.norm(x[:3], axis=1), 1.0, atol=1e-5)
    assert np.all(x[3] == 0)  # nothing to embed: a zero vector, not noise
    assert x[0] @ x[1] > 0.5 > x[0] @ x[2]


def test_lead_cut_at_sentence_end():
    text = "First sentence here. " * 60
    lead = lead_of(text)
    assert 200 < len(lead) <= 600 and lead.endswith("here.")
    assert lead_of("short") == "short"


def test_embed_articles_checks_lengths():
    enc = make_encoder(EmbedConfig(encoder="hashing"))
    with pytest.raises(ValueError):
        embed_articles(enc, ["a"], ["x", "y"])
    v = embed_articles(enc, [None], ["Some body text."])[0]
    assert v.encoder == "hashing" and not v.title.any() and v.body.any()


@pytest.mark.slow
def test_use_encoder_is_cross_lingual():
    enc = make_encoder(EmbedConfig(encoder="use"))
    x = enc.encode(
        [
            "Floods forced thousands of residents from their homes along the river.",
            "Les inondations ont chassé des milliers d'habitants de leurs maisons le long du fleuve.",
            "The central bank kept interest rates unchanged on Thursday.",
        ]
    )
    assert x.shape == (3, 512)
    assert x[0] @ x[1] > x[0] @ x[2] + 0.2
