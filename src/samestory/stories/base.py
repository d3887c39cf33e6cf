"""The ``Clusterer`` protocol, its registry, and the story labels every clusterer returns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from samestory.registry import Registry

if TYPE_CHECKING:
    from samestory.config import StoriesConfig
    from samestory.stories.features import ArticleFeatures


@runtime_checkable
class Clusterer(Protocol):
    """Groups articles into stories. Deterministic: the same features in the same order give the
    same labels. A story's label is the id of its first article in input order, so labels stay
    the same when later articles are added to a stream."""

    name: str

    def cluster(self, features: Sequence[ArticleFeatures]) -> list[str]:
        """The story label of each article, in input order."""
        ...


clusterers: Registry[Clusterer] = Registry("clusterer")


def make_clusterer(config: StoriesConfig) -> Clusterer:
    # importing the modules registers their clusterers
    from samestory.stories import batch as _batch  # noqa: F401
    from samestory.stories import online as _online  # noqa: F401

    return clusterers.create(config.mode, config=config)


def founder_labels(ids: Sequence[str], roots: Sequence[int]) -> list[str]:
    """Label each article with the id of the first article (in input order) sharing its root."""
    first: dict[int, str] = {}
    for i, r in zip(ids, roots):
        first.setdefault(r, i)
    return [first[r] for r in roots]
