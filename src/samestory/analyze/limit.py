"""A time limit on the analysis of an article, enforced with the process's interval timer.

Size limits (``max_bytes`` on input, ``max_chars`` on analysis) bound the work on an article
only roughly: a text can be small and still slow. The timer interrupts the analysis wherever it
is, inside a regular expression or a model alike (the interpreter runs the signal handler within
milliseconds). A signal reaches only a process's main thread, which is where the CLI and its
worker processes analyse; in other threads (the HTTP service's compare pool) the limit is not
armed, and the service's per-request ``time_limit`` bounds the request instead.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from samestory.errors import AnalysisTimeout

__all__ = ["AnalysisTimeout", "can_limit", "time_limit"]


def can_limit() -> bool:
    """Whether ``time_limit`` can interrupt work here: on the main thread, where signals arrive."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, what: str = "the analysis") -> Iterator[None]:
    """Raise ``AnalysisTimeout`` in the body once it has run ``seconds``; no limit when ``None``
    or where it cannot be armed (see ``can_limit``). An outer limit already running keeps
    precedence when it ends first, and otherwise goes on afterwards with the time it had left."""
    if not seconds or not can_limit():
        yield
        return
    outer = signal.getitimer(signal.ITIMER_REAL)[0]
    if 0 < outer <= seconds:  # an outer limit comes first: it governs
        yield
        return
    armed = True

    def on_alarm(signum: int, frame: object) -> None:
        if armed:  # a late signal after the body has finished is ignored
            raise AnalysisTimeout(f"{what} ran over the time limit of {seconds:g} s")

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # the outer limit goes on, with the time it had left
            signal.setitimer(signal.ITIMER_REAL, max(1e-3, outer - (time.monotonic() - started)))
