"""The corpus a reuse run works on: documents with only what the stages need, sorted by id."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from samestory.candidates.filters import DocMeta, doc_meta
from samestory.config import IngestConfig
from samestory.ingest.article import Article, Rejected


@dataclass(frozen=True, slots=True)
class Doc:
    """One article as the reuse stages see it: plain values, so any engine can carry it.

    ``text`` is the article's clean body text (``Article.text``); passage offsets index it.
    """

    id: str
    text: str
    outlet: str | None = None
    day: date | None = None
    language: str | None = None

    @classmethod
    def from_article(cls, a: Article) -> Doc:
        return cls(a.id, a.text, a.outlet, a.published_date, a.language)


@dataclass(frozen=True, slots=True)
class Corpus:
    """Documents sorted by id (ids unique), and the inputs that could not be read."""

    docs: tuple[Doc, ...]
    rejected: tuple[Rejected, ...] = ()

    def __len__(self) -> int:
        return len(self.docs)

    @property
    def texts(self) -> list[str]:
        return [d.text for d in self.docs]

    def meta(self) -> DocMeta:
        return doc_meta([d.outlet for d in self.docs], [d.day for d in self.docs], [d.language for d in self.docs])

    def digest(self) -> str:
        """A hash of every id, text, outlet, day and language: what checkpoints are valid for."""
        h = hashlib.blake2b(digest_size=16)
        for d in self.docs:
            for v in (d.id, d.text, d.outlet or "", d.day.isoformat() if d.day else "", d.language or ""):
                h.update(v.encode("utf-8", "surrogatepass"))
                h.update(b"\x00")
        return h.hexdigest()


def build_corpus(
    items: Iterable[Article | Doc | Rejected], on_rejected: Callable[[Rejected], None] | None = None
) -> Corpus:
    """A corpus from read articles (or docs) and rejections, in any order.

    A second record with an id already seen is rejected (reason ``duplicate``): ids name
    articles in the output, so they must be unique. ``on_rejected`` hears of each rejection as
    it happens (the command line reports them on stderr while reading goes on).
    """
    by_id: dict[str, Doc] = {}
    sources: dict[str, str] = {}
    rejected: list[Rejected] = []

    def reject(r: Rejected) -> None:
        rejected.append(r)
        if on_rejected is not None:
            on_rejected(r)

    for item in items:
        if isinstance(item, Rejected):
            reject(item)
            continue
        doc = Doc.from_article(item) if isinstance(item, Article) else item
        source = (item.source if isinstance(item, Article) else None) or doc.id
        if doc.id in by_id:
            reject(Rejected(source, "duplicate", f"duplicate id {doc.id!r} (first read from {sources[doc.id]})"))
            continue
        by_id[doc.id] = doc
        sources[doc.id] = source
    return Corpus(tuple(by_id[k] for k in sorted(by_id)), tuple(rejected))


def read_corpus(
    inputs: Sequence[str | os.PathLike[str]],
    config: IngestConfig | None = None,
    on_rejected: Callable[[Rejected], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> Corpus:
    """Every article of files, directories and globs of any format the readers know
    (``on_article`` hears of each article read)."""
    from samestory.ingest import iter_articles

    def items() -> Iterable[Article | Rejected]:
        for item in iter_articles(inputs, config or IngestConfig()):
            if on_article is not None and isinstance(item, Article):
                on_article(item)
            yield item

    return build_corpus(items(), on_rejected)
