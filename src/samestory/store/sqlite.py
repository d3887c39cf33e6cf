"""The SQLite backend (stdlib ``sqlite3``): one file, WAL mode, one writer and any readers."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from samestory.errors import StoreError
from samestory.store.base import backends
from samestory.store.sql import SQLStore

BUSY_SECONDS = 30.0  # how long a second writer waits for the first one's transaction


def sqlite_path(url: str) -> str:
    """The file of a SQLite URL or path: ``sqlite:///rel/file.db`` is relative to the working
    directory and ``sqlite:////abs/file.db`` absolute (SQLAlchemy's convention); anything
    without ``://`` is a path as is."""
    if "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    if scheme.lower() != "sqlite" or not rest.startswith("/") or len(rest) < 2:
        raise StoreError(f"not a SQLite URL: {url!r} (sqlite:///relative/file.db or sqlite:////absolute/file.db)")
    return rest[1:].split("?", 1)[0]


class SQLiteStore(SQLStore):
    """A store in a SQLite file.

    WAL mode lets readers read while a writer writes; ``synchronous=NORMAL`` keeps every
    committed transaction through a crash of the process (only a power cut can lose the last
    ones). Transactions start with ``BEGIN IMMEDIATE`` so two writers queue instead of failing
    halfway.
    """

    dialect = "sqlite"
    _begin = "BEGIN IMMEDIATE"
    _errors = (sqlite3.Error,)

    def __init__(self, path: str | os.PathLike[str], *, url: str | None = None, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise StoreError(f"no store at {url or self.path} (samestory ingest creates one)")
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite store {self.path}: {exc}") from None
        super().__init__(conn, url=url or str(self.path))
        try:
            self._enter_wal()
            for pragma in ("synchronous = NORMAL", "foreign_keys = ON"):
                self._execute(f"PRAGMA {pragma}")
            self.migrate()
        except BaseException:
            conn.close()
            raise

    def _enter_wal(self) -> None:
        # Turning a new file to WAL takes an exclusive lock, and SQLite answers "database is
        # locked" at once, without its busy handler, when two connections open a new file
        # together (a deadlock it refuses to wait on): so wait here, as the busy timeout would.
        deadline = time.monotonic() + BUSY_SECONDS
        pause = 0.002
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.Error as exc:
                busy = getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY
                if not busy or time.monotonic() > deadline:
                    raise StoreError(f"{self.url}: {str(exc).strip()}") from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.1)

    def files(self) -> list[Path]:
        return [self.path.with_name(self.path.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]

    def _table_exists(self, name: str) -> bool:
        return self._one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is not None


@backends.register("sqlite")
def open_sqlite(*, url: str, create: bool = True) -> SQLiteStore:
    return SQLiteStore(sqlite_path(url), url=url, create=create)
