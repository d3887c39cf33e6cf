"""Stories as ``samestory stories``/``story`` show them: counts and timelines from the store's members.

The label is the store's (the most central headline, set when the story changes, see
``persist``); outlets, languages and the timeline count the members' store columns, so showing
a story needs no features.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from samestory.store.base import Store, StoredArticle, Story


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What a listing shows of a stored article."""

    id: int
    external_id: str
    title: str | None
    outlet: str | None
    language: str | None
    day: date
    published: date | datetime | None
    url: str | None

    @classmethod
    def of(cls, a: StoredArticle) -> ArticleRef:
        return cls(a.id, a.external_id, a.title, a.outlet, a.language, a.day, a.published, a.url)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "external_id": self.external_id,
            "title": self.title,
            "outlet": self.outlet,
            "language": self.language,
            "day": self.day.isoformat(),
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
        }


def _counts(values: Iterable[str | None]) -> tuple[tuple[str, int], ...]:
    c = Counter(v for v in values if v)
    return tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass(frozen=True, slots=True)
class StoryView:
    """One story: ``outlets`` and ``languages`` count its articles (most first), ``timeline``
    counts them per day, ``articles`` are oldest first (by day, then as stored)."""

    id: int
    label: str | None
    size: int
    first_seen: date | None
    last_seen: date | None
    outlets: tuple[tuple[str, int], ...]
    languages: tuple[tuple[str, int], ...]
    timeline: tuple[tuple[date, int], ...]
    articles: tuple[ArticleRef, ...]

    @classmethod
    def of(cls, story: Story, members: Iterable[StoredArticle]) -> StoryView:
        arts = sorted(members, key=lambda a: (a.day, a.id))
        return cls(
            id=story.id,
            label=story.label,
            size=len(arts),
            first_seen=story.first_seen,
            last_seen=story.last_seen,
            outlets=_counts(a.outlet for a in arts),
            languages=_counts(a.language for a in arts),
            timeline=tuple(sorted(Counter(a.day for a in arts).items())),
            articles=tuple(ArticleRef.of(a) for a in arts),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "size": self.size,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "outlets": [{"outlet": o, "articles": n} for o, n in self.outlets],
            "languages": [{"language": lang, "articles": n} for lang, n in self.languages],
            "timeline": [{"day": d.isoformat(), "articles": n} for d, n in self.timeline],
            "articles": [a.to_dict() for a in self.articles],
        }


def story_view(store: Store, story_id: int) -> tuple[StoryView, int | None] | None:
    """The live story ``story_id`` is (following merges), and the id asked for when it was merged
    away; ``None`` when there is no such story."""
    story = store.story(story_id)
    merged_from = None
    seen = set()
    while story is not None and story.merged_into is not None and story.id not in seen:
        seen.add(story.id)
        merged_from = story_id
        story = store.story(story.merged_into)
    if story is None:
        return None
    return StoryView.of(story, store.get_many(story.members).values()), merged_from


def sorted_stories(store: Store, *, min_size: int = 1, sort: str = "size") -> list[Story]:
    """Live stories with at least ``min_size`` articles: ``size`` puts the largest first, then
    the most recent; ``recent`` the most recently seen first."""
    stories = store.stories(min_size=min_size)
    if sort == "recent":
        stories.sort(key=lambda s: (s.last_seen is not None, s.last_seen, s.size, s.id), reverse=True)
    else:
        stories.sort(key=lambda s: (-s.size, -(s.last_seen.toordinal() if s.last_seen else 0), s.id))
    return stories


def views_of(store: Store, stories: Iterable[Story]) -> list[StoryView]:
    """The view of each of these stories (those still in the store)."""
    out = []
    for s in stories:
        full = store.story(s.id)
        if full is not None:
            out.append(StoryView.of(full, store.get_many(full.members).values()))
    return out


def list_stories(store: Store, *, min_size: int = 1, limit: int | None = None) -> list[StoryView]:
    """Live stories with at least ``min_size`` articles, largest first, then the most recent."""
    stories = sorted_stories(store, min_size=min_size)
    return views_of(store, stories[:limit] if limit is not None else stories)
