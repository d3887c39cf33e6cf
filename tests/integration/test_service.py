"""The HTTP service over a real socket (uvicorn on a free loopback port), on SQLite and on a real
PostgreSQL server for the store-backed endpoints. Light models (hashing encoder, gazetteer NER)
keep it fast; tests/e2e runs the real ones through the page."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi", reason="pip install 'samestory[service]'")
httpx = pytest.importorskip("httpx")

from samestory.config import build_settings  # noqa: E402
from samestory.service import models as m  # noqa: E402
from samestory.store import open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
WIRE = ROOT / "examples" / "wire.txt"
SHORT = ROOT / "examples" / "reprint_short.txt"
EDITED = ROOT / "examples" / "reprint_edited.txt"
UNRELATED = ROOT / "examples" / "unrelated.txt"
TOKEN = "s3cret-test-token"
LIMIT = 64_000
LIGHT = {"embed": {"encoder": "hashing"}, "analyze": {"ner": "gazetteer"}}
LIGHT_FLAGS = ("--encoder", "hashing", "--ner", "gazetteer")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _settings(url: str, **service):
    return build_settings(
        overrides={**LIGHT, "store": {"url": url}, "service": {"token": TOKEN, "max_body_bytes": LIMIT, **service}}
    )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store_url(request, tmp_path_factory):
    """A new store for this module's server: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('service') / 'store.db'}"
        return
    import psycopg

    server = request.getfixturevalue("pg_server")
    name = f"samestory_svc_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    u = urlsplit(server)
    yield f"{u.scheme}://{u.netloc}/{name}" + (f"?{u.query}" if u.query else "")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def live(serve, store_url):
    """(client, ids) of a server over a store holding the four bundled examples, stored through
    POST /articles (so the stories stage put them in stories)."""
    with serve(_settings(store_url)) as base, httpx.Client(base_url=base, timeout=60) as client:
        r = client.post(
            "/articles",
            json=[{"raw": p.read_text(), "name": p.name} for p in (WIRE, SHORT, EDITED, UNRELATED)],
            headers=AUTH,
        )
        assert r.status_code == 201, r.text
        yield client, [x["id"] for x in r.json()["results"]]


def cli(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "samestory.cli", *args], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def client(serve, tmp_path_factory):
    """A client of a server whose store does not matter to the test (SQLite)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('service-plain') / 'store.db'}"
    with serve(_settings(url)) as base, httpx.Client(base_url=base, timeout=60) as c:
        yield c


def raw(path: Path) -> dict:
    return {"raw": path.read_text(encoding="utf-8"), "name": str(path)}


# -- store-backed endpoints, on both backends ---------------------------------------------------------


def test_health_names_the_store_and_counts(live):
    client, _ = live
    h = client.get("/health").json()
    m.HealthOut.model_validate(h)
    assert (h["status"], h["models"], h["articles"], h["stories"]) == ("ok", "loaded", 4, 2)


def test_stored_articles_are_read_back_with_their_story(live):
    client, ids = live
    a = client.get(f"/articles/{ids[0]}").json()
    m.StoredArticleOut.model_validate(a)
    assert a["title"] == "Danube States Agree Plan to Cut River Pollution"
    assert a["outlet"] == "vienna-ledger.example" and a["language"] == "en"  # detected on the way in
    assert a["text"].startswith("Ten countries along the Danube agreed on Thursday")
    assert a["metadata"]["credits"] == ["AFP"] and a["story"] is not None
    assert a["source"] == "wire.txt"


def test_articles_are_listed_a_page_at_a_time(live):
    client, ids = live
    first = client.get("/articles", params={"limit": 3}).json()
    m.ArticleListOut.model_validate(first)
    assert [a["id"] for a in first["articles"]] == ids[:3] and first["total"] == 4
    rest = client.get("/articles", params={"after": first["next_after"], "limit": 3}).json()
    assert [a["id"] for a in rest["articles"]] == ids[3:] and rest["next_after"] is None


def test_writes_need_the_token(live):
    client, _ = live
    body = {"text": "A new article that must not be stored without the token.", "title": "Nope"}
    missing = client.post("/articles", json=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert missing.json()["error"] == "unauthorized"
    wrong = client.post("/articles", json=body, headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403 and wrong.json()["error"] == "forbidden"
    basic = client.post("/articles", json=body, headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 403
    assert client.get("/health").json()["articles"] == 4  # nothing was stored


def test_posted_articles_are_put_in_stories(live, store_url):
    _, ids = live
    with open_store(store_url) as store:
        story_of = store.story_of(ids)
    assert story_of[ids[0]] == story_of[ids[1]] == story_of[ids[2]]  # the Danube deal, three times
    assert story_of[ids[3]] != story_of[ids[0]]  # the dock strike in Busan


def test_stories_as_the_cli_shows_them(live, store_url):
    client, ids = live
    listing = client.get("/stories", params={"sort": "size"}).json()
    m.StoryListOut.model_validate(listing)
    assert listing["total"] == 2
    danube = listing["stories"][0]
    titles = {client.get(f"/articles/{i}").json()["title"] for i in ids[:3]}
    assert danube["size"] == 3 and danube["label"] in titles
    assert {o["outlet"] for o in danube["outlets"]} == {"vienna-ledger.example", "alpine-courier.example"}
    assert danube["languages"] == [{"language": "en", "articles": 3}]
    assert danube["timeline"] == [{"day": "2024-03-14", "articles": 2}, {"day": "2024-03-15", "articles": 1}]
    assert (danube["first_seen"], danube["last_seen"]) == ("2024-03-14", "2024-03-15")
    detail = client.get(f"/stories/{danube['id']}").json()
    m.StoryDetailOut.model_validate(detail)
    assert sorted(a["id"] for a in detail["articles"]) == ids[:3]
    assert detail == cli("story", str(danube["id"]), "--json", "--db", store_url)
    assert {k: v for k, v in detail.items() if k not in ("articles", "merged_from")} == danube
    assert client.get("/stories", params={"min_size": 2}).json()["total"] == 1
    recent = client.get("/stories").json()["stories"]
    assert [s["last_seen"] for s in recent] == ["2024-03-15", "2023-11-02"]


def test_similar_is_the_stories_stage_ranking(live, store_url):
    client, ids = live
    r = client.get(f"/articles/{ids[0]}/similar").json()
    m.SimilarOut.model_validate(r)
    assert r == cli("similar", str(ids[0]), "--json", "--db", store_url)
    got = [x["article"]["id"] for x in r["similar"]]
    assert sorted(got) == sorted(ids[1:3]) and all(x["same_story"] for x in r["similar"])
    scores = [x["score"] for x in r["similar"]]
    assert scores == sorted(scores, reverse=True)
    with_dims = client.get(f"/articles/{ids[0]}/similar", params={"dimensions": "true", "limit": 1}).json()
    m.SimilarOut.model_validate(with_dims)
    (top,) = with_dims["similar"]
    assert top["article"]["id"] == got[0] and set(top["dimensions"]) == {
        "Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone"
    }  # fmt: skip
    assert top["dimensions"]["Overall"] <= 2.0  # a reprint: the same story by the comparison too
    alone = client.get(f"/articles/{ids[3]}/similar").json()
    assert not any(x["same_story"] for x in alone["similar"])


def test_compare_stored_articles_by_id(live):
    client, ids = live
    r = client.post("/compare", json={"a": {"article_id": ids[0]}, "b": {"article_id": ids[1]}})
    assert r.status_code == 200, r.text
    assert r.json()["same_story"] is True and r.json()["a"]["credits"] == ["AFP"]
    gone = client.post("/compare", json={"a": {"article_id": ids[0]}, "b": {"article_id": 10**6}})
    assert gone.status_code == 422 and "no stored article with id 1000000" in gone.json()["message"]


def test_ingest_one_or_many_each_stored_once(live, store_url):
    client, _ = live
    one = {"text": "Port workers in Busan ended their strike on Friday.", "title": "Strike ends", "id": "busan-2"}
    r = client.post("/articles", json=one, headers=AUTH)
    assert r.status_code == 201
    m.IngestOut.model_validate(r.json())
    new_id = r.json()["results"][0]["id"]
    again = client.post(
        "/articles",
        json=[one, {"raw_base64": base64.b64encode(UNRELATED.read_bytes()).decode(), "name": "unrelated.txt"}],
        headers=AUTH,
    )
    assert again.status_code == 200  # nothing new
    assert [x["status"] for x in again.json()["results"]] == ["duplicate", "duplicate"]
    assert again.json()["store"]["articles"] == 5
    with open_store(store_url) as store:
        stored = store.get(new_id)
        assert (stored.external_id, stored.title, stored.language) == ("busan-2", "Strike ends", "en")


def test_unknown_ids_are_404(live):
    client, _ = live
    for path in ("/articles/999999", "/articles/999999/similar", "/stories/999999"):
        r = client.get(path)
        assert r.status_code == 404 and r.json()["error"] == "not-found", path


# -- comparing and errors (store-independent) ---------------------------------------------------------


def test_compare_answers_exactly_the_cli_json(client):
    cli = subprocess.run(
        [sys.executable, "-m", "samestory.cli", "compare", str(WIRE), str(SHORT), "--json", *LIGHT_FLAGS],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    r = client.post("/compare", json={"a": raw(WIRE), "b": raw(SHORT)})
    assert r.status_code == 200
    assert r.json() == json.loads(cli.stdout)
    assert "texts" not in r.json()
    m.CompareOut.model_validate(r.json())


def test_align_answers_the_cli_json_and_the_texts_on_request(client):
    cli = subprocess.run(
        [sys.executable, "-m", "samestory.cli", "align", str(WIRE), str(SHORT), "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    r = client.post("/align", params={"texts": "true"}, json={"a": raw(WIRE), "b": raw(SHORT)}).json()
    m.AlignOut.model_validate(r)
    texts = r.pop("texts")
    assert r == json.loads(cli.stdout)
    for p in r["passages"]:  # the offsets index the texts given back
        assert texts["a"][p["a_start"] : p["a_end"]] == p["a_text"]
        assert texts["b"][p["b_start"] : p["b_end"]] == p["b_text"]


def test_the_fields_form_and_the_file_forms_read_the_same_article(client):
    text = "Ten countries agreed on Thursday in Vienna to cut river pollution by a third before 2030."
    fields = {"text": text, "title": "Danube deal", "published": "2024-03-14", "url": "https://x.example/a"}
    r = client.post("/compare", json={"a": fields, "b": {"raw_base64": base64.b64encode(WIRE.read_bytes()).decode()}})
    assert r.status_code == 200
    a = r.json()["a"]
    assert (a["title"], a["published"], a["outlet"], a["source"]) == ("Danube deal", "2024-03-14", "x.example", None)
    assert r.json()["b"]["title"] == "Danube States Agree Plan to Cut River Pollution"


def test_a_cp1251_upload_is_decoded_as_a_file_would_be(client):
    text = "Москва, 9 октября. Министры иностранных дел Армении и Азербайджана встретились в Москве."
    b64 = base64.b64encode(text.encode("cp1251")).decode()
    r = client.post(
        "/align", params={"texts": "true"}, json={"a": {"raw_base64": b64, "name": "ru.txt"}, "b": {"raw": text}}
    )
    assert r.status_code == 200, r.text
    assert r.json()["texts"]["a"] == r.json()["texts"]["b"]


@pytest.mark.parametrize(
    "body,fragment",
    [
        ({"a": {"raw": "x"}}, "b: Field required"),
        ({"a": {"raw": "x", "text": "y"}, "b": {"raw": "z"}}, "exactly one of"),
        ({"a": {"raw": "x", "title": "t"}, "b": {"raw": "z"}}, "title cannot go with raw"),
        ({"a": {}, "b": {"raw": "z"}}, "got none"),
        ({"a": {"text": "   "}, "b": {"raw": "z"}}, "has no text"),
        ({"a": {"raw": ""}, "b": {"raw": "z"}}, "empty"),
        ({"a": {"raw": "nul\x00byte"}, "b": {"raw": "z"}}, "NUL"),
        ({"a": {"raw_base64": "not base64!"}, "b": {"raw": "z"}}, "not valid base64"),
        ({"a": {"raw_base64": base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(64)).decode()}, "b": {"raw": "z"}}, "a"),
        ({"a": {"article_id": 0}, "b": {"raw": "z"}}, "greater than or equal to 1"),
        ({"a": {"text": 5}, "b": {"raw": "z"}}, "a.text"),
        ({"a": "an article", "b": {"raw": "z"}}, "a"),
        ({"a": {"raw": "x", "colour": "red"}, "b": {"raw": "z"}}, "Extra inputs"),
        ([1, 2], "body"),
    ],
)
def test_invalid_input_is_422_with_a_message(client, body, fragment):
    r = client.post("/compare", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["error"] in ("invalid-input", "invalid-json") and fragment in r.json()["message"]
    m.ErrorOut.model_validate(r.json())


def test_bad_json_is_422_not_500(client):
    for payload in (b"{bad", b"", b"\xff\xfe", b'{"a": {"raw": "x"}, "b": '):
        r = client.post("/compare", content=payload, headers={"Content-Type": "application/json"})
        assert r.status_code == 422, (payload, r.text)
        assert r.json()["message"]
    r = client.post("/compare", content=b"a=1", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 422


def test_bodies_over_the_limit_are_413(client):
    big = {"a": {"raw": "word " * (LIMIT // 4)}, "b": {"raw": "x"}}
    r = client.post("/compare", json=big)
    assert r.status_code == 413 and r.json()["error"] == "too-large"
    assert f"{LIMIT:,}" in r.json()["message"]

    def chunks():  # no Content-Length: the limit holds while the body streams in
        for _ in range(LIMIT // 1000 + 2):
            yield b"x" * 1000

    r = client.post("/articles", content=chunks(), headers={"Content-Type": "application/json", **AUTH})
    assert r.status_code == 413


def test_query_and_path_errors_are_422_and_unknown_routes_404(client):
    assert client.get("/articles/abc").status_code == 422
    assert client.get("/articles", params={"limit": 0}).status_code == 422
    assert client.get("/stories", params={"sort": "sideways"}).status_code == 422
    r = client.get("/no/such/route")
    assert r.status_code == 404 and r.json() == {"error": "not-found", "message": "Not Found"}
    assert client.put("/compare", json={}).status_code == 405


def test_the_page_and_its_assets_are_served_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'src="/static/app.js"' in page.text and "http" not in page.text.replace("http-equiv", "")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    js = client.get("/static/app.js").text
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js
    assert client.get("/static/app.css").status_code == 200


def test_the_served_openapi_spec_is_the_committed_one(client):
    served = client.get("/openapi.json").json()
    committed = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    assert served == committed, "the API changed: python scripts/export_openapi.py"
    assert set(served["paths"]) >= {"/compare", "/align", "/articles", "/articles/{article_id}/similar", "/stories"}


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**12),
    st.floats(allow_nan=False, allow_infinity=False),  # JSON has neither
    st.text(max_size=300),
    st.sampled_from(["", " ", "\x00", "<b>bold</b>", "date 2024-03-14\n\nTitle\n\nBody text here.", "AAAA", "%%%"]),
    st.lists(st.text(max_size=5), max_size=2),
)
_ARTICLES = st.one_of(
    st.dictionaries(
        st.sampled_from(
            [
                "text",
                "title",
                "url",
                "published",
                "outlet",
                "language",
                "id",
                "raw",
                "raw_base64",
                "name",
                "article_id",
                "other",
            ]
        ),
        _VALUES,
        max_size=4,
    ),
    _VALUES,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=_ARTICLES, b=_ARTICLES, path=st.sampled_from(["/compare", "/align"]))
def test_no_input_makes_a_500(client, a, b, path):
    r = client.post(path, json={"a": a, "b": b})
    assert r.status_code in (200, 422), r.text
    if r.status_code == 422:
        assert r.json()["message"]
