"""Word n-gram fingerprints of a text: stable 64-bit hashes, winnowed.

Words are the folded keys of :func:`samestory.align.tokens.tokenize` (case-folded, accents
folded, typographic apostrophes made plain), so the index sees text the way the aligner does.

Hashes are computed with numpy on the UTF-8 bytes of the keys and never with Python's
``hash()`` (salted per process), so they are the same in every process, on every platform and
in any engine that reimplements these few lines:

* a word's hash is the polynomial ``sum(byte[k] * P**k) mod 2**64`` over its bytes, mixed with
  its byte length by the splitmix64 finaliser;
* an n-gram's hash is ``sum(word[i] * Q**(n-1-i)) mod 2**64`` over its words, mixed again;
* *winnowing* (Schleimer, Wilkerson and Aiken 2003) keeps the smallest hash of every window of
  ``window`` consecutive n-grams (the leftmost on ties). Any run of at least ``window + n - 1``
  words two texts share verbatim yields at least one fingerprint in both, and a run of
  ``k * window + n - 1`` words at least ``k``: a guarantee that sampling by ``hash % k`` lacks.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from samestory.align.tokens import tokenize

# Odd multipliers (odd, hence invertible modulo 2**64), and the splitmix64 finaliser constants.
_P = 0x100000001B3  # the 64-bit FNV prime
_Q = 0x9E3779B97F4A7C15  # 2**64 / golden ratio
_P_INV = pow(_P, -1, 2**64)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_EMPTY = np.zeros(0, dtype=np.int64)


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit reaches every output bit (in place, uint64)."""
    z ^= z >> np.uint64(30)
    z *= _M1
    z ^= z >> np.uint64(27)
    z *= _M2
    z ^= z >> np.uint64(31)
    return z


def _powers(base: int, count: int) -> np.ndarray:
    """``base**k mod 2**64`` for ``k < count`` (numpy integer products wrap modulo 2**64)."""
    p = np.full(count, base, dtype=np.uint64)
    p[0] = 1
    return np.cumprod(p, dtype=np.uint64)


def word_hashes(keys: Sequence[str]) -> np.ndarray:
    """A stable 64-bit hash (``uint64``) of each word key."""
    if not keys:
        return np.zeros(0, dtype=np.uint64)
    # Keys never hold NUL (inputs with NUL are rejected as binary): it separates them, and as a
    # zero byte it adds nothing to the sum of the word it ends.
    buf = np.frombuffer("\x00".join(keys).encode("utf-8"), dtype=np.uint8)
    starts = np.empty(len(keys), dtype=np.intp)
    starts[0] = 0
    starts[1:] = np.flatnonzero(buf == 0) + 1
    with np.errstate(over="ignore"):
        weighted = buf.astype(np.uint64) * _powers(_P, len(buf))
        sums = np.add.reduceat(weighted, starts)
        # multiplying by P**-start makes each word's sum start at P**0 wherever the word stands
        h = sums * _powers(_P_INV, len(buf))[starts]
        lengths = np.diff(np.append(starts, len(buf) + 1)) - 1
        h ^= lengths.astype(np.uint64) * np.uint64(_Q)
        return _mix(h)


def ngram_hashes(words: np.ndarray, n: int) -> np.ndarray:
    """The hash (``uint64``) of each run of ``n`` consecutive word hashes, in text order."""
    m = len(words) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.uint64)
    g = words[:m].copy()
    q = np.uint64(_Q)
    with np.errstate(over="ignore"):
        for k in range(1, n):
            g *= q
            g += words[k : k + m]
        return _mix(g)


def winnow(hashes: np.ndarray, window: int) -> np.ndarray:
    """Positions kept by winnowing: the leftmost smallest hash of each window of ``window``."""
    if window <= 1 or len(hashes) == 0:
        return np.arange(len(hashes))
    if len(hashes) <= window:
        return np.array([int(np.argmin(hashes))])
    view = sliding_window_view(hashes, window)
    return np.unique(view.argmin(axis=1) + np.arange(len(view)))


def text_fingerprints(text: str, *, n: int, window: int) -> np.ndarray:
    """The distinct winnowed n-gram hashes of ``text``, sorted, as ``int64`` (the postings key).

    Pure and deterministic across processes and platforms.
    """
    grams = ngram_hashes(word_hashes(tokenize(text).keys), n)
    if len(grams) == 0:
        return _EMPTY
    kept = grams[winnow(grams, window)]
    return np.unique(kept.view(np.int64))
