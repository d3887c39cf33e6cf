"""Stories and similar articles as the service shows them: the stories stage's own views
(``samestory stories``, ``story`` and ``similar`` give the same JSON), read from the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from samestory.api import Samestory
from samestory.config import StoriesConfig
from samestory.service.articles import from_stored
from samestory.store.base import Store, StoredArticle
from samestory.stories.views import sorted_stories, story_view, views_of


def story_page(
    store: Store, *, min_size: int, sort: Literal["recent", "size"], offset: int, limit: int
) -> dict[str, Any]:
    """A page of live stories, without their article lists (``GET /stories/{id}`` has them)."""
    stories = sorted_stories(store, min_size=min_size, sort=sort)
    out = [view.to_dict() for view in views_of(store, stories[offset : offset + limit])]
    for view in out:
        del view["articles"]
    return {"stories": out, "total": len(stories)}


def one_story(store: Store, story_id: int) -> dict[str, Any] | None:
    """One story with its articles, following merges: ``samestory story ID --json``."""
    found = story_view(store, story_id)
    if found is None:
        return None
    view, merged_from = found
    return {**view.to_dict(), "merged_from": merged_from}


def similar_to(store: Store, target: StoredArticle, config: StoriesConfig, limit: int) -> dict[str, Any]:
    """``samestory similar ID --json``: the stories stage's ranking (its story first, by score)."""
    from samestory.stories.features import FeatureExtractor
    from samestory.stories.persist import check_features, load_features, record_of
    from samestory.stories.similar import find_similar

    check_features(store, config)
    feats = load_features(store, [target.id]).get(target.id)
    if feats is None:  # stored without features: computed here, as the CLI does, not stored
        feats = FeatureExtractor(config).extract([record_of(target)])[0]
    return find_similar(store, feats, stored=target, config=config, limit=limit).to_dict()


def dimensions(ss: Samestory, target: StoredArticle, others: Sequence[StoredArticle]) -> list[dict[str, float]]:
    """The seven dimensions of ``target`` against each of ``others``, in order: every article is
    analysed and embedded once, in one batch."""
    if not others:
        return []
    sides = ss.prepare([from_stored(a) for a in (target, *others)])
    return [ss.compare_prepared(sides[0], side).dimensions.to_dict() for side in sides[1:]]
