"""Where the service's work runs: the models on a bounded compare pool, the store on its own threads.

The models load once (``Samestory``, kept warm for the life of the server) and comparisons run
``compare_threads`` at a time in worker threads, so the event loop stays free to answer
``/health`` and the page while a comparison runs. A store connection is not shared between
threads: each store thread opens its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from samestory.analyze.language import LanguageDetector
from samestory.api import Samestory
from samestory.config import Settings
from samestory.ingest.article import Article
from samestory.store import Store, open_store

T = TypeVar("T")
# Store threads: reads (the page, story lists) go on beside a write; SQLite has one writer anyway
_STORE_THREADS = 2


class Busy(Exception):
    """Too many comparisons are waiting: the client should retry later (503)."""


class TimedOut(Exception):
    """A request waited or ran past the time limit (504)."""


class Engine:
    """The loaded models and the store, behind two thread pools."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        cfg = settings.service
        self.samestory = Samestory(settings)
        self.models = "lazy"
        self._compare = ThreadPoolExecutor(max_workers=cfg.compare_threads, thread_name_prefix="samestory-compare")
        self._stores = ThreadPoolExecutor(max_workers=_STORE_THREADS, thread_name_prefix="samestory-store")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._pending = 0

    # -- life ---------------------------------------------------------------------------------------
    def open(self) -> None:
        """Open the store once here, so a bad URL fails at startup rather than on the first request."""
        open_store(self.settings.store.url).close()

    def warm_up(self) -> None:
        """Load every model a comparison needs, so the first request is as fast as the rest."""
        self.models = "loading"
        ss = self.samestory
        ss.analyzer.warm_up()
        ss.encoder.encode(["Warm up the encoder."])
        warm = Article(id="warm-up", text="Ten countries agreed on Thursday to cut river pollution by a third.")
        ss.align(warm, warm)
        self.models = "loaded"

    def close(self) -> None:
        self._compare.shutdown(wait=True, cancel_futures=True)
        # each store thread closes its own connection (SQLite refuses a close from another thread):
        # one task a thread, held at a barrier until every thread has one
        barrier = threading.Barrier(_STORE_THREADS)

        def close_mine() -> None:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=10)
            store = getattr(self._local, "store", None)
            if store is not None:
                store.close()

        for f in [self._stores.submit(close_mine) for _ in range(_STORE_THREADS)]:
            f.result()
        self._stores.shutdown(wait=True)
        self.samestory.close()

    @property
    def pending(self) -> int:
        return self._pending

    # -- running ------------------------------------------------------------------------------------
    async def compute(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` on the compare pool, within the time limit; ``Busy`` when the queue is full.

        A request that times out while still queued is dropped unrun; one already running
        finishes in its thread (Python cannot stop it) and keeps its place in the count.
        """
        cfg = self.settings.service
        with self._lock:
            if self._pending >= cfg.max_pending:
                raise Busy(f"{self._pending} comparisons are queued or running; retry later")
            self._pending += 1
        deadline = time.monotonic() + cfg.time_limit

        def job() -> T:
            if time.monotonic() > deadline:  # expired in the queue: skip the work
                raise TimedOut(f"waited over the time limit of {cfg.time_limit:g} s")
            return fn(*args)

        try:
            future: Future[T] = self._compare.submit(job)
        except BaseException:
            self._done(None)
            raise
        future.add_done_callback(self._done)
        return await self._wait(future, deadline)

    def _done(self, _: object) -> None:
        with self._lock:
            self._pending -= 1

    async def with_store(self, fn: Callable[[Store], T]) -> T:
        """``fn(store)`` on a store thread, with that thread's own store connection."""
        deadline = time.monotonic() + self.settings.service.time_limit
        return await self._wait(self._stores.submit(self._on_store, fn), deadline)

    def detector(self) -> LanguageDetector:
        """This thread's language identifier (for articles stored without a language)."""
        det = getattr(self._local, "detector", None)
        if det is None:
            det = self._local.detector = LanguageDetector()
        return det

    def _on_store(self, fn: Callable[[Store], T]) -> T:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.settings.store.url)
        return fn(store)

    async def _wait(self, future: Future[T], deadline: float) -> T:
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            limit = self.settings.service.time_limit
            raise TimedOut(f"not done within the time limit of {limit:g} s") from None
