"""The ``spark`` engine: the ``local`` engine's kernels mapped over Spark (PySpark RDDs).

The texts are broadcast once; a task carries what a local worker's does (a range of documents
to fingerprint, a chunk of pairs to align) and runs the same functions, and results are
collected in task order, so both engines write byte-identical output. ``local[*]`` runs Spark
on this machine; a cluster's master URL needs samestory (``pip install 'samestory[spark]'``)
on its executors, which import this module to run the tasks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from samestory.config import AlignConfig
from samestory.reuse import local
from samestory.reuse.local import fingerprint_range, split_fingerprints
from samestory.reuse.passages import PairPassages, align_pairs
from samestory.spark.session import map_in_order, spark_session

if TYPE_CHECKING:
    from pyspark import Broadcast, SparkContext
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)

# Read when a stage runs (not bound as defaults), so tests can make many small tasks
FINGERPRINT_CHUNK = local.FINGERPRINT_CHUNK  # documents per task
ALIGN_CHUNK = local.ALIGN_CHUNK  # pairs per task
ALIGN_TASKS_PER_CORE = 16  # align tasks per Spark job: progress is heard between jobs

# The task functions: module-level, so the executors import them by name rather than unpickling
# their code, and the broadcast texts are read there through ``.value``.


def _fingerprint_task(
    texts: Broadcast, ngram: int, window: int, bounds: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    return fingerprint_range(texts.value, bounds[0], bounds[1], ngram=ngram, window=window)


def _align_task(texts: Broadcast, config: AlignConfig, pairs: tuple[np.ndarray, np.ndarray]) -> PairPassages:
    return align_pairs(texts.value, pairs[0], pairs[1], config)


class SparkEngine:
    """Fingerprints and alignments of one corpus as Spark jobs at ``master``.

    The session starts on first use (a run resumed from checkpoints never starts one) and is
    stopped by :meth:`close` only if this engine started it.
    """

    def __init__(
        self, texts: Sequence[str], *, ngram: int, window: int, align: AlignConfig, master: str = "local[*]"
    ) -> None:
        self._texts = texts
        self.ngram, self.window, self.align_config, self.master = ngram, window, align, master
        self._session: SparkSession | None = None
        self._owns_session = False
        self._broadcast: Broadcast | None = None

    def _context(self) -> tuple[SparkContext, Broadcast]:
        if self._session is None:
            self._session, self._owns_session = spark_session(self.master)
        sc = self._session.sparkContext
        if self._broadcast is None:
            self._broadcast = sc.broadcast(list(self._texts))
        return sc, self._broadcast

    def fingerprints(self) -> list[np.ndarray]:
        """Each document's fingerprints (sorted distinct ``int64``), in document order."""
        n = len(self._texts)
        if n == 0:
            return []
        sc, texts = self._context()
        ranges = [(lo, min(n, lo + FINGERPRINT_CHUNK)) for lo in range(0, n, FINGERPRINT_CHUNK)]
        out: list[np.ndarray] = []
        for flat, lengths in map_in_order(sc, partial(_fingerprint_task, texts, self.ngram, self.window), ranges):
            out.extend(split_fingerprints(flat, lengths))
        return out

    def align(self, a: np.ndarray, b: np.ndarray, progress: Callable[[int], None] | None = None) -> PairPassages:
        """The passages of the pairs ``(a[k], b[k])``; ``progress(n)`` hears of each job done."""
        chunks = [(a[k : k + ALIGN_CHUNK], b[k : k + ALIGN_CHUNK]) for k in range(0, len(a), ALIGN_CHUNK)]
        if not chunks:
            return PairPassages.empty()
        sc, texts = self._context()
        task = partial(_align_task, texts, self.align_config)
        # One job for every chunk would leave a progress bar still until the end; jobs of many
        # tasks a core keep the cores busy (a job's last tasks leave some idle)
        per_job = max(1, ALIGN_TASKS_PER_CORE * sc.defaultParallelism)
        parts: list[PairPassages] = []
        for start in range(0, len(chunks), per_job):
            job = chunks[start : start + per_job]
            parts.extend(map_in_order(sc, task, job))
            if progress is not None:
                progress(sum(len(x) for x, _ in job))
        return PairPassages.concat(parts)

    def close(self) -> None:
        if self._broadcast is not None:
            self._broadcast.destroy()
            self._broadcast = None
        if self._session is not None and self._owns_session:
            self._session.stop()
        self._session = None

    def __enter__(self) -> SparkEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
