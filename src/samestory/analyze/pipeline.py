"""``Analyzer``: runs every analysis step over articles, batching the costly NER."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import chain, islice

from samestory.analyze.credits import find_credits
from samestory.analyze.dates import DateFinder
from samestory.analyze.language import LanguageDetector
from samestory.analyze.limit import time_limit
from samestory.analyze.numbers import NumberFinder
from samestory.analyze.quotes import find_quotes
from samestory.analyze.sentences import split_sentences
from samestory.analyze.types import Analysis, Entity, Place
from samestory.config import AnalyzeConfig
from samestory.errors import AnalysisError, ConfigError, MissingDependencyError
from samestory.ingest.article import Article

# Errors that stop a whole run rather than one article
_FATAL = (ConfigError, MissingDependencyError, MemoryError)


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

    Models load on first use. ``analyze_many`` batches NER over ``config.batch_size`` articles;
    with ``config.n_process`` > 1 and enough articles, batches go to that many forked worker
    processes (kept until ``close()``), which inherit the loaded models.
    """

    def __init__(self, config: AnalyzeConfig | None = None, *, extractor=None) -> None:
        self.config = config or AnalyzeConfig()
        self._extractor = extractor
        self._lang = LanguageDetector()
        self._dates = DateFinder()  # compiled per-language patterns, reused across articles
        self._numbers = NumberFinder()
        self._pool = None

    @property
    def extractor(self):
        if self._extractor is None:
            from samestory.analyze.entities import EntityExtractor

            # one process per extractor: parallelism is over whole articles (see analyze_many)
            self._extractor = EntityExtractor(ner=self.config.ner, n_process=1, batch_size=self.config.batch_size)
        return self._extractor

    def language_of(self, article: Article) -> tuple[str, float]:
        if self.config.language:
            return self.config.language, 1.0
        if article.language:
            return article.language, 1.0
        return self._lang.detect(article.text[: self.config.max_chars])

    def analyze(self, article: Article) -> Analysis:
        return next(iter(self.analyze_many([article])))

    def analyze_many(self, articles: Iterable[Article], *, keep_going: bool = False) -> Iterator[Analysis]:
        """Analyses in input order; in worker processes when ``n_process`` > 1 and the input
        holds more than one batch. An article that cannot be analysed (or runs over
        ``time_limit``) raises, or with ``keep_going`` stands as its ``AnalysisError``."""
        it = iter(articles)
        first = list(islice(it, self.config.batch_size + 1))
        if self.config.n_process > 1 and len(first) > self.config.batch_size:
            yield from self._parallel().map(chain(first, it), keep_going=keep_going)
            return
        it = chain(first, it)
        analyze = self.analyze_each if keep_going else self.analyze_batch
        while batch := list(islice(it, self.config.batch_size)):
            yield from analyze(batch)  # type: ignore[misc]

    def _parallel(self):
        if self._pool is None:
            from samestory.analyze.parallel import AnalysisPool

            self.warm_up()  # load the models once, before forking, so workers share them
            self._pool = AnalysisPool(self, self.config.n_process, chunk_size=max(1, self.config.batch_size // 2))
        return self._pool

    def warm_up(self) -> None:
        """Load every model the analysis of English text needs (the gazetteer, the identifier, spaCy)."""
        self.extractor.extract("Warm up in Geneva.", "en")
        self._lang.detect("Warm up the language identifier.")

    def close(self) -> None:
        """Stop the worker processes, if any."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> Analyzer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def analyze_batch(self, batch: Sequence[Article]) -> list[Analysis]:
        """Analyse a batch in this process (one NER call for all of it).

        The batch as a whole gets ``time_limit`` (a normal article takes a few hundredths of a
        second); over it, ``AnalysisTimeout`` is raised and callers analyse each article alone
        (``analyze_each``). Models load before the clock starts.
        """
        limit = self.config.max_chars
        langs = [self.language_of(a) for a in batch]  # on a bounded sample of the text
        self.extractor.load({lang for lang, _ in langs})
        texts = [a.text[:limit] for a in batch]
        what = "the analysis" if len(batch) == 1 else f"the analysis of a batch of {len(batch)} articles"
        with time_limit(self.config.time_limit, what):
            found = self.extractor.extract_many(texts, [lang for lang, _ in langs])
            return [
                self._finish(article, text, lang, score, ents, places)
                for article, text, (lang, score), (ents, places) in zip(batch, texts, langs, found)
            ]

    def analyze_each(self, batch: Sequence[Article]) -> list[Analysis | AnalysisError]:
        """``analyze_batch``, but when the batch fails each article is analysed alone, and one
        that fails alone stands as its ``AnalysisError`` (the reason to reject it)."""
        try:
            return list(self.analyze_batch(batch))
        except _FATAL:
            raise
        except Exception as exc:
            if len(batch) == 1:
                return [_as_error(exc)]
        out: list[Analysis | AnalysisError] = []
        for article in batch:
            try:
                out.extend(self.analyze_batch([article]))
            except _FATAL:
                raise
            except Exception as exc:
                out.append(_as_error(exc))
        return out

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


def _as_error(exc: Exception) -> AnalysisError:
    """The exception as an ``AnalysisError`` whose message says what failed (and that pickles,
    to cross back from a worker process)."""
    if isinstance(exc, AnalysisError):
        return exc
    err = AnalysisError(f"{type(exc).__name__}: {exc}")
    err.__cause__ = exc  # the traceback for a log (lost if it crosses from a worker process)
    return err
