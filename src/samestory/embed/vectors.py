"""The vectors kept for one article: title, lead and body."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from samestory.analyze.sentences import split_sentences
from samestory.config import EmbedConfig
from samestory.embed.base import Encoder, encoders
from samestory.embed.furniture import THRESHOLDS, furniture_share, notice_vectors

# importing the modules registers their encoders
from samestory.embed import e5 as _e5  # noqa: F401  isort: skip
from samestory.embed import hashing as _hashing  # noqa: F401  isort: skip
from samestory.embed import use as _use  # noqa: F401  isort: skip

LEAD_CHARS = 600  # about the first two or three sentences: where news puts who/what/where/when
MAX_SENTENCES = 48  # sentences kept as vectors for alignment; the body vector uses them all
# Characters of a text that are embedded. News articles run to about 30,000; a longer text's body
# vector is its opening's, so that time and memory per article stay bounded (a 1.3 MB text took
# 37 s to embed whole, 1.5 s for this much)
EMBED_CHARS = 100_000


@dataclass(frozen=True, slots=True, eq=False)
class Vectors:
    """Unit vectors of an article's title, lead, body and first sentences, from encoder ``encoder``.

    ``sentences`` has one row per sentence (at most ``MAX_SENTENCES``); an article without a
    title gets its first sentence's vector as title, since news puts the gist there.
    ``furniture`` is the share of those sentences that read like a site's notices (cookie
    walls, captchas, paywalls; ``embed.furniture``), ``None`` where the encoder cannot tell.
    ``lead2`` is the lead's vector from a second encoder, ``lead2_encoder`` (``EmbedConfig``).
    """

    encoder: str
    title: np.ndarray
    lead: np.ndarray
    body: np.ndarray
    sentences: np.ndarray
    furniture: float | None = None
    lead2: np.ndarray | None = None
    lead2_encoder: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "encoder": self.encoder,
            "title": self.title.round(5).tolist(),
            "lead": self.lead.round(5).tolist(),
            "body": self.body.round(5).tolist(),
            "sentences": self.sentences.round(5).tolist(),
            "furniture": self.furniture,
            "lead2": None if self.lead2 is None else self.lead2.round(5).tolist(),
            "lead2_encoder": self.lead2_encoder,
        }


class WithLeadEncoder:
    """An encoder whose articles' leads are also embedded by ``lead_encoder`` (``Vectors.lead2``);
    everything else is the main encoder's."""

    def __init__(self, main: Encoder, lead_encoder: Encoder) -> None:
        self.main = main
        self.lead_encoder = lead_encoder
        self.name = main.name
        self.dim = main.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.main.encode(texts)

    def __getattr__(self, attr: str):  # encode_article and the like, where the main encoder has them
        if attr == "main" or attr.startswith("__"):  # not yet set (unpickling, copying): no recursion
            raise AttributeError(attr)
        return getattr(self.main, attr)


def make_encoder(config: EmbedConfig | None = None) -> Encoder:
    config = config or EmbedConfig()
    options: dict[str, object] = {"threads": config.threads}
    if config.encoder == "use":  # the one encoder with a choice of precision
        options["precision"] = config.precision
    main = encoders.create(config.encoder, **options)
    second = config.lead_encoder_name
    return WithLeadEncoder(main, encoders.create(second, threads=config.threads)) if second else main


def lead_of(text: str, limit: int = LEAD_CHARS) -> str:
    """The opening of a text, cut at a sentence end or space near ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(". ", 0, limit), text.rfind("\n", 0, limit))
    if cut < limit // 3:
        cut = text.rfind(" ", 0, limit)
    return text[: cut + 1 if cut > 0 else limit]


def sentence_texts(text: str) -> tuple[list[str], int]:
    """The sentences of a text and how many of them make the lead."""
    spans = split_sentences(text)
    sentences = [text[s.start : s.end] for s in spans] or [text.strip() or " "]
    lead = sum(1 for s in spans if s.end <= LEAD_CHARS) if spans else 1
    return sentences, max(1, lead)


def embed_article(encoder: Encoder, title: str | None, text: str, notices: np.ndarray | None = None) -> Vectors:
    """The vectors of one article. An encoder with ``encode_article`` (USE) gets sentences, lead
    and body from one pass; any other encodes each piece, which gives the same quantities.
    ``notices`` (``furniture.notice_vectors``) gives the furniture share; without, it is ``None``."""
    if len(text) > EMBED_CHARS:
        cut = text.rfind(" ", EMBED_CHARS - 1000, EMBED_CHARS)
        text = text[: cut if cut > 0 else EMBED_CHARS]
    sentences, lead_count = sentence_texts(text)
    if hasattr(encoder, "encode_article"):
        sent_v, lead_v, body_v = encoder.encode_article(sentences, lead_count)
    else:
        x = encoder.encode([*sentences, " ".join(sentences[:lead_count]), text])
        sent_v, lead_v, body_v = x[: len(sentences)], x[-2], x[-1]
    title_v = encoder.encode([title])[0] if title and title.strip() else sent_v[0]
    kept = np.ascontiguousarray(sent_v[:MAX_SENTENCES])
    share = None if notices is None else furniture_share(kept, notices, THRESHOLDS[encoder.name])
    return Vectors(encoder.name, title_v, lead_v, body_v, kept, share)


def embed_articles(encoder: Encoder, titles: Sequence[str | None], texts: Sequence[str]) -> list[Vectors]:
    """Embed title, lead, body and sentences of each article."""
    n = len(texts)
    if len(titles) != n:
        raise ValueError(f"got {len(titles)} titles for {n} texts")
    notices = notice_vectors(encoder)
    out = [embed_article(encoder, t, x, notices) for t, x in zip(titles, texts)]
    second = getattr(encoder, "lead_encoder", None)
    if second is None or not out:
        return out
    leads = second.encode([lead_of(x) for x in texts])  # one call: it batches by length
    return [replace(v, lead2=lead, lead2_encoder=second.name) for v, lead in zip(out, leads)]
