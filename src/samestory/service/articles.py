"""Articles in and out of the service: request bodies to ``Article``, stored articles to JSON."""

from __future__ import annotations

import base64
import binascii
import dataclasses
from collections.abc import Mapping
from typing import Any

from samestory.config import FieldMap, IngestConfig
from samestory.errors import InputError
from samestory.ingest.article import Article
from samestory.ingest.decode import utf8_over
from samestory.ingest.reader import read_bytes, read_text
from samestory.ingest.records import record_article
from samestory.service.models import ArticleIn
from samestory.store.base import StoredArticle
from samestory.stories.views import ArticleRef


def read_article(item: ArticleIn, where: str, config: IngestConfig, stored: Mapping[int, StoredArticle]) -> Article:
    """The ``Article`` a request gives; ``where`` ("a", "articles[2]") names it in error messages.

    Fields are read as one JSON Lines record is (``samestory ingest`` of a .jsonl file), ``raw``
    as a file with that content, ``raw_base64`` as a file named ``name`` with those bytes.
    ``stored`` holds the stored articles the request names by ``article_id``.
    """
    if item.article_id is not None:
        found = stored.get(item.article_id)
        if found is None:
            raise InputError(f"no stored article with id {item.article_id}", source=where, reason="unknown-article")
        return from_stored(found)
    if item.text is not None:
        size = utf8_over(item.text, config.max_bytes)
        if size is not None:  # the limit raw and raw_base64 (and every file read) are held to
            raise InputError(
                f"text is {size:,} bytes, over the limit of {config.max_bytes:,} per article",
                source=where,
                reason="too-large",
            )
        rec = item.model_dump(include={"text", "title", "url", "published", "outlet", "language", "id"})
        article = record_article(rec, FieldMap(), source=where)
        return dataclasses.replace(article, source=None)  # "a" is no source worth keeping
    source = item.name or where
    if item.raw is not None:
        article = read_text(item.raw, source=source, config=config)
    else:
        try:
            data = base64.b64decode(item.raw_base64 or "", validate=True)
        except (binascii.Error, ValueError):
            raise InputError("raw_base64 is not valid base64", source=where, reason="malformed") from None
        article = read_bytes(data, source=source, config=config)
    return article if item.name else dataclasses.replace(article, source=None)


def from_stored(s: StoredArticle) -> Article:
    """A stored article as the reader's ``Article`` (the attributes the store keeps in metadata back in place)."""
    meta = dict(s.metadata)
    credits = meta.pop("credits", None) or ()
    return Article(
        id=s.external_id,
        text=s.text,
        title=s.title,
        subtitle=meta.pop("subtitle", None),
        url=s.url,
        outlet=s.outlet,
        published=s.published,
        byline=meta.pop("byline", None),
        credits=tuple(credits),
        language=s.language,
        source=s.source,
        encoding=meta.pop("encoding", None),
        metadata=meta,
    )


def summary_dict(s: StoredArticle) -> dict[str, Any]:
    """What a list of stored articles shows of each (as ``samestory stories`` lists them)."""
    return ArticleRef.of(s).to_dict()


def article_dict(s: StoredArticle, story: int | None) -> dict[str, Any]:
    """A stored article in full, with the story it is in."""
    return {
        **summary_dict(s),
        "content_hash": s.content_hash,
        "text": s.text,
        "source": s.source,
        "metadata": dict(s.metadata),
        "ingested_at": s.ingested_at.isoformat(),
        "story": story,
    }
