"""The PostgreSQL backend (psycopg 3: ``pip install 'samestory[postgres]'``)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from samestory._optional import require
from samestory.errors import StoreError
from samestory.store.base import backends
from samestory.store.sql import SQLStore

_MIGRATION_LOCK = 0x5A3E5707  # pg_advisory_xact_lock key: one opener migrates at a time


def redact(url: str) -> str:
    """The URL without its password, fit for messages and ``Store.url``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database, given by a ``postgresql://`` URL (libpq's: a socket
    directory goes in ``?host=/path``). The schema is created on first open."""

    dialect = "postgresql"

    def __init__(self, url: str, *, create: bool = True) -> None:
        psycopg = require("psycopg", pip="'samestory[postgres]'", purpose="a PostgreSQL store")
        self._errors = (psycopg.Error,)
        try:
            conn = psycopg.connect(url, autocommit=True)  # transactions are explicit (SQLStore.transaction)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {redact(url)}: {str(exc).strip()}") from None
        super().__init__(conn, url=redact(url))
        try:
            if not create and not self._table_exists("schema_version"):
                raise StoreError(f"no store in {self.url} (samestory ingest creates one)")
            self.migrate()
        except BaseException:
            conn.close()
            raise

    def _sql(self, query: str) -> str:
        return query.replace("?", "%s")  # the shared queries hold no literal ? or %

    def _lock_for_migration(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    def _table_exists(self, name: str) -> bool:
        return self._one("SELECT to_regclass(?)", (name,))[0] is not None


@backends.register("postgresql")
@backends.register("postgres")
def open_postgres(*, url: str, create: bool = True) -> PostgresStore:
    return PostgresStore(url, create=create)
