"""Store fixtures: ``store_url`` runs a test against SQLite and against a real PostgreSQL server.

The PostgreSQL server is a throwaway one (initdb into a temporary directory, a Unix socket, no
TCP) started once per session, or the server ``SAMESTORY_TEST_PG_URL`` names. Without
PostgreSQL's binaries or psycopg the PostgreSQL cases skip, saying why.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PG_ENV = "SAMESTORY_TEST_PG_URL"


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _run(cmd: list[str], *, as_postgres: bool) -> None:
    # initdb and postgres refuse to run as root; Debian's package creates the postgres user
    if as_postgres and os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.strip() or r.stdout.strip()}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A libpq URL of a PostgreSQL server's ``postgres`` database, for tests to create databases in."""
    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'samestory[postgres]'")
    if os.environ.get(PG_ENV):
        yield os.environ[PG_ENV]
        return
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql")
    root = Path(tempfile.mkdtemp(prefix="samestory-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    port = 40000 + os.getpid() % 20000  # the socket file's name; no TCP listener is opened
    try:
        _run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"], as_postgres=True)
        _run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(root / "log"),
                "-w",
                "-o",
                f"-k {sock} -p {port} -h '' -c fsync=off",  # fsync off: a throwaway server, faster tests
                "start",
            ],
            as_postgres=True,
        )
    except RuntimeError as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"could not start a PostgreSQL server: {exc}")
    try:
        yield f"postgresql:///postgres?host={sock}&port={port}&user=postgres"
    finally:
        try:
            _run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], as_postgres=True)
        finally:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A URL of a new, empty database on the test server, dropped afterwards."""
    import psycopg

    name = f"samestory_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    u = urlsplit(pg_server)  # not urlunsplit: it drops the empty host of postgresql:///db?host=/socket/dir
    yield f"{u.scheme}://{u.netloc}/{name}" + (f"?{u.query}" if u.query else "")
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A URL of a new, empty store: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"  # tmp_path is absolute: sqlite:////tmp/...
    return request.getfixturevalue("pg_url")
