"""The service's work queue (time limit, bounded queue) and its config, without a server."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

pytest.importorskip("fastapi", reason="pip install 'samestory[service]'")

from samestory.config import ServiceConfig, build_settings
from samestory.errors import ConfigError
from samestory.service.engine import Busy, Engine, TimedOut
from samestory.service.http import HTTPError, check_token


def _engine(tmp_path, time_limit: float) -> Engine:
    settings = build_settings(
        overrides={
            "embed": {"encoder": "hashing"},
            "store": {"url": str(tmp_path / "s.db")},
            "service": {"time_limit": time_limit, "max_pending": 2},
        }
    )
    return Engine(settings)


@pytest.fixture
def engine(tmp_path):
    """A short time limit, for the tests about it."""
    e = _engine(tmp_path, 0.4)
    yield e
    e.close()


@pytest.fixture
def roomy(tmp_path):
    """A time limit no healthy call reaches, even on a loaded machine (opening the store and
    migrating it once took over 0.4 s under load)."""
    e = _engine(tmp_path, 60.0)
    yield e
    e.close()


def test_the_queue_is_bounded_and_the_time_limit_holds(engine):
    ran: list[str] = []
    gate = threading.Event()

    def slow(tag: str) -> str:
        ran.append(tag)
        gate.wait(5)
        return tag

    async def scenario() -> None:
        first = asyncio.create_task(engine.compute(slow, "first"))
        await asyncio.sleep(0.05)
        second = asyncio.create_task(engine.compute(slow, "second"))  # waits behind the first
        await asyncio.sleep(0.05)
        assert engine.pending == 2
        with pytest.raises(Busy):
            await engine.compute(slow, "third")
        with pytest.raises(TimedOut):
            await first  # ran past the limit
        with pytest.raises(TimedOut):
            await second  # expired while queued
        gate.set()

    asyncio.run(scenario())
    deadline = time.monotonic() + 5
    while engine.pending and time.monotonic() < deadline:
        time.sleep(0.01)
    assert engine.pending == 0
    assert ran == ["first"]  # the expired request never ran


def test_work_within_the_limit_returns_its_result(roomy):
    async def scenario():
        return await roomy.compute(lambda x: x * 2, 21), await roomy.with_store(lambda s: s.count())

    assert asyncio.run(scenario()) == (42, 0)


def test_the_store_is_opened_per_thread_and_closed_by_its_thread(roomy):
    async def scenario():
        return await asyncio.gather(*(roomy.with_store(lambda s: (threading.get_ident(), id(s))) for _ in range(8)))

    pairs = asyncio.run(scenario())
    by_thread: dict[int, set[int]] = {}
    for thread, store in pairs:
        by_thread.setdefault(thread, set()).add(store)
    assert all(len(stores) == 1 for stores in by_thread.values())  # one connection a thread, reused


def test_check_token():
    check_token(None, None)  # no token configured: writes are open
    check_token("a-long-token", "Bearer a-long-token")
    check_token("a-long-token", "bearer   a-long-token")
    for header, status in ((None, 401), ("", 401), ("Bearer wrong", 403), ("Basic a-long-token", 403)):
        with pytest.raises(HTTPError) as exc:
            check_token("a-long-token", header)
        assert exc.value.status == status


@pytest.mark.parametrize(
    "values,message",
    [
        ({"port": 70000}, "port must be in [0, 65535]"),
        ({"token": "short"}, "token must be at least 8 characters"),
        ({"max_body_bytes": 10}, "max_body_bytes must be at least 1024"),
        ({"time_limit": 0}, "time_limit must be positive"),
        ({"host": " "}, "host must not be empty"),
        ({"max_pending": 0}, "max_pending must be at least 1"),
    ],
)
def test_service_config_is_validated(values, message):
    with pytest.raises(ConfigError) as exc:
        build_settings(overrides={"service": values})
    assert message in str(exc.value)
    assert ServiceConfig().host == "127.0.0.1"  # loopback unless told otherwise
