"""A dependency-free bag-of-words encoder: for tests and minimal installs, same language only."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from samestory.embed.base import encoders, normalize_rows

_WORD = re.compile(r"\w+", re.UNICODE)


@encoders.register("hashing")
class HashingEncoder:
    """Signed feature hashing of case-folded words and word bigrams, sublinear counts.

    Not cross-lingual: it is an explicit choice (``--encoder hashing``), never a silent fallback.
    """

    name = "hashing"

    def __init__(self, *, dim: int = 1024, threads: int = 1) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            words = [w.casefold() for w in _WORD.findall(text or "")]
            feats = words + [f"{a} {b}" for a, b in pairwise(words)]
            for f in feats:
                h = zlib.crc32(f.encode("utf-8"))
                out[i, h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
            out[i] = np.sign(out[i]) * np.log1p(np.abs(out[i]))
        return normalize_rows(out)
