"""The Python API: read, analyse and compare articles.

>>> from samestory.api import Samestory
>>> ss = Samestory()
>>> result = ss.compare_files("a.txt", "b.txt")
>>> result.same_story, result.dimensions.overall
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from samestory.analyze.pipeline import Analyzer
from samestory.analyze.types import Analysis
from samestory.compare import Comparison, Side, compare_sides, scorers
from samestory.config import EmbedConfig, Settings
from samestory.embed import Encoder, Vectors, embed_articles, make_encoder
from samestory.ingest import read_file
from samestory.ingest.article import Article


def _embed_once(config: EmbedConfig, titles: list[str | None], texts: list[str]) -> list[Vectors]:
    """Load an encoder, embed, and let it go: the body of a one-shot embedding process."""
    return embed_articles(make_encoder(config), titles, texts)


class Samestory:
    """Holds the loaded models for repeated use; everything loads on first need.

    ``one_shot=True`` is for a process that compares once and exits (the CLI): the encoder is
    then loaded and run in a forked child process while this one loads the NER model and
    analyses, so the two model loads overlap on two cores instead of queueing for one.
    """

    def __init__(self, settings: Settings | None = None, *, scorer: str = "formula", one_shot: bool = False) -> None:
        self.settings = settings or Settings()
        self._analyzer: Analyzer | None = None
        self._encoder: Encoder | None = None
        self.scorer = scorers.create(scorer)
        self.one_shot = one_shot

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
        """Analyse and embed articles, the embedding beside the analysis (see ``one_shot``)."""
        titles, texts = [a.title for a in articles], [a.text for a in articles]
        if self.one_shot and self._encoder is None:
            # fork before the NER model is loaded: the child starts small and loads only the encoder
            pool: ProcessPoolExecutor | ThreadPoolExecutor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("fork")
            )
            future: Future[list[Vectors]] = pool.submit(_embed_once, self.settings.embed, titles, texts)
        else:
            pool = ThreadPoolExecutor(max_workers=1)  # both steps spend most of their time in native code
            future = pool.submit(embed_articles, self.encoder, titles, texts)
        with pool:
            analyses = self.analyze(articles)
            vectors = future.result()
        return [Side(a, an, v) for a, an, v in zip(articles, analyses, vectors)]

    def compare(self, a: Article, b: Article) -> Comparison:
        sa, sb = self.prepare([a, b])
        return self.compare_prepared(sa, sb)

    def compare_prepared(self, a: Side, b: Side) -> Comparison:
        """Compare two already analysed and embedded articles (the fast path)."""
        return compare_sides(a, b, scorer=self.scorer, config=self.settings.compare, align_config=self.settings.align)

    def compare_files(self, path_a: str | Path, path_b: str | Path) -> Comparison:
        return self.compare(self.read(path_a), self.read(path_b))
