"""``POST /articles``: articles from a request into the store, as ``samestory ingest`` stores them."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from samestory.analyze.language import UNKNOWN, LanguageDetector
from samestory.config import Settings
from samestory.ingest.article import Article
from samestory.store.base import AddResult, Store


def store_articles(
    store: Store, articles: Sequence[Article], settings: Settings, detector: LanguageDetector
) -> list[AddResult]:
    """Store ``articles`` the way ``samestory ingest`` does: the language filled in where not
    given, ``settings.store.batch_size`` articles a transaction, and after each commit the
    ingest command's ``after_batch`` hook (features, stories) on the ids the batch added.

    ``samestory.store.load.ingest`` reads files only; this is its loop over articles already
    read (the request's), with the same steps in the same order.
    """
    # the CLI module holds the hook the stories stage plugs into; imported here, not at the
    # top, so the service does not load argparse plumbing until a write comes
    from samestory.cli.commands.ingest import after_batch

    results: list[AddResult] = []
    size = settings.store.batch_size
    for start in range(0, len(articles), size):
        batch = [_with_language(a, detector) for a in articles[start : start + size]]
        with store.transaction():
            done = store.add_articles(batch)
        results.extend(done)
        added = [r.id for r in done if r.status == "added"]
        if added:
            after_batch(store, added, settings)
    return results


def _with_language(a: Article, detector: LanguageDetector) -> Article:
    if a.language:
        return a
    code, _ = detector.detect(f"{a.title or ''}\n{a.text}")
    return a if code == UNKNOWN else dataclasses.replace(a, language=code)
