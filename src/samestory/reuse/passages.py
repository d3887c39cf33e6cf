"""The alignment stage's kernel: the passages of candidate pairs, as plain arrays.

Each pair is aligned with :func:`samestory.align.align_texts` (pure, symmetric in its two texts);
only the passages are kept, so no sentence splitting is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from samestory.align import align_texts
from samestory.align.tokens import Tokens, tokenize
from samestory.config import AlignConfig

Span = tuple[int, int, int, int, float]  # a_start, a_end, b_start, b_end, similarity


@dataclass(frozen=True, slots=True)
class PairPassages:
    """Passage ``k`` is shared by documents ``a[k] < b[k]``: ``a_start[k]:a_end[k]`` of a's text and
    ``b_start[k]:b_end[k]`` of b's; ordered by (a, b, b_start)."""

    a: np.ndarray  # int32
    b: np.ndarray  # int32
    a_start: np.ndarray  # int32 (as all offsets)
    a_end: np.ndarray
    b_start: np.ndarray
    b_end: np.ndarray
    similarity: np.ndarray  # float64

    def __len__(self) -> int:
        return len(self.a)

    @classmethod
    def empty(cls) -> PairPassages:
        z = np.zeros(0, np.int32)
        return cls(z, z, z, z, z, z, np.zeros(0, np.float64))

    @classmethod
    def concat(cls, parts: Sequence[PairPassages]) -> PairPassages:
        if not parts:
            return cls.empty()
        return cls(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)))

    def arrays(self) -> dict[str, np.ndarray]:
        """The columns by name (for ``np.savez`` and engines that move columns)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def align_pair(
    a_text: str, b_text: str, config: AlignConfig, a_tokens: Tokens | None = None, b_tokens: Tokens | None = None
) -> list[Span]:
    """The passages two texts share, as ``(a_start, a_end, b_start, b_end, similarity)``."""
    alignment = align_texts(
        a_text, b_text, config=config, a_sentences=(), b_sentences=(), a_tokens=a_tokens, b_tokens=b_tokens
    )
    return [(p.a_start, p.a_end, p.b_start, p.b_end, p.similarity) for p in alignment.passages]


def align_pairs(texts: Sequence[str], a: np.ndarray, b: np.ndarray, config: AlignConfig) -> PairPassages:
    """The passages of the pairs ``(texts[a[k]], texts[b[k]])``, all together."""
    rows: list[tuple[int, int, int, int, int, int, float]] = []
    # Tokenizing is most of an alignment's time, and candidate pairs come sorted, so the
    # documents of one batch recur: each is tokenized once per call (the dict dies with it)
    tokens: dict[int, Tokens] = {}

    def tokens_of(k: int) -> Tokens:
        if k not in tokens:
            tokens[k] = tokenize(texts[k])
        return tokens[k]

    for x, y in zip(a.tolist(), b.tolist()):
        rows.extend((x, y, *span) for span in align_pair(texts[x], texts[y], config, tokens_of(x), tokens_of(y)))
    if not rows:
        return PairPassages.empty()
    cols = list(zip(*rows))
    ints = [np.array(c, dtype=np.int32) for c in cols[:6]]
    return PairPassages(*ints, np.array(cols[6], dtype=np.float64))
