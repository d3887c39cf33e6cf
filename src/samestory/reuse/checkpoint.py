"""Checkpoints of the reuse stages in a work directory, so that a rerun resumes (as passim does).

Each stage's arrays go to ``<work_dir>/<stage>.npz`` beside ``<stage>.json``, which records what
they were computed from: the corpus digest and the settings the stage depends on. A checkpoint
is used only when both match; otherwise the stage runs again and overwrites it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from samestory.errors import ConfigError


class Checkpoints:
    """Load and save stage arrays under ``work_dir`` for one corpus (``corpus_digest``)."""

    def __init__(self, work_dir: str | os.PathLike[str], corpus_digest: str) -> None:
        self.dir = Path(work_dir)
        self.corpus = corpus_digest
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"cannot create the work directory {self.dir}: {exc}") from None

    def _stamp(self, key: Mapping[str, Any]) -> dict[str, Any]:
        return {"corpus": self.corpus, "settings": dict(key)}

    def load(self, stage: str, key: Mapping[str, Any]) -> dict[str, np.ndarray] | None:
        """The arrays saved for ``stage`` with this corpus and ``key``, else ``None``."""
        meta, data = self.dir / f"{stage}.json", self.dir / f"{stage}.npz"
        try:
            if json.loads(meta.read_text(encoding="utf-8")) != self._stamp(key):
                return None
            with np.load(data, allow_pickle=False) as z:
                return {k: z[k] for k in z.files}
        except (OSError, ValueError, json.JSONDecodeError):
            return None  # absent or damaged: compute again

    def save(self, stage: str, key: Mapping[str, Any], arrays: Mapping[str, np.ndarray]) -> None:
        """Write the arrays, then the stamp (a stamp never vouches for a half-written file)."""
        meta, data = self.dir / f"{stage}.json", self.dir / f"{stage}.npz"
        tmp = self.dir / f".{stage}.tmp.npz"
        try:
            meta.unlink(missing_ok=True)
            np.savez(tmp, **arrays)
            os.replace(tmp, data)
            meta.write_text(json.dumps(self._stamp(key), sort_keys=True), encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write a checkpoint in {self.dir}: {exc}") from None
