"""The small exception hierarchy of samestory.

Every error a user can cause is an ``InputError`` or a ``ConfigError`` and carries a one-line
message fit for a terminal; the CLI turns those into exit status 2 without a traceback.
"""

from __future__ import annotations


class SamestoryError(Exception):
    """Base of every error raised on purpose by samestory."""


class InputError(SamestoryError):
    """An input that cannot be read as an article (empty, binary, too large, unknown format...).

    ``source`` names the file or record when known, so batch jobs can report it.
    """

    def __init__(self, message: str, *, source: str | None = None, reason: str = "invalid") -> None:
        super().__init__(message)
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{self.source}: {msg}" if self.source else msg


class ConfigError(SamestoryError):
    """An invalid configuration value or an unknown component name."""


class MissingDependencyError(SamestoryError):
    """An optional dependency is not installed; the message names the ``pip install`` that fixes it."""


class AnalysisError(SamestoryError):
    """One article could not be analysed; batch jobs reject it with this message and go on."""


class AnalysisTimeout(AnalysisError):
    """The analysis of an article ran past ``[analyze] time_limit``."""


class WorkerError(SamestoryError):
    """A worker process died (killed, out of memory), or Spark gave up on a job."""


class StoreError(SamestoryError):
    """The article store failed (unreachable database, bad schema version...)."""


def why(exc: BaseException) -> str:
    """One line saying what failed: ``Type: message`` (an ``AnalysisError`` already says it)."""
    if type(exc) is AnalysisError:
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
