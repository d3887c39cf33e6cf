"""store stage: articles, their features and their stories in SQLite or PostgreSQL.

``open_store(url)`` opens (and creates or migrates) a store: a file path or ``sqlite:///FILE``
for SQLite, ``postgresql://...`` for PostgreSQL. Every backend implements ``Store``
(``store.base``); ``load.ingest`` reads inputs into one.
"""

from __future__ import annotations

from samestory.store import postgres, sqlite  # noqa: F401 (each registers its backend)
from samestory.store.base import AddResult, Store, StoredArticle, Story, backends, content_hash

DEFAULT_URL = "samestory.db"


def open_store(url: str = DEFAULT_URL, *, create: bool = True) -> Store:
    """The store at ``url``, its schema brought up to date; unknown schemes are a ``ConfigError``.

    With ``create=False`` a store that does not exist yet is a ``StoreError`` instead of a new one.
    """
    scheme = url.split("://", 1)[0].lower() if "://" in url else "sqlite"
    return backends.create(scheme, url=url, create=create)


__all__ = ["DEFAULT_URL", "AddResult", "Store", "StoredArticle", "Story", "backends", "content_hash", "open_store"]
