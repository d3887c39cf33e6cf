"""Hostile input: SQL metacharacters in every field are stored and read back verbatim on SQLite and
PostgreSQL; over HTTP no field makes the server read a file, an article over the size limit is
refused with a JSON message, and a slow comparison is cut off at the time limit while ``/health``
keeps answering. (Bodies over ``max_body_bytes`` → 413 and malformed input → 422 are covered in
``test_service.py``: ``test_bodies_over_the_limit_are_413``, ``test_invalid_input_is_422_with_a_message``,
``test_no_input_makes_a_500``.)"""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from samestory.config import build_settings
from samestory.ingest.article import Article
from samestory.store import open_store

NASTY = [
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "Robert'); DROP TABLE stories;--",
    "back\\slash \\' \\\" \\\\ end\\",
    "100% of _all_ %s %% _%_",
    "\u2018curly\u2019 \u201cquotes\u201d \u00abguillemets\u00bb \u2032prime\u2033 \uff07fullwidth\uff02",
    "$$ dollar $$ $tag$ :name ? %(x)s {0} ${x}",
    "/* comment */ -- line\n\t\r;",
]


def _article(i: int, s: str) -> Article:
    return Article(
        id=f"{s} #{i}",
        title=f"title {s}",
        text=f"Body {i} with {s} inside.\n{s}",
        url=f"https://x.example/{s}?q={s}",
        outlet=s,
        language="en",
        published=date(2024, 5, 1 + i),
        metadata={"note": s, s: [s, i], "nested": {"k": s}},
    )


def test_sql_metacharacters_are_stored_and_read_back_verbatim(store_url):
    articles = [_article(i, s) for i, s in enumerate(NASTY)]
    with open_store(store_url) as store:
        results = store.add_articles(articles)
        assert [r.status for r in results] == ["added"] * len(NASTY)
        got = store.get_many(r.id for r in results)
        for r, a in zip(results, articles, strict=True):
            s = got[r.id]
            assert (s.external_id, s.title, s.text, s.url, s.outlet, s.language) == (
                a.id, a.title, a.text, a.url, a.outlet, a.language
            )  # fmt: skip
            assert s.metadata["note"] == a.metadata["note"] and s.metadata["nested"] == a.metadata["nested"]
            assert list(s.metadata[a.outlet]) == list(a.metadata[a.outlet])
            assert [x.id for x in store.find(external_id=a.id)] == [r.id]
            assert [x.id for x in store.find(url=a.url)] == [r.id]
        store.record_rejected(NASTY[0], NASTY[1], NASTY[2])
        assert [(x.source, x.reason, x.message) for x in store.rejected()] == [(NASTY[0], NASTY[1], NASTY[2])]
        store.mark_sources_done(NASTY)
        assert store.sources_done([*NASTY, "other"]) == set(NASTY)
        sid = store.new_story(label=NASTY[0])
        store.assign({r.id: sid for r in results})
        assert store.story(sid).label == NASTY[0] and store.story(sid).size == len(NASTY)
        assert store.add_articles(articles[:1])[0].status == "duplicate"
    with open_store(store_url) as store:  # the tables are all there, with everything in them
        assert store.stats() == {"articles": len(NASTY), "stories": 1, "rejected": 1}
        assert [a.external_id for a in store.iter_articles()] == [a.id for a in articles]
        assert store.unassigned() == []


# -- over HTTP -----------------------------------------------------------------------------------------

httpx = pytest.importorskip("httpx")
TOKEN = "s3cret-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIGHT = {"embed": {"encoder": "hashing"}, "analyze": {"ner": "gazetteer"}}
PATHS = ["/etc/passwd", "file:///etc/passwd", "../../../../etc/passwd", "~root/../../etc/passwd", "/proc/self/environ"]


def _settings(url: str, *, ingest: dict | None = None, **service):
    return build_settings(
        overrides={**LIGHT, "store": {"url": url}, "ingest": ingest or {}, "service": {"token": TOKEN, **service}}
    )


@pytest.fixture(scope="module")
def server(serve, tmp_path_factory):
    """(client, store url) of a server with a small per-article limit (and a time limit no healthy
    request reaches on a loaded machine: the slow-request test has its own server)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('security') / 'store.db'}"
    cfg = _settings(url, ingest={"max_bytes": 20_000}, max_body_bytes=3_000_000, time_limit=60.0)
    with serve(cfg) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client, url


def _no_file_contents(s: str) -> None:
    assert "root:" not in s and "/bin/" not in s and "PATH=" not in s


def test_a_path_given_as_raw_is_stored_as_text_never_read(server):
    client, url = server
    for i, p in enumerate(PATHS):
        r = client.post("/articles", json={"raw": f"{p}\n", "name": p}, headers=AUTH)
        assert r.status_code in (201, 200), r.text
        _no_file_contents(r.text)
        (res,) = r.json()["results"]
        stored = client.get(f"/articles/{res['id']}").json()
        assert stored["text"] == p  # the literal string, as a file holding it reads
        body = {"text": f"{p} is a path {i}", "title": p, "url": p, "outlet": p, "id": p}
        r = client.post("/articles", json=body, headers=AUTH)
        assert r.status_code in (201, 200), r.text
        stored = client.get(f"/articles/{r.json()['results'][0]['id']}").json()
        assert (stored["text"], stored["title"], stored["url"]) == (f"{p} is a path {i}", p, p)
        _no_file_contents(str(stored))
    with open_store(url) as store:
        for a in store.iter_articles():
            _no_file_contents(f"{a.text} {a.title} {a.metadata}")


def test_no_compare_field_reads_a_path(server):
    client, _ = server
    for p in PATHS:
        for a in ({"raw": p, "name": p}, {"text": p, "title": p, "url": p, "outlet": p, "id": p}):
            for path in ("/compare", "/align"):
                r = client.post(path, params={"texts": "true"}, json={"a": a, "b": {"raw": p}})
                assert r.status_code in (200, 422), r.text
                _no_file_contents(r.text)


def test_an_article_over_the_size_limit_is_refused_with_a_message(server):
    client, _ = server
    big = "A long article. " * 2_000  # 32 KB: under the body limit, over the 20 KB per article
    for body in ({"text": big}, {"raw": big}):
        for path, headers in (("/articles", AUTH), ("/compare", {})):
            payload = body if path == "/articles" else {"a": body, "b": {"raw": "short"}}
            r = client.post(path, json=payload, headers=headers)
            assert r.status_code in (413, 422), (path, body.keys(), r.status_code, r.text[:300])
            assert r.json()["message"], r.text


def test_a_slow_comparison_is_cut_off_while_health_answers(serve, tmp_path):
    cfg = _settings(f"sqlite:///{tmp_path / 'store.db'}", max_body_bytes=3_000_000, time_limit=1.0)
    with serve(cfg) as base, httpx.Client(base_url=base, timeout=60) as client:
        _slow_compare_and_health(client)


def _slow_compare_and_health(client) -> None:
    text = "the same words again and again " * 33_000  # ~1 MB of one repeated phrase, both sides
    result: dict = {}

    def compare() -> None:
        t0 = time.monotonic()
        result["response"] = client.post("/compare", json={"a": {"text": text}, "b": {"text": text + " end"}})
        result["seconds"] = time.monotonic() - t0

    worker = threading.Thread(target=compare)
    worker.start()
    slowest = 0.0
    while worker.is_alive():
        t0 = time.monotonic()
        h = client.get("/health", timeout=5)
        slowest = max(slowest, time.monotonic() - t0)
        assert h.status_code == 200
        time.sleep(0.1)
    worker.join()
    r = result["response"]
    print(f"/compare {r.status_code} in {result['seconds']:.2f} s, slowest /health {slowest:.3f} s")
    assert r.status_code in (200, 504), r.text[:300]
    if r.status_code == 504:
        assert r.json()["error"] and "time limit" in r.json()["message"]
    assert result["seconds"] < 10, result["seconds"]
    assert slowest < 1.0, slowest
