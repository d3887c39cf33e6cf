"""Text embeddings: the ``Encoder`` protocol, a registry, and the ``Vectors`` of one article."""

from __future__ import annotations

from samestory.embed.base import Encoder, encoders, normalize_rows
from samestory.embed.vectors import Vectors, embed_articles, make_encoder

__all__ = ["Encoder", "Vectors", "embed_articles", "encoders", "make_encoder", "normalize_rows"]
