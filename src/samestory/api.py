"""The Python API: read, analyse and compare articles.

>>> from samestory.api import Samestory
>>> ss = Samestory()
>>> result = ss.compare_files("a.txt", "b.txt")
>>> result.same_story, result.dimensions.overall
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from itertools import islice
from pathlib import Path
from typing import TypeVar

from samestory.align.pair import PairAlignment, align_articles
from samestory.analyze.language import LanguageDetector
from samestory.analyze.pipeline import Analyzer
from samestory.analyze.types import Analysis
from samestory.compare import Comparison, Dimensions, Side, compare_sides, scorers
from samestory.compare.features import FeatureContext
from samestory.config import EmbedConfig, Settings
from samestory.embed import Encoder, Vectors, embed_articles, make_encoder
from samestory.embed.process import EncoderProcess, EncoderProcessError
from samestory.errors import AnalysisError, ConfigError, MissingDependencyError, why
from samestory.ingest import read_file
from samestory.ingest.article import Article, Rejected
from samestory.ingest.pairs import PairRecord
from samestory.prepare import PreparePool, WorkerError

log = logging.getLogger(__name__)
T = TypeVar("T")
# errors that would fail every article alike: they stop a batch job instead of rejecting rows
_FATAL = (ConfigError, MissingDependencyError, EncoderProcessError, WorkerError, MemoryError)


def _embed_once(config: EmbedConfig, titles: list[str | None], texts: list[str]) -> list[Vectors]:
    """Load an encoder, embed, and let it go: the body of a one-shot embedding process."""
    return embed_articles(make_encoder(config), titles, texts)


def _each(fn: Callable[[list[T]], list[object]], items: list[T]) -> list[object]:
    """``fn`` over all items at once; when that fails, over each item alone (see ``_one_by_one``)."""
    try:
        return fn(items)
    except _FATAL:
        raise
    except Exception:
        log.debug("batch failed; retrying its %d items one by one", len(items), exc_info=True)
    return _one_by_one(fn, items)


def _one_by_one(fn: Callable[[list[T]], list[object]], items: list[T]) -> list[object]:
    """``fn`` over each item alone, an item's exception standing in for its result, so that one
    bad article does not sink its batch."""
    out: list[object] = []
    for item in items:
        try:
            out.extend(fn([item]))
        except _FATAL:
            raise
        except Exception as exc:
            log.debug("item failed", exc_info=True)
            out.append(exc)
    return out


def _plan(batch: list[PairRecord | Rejected]) -> tuple[dict[int, tuple], dict[tuple, Article]]:
    """Each pair's two article keys, and the distinct articles of the batch: SemEval reuses
    articles across pairs, so each (text, language) is prepared once."""
    distinct: dict[tuple[str, str | None], Article] = {}
    keys: dict[int, tuple[tuple[str, str | None], tuple[str, str | None]]] = {}
    for i, rec in enumerate(batch):
        if isinstance(rec, PairRecord):
            a, b = rec.articles()
            keys[i] = ka, kb = (a.id, a.language), (b.id, b.language)
            distinct.setdefault(ka, a)
            distinct.setdefault(kb, b)
    return keys, distinct


class Samestory:
    """Holds the loaded models for repeated use; everything loads on first need.

    ``one_shot=True`` is for a process that compares once and exits (the CLI): the encoder is
    then loaded and run in a forked child process while this one loads the NER model and
    analyses, so the two model loads overlap on two cores instead of queueing for one.
    """

    def __init__(self, settings: Settings | None = None, *, scorer: str | None = None, one_shot: bool = False) -> None:
        self.settings = settings or Settings()
        self._analyzer: Analyzer | None = None
        self._encoder: Encoder | None = None
        self._embedder: EncoderProcess | None = None
        self._pool: PreparePool | None = None
        self._detector: LanguageDetector | None = None
        self._features: FeatureContext | None = None
        cfg = self.settings.compare
        # a scorer named here wins over the configured one; only the trained scorer takes a model file
        name = scorer or cfg.scorer
        self.scorer = scorers.create(name, model=cfg.model) if name == "trained" else scorers.create(name)
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
            analyses = list(self.analyzer.analyze_many(articles, keep_going=True))
            vectors = future.result()
        for art, an in zip(articles, analyses):
            if isinstance(an, AnalysisError):  # name the article that failed, not its batch
                raise type(an)(f"{art.source or art.id}: {an}") from an
        return [Side(a, an, v) for a, an, v in zip(articles, analyses, vectors)]  # type: ignore[arg-type]

    def compare(self, a: Article, b: Article) -> Comparison:
        sa, sb = self.prepare([a, b])
        return self.compare_prepared(sa, sb)

    def compare_prepared(self, a: Side, b: Side) -> Comparison:
        """Compare two already analysed and embedded articles (the fast path)."""
        if self._features is None:
            self._features = FeatureContext()  # stemmers and similarity heads, kept for the next pair
        return compare_sides(
            a,
            b,
            scorer=self.scorer,
            config=self.settings.compare,
            align_config=self.settings.align,
            context=self._features,
        )

    def compare_files(self, path_a: str | Path, path_b: str | Path) -> Comparison:
        return self.compare(self.read(path_a), self.read(path_b))

    def align(self, a: Article, b: Article) -> PairAlignment:
        """Shared passages with their edits, unshared sentences, the derivation class of each
        article and the likely source (``samestory align``). Reading, language identification and
        sentence splitting only: no entity recognition, no embedding."""
        if self._detector is None:
            self._detector = LanguageDetector()  # the model loads on first use and stays
        return align_articles(a, b, config=self.settings.align, detector=self._detector)

    def align_files(self, path_a: str | Path, path_b: str | Path) -> PairAlignment:
        return self.align(self.read(path_a), self.read(path_b))

    def score_pairs(
        self, records: Iterable[PairRecord | Rejected], *, batch_size: int | None = None
    ) -> Iterator[tuple[PairRecord, Dimensions] | Rejected]:
        """Score pairs in input order, ``batch_size`` at a time (default ``settings.compare.batch_size``).

        With ``n_process`` = 1, each batch's distinct articles are analysed here in one call
        while a child process embeds them in one encoder call. With ``n_process`` > 1, that many
        forked workers analyse and embed chunks of a batch, and the pairs of the previous batch
        are compared here meanwhile (memory holds two batches). A ``Rejected`` among the records
        passes through in its place; a pair whose article cannot be analysed or embedded, or
        that cannot be compared, becomes a ``Rejected`` and the rest go on. ``close()`` stops
        the child processes.
        """
        size = self.settings.compare.batch_size if batch_size is None else batch_size
        if size < 1:
            raise ConfigError(f"batch_size must be at least 1, got {size}")
        it = iter(records)
        if self.settings.analyze.n_process > 1:
            yield from self._score_pipelined(it, size)
            return
        while batch := list(islice(it, size)):
            yield from self._score_batch(batch)

    def _score_pipelined(
        self, it: Iterator[PairRecord | Rejected], size: int
    ) -> Iterator[tuple[PairRecord, Dimensions] | Rejected]:
        pool = self._prepare_pool()
        pending = None
        while batch := list(islice(it, size)):
            keys, distinct = _plan(batch)
            futures = pool.submit(list(distinct.values()))  # the workers start on this batch...
            if pending is not None:  # ...while the previous one is compared here
                yield from self._finish_batch(pending[0], pending[1], dict(zip(pending[2], pool.gather(pending[3]))))
            pending = (batch, keys, list(distinct), futures)
        if pending is not None:
            yield from self._finish_batch(pending[0], pending[1], dict(zip(pending[2], pool.gather(pending[3]))))

    def _prepare_pool(self) -> PreparePool:
        if self._pool is None:
            # load the models here, once, so the forked workers share them: every encoder and
            # session an article's embedding uses (USE, its int8 pass, the second encoder)
            self.analyzer.warm_up()
            embed_articles(self.encoder, [None], ["Warm up the encoders."])
            self._pool = PreparePool(self.analyzer, self.encoder, self.settings.analyze.n_process)
        return self._pool

    @property
    def embedder(self) -> EncoderProcess:
        """The embedding child process (forked on first use: before the analysis models load, it
        starts small; an encoder already loaded here is inherited)."""
        if self._embedder is None or not self._embedder.alive:
            self._embedder = EncoderProcess(self.settings.embed, self._encoder)
        return self._embedder

    def _score_batch(self, batch: list[PairRecord | Rejected]) -> Iterator[tuple[PairRecord, Dimensions] | Rejected]:
        keys, distinct = _plan(batch)
        articles = list(distinct.values())
        t0 = time.perf_counter()
        sides = dict(zip(distinct, self._prepare_batch(articles)))
        log.debug(
            "batch of %d pairs, %d distinct articles prepared in %.2f s",
            len(keys),
            len(sides),
            time.perf_counter() - t0,
        )
        del articles
        yield from self._finish_batch(batch, keys, sides)

    def _finish_batch(
        self, batch: list[PairRecord | Rejected], keys: dict, sides: dict
    ) -> Iterator[tuple[PairRecord, Dimensions] | Rejected]:
        """Compare each pair of a prepared batch, in input order."""
        for i, rec in enumerate(batch):
            if isinstance(rec, Rejected):
                yield rec
                continue
            sa, sb = (sides[k] for k in keys[i])
            for n, side in ((1, sa), (2, sb)):
                if isinstance(side, str):
                    yield Rejected(rec.location, "failed", f"pair {rec.pair_id}: text{n} {side}")
                    break
            else:
                try:
                    dims = self.compare_prepared(sa, sb).dimensions  # type: ignore[arg-type]
                except _FATAL:
                    raise
                except Exception as exc:
                    log.debug("comparison failed", exc_info=True)
                    yield Rejected(rec.location, "failed", f"pair {rec.pair_id}: comparison failed: {why(exc)}")
                else:
                    yield rec, dims

    def _prepare_batch(self, articles: list[Article]) -> list[Side | str]:
        """Each article analysed and embedded, or why it could not be."""
        if not articles:
            return []
        embedder = self.embedder
        t0 = time.perf_counter()
        embedder.submit([a.title for a in articles], [a.text for a in articles])
        analyses = _each(self._analyze, articles)
        t1 = time.perf_counter()
        try:
            vectors: list[object] = embedder.result()  # type: ignore[assignment]
        except _FATAL:
            raise
        except Exception:
            log.debug("embedding the batch failed; embedding its articles one by one", exc_info=True)
            vectors = _one_by_one(
                lambda arts: embedder.embed([a.title for a in arts], [a.text for a in arts]), articles
            )
        log.debug("analysis %.2f s, then waited %.2f s for the embeddings", t1 - t0, time.perf_counter() - t1)
        out: list[Side | str] = []
        for art, an, vec in zip(articles, analyses, vectors):
            if isinstance(an, BaseException):
                out.append(f"could not be analysed: {why(an)}")
            elif isinstance(vec, BaseException):
                out.append(f"could not be embedded: {why(vec)}")
            else:
                out.append(Side(art, an, vec))  # type: ignore[arg-type]
        return out

    def _analyze(self, articles: list[Article]) -> list[Analysis | AnalysisError]:
        try:
            return list(self.analyzer.analyze_many(articles, keep_going=True))
        except Exception:
            self.analyzer.close()  # a dead worker breaks the pool: start a new one for the next batch
            raise

    def close(self) -> None:
        """Stop the child processes (analysis workers, embedding process), if any."""
        if self._analyzer is not None:
            self._analyzer.close()
        if self._embedder is not None:
            self._embedder.close()
            self._embedder = None
        if self._pool is not None:
            self._pool.close()
            self._pool = None
