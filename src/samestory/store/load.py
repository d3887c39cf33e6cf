"""Reading inputs into a store (``samestory ingest``): batches in transactions, resumable.

Each batch of articles is stored in one transaction together with the inputs rejected since the
last batch and the keys of the files read completely, so an interruption (a crash, Ctrl-C)
keeps every whole batch and loses no other. A rerun skips the files marked read (same path,
size, modification time and reading options) and stores nothing twice from the others.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samestory.config import IngestConfig
from samestory.ingest.article import Article, Rejected
from samestory.ingest.discover import expand_inputs
from samestory.ingest.reader import iter_file
from samestory.store.base import Store

# Called after each committed batch with the store ids that batch added (never an empty list).
AfterBatch = Callable[[Store, list[int]], None]


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What one ingest run did: ``files`` read, ``unchanged`` files skipped as read before,
    articles ``read``, ``added`` and found stored already (``duplicates``), inputs ``rejected``."""

    files: int
    unchanged: int
    read: int
    added: int
    duplicates: int
    rejected: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["seconds"] = round(self.seconds, 3)
        d["articles_per_second"] = round(self.read / self.seconds, 1) if self.seconds > 0 else 0.0
        return d


def source_key(path: Path, config: IngestConfig) -> str | None:
    """What identifies one reading of a file: its absolute path, size, modification time and the
    reading options (other options can read other articles from it). ``None`` if it is gone."""
    try:
        st = path.stat()
    except OSError:
        return None
    options = hashlib.blake2b(repr(config).encode(), digest_size=6).hexdigest()
    return f"{path.resolve()}\t{st.st_size}\t{st.st_mtime_ns}\t{options}"


class _LanguageFiller:
    """Detects the language of articles whose reader did not give one (plain text, HTML)."""

    def __init__(self) -> None:
        from samestory.analyze.language import UNKNOWN, LanguageDetector

        self._detector = LanguageDetector()
        self._unknown = UNKNOWN

    def __call__(self, a: Article) -> Article:
        if a.language:
            return a
        code, _ = self._detector.detect(f"{a.title or ''}\n{a.text}")
        return a if code == self._unknown else dataclasses.replace(a, language=code)


def ingest(
    store: Store,
    inputs: Sequence[str | os.PathLike[str]],
    *,
    config: IngestConfig | None = None,
    batch_size: int = 200,
    detect_language: bool = True,
    after_batch: AfterBatch | None = None,
    on_rejected: Callable[[Rejected], None] | None = None,
    on_file: Callable[[int, int], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> IngestSummary:
    """Read files, directories and globs into ``store``, ``batch_size`` articles a transaction.

    Rejected inputs are recorded in the store (and passed to ``on_rejected``); ``on_file(done,
    total)`` follows the files to read; ``on_article`` hears of each article read. ``after_batch``
    runs after each commit with the ids the batch added: where features and online clustering
    plug in. A file that gave no article is
    read again by the next run (its problem may have been fixed); others only when changed.
    """
    start = time.perf_counter()
    config = config or IngestConfig()
    fill = _LanguageFiller() if detect_language else (lambda a: a)
    own = {f.resolve() for f in store.files()}  # `samestory ingest .` next to samestory.db
    items = [i for i in expand_inputs(inputs) if not (isinstance(i, Path) and i.resolve() in own)]
    keys = {p: source_key(p, config) for p in items if isinstance(p, Path)}
    done = store.sources_done(k for k in keys.values() if k)
    todo = [p for p, k in keys.items() if k not in done]
    counts = {"read": 0, "added": 0, "duplicates": 0, "rejected": 0}
    batch: list[Article] = []
    rejects: list[Rejected] = [r for r in items if isinstance(r, Rejected)]
    finished: list[str] = []

    def flush() -> None:
        if not (batch or rejects or finished):
            return
        with store.transaction():
            results = store.add_articles(batch)
            for r in rejects:
                store.record_rejected(r.source, r.reason, r.message)
            store.mark_sources_done(finished)
        added = [r.id for r in results if r.status == "added"]
        counts["read"] += len(results)
        counts["added"] += len(added)
        counts["duplicates"] += len(results) - len(added)
        counts["rejected"] += len(rejects)
        batch.clear()
        rejects.clear()
        finished.clear()
        if after_batch is not None and added:
            after_batch(store, added)

    for r in rejects:
        if on_rejected:
            on_rejected(r)
    for n, path in enumerate(todo, 1):
        articles = 0
        for item in iter_file(path, config):
            # flush before adding, not after: a batch then also holds the keys of the files it completes
            if len(batch) + len(rejects) >= batch_size:
                flush()
            if isinstance(item, Rejected):
                rejects.append(item)
                if on_rejected:
                    on_rejected(item)
            else:
                if on_article:
                    on_article(item)
                batch.append(fill(item))
                articles += 1
        key = keys[path]
        if articles and key:
            finished.append(key)  # committed with the batch holding the file's last article
        if on_file:
            on_file(n, len(todo))
    flush()
    return IngestSummary(
        files=len(todo), unchanged=len(keys) - len(todo), seconds=time.perf_counter() - start, **counts
    )
