"""``Analyzer``: runs every analysis step over articles, batching the costly NER."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice

from samestory.analyze.credits import find_credits
from samestory.analyze.dates import DateFinder
from samestory.analyze.language import LanguageDetector
from samestory.analyze.numbers import NumberFinder
from samestory.analyze.quotes import find_quotes
from samestory.analyze.sentences import split_sentences
from samestory.analyze.types import Analysis, Entity, Place
from samestory.config import AnalyzeConfig
from samestory.ingest.article import Article


def reference_date(article: Article, language: str = "en", *, finder: DateFinder | None = None) -> date | None:
    """The day the article's relative dates count from: its dateline day, else its publication day.

    A reprint published on the 10th with a dateline "Oct 9" was written on the 9th, so its
    "on Friday" means the Friday of the dateline.
    """
    published = article.published_date
    dateline = article.metadata.get("dateline") if article.metadata else None
    text = dateline.get("text") if isinstance(dateline, dict) else None
    if text:
        for d in (finder or DateFinder()).find(text, language, published):
            if d.granularity in ("day", "time") and (published is None or d.first <= published):
                return d.first
    return published


class Analyzer:
    """Holds the loaded models (language identifier, NER, gazetteer) for repeated use.

    Models load on first use. ``analyze_many`` batches NER over ``config.batch_size`` articles,
    in ``config.n_process`` worker processes when asked.
    """

    def __init__(self, config: AnalyzeConfig | None = None, *, extractor=None) -> None:
        self.config = config or AnalyzeConfig()
        self._extractor = extractor
        self._lang = LanguageDetector()
        self._dates = DateFinder()  # compiled per-language patterns, reused across articles
        self._numbers = NumberFinder()

    @property
    def extractor(self):
        if self._extractor is None:
            from samestory.analyze.entities import EntityExtractor

            self._extractor = EntityExtractor(
                ner=self.config.ner, n_process=self.config.n_process, batch_size=self.config.batch_size
            )
        return self._extractor

    def language_of(self, article: Article) -> tuple[str, float]:
        if self.config.language:
            return self.config.language, 1.0
        if article.language:
            return article.language, 1.0
        return self._lang.detect(article.text[: self.config.max_chars])

    def analyze(self, article: Article) -> Analysis:
        return next(iter(self.analyze_many([article])))

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        it = iter(articles)
        while batch := list(islice(it, self.config.batch_size)):
            yield from self._analyze_batch(batch)

    def _analyze_batch(self, batch: Sequence[Article]) -> list[Analysis]:
        limit = self.config.max_chars
        langs = [self.language_of(a) for a in batch]
        texts = [a.text[:limit] for a in batch]
        found = self.extractor.extract_many(texts, [lang for lang, _ in langs])
        return [
            self._finish(article, text, lang, score, ents, places)
            for article, text, (lang, score), (ents, places) in zip(batch, texts, langs, found)
        ]

    def _finish(
        self,
        article: Article,
        text: str,
        language: str,
        score: float,
        entities: Sequence[Entity],
        places: Sequence[Place],
    ) -> Analysis:
        sentences = split_sentences(text, language)
        ref = reference_date(article, language, finder=self._dates)
        dates = self._dates.find(text, language, ref)
        numbers = self._numbers.find(text, language, [(d.start, d.end) for d in dates])
        quotes = find_quotes(text, sentences=sentences, entities=entities)
        credits = find_credits(text)
        return Analysis(
            article_id=article.id,
            language=language,
            language_score=float(score),
            reference_date=ref,
            sentences=tuple(sentences),
            entities=tuple(sorted(entities, key=lambda e: e.start)),
            places=tuple(sorted(places, key=lambda p: p.start)),
            dates=tuple(dates),
            numbers=tuple(numbers),
            quotes=tuple(quotes),
            credits=tuple(credits),
        )
