"""Engines that run the reuse stages' kernels: a registry by name (``--engine``).

An engine maps the pure per-document and per-pair kernels over the corpus: ``fingerprints()``
(one array per document, in document order) and ``align(a, b)`` (the passages of those pairs).
Everything between them (the index, the pair filters, the clustering) runs on plain arrays in
the driver, so every engine that maps the same kernels writes byte-identical output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from samestory.config import AlignConfig
from samestory.registry import Registry
from samestory.reuse.passages import PairPassages


class Engine(Protocol):
    def fingerprints(self) -> list[np.ndarray]: ...

    def align(self, a: np.ndarray, b: np.ndarray, progress: Callable[[int], None] | None = None) -> PairPassages: ...

    def close(self) -> None: ...


engines: Registry[Engine] = Registry("reuse engine")


# Every factory takes the corpus texts, the kernels' settings and every engine's own settings
# (n_process, spark_master), so the pipeline creates any engine the same way; each ignores the
# settings of the others.


@engines.register("local")
def _local(
    *,
    texts: Sequence[str],
    ngram: int,
    window: int,
    align: AlignConfig,
    n_process: int | None = None,
    spark_master: str | None = None,
) -> Engine:
    from samestory.reuse.local import LocalEngine

    return LocalEngine(texts, ngram=ngram, window=window, align=align, n_process=n_process)


@engines.register("spark")
def _spark(
    *,
    texts: Sequence[str],
    ngram: int,
    window: int,
    align: AlignConfig,
    n_process: int | None = None,
    spark_master: str | None = None,
) -> Engine:
    from samestory.reuse.spark import SparkEngine

    return SparkEngine(texts, ngram=ngram, window=window, align=align, master=spark_master or "local[*]")
