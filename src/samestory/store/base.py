"""The ``Store`` protocol every backend implements, and the records it gives back.

A store keeps articles (clean text and metadata, each stored once), named per-article feature
arrays, stories (article -> story, with merges) and the inputs that could not be read. Ids are
integers the store assigns, increasing in insertion order and never reused, so "every article
after id N" is a resumable cursor. Code that uses a store never knows which backend it is.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np

from samestory.ingest.article import Article, Rejected
from samestory.registry import Registry


def content_hash(title: str | None, text: str) -> str:
    """32-hex hash of the normalised title and body: what makes two inputs the same article.

    Whitespace and Unicode normalisation form are ignored, so a re-encoded or re-wrapped copy
    of a file is recognised as the same article.
    """
    norm = " ".join(unicodedata.normalize("NFC", f"{title or ''}\n{text}").split())
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as stored.

    ``id`` is the store's id; ``external_id`` the reader's (``Article.id``: the record's own id,
    else a hash of the content). ``published`` is a ``date``, a naive or an aware ``datetime``
    as the reader found it; ``day`` is the publication day, else the day it was ingested (what
    time windows and a story's first/last seen use). ``metadata`` holds everything else the
    reader recognised (subtitle, byline, credits, dateline...).
    """

    id: int
    external_id: str
    content_hash: str
    title: str | None
    text: str
    url: str | None
    outlet: str | None
    published: date | datetime | None
    day: date
    language: str | None
    source: str | None
    metadata: Mapping[str, Any]
    ingested_at: datetime


@dataclass(frozen=True, slots=True)
class AddResult:
    """What ``add_articles`` did with one article: ``added`` it, or found it stored already
    (``duplicate``, same external id and same content); ``id`` is the stored article's id."""

    status: Literal["added", "duplicate"]
    id: int
    external_id: str


@dataclass(frozen=True, slots=True)
class Story:
    """A story: articles telling the same story.

    ``first_seen``/``last_seen`` are the earliest and latest ``day`` of its members, kept by the
    store. ``version`` goes up and ``updated_at`` moves on every change of members or label. A
    story merged into another has ``merged_into`` set and no members. ``members`` (article ids,
    ascending) is filled by ``Store.story`` only.
    """

    id: int
    label: str | None
    first_seen: date | None
    last_seen: date | None
    size: int
    version: int
    updated_at: datetime
    merged_into: int | None = None
    members: tuple[int, ...] = field(default=())


@runtime_checkable
class Store(Protocol):
    """Articles, features, stories and rejected inputs in one database.

    Every write method is atomic on its own; ``with store.transaction():`` groups several into
    one (nested blocks are savepoints), so an interruption keeps all of a block or none of it.
    One process writes at a time; readers may run beside it. A store is not shared between
    threads or forked processes: open one in each.
    """

    url: str  # where it is, without a password

    # articles
    def add_articles(self, articles: Iterable[Article]) -> list[AddResult]:
        """Store articles not stored yet (by external id and content); one result per article, in order."""
        ...

    def get(self, article_id: int) -> StoredArticle | None: ...

    def get_many(self, article_ids: Iterable[int]) -> dict[int, StoredArticle]:
        """The stored articles among ``article_ids``, by id (unknown ids are left out)."""
        ...

    def find(self, *, external_id: str | None = None, url: str | None = None) -> list[StoredArticle]:
        """Articles with this external id and/or URL, oldest first."""
        ...

    def iter_articles(self, *, after: int = 0, batch: int = 500) -> Iterator[StoredArticle]:
        """Every article with an id above ``after``, in id order, read ``batch`` at a time."""
        ...

    def count(self) -> int: ...

    # features: one array per article and name (any dtype and shape, returned exactly and
    # read-only); an opaque per-article blob goes in as np.frombuffer(blob, np.uint8)
    def put_features(self, name: str, values: Mapping[int, np.ndarray]) -> None:
        """Store (or replace) the ``name`` array of each article."""
        ...

    def get_features(self, name: str, article_ids: Iterable[int] | None = None) -> dict[int, np.ndarray]:
        """The ``name`` arrays of ``article_ids`` that have one (of every article when ``None``)."""
        ...

    def missing_features(self, name: str) -> list[int]:
        """Ids of the articles without a ``name`` array, ascending: what a resumed pass still has to do."""
        ...

    def drop_features(self, name: str) -> int:
        """Delete every ``name`` array (e.g. after a model change); returns how many there were."""
        ...

    # named store-level blobs: state a pass keeps between runs (an online clusterer's, document
    # frequencies); write them in the transaction that writes the rows they go with
    def put_blob(self, name: str, data: bytes) -> None: ...

    def get_blob(self, name: str) -> bytes | None: ...

    # stories
    def set_stories(
        self, clusters: Iterable[Iterable[int]], *, labels: Iterable[str | None] | None = None
    ) -> list[int]:
        """Replace all stories with ``clusters`` (article ids each); returns the new story ids in order."""
        ...

    def new_story(self, *, label: str | None = None) -> int:
        """An empty story (for online clustering); fill it with ``assign``."""
        ...

    def assign(self, assignments: Mapping[int, int]) -> None:
        """Put each article (key) in a story (value), taking it out of the story it was in."""
        ...

    def merge_stories(self, keep: int, drop: int) -> None:
        """Move every member of ``drop`` into ``keep``; ``drop`` stays as ``merged_into=keep``."""
        ...

    def set_label(self, story_id: int, label: str | None) -> None: ...

    def stories(self, *, min_size: int = 1) -> list[Story]:
        """Live (not merged) stories with at least ``min_size`` members, by id, without members."""
        ...

    def story(self, story_id: int) -> Story | None:
        """One story with its members (a merged story too, with ``merged_into``)."""
        ...

    def story_of(self, article_ids: Iterable[int]) -> dict[int, int]:
        """The story of each of ``article_ids`` that has one."""
        ...

    def unassigned(self) -> list[int]:
        """Ids of the articles in no story, ascending."""
        ...

    # inputs that could not be read, and inputs read completely (incremental ingest)
    def record_rejected(self, source: str, reason: str, message: str = "") -> None:
        """Note an input that could not be read (once per source: a rerun replaces it)."""
        ...

    def rejected(self) -> list[Rejected]: ...

    def sources_done(self, keys: Iterable[str]) -> set[str]:
        """Which of these input keys were marked read completely."""
        ...

    def mark_sources_done(self, keys: Iterable[str]) -> None: ...

    # the rest
    def files(self) -> list[Path]:
        """The store's own files on this machine (none for a server): inputs never to ingest."""
        ...

    def stats(self) -> dict[str, int]:
        """``{"articles", "stories", "rejected"}``: stored articles, stories with members, rejected inputs."""
        ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


# Backends by URL scheme; each factory takes the URL and returns an open, migrated store.
backends: Registry[Store] = Registry("store backend")
