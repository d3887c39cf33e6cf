"""What the analysis finds in an article. Every ``start``/``end`` indexes ``Article.text``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any


def _plain(obj: Any) -> dict[str, Any]:
    d = asdict(obj)
    for k, v in d.items():
        if isinstance(v, date):
            d[k] = v.isoformat()
        elif isinstance(v, tuple):
            d[k] = list(v)
    return d


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int = 0  # index of the paragraph (blank-line separated block) holding the sentence

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named person, organisation or other name.

    ``label`` is ``PERSON``, ``ORG``, ``NORP`` (nationality/group), ``EVENT`` or ``MISC``
    (places are ``Place``). ``key`` is script- and language-independent, so the same entity
    matches across articles and languages (``person:putin``, ``org:afp``, ``norp:AM``).
    ``name`` is the fullest form seen in the article (``Vladimir Putin`` for a later ``Putin``).
    """

    text: str
    label: str
    start: int
    end: int
    key: str
    name: str
    source: str = "model"  # "model" (NER), "gazetteer", "heuristic"

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention normalised to a gazetteer entry.

    ``key`` identifies the place across spellings and languages (``Karabakh`` and
    ``Nagorno-Karabakh`` share one); ``country`` is the ISO 3166-1 alpha-2 code it lies in
    (``Moscow`` -> ``RU``); ``kind`` is ``country``, ``region``, ``city`` or ``other``.
    """

    text: str
    start: int
    end: int
    key: str
    name: str
    kind: str
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or time expression resolved to a day range ``[first, last]``.

    ``relative`` tells whether it was resolved against the reference date ("on Friday",
    "late last month"); ``granularity`` is ``time``, ``day``, ``week``, ``month``, ``year`` or
    ``decade``; ``part`` is ``early``, ``mid``, ``late`` or ``None``; ``time`` is ``HH:MM`` with an
    optional zone (``12:00 GMT``) when the text gives a clock time.
    """

    text: str
    start: int
    end: int
    first: date
    last: date
    granularity: str
    relative: bool = False
    part: str | None = None
    time: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number with what it counts: ``some 400 lives`` -> value 400, counted ``lives``, approx.

    ``kind`` is ``count``, ``percent``, ``money``, ``quantity`` or ``ordinal``; ``unit`` holds the
    currency or measure (``USD``, ``km``) when there is one; ``key`` joins value and the stem of
    what is counted so the same figure matches across articles.
    """

    text: str
    start: int
    end: int
    value: float
    kind: str
    counted: str | None
    key: str
    approx: bool = False
    unit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words (``start``/``end`` span the words inside the quotation marks) and who said them."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class CreditMention:
    """A news agency named in the text: ``where`` is ``credit`` (the article is attributed to it)
    or ``mention`` (only cited: "told AFP", "an AFP journalist")."""

    agency: str
    text: str
    start: int
    end: int
    where: str

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything ``analyze`` found in one article."""

    article_id: str
    language: str
    language_score: float
    reference_date: date | None
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    places: tuple[Place, ...]
    dates: tuple[DateMention, ...]
    numbers: tuple[NumberMention, ...]
    quotes: tuple[Quote, ...]
    credits: tuple[CreditMention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "language": self.language,
            "language_score": self.language_score,
            "reference_date": self.reference_date.isoformat() if self.reference_date else None,
            "sentences": [s.to_dict() for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "places": [p.to_dict() for p in self.places],
            "dates": [d.to_dict() for d in self.dates],
            "numbers": [n.to_dict() for n in self.numbers],
            "quotes": [q.to_dict() for q in self.quotes],
            "credits": [c.to_dict() for c in self.credits],
        }
