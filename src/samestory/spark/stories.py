"""Batch story clustering as Spark jobs (``--engine spark``): the local engine's stages, mapped.

Spark runs the stages whose cost grows faster than the corpus: the neighbour search, one task
per block of rows (:func:`~samestory.stories.batch.block_candidates`, with the term matrices
broadcast once), the scoring of the distinct candidate pairs, one task per chunk
(:func:`~samestory.stories.batch.score_pairs`), and average linkage, one task per group of
components (:func:`~samestory.stories.batch.component_roots`). The driver keeps the features,
merges the blocks' candidates and cuts the graph into components. The same functions run on the same blocks
and components, so the stories are those of ``--engine local`` (a test proves it).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from samestory.config import StoriesConfig
from samestory.spark.session import map_in_order, spark_session
from samestory.stories.base import founder_labels
from samestory.stories.batch import (
    Component,
    NeighbourSearch,
    average_link_by_component,
    block_candidates,
    blocks,
    candidates,
    component_roots,
    join_edges,
    neighbour_search,
    score_chunks,
    score_pairs,
)
from samestory.stories.features import ArticleFeatures

if TYPE_CHECKING:
    from pyspark import Broadcast, SparkContext

# Read when a stage runs, so tests can make many small tasks
TASK_EDGES = 200_000  # edges per average-link task: the many small components share tasks

# Task functions at module level: executors import them by name.


def _block_task(search: Broadcast[NeighbourSearch], bounds: tuple[int, int]) -> np.ndarray:
    return block_candidates(search.value, bounds)


def _score_task(search: Broadcast[NeighbourSearch], codes: np.ndarray) -> np.ndarray:
    return score_pairs(search.value, codes)


def _roots_task(components: list[Component]) -> list[np.ndarray]:
    return [component_roots(c) for c in components]


def group_components(components: Sequence[Component], max_edges: int) -> list[list[Component]]:
    """Consecutive components in groups of about ``max_edges`` edges (a larger one alone)."""
    groups: list[list[Component]] = []
    size = 0
    for c in components:
        if not groups or size + len(c.a) > max_edges:
            groups.append([])
            size = 0
        groups[-1].append(c)
        size += len(c.a)
    return groups


def _roots_on(sc: SparkContext, components: list[Component]) -> list[np.ndarray]:
    out: list[np.ndarray] = []
    for roots in map_in_order(sc, _roots_task, group_components(components, TASK_EDGES)):
        out.extend(roots)
    return out


def cluster_batch(features: Sequence[ArticleFeatures], config: StoriesConfig) -> list[str]:
    """The story label of each article, as ``BatchClusterer`` gives it, computed with Spark at
    ``config.spark_master`` (a session already active is used, and left running)."""
    if not features:
        return []
    spark, owned = spark_session(config.spark_master)
    try:
        sc = spark.sparkContext
        shared = sc.broadcast(neighbour_search(features, config))
        try:
            codes = candidates(map_in_order(sc, partial(_block_task, shared), blocks(len(features))))
            scored = map_in_order(sc, partial(_score_task, shared), score_chunks(codes))
        finally:
            shared.destroy()
        a, b, sim = join_edges(codes, np.concatenate([np.zeros(0), *scored]), features, config)
        roots = average_link_by_component(len(features), a, b, sim, config.threshold, run=partial(_roots_on, sc))
        return founder_labels([f.id for f in features], roots)
    finally:
        if owned:
            spark.stop()
