"""Word-level overlaps of two texts: stemmed content words, names and character n-grams.

Content words only compare within one language; names and character n-grams are taken over a
Latin transliteration (``anyascii``), so ``Путин``/``Putin`` or ``Алиев``/``Aliyev`` still meet.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

from anyascii import anyascii

from samestory.analyze.lexicon import SNOWBALL

_WORD = re.compile(r"\w+", re.UNICODE)
_NAME = re.compile(r"(?<![\w])[^\W\d_][\w'’-]{2,}", re.UNICODE)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
MIN_CONTENT_CHARS = 4  # shorter words are mostly function words in the languages samestory reads
NGRAM = 4


class Stemmers:
    """Snowball stemmers by language, created on first use and kept with the object."""

    def __init__(self) -> None:
        self._stemmers: dict[str, object | None] = {}

    def get(self, language: str):
        if language not in self._stemmers:
            name = SNOWBALL.get(language)
            if name is None:
                self._stemmers[language] = None
            else:
                import Stemmer

                self._stemmers[language] = Stemmer.Stemmer(name)
        return self._stemmers[language]


def content_words(text: str, language: str, stemmers: Stemmers) -> Counter[str]:
    """Stems of the words of at least four letters (no digits): a cheap stand-in for content words."""
    words = [w.lower() for w in _WORD.findall(text) if len(w) >= MIN_CONTENT_CHARS and not w.isdigit()]
    stemmer = stemmers.get(language)
    return Counter(stemmer.stemWords(words) if stemmer else words)


def names(text: str) -> Counter[str]:
    """Capitalised words, transliterated to lower-case ASCII."""
    return Counter(anyascii(w).lower() for w in _NAME.findall(text) if w[0].isupper())


def char_ngrams(text: str, n: int = NGRAM) -> Counter[str]:
    """Character n-grams of the transliterated text (letters and digits, one space between words)."""
    t = _NON_ALNUM.sub(" ", anyascii(text).lower())
    return Counter(t[i : i + n] for i in range(len(t) - n + 1))


def cosine(a: Mapping[str, int], b: Mapping[str, int]) -> float | None:
    """Cosine of two bags; ``None`` when either is empty."""
    if not a or not b:
        return None
    dot = sum(a[k] * b[k] for k in a.keys() & b.keys())
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def dice(a: Mapping[str, int], b: Mapping[str, int]) -> float | None:
    """Dice coefficient of the two sets of keys; ``None`` when either is empty."""
    if not a or not b:
        return None
    return 2 * len(a.keys() & b.keys()) / (len(a) + len(b))
