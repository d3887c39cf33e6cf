"""The ``local`` engine: the pure kernels over forked worker processes on this machine.

Workers are forked once the corpus is read, so they inherit its texts copy-on-write; a task
carries only document numbers (a range to fingerprint, a chunk of pairs to align), never texts.
Results come back in task order, so the output does not depend on the number of processes.
With one process the same kernels run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

import numpy as np

from samestory.candidates import text_fingerprints
from samestory.config import AlignConfig
from samestory.errors import WorkerError
from samestory.reuse.passages import PairPassages, align_pairs

FINGERPRINT_CHUNK = 256  # documents per task
ALIGN_CHUNK = 1024  # pairs per task: small enough to balance the last tasks over the workers,
# large enough that a task's documents recur (each is tokenized once per task)


@dataclass(frozen=True, slots=True)
class _Work:
    texts: Sequence[str]
    ngram: int
    window: int
    align: AlignConfig


# The work of a worker process, set once by the pool's initializer in each worker (the parent
# never sets it): the worker's own state, inherited through fork, not a cache between callers.
_worker: _Work | None = None


def _init_worker(work: _Work) -> None:
    global _worker
    _worker = work


def fingerprint_range(
    texts: Sequence[str], lo: int, hi: int, *, ngram: int, window: int
) -> tuple[np.ndarray, np.ndarray]:
    """The fingerprints of documents ``lo..hi-1``, concatenated, and how many each has (a task's
    result in every engine: two arrays pickle faster than one per document)."""
    fps = [text_fingerprints(texts[k], n=ngram, window=window) for k in range(lo, hi)]
    lengths = np.array([len(f) for f in fps], dtype=np.int64)
    return (np.concatenate(fps) if fps else np.zeros(0, np.int64)), lengths


def split_fingerprints(flat: np.ndarray, lengths: np.ndarray) -> list[np.ndarray]:
    """Undo :func:`fingerprint_range`'s concatenation: one array per document."""
    return np.split(flat, np.cumsum(lengths)[:-1])


def _worker_fingerprints(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    assert _worker is not None, "worker not initialised"
    return fingerprint_range(_worker.texts, lo, hi, ngram=_worker.ngram, window=_worker.window)


def _worker_align(a: np.ndarray, b: np.ndarray) -> PairPassages:
    assert _worker is not None, "worker not initialised"
    return align_pairs(_worker.texts, a, b, _worker.align)


def default_processes() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class LocalEngine:
    """Fingerprints and alignments of one corpus over ``n_process`` forked workers."""

    def __init__(
        self, texts: Sequence[str], *, ngram: int, window: int, align: AlignConfig, n_process: int | None = None
    ) -> None:
        self._work = _Work(texts, ngram, window, align)
        self.n_process = n_process or default_processes()
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # fork, not spawn: the initializer's argument (the corpus texts) is inherited, not pickled
            self._executor = ProcessPoolExecutor(
                max_workers=self.n_process,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker,
                initargs=(self._work,),
            )
        return self._executor

    def _run(self, fn: Callable, local: Callable, args: list[tuple]) -> Iterator:
        if self.n_process == 1:
            yield from (local(*a) for a in args)
            return
        try:
            yield from self._pool().map(fn, *zip(*args))
        except BrokenProcessPool as exc:
            raise WorkerError(f"a worker process died ({exc}); try fewer processes (--n-process)") from None

    def fingerprints(self) -> list[np.ndarray]:
        """Each document's fingerprints (sorted distinct ``int64``), in document order."""
        n = len(self._work.texts)
        ranges = [(lo, min(n, lo + FINGERPRINT_CHUNK)) for lo in range(0, n, FINGERPRINT_CHUNK)]
        out: list[np.ndarray] = []
        w = self._work
        local = lambda lo, hi: fingerprint_range(w.texts, lo, hi, ngram=w.ngram, window=w.window)  # noqa: E731
        for flat, lengths in self._run(_worker_fingerprints, local, ranges):
            out.extend(split_fingerprints(flat, lengths))
        return out

    def align(self, a: np.ndarray, b: np.ndarray, progress: Callable[[int], None] | None = None) -> PairPassages:
        """The passages of the pairs ``(a[k], b[k])``; ``progress(n)`` hears of each chunk done."""
        chunks = [(a[k : k + ALIGN_CHUNK], b[k : k + ALIGN_CHUNK]) for k in range(0, len(a), ALIGN_CHUNK)]
        parts: list[PairPassages] = []
        local = lambda x, y: align_pairs(self._work.texts, x, y, self._work.align)  # noqa: E731
        for (x, _), part in zip(chunks, self._run(_worker_align, local, chunks)):
            parts.append(part)
            if progress is not None:
                progress(len(x))
        return PairPassages.concat(parts)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
