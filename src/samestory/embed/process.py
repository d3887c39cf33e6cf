"""An encoder in a forked child process, for embedding beside a busy parent.

The USE tokenizer is pure Python, so an embedding thread shares the GIL with the analysis
(itself mostly Python) and the two barely overlap; a child process runs truly beside it. It is
a bare process with a pipe rather than a ``ProcessPoolExecutor`` so that the parent gains no
background thread, and can still fork analysis workers safely afterwards.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections.abc import Sequence
from multiprocessing.connection import Connection

from samestory.config import EmbedConfig
from samestory.embed.base import Encoder
from samestory.embed.vectors import Vectors, embed_articles, make_encoder
from samestory.errors import SamestoryError


class EncoderProcessError(SamestoryError):
    """The embedding process ended unexpectedly (killed, out of memory)."""


def _serve(conn: Connection, config: EmbedConfig, encoder: Encoder | None) -> None:
    """The child: embed each request until told to stop (``None``) or the parent goes away."""
    # Ctrl-C reaches the whole process group: the parent handles it and then stops this child
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        titles, texts = request
        try:
            encoder = encoder or make_encoder(config)  # loaded on the first request, then kept
            reply: tuple[str, object] = ("ok", embed_articles(encoder, titles, texts))
        except Exception as exc:
            reply = ("error", exc)
        try:
            conn.send(reply)
        except OSError:  # the parent has gone
            return
        except Exception:  # an exception that does not pickle still gets its message across
            conn.send(("error", RuntimeError(f"{type(reply[1]).__name__}: {reply[1]}")))


class EncoderProcess:
    """Embeds articles in a forked child: ``submit`` a batch, work on, then take its ``result``.

    One request is in flight at a time. ``encoder`` (already loaded in this process) is
    inherited by the child instead of loaded again; otherwise the child loads one from
    ``config`` on first use.
    """

    def __init__(self, config: EmbedConfig, encoder: Encoder | None = None) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        # daemon: the child must not outlive a parent that dies without closing it
        self._proc = ctx.Process(target=_serve, args=(child, config, encoder), daemon=True, name="samestory-embed")
        self._proc.start()
        child.close()
        self._pending = False

    def submit(self, titles: Sequence[str | None], texts: Sequence[str]) -> None:
        if self._pending:
            raise RuntimeError("a batch is already being embedded; take its result first")
        try:
            self._conn.send((list(titles), list(texts)))
        except (BrokenPipeError, OSError) as exc:
            raise EncoderProcessError(f"the embedding process has ended ({exc})") from None
        self._pending = True

    def result(self) -> list[Vectors]:
        if not self._pending:
            raise RuntimeError("nothing was submitted")
        try:
            status, value = self._conn.recv()
        except (EOFError, OSError):
            raise EncoderProcessError(
                f"the embedding process ended unexpectedly (exit code {self._proc.exitcode})"
            ) from None
        finally:
            self._pending = False
        if status == "error":
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    def embed(self, titles: Sequence[str | None], texts: Sequence[str]) -> list[Vectors]:
        self.submit(titles, texts)
        return self.result()

    @property
    def alive(self) -> bool:
        return self._proc.is_alive()

    def close(self) -> None:
        """Stop the child; a batch still in flight is abandoned (its result would go unread)."""
        if not self._pending:
            with contextlib.suppress(OSError):  # the child has already gone
                self._conn.send(None)
            self._proc.join(timeout=10)
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join()
        self._pending = False
        self._conn.close()
