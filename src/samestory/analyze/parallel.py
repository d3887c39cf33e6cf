"""Analysis of large batches in worker processes that inherit the loaded models.

Workers are forked from the process that holds a warm ``Analyzer``, so its models (spaCy,
Natasha, the gazetteer) are shared copy-on-write instead of loaded again in each worker.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samestory.analyze.pipeline import Analyzer
    from samestory.analyze.types import Analysis
    from samestory.errors import AnalysisError
    from samestory.ingest.article import Article

# The analyser of a worker process. Set once by the pool's initializer in each worker; the
# parent never sets it. It is the worker's own state, not a cache shared between callers.
_worker: Analyzer | None = None


def _init_worker(analyzer: Analyzer) -> None:
    global _worker
    _worker = analyzer


def _analyze_chunk(chunk: Sequence[Article], keep_going: bool) -> list[Analysis | AnalysisError]:
    assert _worker is not None, "worker not initialised"
    return _worker.analyze_each(chunk) if keep_going else _worker.analyze_batch(chunk)  # type: ignore[return-value]


class AnalysisPool:
    """``n_process`` forked workers analysing chunks of articles, results in input order."""

    def __init__(self, analyzer: Analyzer, n_process: int, *, chunk_size: int) -> None:
        self.chunk_size = chunk_size
        # fork, not spawn: the initializer's argument (the warm analyser) is inherited, not pickled
        self._executor = ProcessPoolExecutor(
            max_workers=n_process,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(analyzer,),
        )

    def map(self, articles: Iterable[Article], *, keep_going: bool = False) -> Iterator[Analysis]:
        """Analyses in input order (see ``Analyzer.analyze_many`` for ``keep_going``)."""
        it = iter(articles)
        chunks = iter(lambda: list(islice(it, self.chunk_size)), [])
        for result in self._executor.map(partial(_analyze_chunk, keep_going=keep_going), chunks):
            yield from result  # type: ignore[misc]

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
