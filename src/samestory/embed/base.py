"""The ``Encoder`` protocol and its registry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from samestory.registry import Registry


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalised vectors; texts in different languages share one space."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape ``(len(texts), dim)``, float32, rows of unit length (or zero)."""
        ...


encoders: Registry[Encoder] = Registry("encoder")


def normalize_rows(x: np.ndarray) -> np.ndarray:
    """Scale rows to unit length; all-zero rows stay zero."""
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
