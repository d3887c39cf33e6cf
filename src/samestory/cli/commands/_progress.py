"""A one-line progress bar on stderr, redrawn with a carriage return (no dependency)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

_WIDTH = 24  # characters of the bar itself
_EVERY = 0.2  # seconds between redraws: a terminal needs no more, a log file gets fewer lines


def _clock(seconds: float) -> str:
    s = int(seconds)
    h, rest = divmod(s, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """Counts items done (out of ``total`` when known) and shows the rate and, with a total, the ETA.

    ``note`` prints a message line without tearing the bar; a disabled bar only passes notes on.
    """

    def __init__(
        self, *, total: int | None = None, unit: str = "pairs", enabled: bool = True, stream: TextIO | None = None
    ) -> None:
        self.total = total
        self.unit = unit
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.done = 0
        self.detail = ""  # more counts after the rate (e.g. articles stored while files are the unit)
        self.start = time.perf_counter()
        self._drawn = 0  # characters of the bar on screen
        self._shown: tuple[int, str] = (-1, "")  # the count and detail the bar on screen shows
        self._last = 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.perf_counter()
        if self.enabled and (now - self._last >= _EVERY or self.done == self.total):
            self._last = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        elapsed = (now or time.perf_counter()) - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        parts = [f"{self.done:,} {self.unit}"]
        if self.total:
            frac = min(1.0, self.done / self.total)
            filled = int(frac * _WIDTH)
            parts = [f"[{'#' * filled}{'.' * (_WIDTH - filled)}] {self.done:,}/{self.total:,} {self.unit} {frac:4.0%}"]
        parts.append(f"{rate:.1f} {self.unit}/s")
        if self.detail:
            parts.append(self.detail)
        if self.total and rate > 0 and self.done < self.total:
            parts.append(f"ETA {_clock((self.total - self.done) / rate)}")
        parts.append(f"elapsed {_clock(elapsed)}")
        return "  ".join(parts)

    def _draw(self, now: float) -> None:
        text = self.line(now)
        self.stream.write("\r" + text + " " * max(0, self._drawn - len(text)))
        self.stream.flush()
        self._drawn = len(text)
        self._shown = (self.done, self.detail)

    def _clear(self) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self._drawn = 0

    def refresh(self) -> None:
        """Redraw now (after ``detail`` changed), at most as often as ``advance`` would."""
        now = time.perf_counter()
        if self.enabled and self.done and now - self._last >= _EVERY:
            self._last = now
            self._draw(now)

    def note(self, message: str) -> None:
        """Print one line above the bar."""
        self._clear()
        self.stream.write(message + "\n")
        if self.enabled and self.done:
            self._draw(time.perf_counter())
        self.stream.flush()

    def finish(self) -> None:
        """Leave the final state of the bar on its own line."""
        if self.enabled:
            if self._shown != (self.done, self.detail) or not self._drawn:
                self._draw(time.perf_counter())
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = 0
