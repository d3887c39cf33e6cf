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


def int8_columns(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 weights of a matrix, one scale per column (output), and the scales."""
    scale = np.abs(w).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale.astype(np.float32)
