"""Results of aligning two texts: shared passages, the edits inside them, unshared sentences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Edit:
    """One word-level difference inside a passage.

    ``op`` is ``replace``, ``insert`` (words only in b) or ``delete`` (words only in a); ``kind``
    says what sort of change it is: ``spelling`` (defense/defence), ``number`` (a changed figure),
    ``punctuation``, ``case`` or ``wording``. Empty sides have ``start == end``.
    """

    op: str
    kind: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "kind": self.kind,
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
            "a_text": self.a_text,
            "b_text": self.b_text,
        }


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of text shared by a and b, with character offsets into both texts.

    ``similarity`` is the share of the passage's words that are identical on both sides (1.0 for
    a verbatim copy).
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float
    edits: tuple[Edit, ...] = ()

    def to_dict(self, a_text: str | None = None, b_text: str | None = None) -> dict[str, Any]:
        d: dict[str, Any] = {
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
            "similarity": round(self.similarity, 4),
            "edits": [e.to_dict() for e in self.edits],
        }
        if a_text is not None:
            d["a_text"] = a_text[self.a_start : self.a_end]
        if b_text is not None:
            d["b_text"] = b_text[self.b_start : self.b_end]
        return d


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """A sentence of one article that the other does not share (or shares only a little)."""

    start: int
    end: int
    text: str
    coverage: float  # share of the sentence's characters inside shared passages

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "coverage": round(self.coverage, 4)}


@dataclass(frozen=True, slots=True)
class Alignment:
    """All shared passages of a and b (ordered by ``b_start``) and what each side has alone.

    ``a_coverage``/``b_coverage`` are the shares of each text's words inside shared passages.
    """

    passages: tuple[Passage, ...]
    a_coverage: float
    b_coverage: float
    only_a: tuple[SentenceSpan, ...] = ()
    only_b: tuple[SentenceSpan, ...] = ()

    def to_dict(self, a_text: str | None = None, b_text: str | None = None) -> dict[str, Any]:
        return {
            "passages": [p.to_dict(a_text, b_text) for p in self.passages],
            "a_coverage": round(self.a_coverage, 4),
            "b_coverage": round(self.b_coverage, 4),
            "only_a": [s.to_dict() for s in self.only_a],
            "only_b": [s.to_dict() for s in self.only_b],
        }
