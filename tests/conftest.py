"""Shared fixtures: the real example pair and data sets in ../shared (skipped where absent), and the HTTP service."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = SHARED / "examples"
DATA = SHARED / "data"
MT_FILE = EXAMPLES / "000_5276c77493c331da.txt"  # The Moscow Times, 2020-10-09
BD_FILE = EXAMPLES / "001_d43fbdc6512c7328.txt"  # the Bangladeshi reprint, 2020-10-10
BUNDLED = ROOT / "examples"


@pytest.fixture(scope="session")
def shared_pair() -> tuple[Path, Path]:
    """Paths of the real example pair; the test is skipped where ../shared is absent."""
    if not (MT_FILE.exists() and BD_FILE.exists()):
        pytest.skip("../shared/examples is absent")
    return MT_FILE, BD_FILE


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not DATA.exists():
        pytest.skip("../shared/data is absent")
    return DATA


@contextlib.contextmanager
def _serve_in_thread(settings) -> Iterator[str]:
    """``samestory serve`` for ``settings`` on a free loopback port, in a thread; yields its base URL."""
    uvicorn = pytest.importorskip("uvicorn", reason="pip install 'samestory[service]'")
    from samestory.service import create_app

    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="samestory-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # the real models take a few seconds to load
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=60)


@pytest.fixture(scope="session")
def serve():
    """``with serve(settings) as url:`` runs the HTTP service over a real socket."""
    return _serve_in_thread
