"""Analysis and embedding of articles in forked worker processes, each running both steps.

With two cores, splitting the work by step (analysis here, embedding in a child) leaves one
core waiting for the other whenever the steps take unequal time; giving each worker whole
articles keeps both busy. Workers are forked from a process whose models are loaded, so they
share them copy-on-write instead of loading their own.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from samestory.compare.features import Side
from samestory.embed.vectors import Vectors, embed_articles
from samestory.errors import AnalysisError, ConfigError, MissingDependencyError, WorkerError, why

if TYPE_CHECKING:
    from samestory.analyze.pipeline import Analyzer
    from samestory.embed.base import Encoder
    from samestory.ingest.article import Article

log = logging.getLogger(__name__)

# The models of a worker process, set once by the pool's initializer in each worker (the parent
# never sets it): the worker's own state, not a cache shared between callers.
_worker: tuple[Analyzer, Encoder] | None = None


def _init_worker(analyzer: Analyzer, encoder: Encoder) -> None:
    global _worker
    _worker = (analyzer, encoder)


def _embed_each(encoder: Encoder, articles: Sequence[Article]) -> list[Vectors | str]:
    """The vectors of the articles, in one call; when that fails, of each alone, an article that
    fails alone becoming the reason it failed."""
    try:
        return list(embed_articles(encoder, [a.title for a in articles], [a.text for a in articles]))
    except (ConfigError, MissingDependencyError):  # the setup, not an article: stop the run
        raise
    except Exception:
        log.debug("embedding failed; embedding %d articles one by one", len(articles), exc_info=True)
    out: list[Vectors | str] = []
    for art in articles:
        try:
            out.extend(embed_articles(encoder, [art.title], [art.text]))
        except Exception as exc:
            out.append(f"could not be embedded: {why(exc)}")
    return out


def _prepare_chunk(articles: Sequence[Article]) -> list[Side | str]:
    """The sides of a chunk; an article that fails alone becomes the reason it failed (the
    analyser retries a failed chunk article by article; only analysed articles are embedded)."""
    assert _worker is not None, "worker not initialised"
    analyzer, encoder = _worker
    analyses = analyzer.analyze_each(list(articles))
    ok = [i for i, an in enumerate(analyses) if not isinstance(an, AnalysisError)]
    vectors = dict(zip(ok, _embed_each(encoder, [articles[i] for i in ok])))
    out: list[Side | str] = []
    for i, (art, an) in enumerate(zip(articles, analyses)):
        if isinstance(an, AnalysisError):
            out.append(f"could not be analysed: {why(an)}")
        elif isinstance(vectors[i], str):
            out.append(vectors[i])  # type: ignore[arg-type]
        else:
            out.append(Side(art, an, vectors[i]))  # type: ignore[arg-type]
    return out


class PreparePool:
    """``n_process`` forked workers preparing chunks of articles; ``submit`` returns at once."""

    def __init__(self, analyzer: Analyzer, encoder: Encoder, n_process: int, *, chunk_size: int = 16) -> None:
        self.chunk_size = chunk_size
        # fork, not spawn: the initializer's arguments (the loaded models) are inherited, not pickled
        self._executor = ProcessPoolExecutor(
            max_workers=n_process,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(analyzer, encoder),
        )

    def submit(self, articles: Sequence[Article]) -> list[Future[list[Side | str]]]:
        step = self.chunk_size
        return [
            self._executor.submit(_prepare_chunk, list(articles[i : i + step])) for i in range(0, len(articles), step)
        ]

    @staticmethod
    def gather(futures: Sequence[Future[list[Side | str]]]) -> list[Side | str]:
        """The results of ``submit``'s futures, in article order."""
        out: list[Side | str] = []
        try:
            for f in futures:
                out.extend(f.result())
        except BrokenProcessPool as exc:
            raise WorkerError(f"a worker process died while preparing articles ({exc})") from None
        return out

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
