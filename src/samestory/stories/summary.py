"""What a story is, at a glance: its most central headline, outlets, languages, days and timeline."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from samestory.stories.features import ArticleFeatures, DocumentFrequencies


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story. ``label`` is the headline of its most central article (the highest TF-IDF
    cosine with the story's centroid; the first on ties), ``outlets`` and ``languages`` count
    articles, most first, ``timeline`` counts articles per publication day."""

    story: str
    size: int
    label: str | None
    label_id: str
    articles: tuple[str, ...]
    outlets: tuple[tuple[str, int], ...]
    languages: tuple[tuple[str, int], ...]
    first_seen: date | None
    last_seen: date | None
    timeline: tuple[tuple[date, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "size": self.size,
            "label": self.label,
            "label_id": self.label_id,
            "articles": list(self.articles),
            "outlets": [{"outlet": o, "articles": n} for o, n in self.outlets],
            "languages": [{"language": lang, "articles": n} for lang, n in self.languages],
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "timeline": [{"day": d.isoformat(), "articles": n} for d, n in self.timeline],
        }


def _counts(values: Sequence[str | None]) -> tuple[tuple[str, int], ...]:
    c = Counter(v for v in values if v)
    return tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))


def _central(members: Sequence[ArticleFeatures], df: DocumentFrequencies) -> ArticleFeatures:
    """The member nearest the centroid of the members' unit TF-IDF vectors (titled ones first)."""
    pool = [k for k, f in enumerate(members) if f.title] or list(range(len(members)))
    if len(pool) == 1:
        return members[pool[0]]
    terms = np.concatenate([f.terms for f in members])
    weights = np.concatenate([df.weigh(f) for f in members]).astype(np.float64)
    lengths = np.array([len(f.terms) for f in members])
    _, inverse = np.unique(terms, return_inverse=True)
    centroid = np.bincount(inverse, weights=weights)
    owner = np.repeat(np.arange(len(members)), lengths)
    scores = np.bincount(owner, weights=weights * centroid[inverse], minlength=len(members))
    pool_scores = scores[pool]
    return members[pool[int(np.argmax(pool_scores))]]  # the first of equals, in member order


def summarize(
    features: Sequence[ArticleFeatures], labels: Sequence[str], df: DocumentFrequencies | None = None
) -> list[StorySummary]:
    """A summary of every story in ``labels`` (one label per article of ``features``), largest
    first, then in order of first appearance. ``df`` defaults to the frequencies of ``features``."""
    if len(features) != len(labels):
        raise ValueError(f"got {len(labels)} labels for {len(features)} articles")
    if df is None:
        top = max((int(f.terms.max()) for f in features if len(f.terms)), default=0)
        df = DocumentFrequencies(max(10, top.bit_length()))
        df.add_many([f.terms for f in features])
    groups: dict[str, list[ArticleFeatures]] = {}
    for f, lab in zip(features, labels):
        groups.setdefault(lab, []).append(f)
    out = []
    for story, members in groups.items():
        days = sorted(date.fromordinal(f.day) for f in members if f.day is not None)
        central = _central(members, df)
        out.append(
            StorySummary(
                story=story,
                size=len(members),
                label=central.title,
                label_id=central.id,
                articles=tuple(f.id for f in members),
                outlets=_counts([f.outlet for f in members]),
                languages=_counts([f.language for f in members]),
                first_seen=days[0] if days else None,
                last_seen=days[-1] if days else None,
                timeline=tuple(sorted(Counter(days).items())),
            )
        )
    order = {lab: k for k, lab in enumerate(groups)}
    out.sort(key=lambda s: (-s.size, order[s.story]))
    return out
