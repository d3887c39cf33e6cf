"""A learned similarity of two embeddings: SemEval's Overall (1-4) predicted from a vector pair.

The cosine weighs every direction of the embedding alike; some directions say "same subject"
(a film, a town's police) more than "same event". The head is a ridge regression over the
elementwise product and the absolute difference of two unit vectors,

    score(u, v) = product . (u * v) + difference . |u - v| + intercept,

symmetric in ``u`` and ``v``. It is trained by ``scripts/train_head.py`` on SemEval's official
training labels, with the words of the two articles' URLs (``/ferry-strike-ends-after-talks/``)
as the texts, since those labels come without article text; pairs that share an article with
the scorer's training data (``pairs.csv``) are left out, so the scorer's held-out figures stay
held out. ``compare.features`` applies it to the titles, leads and bodies of two articles.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from samestory.errors import ConfigError

FORMAT = "samestory-head/1"
SHIPPED = {"use": "head-use.json.gz"}  # encoder name -> the head trained on its vectors


@dataclass(frozen=True, slots=True, eq=False)
class SimilarityHead:
    """Weights over ``u * v`` and ``|u - v|`` for one encoder's vectors; lower = more similar."""

    encoder: str
    product: np.ndarray
    difference: np.ndarray
    intercept: float
    info: Mapping[str, Any] = field(default_factory=dict)

    def score(self, u: np.ndarray, v: np.ndarray) -> float:
        """The predicted Overall (1 = same story ... 4 = unrelated), not clipped."""
        return float(self.product @ (u * v) + self.difference @ np.abs(u - v) + self.intercept)

    def digest(self) -> str:
        """A short hash of the encoder and the weights (not ``info``): what the scores depend on,
        so refreshed metrics do not invalidate features computed with the same head."""
        h = hashlib.blake2b(self.encoder.encode("utf-8"), digest_size=8)
        for part in (self.product, self.difference, np.float64(self.intercept)):
            h.update(np.ascontiguousarray(part, dtype=np.float64).tobytes())
        return h.hexdigest()

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "encoder": self.encoder,
                "product": [round(float(x), 7) for x in self.product],
                "difference": [round(float(x), 7) for x in self.difference],
                "intercept": round(self.intercept, 9),
                "info": dict(self.info),
            },
            separators=(",", ":"),
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(gzip.compress(self.to_json().encode("utf-8"), compresslevel=9, mtime=0))

    @classmethod
    def from_json(cls, text: str | bytes) -> SimilarityHead:
        d = json.loads(text)
        if d.get("format") != FORMAT:
            raise ConfigError(f"not a samestory similarity head (format {d.get('format')!r}, expected {FORMAT!r})")
        product, difference = np.asarray(d["product"], np.float32), np.asarray(d["difference"], np.float32)
        if product.shape != difference.shape or product.ndim != 1:
            raise ConfigError("similarity head: product and difference weights must be vectors of one length")
        return cls(str(d["encoder"]), product, difference, float(d["intercept"]), d.get("info", {}))

    @classmethod
    def load(cls, path: str | Path) -> SimilarityHead:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read similarity head {path}: {exc}") from None
        return cls.from_json(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)

    @classmethod
    def shipped(cls) -> dict[str, SimilarityHead]:
        """The heads in ``samestory/data``, by encoder name (read on each call: keep the result)."""
        return {
            encoder: cls.from_json(gzip.decompress(resources.files("samestory").joinpath("data", name).read_bytes()))
            for encoder, name in SHIPPED.items()
        }
