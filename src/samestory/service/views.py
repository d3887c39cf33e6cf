"""Stories and similar articles as the service shows them, computed from what the store keeps."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from samestory.api import Samestory
from samestory.config import StoriesConfig
from samestory.service.articles import from_stored, summary_dict
from samestory.store.base import StoredArticle, Story
from samestory.stories.features import FeatureExtractor
from samestory.stories.summary import summarize


def story_dict(story: Story, members: Mapping[int, StoredArticle], config: StoriesConfig) -> dict[str, Any]:
    """A story with its outlets, languages and articles per day, summarised from its members
    (``samestory.stories.summary``, the same summaries as ``samestory cluster --summary``).

    The label is the store's when set, else the headline of the member most central to the story.
    Days are the store's (the publication day, else the day of ingestion), as its first/last seen.
    """
    arts = [members[i] for i in story.members if i in members]
    head: dict[str, Any] = {"label": story.label, "headline_id": None, "outlets": [], "languages": [], "timeline": []}
    if arts:
        # lexical features only: the label needs no embedding model
        extractor = FeatureExtractor(dataclasses.replace(config, encoder=None))
        records = [
            {
                "id": str(a.id),
                "title": a.title,
                "text": a.text,
                "published": a.day,
                "outlet": a.outlet,
                "language": a.language,
            }
            for a in arts
        ]
        (s,) = summarize(extractor.extract(records), ["story"] * len(arts))
        d = s.to_dict()
        head = {
            "label": story.label or s.label,
            "headline_id": int(s.label_id),
            "outlets": d["outlets"],
            "languages": d["languages"],
            "timeline": d["timeline"],
        }
    return {
        "id": story.id,
        "label": head["label"],
        "headline_id": head["headline_id"],
        "size": story.size,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "version": story.version,
        "updated_at": story.updated_at.isoformat(),
        "merged_into": story.merged_into,
        "outlets": head["outlets"],
        "languages": head["languages"],
        "timeline": head["timeline"],
    }


def story_articles(story: Story, members: Mapping[int, StoredArticle]) -> list[dict[str, Any]]:
    """A story's articles, oldest first."""
    arts = sorted((members[i] for i in story.members if i in members), key=lambda a: (a.day, a.id))
    return [summary_dict(a) for a in arts]


def nearest_in_time(target: StoredArticle, mates: Sequence[StoredArticle], n: int) -> list[StoredArticle]:
    """The ``n`` mates published nearest to ``target`` (a story can outgrow what one request may compare)."""
    return sorted(mates, key=lambda a: (abs((a.day - target.day).days), a.id))[:n]


def rank_similar(ss: Samestory, target: StoredArticle, mates: Sequence[StoredArticle]) -> list[dict[str, Any]]:
    """``mates`` compared with ``target``, most similar first (by Overall, then the mean of the
    seven dimensions): every article is analysed and embedded once, in one batch."""
    if not mates:
        return []
    sides = ss.prepare([from_stored(a) for a in (target, *mates)])
    out = []
    for mate, side in zip(mates, sides[1:]):
        result = ss.compare_prepared(sides[0], side)
        dims = result.dimensions.to_dict()
        out.append((dims["Overall"], sum(dims.values()) / len(dims), mate.id, mate, dims, result.same_story))
    out.sort(key=lambda t: t[:3])
    return [{"article": summary_dict(m), "dimensions": d, "same_story": same} for *_, m, d, same in out]
