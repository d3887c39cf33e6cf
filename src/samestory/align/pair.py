"""Align two articles as read from files: passages, edits, unshared sentences, derivation and
the likely source; and align two files' raw decoded text for offsets checked against ground truth.

Only reading, language identification (a small fastText model) and sentence splitting run here:
no entity recognition and no embedding, so ``samestory align`` starts in a fraction of a second.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from samestory.align.core import align_texts
from samestory.align.provenance import Derivation, Facts, Provenance, derive, provenance
from samestory.align.tokens import tokenize
from samestory.align.types import Alignment, Passage
from samestory.analyze.credits import find_credits
from samestory.analyze.sentences import split_sentences
from samestory.config import AlignConfig, IngestConfig
from samestory.ingest.agencies import agency_pattern, canonical_agency
from samestory.ingest.article import Article
from samestory.ingest.decode import decode_bytes, read_limited

_AGENCY = agency_pattern()  # compiled once: a constant built from a constant table


class LanguageDetecting(Protocol):
    def detect(self, text: str) -> tuple[str, float]: ...


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """Who an article is: the same keys as ``compare``'s article summary."""

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
        }


@dataclass(frozen=True, slots=True)
class PairAlignment:
    """Everything ``samestory align`` says about two articles; offsets index each ``Article.text``."""

    a: ArticleInfo
    b: ArticleInfo
    alignment: Alignment
    derivation: Derivation
    provenance: Provenance

    def to_dict(self, a_text: str | None = None, b_text: str | None = None) -> dict[str, Any]:
        al = self.alignment.to_dict(a_text, b_text)
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "passages": al["passages"],
            "only_a": al["only_a"],
            "only_b": al["only_b"],
            "reuse": {"a_coverage": al["a_coverage"], "b_coverage": al["b_coverage"]},
            "derivation": self.derivation.to_dict(),
            "provenance": self.provenance.to_dict(),
        }


def _credits(article: Article) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[int, int], ...]]:
    """The agencies an article credits, where each credit was read, and the spans of those in its text."""
    credits = list(article.credits)
    notes: list[str] = []
    pattern = _AGENCY
    for r in article.removed:
        if r.kind in ("byline", "credit", "dateline") and any(
            canonical_agency(m.group(1)) for m in pattern.finditer(r.text)
        ):
            notes.append(f"{r.kind} \u201c{' '.join(r.text.split())}\u201d")
    spans = []
    for c in find_credits(article.text):
        if c.where != "credit":
            continue
        if c.agency not in credits:
            credits.append(c.agency)
        notes.append(f"text {c.start}-{c.end} \u201c{c.text}\u201d")
        spans.append((c.start, c.end))
    return tuple(credits), tuple(notes), tuple(spans)


def facts_of(article: Article) -> Facts:
    """The metadata provenance weighs, read off an article."""
    credits, notes, spans = _credits(article)
    return Facts(
        text=article.text,
        published=article.published,
        credits=credits,
        outlet=article.outlet,
        agency=canonical_agency(article.outlet) if article.outlet else None,
        title=article.title,
        credit_notes=notes,
        credit_spans=spans,
    )


def _language(article: Article, detector: LanguageDetecting | None) -> str:
    if article.language:
        return article.language
    if detector is None:
        from samestory.analyze.language import LanguageDetector

        detector = LanguageDetector()
    return detector.detect(article.text)[0]


def align_articles(
    a: Article,
    b: Article,
    *,
    config: AlignConfig | None = None,
    detector: LanguageDetecting | None = None,
) -> PairAlignment:
    """Align two articles' clean texts and judge derivation and source (see ``provenance``)."""
    lang_a, lang_b = _language(a, detector), _language(b, detector)
    sa = [(s.start, s.end) for s in split_sentences(a.text, lang_a)]
    sb = [(s.start, s.end) for s in split_sentences(b.text, lang_b)]
    ta, tb = tokenize(a.text), tokenize(b.text)  # once, for the alignment and the derivation
    alignment = align_texts(a.text, b.text, config=config, a_sentences=sa, b_sentences=sb, a_tokens=ta, b_tokens=tb)
    derivation = derive(alignment, a.text, b.text, a_tokens=ta, b_tokens=tb)
    fa, fb = facts_of(a), facts_of(b)
    return PairAlignment(
        a=_info(a, lang_a, fa.credits),
        b=_info(b, lang_b, fb.credits),
        alignment=alignment,
        derivation=derivation,
        provenance=provenance(fa, fb, alignment, derivation),
    )


def _info(article: Article, language: str, credits: tuple[str, ...]) -> ArticleInfo:
    return ArticleInfo(
        id=article.id,
        title=article.title,
        outlet=article.outlet,
        published=article.published.isoformat() if article.published else None,
        language=language,
        credits=credits,
        url=article.url,
        byline=article.byline,
        source=article.source,
        words=len(article.text.split()),
    )


def read_raw(path: str | os.PathLike[str], config: IngestConfig | None = None) -> str:
    """A file's whole decoded text exactly as on disk: decoding only, no scrape cleaning, so
    offsets into it match external ground truth. Raises ``InputError`` as ``read_file`` does."""
    cfg = config or IngestConfig()
    source = os.fspath(path)
    data = read_limited(Path(path), cfg.max_bytes, source=source)
    return decode_bytes(data, source=source, encoding=cfg.encoding, max_bytes=cfg.max_bytes)[0]


def align_raw(a_text: str, b_text: str, config: AlignConfig | None = None) -> tuple[Passage, ...]:
    """The shared passages of two whole texts (no sentence work: only passages are wanted)."""
    return align_texts(a_text, b_text, config=config, a_sentences=(), b_sentences=()).passages
