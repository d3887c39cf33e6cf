"""A SentencePiece Unigram tokenizer from a vocabulary with scores (pure Python, word by word).

It segments as SentencePiece does for XLM-R-style models: characters mapped through a
normalisation table, runs of spaces collapsed, a leading space added, spaces written as
U+2581, and the segmentation of highest total score found by Viterbi; a character no piece
covers becomes the unknown piece at the lowest score less 10.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

META = "\u2581"
_SPACES = re.compile(" {2,}")
# Where no piece holds U+2581 but as its first character (true of the XLM-R and USE
# vocabularies; UnigramTokenizer checks, the USE tests check theirs), the best segmentation of a
# text is that of each of its words in turn: words are segmented once and kept, up to this many
_WORDS = re.compile(f"{META}[^{META}]*|[^{META}]+")
MAX_WORDS = 200_000


def by_words(
    normalized: str, segment: Callable[[str], list[int]], kept: dict[str, list[int]], limit: int | None = None
) -> list[int]:
    """Piece ids of a normalised text (spaces as U+2581), each word segmented by ``segment``
    once and kept in ``kept``; with ``limit``, only the first ``limit`` ids."""
    out: list[int] = []
    for word in _WORDS.findall(normalized):
        if limit is not None and len(out) >= limit:
            break
        ids = kept.get(word)
        if ids is None:
            ids = segment(word)
            if len(kept) < MAX_WORDS:
                kept[word] = ids
        out.extend(ids)
    return out if limit is None else out[:limit]


class UnigramTokenizer:
    """``encode(text)`` gives the ids of ``pieces`` (``scores`` their log-probabilities)."""

    def __init__(
        self, pieces: Sequence[str], scores: Sequence[float], *, unk: int, normalize: Mapping[str, str] | None = None
    ) -> None:
        if len(pieces) != len(scores):
            raise ValueError(f"{len(pieces)} pieces but {len(scores)} scores")
        self.unk = unk
        self._pieces = {p: (i, float(s)) for i, (p, s) in enumerate(zip(pieces, scores)) if p and i != unk}
        self._unk_score = min(float(s) for s in scores) - 10.0
        # the longest piece that starts with each 2-character prefix: most positions then try a
        # few lengths instead of every length up to the longest piece (3x faster on news text)
        longest: dict[str, int] = {}
        for p in self._pieces:
            key = p[:2]
            if len(p) > longest.get(key, 0):
                longest[key] = len(p)
        self._longest = longest
        self._table = str.maketrans(dict(normalize or {}))
        if any(META in p[1:] for p in self._pieces):
            raise ValueError(f"a piece holds {META!r} after its first character: words cannot be segmented alone")
        self._words: dict[str, list[int]] = {}

    def normalize(self, text: str) -> str:
        """The text as the pieces spell it: mapped, spaces collapsed, U+2581 for each space."""
        t = _SPACES.sub(" ", text.translate(self._table))
        if not t.startswith(" "):
            t = " " + t
        return t.replace(" ", META)

    def encode(self, text: str, limit: int | None = None) -> list[int]:
        """Piece ids of ``text``; with ``limit``, only the first ``limit`` of them."""
        return by_words(self.normalize(text), self._viterbi, self._words, limit)

    def _viterbi(self, t: str) -> list[int]:
        n = len(t)
        best = [0.0] + [-1e30] * n
        back = [0] * (n + 1)
        piece = [0] * (n + 1)
        pieces, longest, unk_score = self._pieces, self._longest, self._unk_score
        for i in range(n):
            here = best[i]
            if here <= -1e29:
                continue
            for e in range(i + 1, min(n, i + longest.get(t[i : i + 2], 1)) + 1):
                hit = pieces.get(t[i:e])
                if hit is not None and here + hit[1] > best[e]:
                    best[e], back[e], piece[e] = here + hit[1], i, hit[0]
            if here + unk_score > best[i + 1]:
                best[i + 1], back[i + 1], piece[i + 1] = here + unk_score, i, self.unk
        out: list[int] = []
        i = n
        while i > 0:
            out.append(piece[i])
            i = back[i]
        out.reverse()
        return out
