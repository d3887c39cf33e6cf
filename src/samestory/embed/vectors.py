"""The vectors kept for one article: title, lead and body."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from samestory.config import EmbedConfig
from samestory.embed.base import Encoder, encoders

# importing the modules registers their encoders
from samestory.embed import hashing as _hashing  # noqa: F401  isort: skip
from samestory.embed import use as _use  # noqa: F401  isort: skip

LEAD_CHARS = 600  # about the first two or three sentences: where news puts who/what/where/when


@dataclass(frozen=True, slots=True, eq=False)
class Vectors:
    """Unit vectors of an article's title, lead and body, from encoder ``encoder``."""

    encoder: str
    title: np.ndarray
    lead: np.ndarray
    body: np.ndarray

    def to_dict(self) -> dict[str, object]:
        return {
            "encoder": self.encoder,
            "title": self.title.round(5).tolist(),
            "lead": self.lead.round(5).tolist(),
            "body": self.body.round(5).tolist(),
        }


def make_encoder(config: EmbedConfig | None = None) -> Encoder:
    config = config or EmbedConfig()
    return encoders.create(config.encoder, threads=config.threads)


def lead_of(text: str, limit: int = LEAD_CHARS) -> str:
    """The opening of a text, cut at a sentence end or space near ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(". ", 0, limit), text.rfind("\n", 0, limit))
    if cut < limit // 3:
        cut = text.rfind(" ", 0, limit)
    return text[: cut + 1 if cut > 0 else limit]


def embed_articles(encoder: Encoder, titles: Sequence[str | None], texts: Sequence[str]) -> list[Vectors]:
    """Embed title, lead and body of each article in three batched calls."""
    n = len(texts)
    if len(titles) != n:
        raise ValueError(f"got {len(titles)} titles for {n} texts")
    title_v = encoder.encode([t or "" for t in titles])
    lead_v = encoder.encode([lead_of(t) for t in texts])
    body_v = encoder.encode(list(texts))
    return [Vectors(encoder.name, title_v[i], lead_v[i], body_v[i]) for i in range(n)]
