"""Results of comparing two articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from samestory.align.types import Alignment

DIMENSIONS = ("Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone")


@dataclass(frozen=True, slots=True)
class Dimensions:
    """The SemEval-2022 Task 8 scale: 1 = most similar ... 4 = least similar."""

    geography: float
    entities: float
    time: float
    narrative: float
    overall: float
    style: float
    tone: float

    def to_dict(self) -> dict[str, float]:
        vals = (self.geography, self.entities, self.time, self.narrative, self.overall, self.style, self.tone)
        return {name: round(v, 3) for name, v in zip(DIMENSIONS, vals)}


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One entity, place, date, number or quote, and where it occurs in a and in b.

    ``a``/``b`` hold ``(start, end)`` spans into each article's text; one side is empty for
    items found only in the other article.
    """

    key: str
    name: str
    label: str
    a: tuple[tuple[int, int], ...] = ()
    b: tuple[tuple[int, int], ...] = ()
    b_name: str | None = None  # how b writes it, when that differs (Karabakh vs Nagorno-Karabakh)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"key": self.key, "name": self.name, "label": self.label}
        if self.b_name and self.b_name != self.name:
            d["b_name"] = self.b_name
        d["a"] = [list(s) for s in self.a]
        d["b"] = [list(s) for s in self.b]
        return d


@dataclass(frozen=True, slots=True)
class EvidenceGroup:
    shared: tuple[EvidenceItem, ...] = ()
    only_a: tuple[EvidenceItem, ...] = ()
    only_b: tuple[EvidenceItem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "shared": [i.to_dict() for i in self.shared],
            "only_a": [i.to_dict() for i in self.only_a],
            "only_b": [i.to_dict() for i in self.only_b],
        }


EVIDENCE_KINDS = ("people", "organisations", "places", "dates", "numbers", "quotes")


@dataclass(frozen=True, slots=True)
class Evidence:
    people: EvidenceGroup = field(default_factory=EvidenceGroup)
    organisations: EvidenceGroup = field(default_factory=EvidenceGroup)
    places: EvidenceGroup = field(default_factory=EvidenceGroup)
    dates: EvidenceGroup = field(default_factory=EvidenceGroup)
    numbers: EvidenceGroup = field(default_factory=EvidenceGroup)
    quotes: EvidenceGroup = field(default_factory=EvidenceGroup)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k).to_dict() for k in EVIDENCE_KINDS}


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str
    credits: tuple[str, ...]
    url: str | None = None
    byline: str | None = None
    source: str | None = None
    words: int = 0
    furniture: float | None = None  # share of sentences that read like a site's notices (embed.furniture)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
            "credits": list(self.credits),
            "url": self.url,
            "byline": self.byline,
            "source": self.source,
            "words": self.words,
            "furniture": self.furniture,
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything ``compare`` says about a pair. ``features`` are the 0-1 similarities the
    dimensions were computed from, so every score can be explained."""

    same_story: bool
    dimensions: Dimensions
    a: ArticleSummary
    b: ArticleSummary
    evidence: Evidence
    alignment: Alignment
    features: dict[str, float]
    scorer: str

    def to_dict(self, a_text: str | None = None, b_text: str | None = None) -> dict[str, Any]:
        al = self.alignment.to_dict(a_text, b_text)
        return {
            "same_story": self.same_story,
            "dimensions": self.dimensions.to_dict(),
            "scorer": self.scorer,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "evidence": self.evidence.to_dict(),
            "passages": al["passages"],
            "only_a": al["only_a"],
            "only_b": al["only_b"],
            "reuse": {"a_coverage": al["a_coverage"], "b_coverage": al["b_coverage"]},
            "features": {k: round(v, 4) for k, v in self.features.items()},
        }
