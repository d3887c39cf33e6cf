"""The Python API: read, analyse and compare articles.

>>> from samestory.api import Samestory
>>> ss = Samestory()
>>> result = ss.compare_files("a.txt", "b.txt")
>>> result.same_story, result.dimensions.overall
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from samestory.analyze.pipeline import Analyzer
from samestory.analyze.types import Analysis
from samestory.compare import Comparison, Side, compare_sides, scorers
from samestory.config import Settings
from samestory.embed import Encoder, embed_articles, make_encoder
from samestory.ingest import read_file
from samestory.ingest.article import Article


class Samestory:
    """Holds the loaded models for repeated use; everything loads on first need."""

    def __init__(self, settings: Settings | None = None, *, scorer: str = "formula") -> None:
        self.settings = settings or Settings()
        self._analyzer: Analyzer | None = None
        self._encoder: Encoder | None = None
        self.scorer = scorers.create(scorer)

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = Analyzer(self.settings.analyze)
        return self._analyzer

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = make_encoder(self.settings.embed)
        return self._encoder

    def read(self, path: str | Path) -> Article:
        """One article from a plain-text or HTML file."""
        return read_file(path, self.settings.ingest)

    def analyze(self, articles: Sequence[Article]) -> list[Analysis]:
        return list(self.analyzer.analyze_many(articles))

    def prepare(self, articles: Sequence[Article]) -> list[Side]:
        """Analyse and embed articles; the embedding runs in a thread beside the analysis,
        since both spend most of their time in native code."""
        encoder = self.encoder
        with ThreadPoolExecutor(max_workers=1) as pool:
            vec_future = pool.submit(embed_articles, encoder, [a.title for a in articles], [a.text for a in articles])
            analyses = self.analyze(articles)
            vectors = vec_future.result()
        return [Side(a, an, v) for a, an, v in zip(articles, analyses, vectors)]

    def compare(self, a: Article, b: Article) -> Comparison:
        sa, sb = self.prepare([a, b])
        return self.compare_prepared(sa, sb)

    def compare_prepared(self, a: Side, b: Side) -> Comparison:
        """Compare two already analysed and embedded articles (the fast path)."""
        return compare_sides(a, b, scorer=self.scorer, config=self.settings.compare, align_config=self.settings.align)

    def compare_files(self, path_a: str | Path, path_b: str | Path) -> Comparison:
        return self.compare(self.read(path_a), self.read(path_b))
