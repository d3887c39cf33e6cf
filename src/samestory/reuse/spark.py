"""The ``spark`` engine: the ``local`` engine's kernels mapped over Spark (PySpark RDDs).

The texts are broadcast once; a task carries what a local worker's does (a range of documents
to fingerprint, a chunk of pairs to align) and runs the same functions, and results are
collected in task order, so both engines write byte-identical output. ``local[*]`` runs Spark
on this machine; a cluster's master URL needs samestory (``pip install 'samestory[spark]'``)
on its executors, which import this module to run the tasks.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from samestory._optional import require
from samestory.config import AlignConfig
from samestory.reuse import local
from samestory.reuse.local import WorkerError, fingerprint_range, split_fingerprints
from samestory.reuse.passages import PairPassages, align_pairs

if TYPE_CHECKING:
    from pyspark import Broadcast, SparkContext
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)

# Read when a stage runs (not bound as defaults), so tests can make many small tasks
FINGERPRINT_CHUNK = local.FINGERPRINT_CHUNK  # documents per task
ALIGN_CHUNK = local.ALIGN_CHUNK  # pairs per task
ALIGN_TASKS_PER_CORE = 16  # align tasks per Spark job: progress is heard between jobs

SPARK_CONF = {
    "spark.app.name": "samestory reuse",
    "spark.ui.enabled": "false",  # no web server for a batch command
    "spark.ui.showConsoleProgress": "false",  # samestory's own --progress bar says how it goes
    "spark.log.level": "ERROR",  # from startup on, unlike setLogLevel afterwards
}


def spark_session(master: str) -> tuple[SparkSession, bool]:
    """The active Spark session, else a new one at ``master``; and whether it is new (then the
    caller stops it)."""
    require("pyspark", pip="'samestory[spark]'", purpose="the spark engine")
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        if active.sparkContext.master != master:
            log.warning("using the active Spark session at %s, not %s", active.sparkContext.master, master)
        return active, False
    if master.startswith("local"):
        # Spark starts the workers with `python3` from PATH, which may lack samestory; in local
        # mode they run on this machine, so this interpreter has everything they import
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master)
    for key, value in SPARK_CONF.items():
        builder = builder.config(key, value)
    return builder.getOrCreate(), True


# The task functions: module-level, so the executors import them by name rather than unpickling
# their code, and the broadcast texts are read there through ``.value``.


def _fingerprint_task(
    texts: Broadcast, ngram: int, window: int, bounds: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    return fingerprint_range(texts.value, bounds[0], bounds[1], ngram=ngram, window=window)


def _align_task(texts: Broadcast, config: AlignConfig, pairs: tuple[np.ndarray, np.ndarray]) -> PairPassages:
    return align_pairs(texts.value, pairs[0], pairs[1], config)


def _map_in_order(sc: SparkContext, task: Callable, items: list) -> list:
    """``task`` of each item, one Spark task per item, in the items' order."""
    if not items:
        return []
    from py4j.protocol import Py4JJavaError

    try:
        return sc.parallelize(items, len(items)).map(task).collect()
    except Py4JJavaError as exc:  # the JVM gave up on the job: an executor or worker lost
        message = str(exc.java_exception.toString()).splitlines()[0][:500]
        raise WorkerError(f"a Spark job failed: {message}") from None


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
        for flat, lengths in _map_in_order(sc, partial(_fingerprint_task, texts, self.ngram, self.window), ranges):
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
            parts.extend(_map_in_order(sc, task, job))
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
