"""Import optional dependencies with an error that says how to install them."""

from __future__ import annotations

import importlib
from types import ModuleType

from samestory.errors import MissingDependencyError


def require(module: str, *, pip: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise ``MissingDependencyError`` naming the ``pip install`` command.

    Never falls back silently to another algorithm: a missing model changes results.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:  # ModuleNotFoundError, or a broken install of the package
        raise MissingDependencyError(f"{purpose} needs the Python package {module!r}: pip install {pip}") from exc
