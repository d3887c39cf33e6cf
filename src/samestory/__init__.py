"""samestory: tell which news articles tell the same story, and how."""

from __future__ import annotations

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> str:
    # the version is read on demand: importlib.metadata costs ~45 ms of every cold start
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("samestory")
        except PackageNotFoundError:  # running from a source tree without an install
            return "0.0.0"
    raise AttributeError(f"module 'samestory' has no attribute {name!r}")
