"""The store over a DB-API connection: one set of queries for SQLite and PostgreSQL.

Queries are written with ``?`` placeholders in the SQL both databases share (``ON CONFLICT``,
``RETURNING``); a backend supplies the connection, its placeholder style, its error classes and
how it begins a transaction. Values cross as plain Python (str, int, bytes): PostgreSQL casts
ISO strings into its DATE/TIMESTAMPTZ/JSON columns and hands back native objects, which the
``_as_*`` readers accept as well as the strings SQLite returns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from samestory.errors import StoreError
from samestory.ingest.article import Article, Rejected
from samestory.store.base import AddResult, StoredArticle, Story, content_hash

_CHUNK = 500  # ids per IN (...) list: far below either database's parameter limit
_ARTICLE_COLS = (
    "id, external_id, content_hash, title, text, url, outlet, published, day, language, source, metadata, ingested_at"
)
_STORY_COLS = "s.id, s.label, s.first_seen, s.last_seen, COUNT(m.article_id), s.version, s.updated_at, s.merged_into"
_STORY_GROUP = "s.id, s.label, s.first_seen, s.last_seen, s.version, s.updated_at, s.merged_into"
# Article attributes kept in ``metadata`` next to what the reader put there
_EXTRA_FIELDS = ("subtitle", "byline", "credits", "encoding")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _as_datetime(v: Any) -> datetime:
    return (v if isinstance(v, datetime) else datetime.fromisoformat(v)).astimezone(UTC)


def _as_date(v: Any) -> date | None:
    if v is None or (isinstance(v, date) and not isinstance(v, datetime)):
        return v
    return date.fromisoformat(str(v)[:10])


def _as_published(v: str | None) -> date | datetime | None:
    if v is None:
        return None
    return date.fromisoformat(v) if len(v) == 10 else datetime.fromisoformat(v)


def _as_dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else json.loads(v)


def _chunks(items: Sequence[Any], n: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _metadata(a: Article) -> str:
    extra = {k: getattr(a, k) for k in _EXTRA_FIELDS if getattr(a, k)}
    extra["credits"] = list(a.credits) if a.credits else None
    meta = {k: v for k, v in extra.items() if v is not None}
    meta.update(a.metadata)
    return json.dumps(meta, ensure_ascii=False, default=str)


def _array_parts(name: str, article_id: int, value: np.ndarray) -> tuple[str, int, str, str, bytes]:
    arr = np.asarray(value)  # not ascontiguousarray: it turns a 0-d array into 1-d; tobytes is C order anyway
    if arr.dtype.hasobject:
        raise StoreError(f"feature {name!r} of article {article_id}: object arrays cannot be stored")
    return name, int(article_id), arr.dtype.str, ",".join(map(str, arr.shape)), arr.tobytes(order="C")


def _array(dtype: str, shape: str, data: bytes) -> np.ndarray:
    dims = tuple(int(d) for d in shape.split(",")) if shape else ()
    return np.frombuffer(data, dtype=np.dtype(dtype)).reshape(dims)  # read-only: no copy of large blobs


def split_statements(script: str) -> list[str]:
    """The statements of a migration file. Migrations keep ``;`` and ``--`` out of string
    literals, so dropping comments and splitting on ``;`` is exact for them."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def migrations(dialect: str) -> list[tuple[int, str, str]]:
    """``(version, file name, SQL)`` of the package's migrations for ``dialect``, in order."""
    root = resources.files("samestory.store").joinpath("migrations", dialect)
    out = []
    for entry in root.iterdir():
        if entry.name.endswith(".sql"):
            out.append((int(entry.name.split("_", 1)[0]), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


class SQLStore:
    """A ``Store`` over an autocommit DB-API connection; transactions are explicit SQL."""

    dialect = ""  # the migrations directory
    _begin = "BEGIN"
    _errors: tuple[type[BaseException], ...] = ()

    def __init__(self, conn: Any, *, url: str) -> None:
        self._conn = conn
        self.url = url
        self._depth = 0

    # -- plumbing -------------------------------------------------------------------------------
    def _sql(self, query: str) -> str:
        return query

    def _execute(self, query: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self._conn.execute(self._sql(query), params)
        except self._errors as exc:
            raise StoreError(f"{self.url}: {str(exc).strip()}") from exc

    def _executemany(self, query: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        try:
            self._conn.cursor().executemany(self._sql(query), rows)
        except self._errors as exc:
            raise StoreError(f"{self.url}: {str(exc).strip()}") from exc

    def _all(self, query: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._execute(query, params).fetchall()

    def _one(self, query: str, params: Sequence[Any] = ()) -> Any:
        rows = self._all(query, params)  # fetch everything: SQLite finishes an INSERT ... RETURNING then
        return rows[0] if rows else None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All of the block's writes or none; a nested block is a savepoint of the outer one."""
        savepoint = f"sp{self._depth}" if self._depth else None
        self._execute(f"SAVEPOINT {savepoint}" if savepoint else self._begin)
        self._depth += 1
        try:
            yield
        except BaseException:  # KeyboardInterrupt too: leave nothing half written
            self._depth -= 1
            try:
                if savepoint:
                    self._execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self._execute(f"RELEASE SAVEPOINT {savepoint}")
                else:
                    self._execute("ROLLBACK")
            except StoreError:
                pass  # the connection may be gone; the error that got us here is the one to report
            raise
        self._depth -= 1
        try:
            self._execute(f"RELEASE SAVEPOINT {savepoint}" if savepoint else "COMMIT")
        except StoreError:
            if not savepoint:
                self._execute("ROLLBACK")
            raise

    def _lock_for_migration(self) -> None:
        """Keep concurrent openers from migrating at once (inside the migration's transaction)."""

    def migrate(self) -> list[int]:
        """Apply the package's migrations this database lacks, in order; returns their versions."""
        known = migrations(self.dialect)
        newest = known[-1][0] if known else 0
        if self._schema_version() == newest:  # the common case, without taking the write lock
            return []
        applied_now = []
        with self.transaction():
            self._lock_for_migration()
            self._execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            applied = {v for (v,) in self._all("SELECT version FROM schema_version")}
            if applied and max(applied) > newest:
                raise StoreError(
                    f"{self.url}: schema version {max(applied)} is newer than this samestory knows ({newest}); "
                    "upgrade samestory"
                )
            for version, name, script in known:
                if version in applied:
                    continue
                for statement in split_statements(script):
                    self._execute(statement)
                self._execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)", (version, name, _now())
                )
                applied_now.append(version)
        return applied_now

    def _schema_version(self) -> int | None:
        if not self._table_exists("schema_version"):
            return None
        row = self._one("SELECT MAX(version) FROM schema_version")
        return row[0] if row else None

    def _table_exists(self, name: str) -> bool:
        raise NotImplementedError

    def files(self) -> list[Path]:
        return []

    def close(self) -> None:
        with suppress(self._errors):
            self._conn.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"

    # -- articles -------------------------------------------------------------------------------
    def add_articles(self, articles: Iterable[Article]) -> list[AddResult]:
        now = _now()
        today = now[:10]
        results: list[AddResult] = []
        sources: set[str] = set()
        with self.transaction():
            for a in articles:
                h = content_hash(a.title, a.text)
                published = a.published.isoformat() if a.published else None
                day = a.published_date.isoformat() if a.published_date else today
                values = (a.id, h, a.title, a.text, a.url, a.outlet, published, day, a.language, a.source)
                row = self._one(
                    f"INSERT INTO articles ({_ARTICLE_COLS.removeprefix('id, ')}) "
                    f"VALUES ({_marks(12)}) ON CONFLICT (external_id, content_hash) DO NOTHING RETURNING id",
                    (*values, _metadata(a), now),
                )
                if row is not None:
                    results.append(AddResult("added", int(row[0]), a.id))
                    if a.source:
                        sources.add(a.source)
                    continue
                row = self._one("SELECT id FROM articles WHERE external_id = ? AND content_hash = ?", (a.id, h))
                results.append(AddResult("duplicate", int(row[0]), a.id))
            # a source that reads now (a fixed file, a higher size limit) is no longer rejected
            for chunk in _chunks(sorted(sources)):
                self._execute(f"DELETE FROM rejected WHERE source IN ({_marks(len(chunk))})", chunk)
        return results

    def _article(self, row: Sequence[Any]) -> StoredArticle:
        return StoredArticle(
            id=int(row[0]),
            external_id=row[1],
            content_hash=row[2],
            title=row[3],
            text=row[4],
            url=row[5],
            outlet=row[6],
            published=_as_published(row[7]),
            day=_as_date(row[8]),
            language=row[9],
            source=row[10],
            metadata=_as_dict(row[11]),
            ingested_at=_as_datetime(row[12]),
        )

    def get(self, article_id: int) -> StoredArticle | None:
        row = self._one(f"SELECT {_ARTICLE_COLS} FROM articles WHERE id = ?", (int(article_id),))
        return self._article(row) if row else None

    def get_many(self, article_ids: Iterable[int]) -> dict[int, StoredArticle]:
        ids = sorted({int(i) for i in article_ids})
        out: dict[int, StoredArticle] = {}
        for chunk in _chunks(ids):
            for row in self._all(f"SELECT {_ARTICLE_COLS} FROM articles WHERE id IN ({_marks(len(chunk))})", chunk):
                out[int(row[0])] = self._article(row)
        return out

    def find(self, *, external_id: str | None = None, url: str | None = None) -> list[StoredArticle]:
        if external_id is None and url is None:
            raise ValueError("find needs external_id or url")
        where, params = [], []
        for column, value in (("external_id", external_id), ("url", url)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        rows = self._all(f"SELECT {_ARTICLE_COLS} FROM articles WHERE {' AND '.join(where)} ORDER BY id", params)
        return [self._article(r) for r in rows]

    def iter_articles(self, *, after: int = 0, batch: int = 500) -> Iterator[StoredArticle]:
        # keyset pages, not one open cursor: the caller may write between rows
        while True:
            rows = self._all(f"SELECT {_ARTICLE_COLS} FROM articles WHERE id > ? ORDER BY id LIMIT ?", (after, batch))
            for row in rows:
                yield self._article(row)
            if len(rows) < batch:
                return
            after = int(rows[-1][0])

    def count(self) -> int:
        return int(self._one("SELECT COUNT(*) FROM articles")[0])

    # -- features -------------------------------------------------------------------------------
    def put_features(self, name: str, values: Mapping[int, np.ndarray]) -> None:
        rows = [_array_parts(name, i, v) for i, v in values.items()]
        with self.transaction():
            self._executemany(
                "INSERT INTO features (name, article_id, dtype, shape, data) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (name, article_id) DO UPDATE SET dtype = excluded.dtype, shape = excluded.shape, "
                "data = excluded.data",
                rows,
            )

    def get_features(self, name: str, article_ids: Iterable[int] | None = None) -> dict[int, np.ndarray]:
        query = "SELECT article_id, dtype, shape, data FROM features WHERE name = ?"
        if article_ids is None:
            rows = self._all(query + " ORDER BY article_id", (name,))
        else:
            ids = sorted({int(i) for i in article_ids})
            rows = []
            for chunk in _chunks(ids):
                rows += self._all(query + f" AND article_id IN ({_marks(len(chunk))})", (name, *chunk))
        return {int(r[0]): _array(r[1], r[2], bytes(r[3])) for r in rows}

    def missing_features(self, name: str) -> list[int]:
        rows = self._all(
            "SELECT a.id FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM features f WHERE f.name = ? AND f.article_id = a.id) ORDER BY a.id",
            (name,),
        )
        return [int(r[0]) for r in rows]

    def drop_features(self, name: str) -> int:
        with self.transaction():
            n = int(self._one("SELECT COUNT(*) FROM features WHERE name = ?", (name,))[0])
            self._execute("DELETE FROM features WHERE name = ?", (name,))
        return n

    def put_blob(self, name: str, data: bytes) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO blobs (name, data, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                (name, bytes(data), _now()),
            )

    def get_blob(self, name: str) -> bytes | None:
        row = self._one("SELECT data FROM blobs WHERE name = ?", (name,))
        return None if row is None else bytes(row[0])

    # -- stories --------------------------------------------------------------------------------
    def _refresh(self, story_ids: Iterable[int], now: str, *, bump: bool = True) -> None:
        """Recompute first/last seen of these stories from their members (and bump their version)."""
        ids = sorted({int(i) for i in story_ids})
        span = (
            "SELECT {}(a.day) FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = stories.id"
        )
        bump_sql = ", version = version + 1, updated_at = ?" if bump else ""
        for chunk in _chunks(ids):
            self._execute(
                f"UPDATE stories SET first_seen = ({span.format('MIN')}), last_seen = ({span.format('MAX')}){bump_sql} "
                f"WHERE id IN ({_marks(len(chunk))})",
                ((now,) if bump else ()) + tuple(chunk),
            )

    def _live(self, story_ids: Iterable[int]) -> None:
        """Raise ``StoreError`` unless every story exists and was not merged away."""
        ids = sorted({int(i) for i in story_ids})
        found: dict[int, int | None] = {}
        for chunk in _chunks(ids):
            for sid, merged in self._all(
                f"SELECT id, merged_into FROM stories WHERE id IN ({_marks(len(chunk))})", chunk
            ):
                found[int(sid)] = merged
        for sid in ids:
            if sid not in found:
                raise StoreError(f"{self.url}: no story {sid}")
            if found[sid] is not None:
                raise StoreError(f"{self.url}: story {sid} was merged into story {found[sid]}")

    def set_stories(
        self, clusters: Iterable[Iterable[int]], *, labels: Iterable[str | None] | None = None
    ) -> list[int]:
        groups = [[int(i) for i in c] for c in clusters]
        names = list(labels) if labels is not None else [None] * len(groups)
        if len(names) != len(groups):
            raise ValueError(f"{len(groups)} clusters but {len(names)} labels")
        now = _now()
        ids: list[int] = []
        with self.transaction():
            self._execute("DELETE FROM story_members")
            self._execute("DELETE FROM stories")
            for members, label in zip(groups, names):
                row = self._one("INSERT INTO stories (label, updated_at) VALUES (?, ?) RETURNING id", (label, now))
                sid = int(row[0])
                ids.append(sid)
                self._executemany(
                    "INSERT INTO story_members (article_id, story_id) VALUES (?, ?)", [(a, sid) for a in members]
                )
            self._refresh(ids, now, bump=False)
        return ids

    def new_story(self, *, label: str | None = None) -> int:
        with self.transaction():
            row = self._one("INSERT INTO stories (label, updated_at) VALUES (?, ?) RETURNING id", (label, _now()))
        return int(row[0])

    def assign(self, assignments: Mapping[int, int]) -> None:
        pairs = {int(a): int(s) for a, s in assignments.items()}
        if not pairs:
            return
        now = _now()
        with self.transaction():
            self._live(pairs.values())
            before = self.story_of(pairs)
            moved = {a: s for a, s in pairs.items() if before.get(a) != s}
            self._executemany(
                "INSERT INTO story_members (article_id, story_id) VALUES (?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id",
                sorted(moved.items()),
            )
            self._refresh(set(moved.values()) | {before[a] for a in moved if a in before}, now)

    def merge_stories(self, keep: int, drop: int) -> None:
        keep, drop = int(keep), int(drop)
        if keep == drop:
            raise ValueError(f"cannot merge story {keep} into itself")
        now = _now()
        with self.transaction():
            self._live((keep, drop))
            self._execute("UPDATE story_members SET story_id = ? WHERE story_id = ?", (keep, drop))
            self._execute("UPDATE stories SET merged_into = ? WHERE merged_into = ?", (keep, drop))
            self._execute(
                "UPDATE stories SET label = COALESCE(label, (SELECT d.label FROM stories d WHERE d.id = ?)) "
                "WHERE id = ?",
                (drop, keep),
            )
            self._execute(
                "UPDATE stories SET merged_into = ?, first_seen = NULL, last_seen = NULL, version = version + 1, "
                "updated_at = ? WHERE id = ?",
                (keep, now, drop),
            )
            self._refresh([keep], now)

    def set_label(self, story_id: int, label: str | None) -> None:
        with self.transaction():
            self._live([story_id])
            self._execute(
                "UPDATE stories SET label = ?, version = version + 1, updated_at = ? WHERE id = ?",
                (label, _now(), int(story_id)),
            )

    def _story(self, row: Sequence[Any], members: tuple[int, ...] = ()) -> Story:
        return Story(
            id=int(row[0]),
            label=row[1],
            first_seen=_as_date(row[2]),
            last_seen=_as_date(row[3]),
            size=int(row[4]),
            version=int(row[5]),
            updated_at=_as_datetime(row[6]),
            merged_into=None if row[7] is None else int(row[7]),
            members=members,
        )

    def stories(self, *, min_size: int = 1) -> list[Story]:
        rows = self._all(
            f"SELECT {_STORY_COLS} FROM stories s LEFT JOIN story_members m ON m.story_id = s.id "
            f"WHERE s.merged_into IS NULL GROUP BY {_STORY_GROUP} HAVING COUNT(m.article_id) >= ? ORDER BY s.id",
            (min_size,),
        )
        return [self._story(r) for r in rows]

    def story(self, story_id: int) -> Story | None:
        row = self._one(
            f"SELECT {_STORY_COLS} FROM stories s LEFT JOIN story_members m ON m.story_id = s.id "
            f"WHERE s.id = ? GROUP BY {_STORY_GROUP}",
            (int(story_id),),
        )
        if row is None:
            return None
        members = self._all("SELECT article_id FROM story_members WHERE story_id = ? ORDER BY article_id", (row[0],))
        return self._story(row, tuple(int(m[0]) for m in members))

    def story_of(self, article_ids: Iterable[int]) -> dict[int, int]:
        ids = sorted({int(i) for i in article_ids})
        out: dict[int, int] = {}
        for chunk in _chunks(ids):
            for a, s in self._all(
                f"SELECT article_id, story_id FROM story_members WHERE article_id IN ({_marks(len(chunk))})", chunk
            ):
                out[int(a)] = int(s)
        return out

    def unassigned(self) -> list[int]:
        rows = self._all(
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article_id = a.id) "
            "ORDER BY a.id"
        )
        return [int(r[0]) for r in rows]

    # -- inputs ---------------------------------------------------------------------------------
    def record_rejected(self, source: str, reason: str, message: str = "") -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO rejected (source, reason, message, at) VALUES (?, ?, ?, ?) ON CONFLICT (source) "
                "DO UPDATE SET reason = excluded.reason, message = excluded.message, at = excluded.at",
                (source, reason, message, _now()),
            )

    def rejected(self) -> list[Rejected]:
        return [Rejected(*r) for r in self._all("SELECT source, reason, message FROM rejected ORDER BY source")]

    def sources_done(self, keys: Iterable[str]) -> set[str]:
        wanted = sorted(set(keys))
        done: set[str] = set()
        for chunk in _chunks(wanted):
            done.update(r[0] for r in self._all(f"SELECT key FROM sources WHERE key IN ({_marks(len(chunk))})", chunk))
        return done

    def mark_sources_done(self, keys: Iterable[str]) -> None:
        now = _now()
        with self.transaction():
            self._executemany(
                "INSERT INTO sources (key, done_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                [(k, now) for k in sorted(set(keys))],
            )

    def stats(self) -> dict[str, int]:
        return {
            "articles": self.count(),
            "stories": int(self._one("SELECT COUNT(DISTINCT story_id) FROM story_members")[0]),
            "rejected": int(self._one("SELECT COUNT(*) FROM rejected")[0]),
        }
