"""The ``Article`` record every reader produces, with its offset map back to the raw input."""

from __future__ import annotations

import bisect
import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Removed:
    """A span of the raw input that is not body text, and what it was recognised as.

    ``kind`` is one of: ``date-line``, ``title``, ``subtitle``, ``byline``, ``published``,
    ``dateline``, ``caption``, ``embed``, ``subheading``, ``credit``, ``url``, ``label``,
    ``boilerplate``. Offsets index the decoded raw text (``Article.raw``).
    """

    kind: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Segment:
    """``text[text_start:text_start+length] == raw[raw_start:raw_start+length]``."""

    text_start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: clean body ``text`` plus metadata.

    ``published`` is a ``date`` when only the day is known, a naive ``datetime`` when the time is
    known but not the zone, an aware ``datetime`` when both are. ``credits`` are canonical agency
    names (``AFP``, ``Reuters``, ``AP``...) read from the byline, dateline or trailer.
    ``segments`` map offsets of ``text`` back into ``raw`` (the whole decoded input, exactly as
    on disk); ``removed`` lists every non-body span of ``raw`` so nothing is dropped silently.

    ``offsets_exact`` is ``False`` when ``text`` cannot be mapped into ``raw`` (an HTML page whose
    text an extractor produced): then ``segments`` is empty, ``removed`` spans have
    ``start == end == -1``, and ``raw_offset`` raises ``ValueError``.
    """

    id: str
    text: str
    title: str | None = None
    subtitle: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | datetime | None = None
    byline: str | None = None
    credits: tuple[str, ...] = ()
    language: str | None = None
    source: str | None = None
    encoding: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    removed: tuple[Removed, ...] = ()
    segments: tuple[Segment, ...] = ()
    raw: str | None = field(default=None, repr=False, compare=False)
    offsets_exact: bool = True

    @property
    def published_date(self) -> date | None:
        """The publication day, whatever the precision of ``published``."""
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published

    def raw_offset(self, i: int) -> int:
        """Map an offset of ``text`` to the same character in ``raw``.

        Offsets that fall in text added between kept segments (paragraph joins) map to the end
        of the preceding segment. Without segments the text is the raw input itself.
        Raises ``ValueError`` when the article has no offset map (``offsets_exact`` is false).
        """
        if not self.offsets_exact:
            raise ValueError(f"article {self.id}: its text has no offset map into raw (extracted from HTML)")
        if not self.segments:
            return i
        starts = [s.text_start for s in self.segments]
        k = bisect.bisect_right(starts, i) - 1
        if k < 0:
            return self.segments[0].raw_start
        seg = self.segments[k]
        return seg.raw_start + min(i - seg.text_start, seg.length)

    def to_dict(self, *, with_raw: bool = False) -> dict[str, Any]:
        """JSON-ready dict; ``published`` as ISO 8601."""
        d: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "byline": self.byline,
            "credits": list(self.credits),
            "language": self.language,
            "source": self.source,
            "encoding": self.encoding,
            "metadata": dict(self.metadata),
            "removed": [r.to_dict() for r in self.removed],
            "offsets_exact": self.offsets_exact,
            "text": self.text,
        }
        if with_raw:
            d["raw"] = self.raw
        return d


def content_id(title: str | None, text: str) -> str:
    """Stable 16-hex id from the normalised title and text (whitespace and Unicode form ignored)."""
    norm = unicodedata.normalize("NFC", f"{title or ''}\n{text}")
    norm = " ".join(norm.split())
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input a batch could not read, and why; batches report these and go on."""

    source: str
    # short code: empty, binary, too-large, undecodable, unknown-format, malformed, missing-field,
    # failed, time-limit
    reason: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason, "message": self.message}
