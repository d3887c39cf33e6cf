"""samestory: tell which news articles tell the same story, and how."""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("samestory")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
