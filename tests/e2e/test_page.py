"""The web page in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; never a
downloaded browser) against the service with the real models, on the bundled example pair and,
where ../shared is present, the real AFP pair. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="pip install 'samestory[service]'")
httpx = pytest.importorskip("httpx")
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install 'samestory[browser]'")

from samestory.config import build_settings  # noqa: E402

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
WIRE, SHORT = EXAMPLES / "wire.txt", EXAMPLES / "reprint_short.txt"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("SAMESTORY_CHROMIUM", "/usr/bin/chromium"))
EVIL = (
    'Officials said <b>bold</b> things <img src=x onerror="window.__pwned=1"> and '
    "<script>window.__pwned=2</script> left."
)


@pytest.fixture(scope="module")
def site(serve, tmp_path_factory):
    """(base URL, ids by name) of a server with the real models over a SQLite store holding the
    bundled examples and an article full of HTML, stored through POST /articles (which puts them
    in stories: the three Danube reports in one)."""
    url = str(tmp_path_factory.mktemp("page") / "store.db")
    names = ["wire", "reprint_short", "reprint_edited", "unrelated"]
    articles = [{"raw": (EXAMPLES / f"{n}.txt").read_text(encoding="utf-8"), "name": f"{n}.txt"} for n in names]
    articles.append({"text": EVIL, "title": "Tags <i>inside</i>", "id": "evil"})
    with serve(build_settings(overrides={"store": {"url": url}})) as base:
        r = httpx.post(base + "/articles", json=articles, timeout=120)
        assert r.status_code == 201, r.text
        yield base, dict(zip([*names, "evil"], [x["id"] for x in r.json()["results"]]))


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no {CHROMIUM}: apt-get install chromium")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    ctx = browser.new_context(viewport={"width": 1280, "height": 680})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.goto(site[0] + "/")
    yield pg
    ctx.close()
    assert errors == []


def _compare(page) -> None:
    page.click("#compare-btn")
    page.wait_for_selector("#view-a mark.passage", timeout=120_000)
    assert page.locator("#error").is_hidden()


def _in_view(page, selector: str) -> bool:
    """Whether the element is inside the window and inside the scrolled text box holding it."""
    return page.evaluate(
        """(sel) => {
            const el = document.querySelector(sel);
            const box = el.closest('.text').getBoundingClientRect(), r = el.getBoundingClientRect();
            return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.top >= 0 && r.bottom <= window.innerHeight;
        }""",
        selector,
    )


@pytest.fixture(scope="module")
def cli_compare() -> dict:
    """``samestory compare --json`` of the bundled pair (a separate process loading every model)."""
    cmd = [sys.executable, "-m", "samestory.cli", "compare", str(WIRE), str(SHORT), "--json"]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout)


def test_side_by_side_highlights_link_each_passage_to_its_twin(page, site, cli_compare):
    page.set_input_files("#file-a", str(WIRE))
    page.set_input_files("#file-b", str(SHORT))
    _compare(page)
    expected = httpx.post(
        site[0] + "/align", json={"a": {"raw": WIRE.read_text()}, "b": {"raw": SHORT.read_text()}}, timeout=60
    ).json()["passages"]
    for side in "ab":
        numbers = page.eval_on_selector_all(
            f"#view-{side} mark.passage", "ms => [...new Set(ms.map(m => m.dataset.p))]"
        )
        assert sorted(map(int, numbers)) == list(range(len(expected))) and len(expected) >= 3
        # the highlighted text is the passage's text
        first = page.eval_on_selector_all(
            f'#view-{side} mark.passage[data-p="0"]', "ms => ms.map(m => m.textContent).join('')"
        )
        assert first == expected[0][f"{side}_text"]
    # edits are marked, with the other side's version in the title
    titles = page.eval_on_selector_all("#view-b .edit", "es => es.map(e => e.title)")
    assert any("A has “agreed”" in t for t in titles), titles
    assert page.locator(".dim").count() == 7
    assert page.locator(".dim.overall .score").text_content() == f"{cli_compare['dimensions']['Overall']:.2f}"
    assert "Katharina Stelzer" in page.locator('#evidence ul[data-kind="people"][data-part="shared"]').text_content()
    assert "Likely source" in page.locator("#provenance").text_content()

    # B's box scrolled to its end, so its first passage is out of sight; a click on that passage in A
    # must bring it into view
    page.evaluate("document.getElementById('view-b').scrollTop = 1e6")
    assert page.evaluate(
        "(() => { const v = document.getElementById('view-b'); return v.scrollHeight > v.clientHeight; })()"
    )
    twin = '#view-b mark.passage[data-p="0"]'
    assert not _in_view(page, twin)
    page.locator('#view-a mark.passage[data-p="0"]').first.click()
    deadline = time.monotonic() + 5
    while not _in_view(page, twin) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _in_view(page, twin)
    assert "flash" in page.locator(twin).first.get_attribute("class")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page_compare.png"), full_page=True)

    # and back: a click on a passage number in B scrolls A
    page.evaluate("document.getElementById('view-a').scrollTop = 1e6")
    page.locator('#view-b .badge[data-p="0"]').click()
    deadline = time.monotonic() + 5
    while not _in_view(page, '#view-a mark.passage[data-p="0"]') and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _in_view(page, '#view-a mark.passage[data-p="0"]')


def test_article_text_is_rendered_as_text_never_as_html(page, site):
    page.wait_for_selector(f'#pick-a option[value="{site[1]["evil"]}"]', state="attached")
    page.select_option("#pick-a", str(site[1]["evil"]))
    page.set_input_files("#file-b", str(WIRE))
    page.click("#compare-btn")
    page.wait_for_selector("#view-a .only, #view-a mark", timeout=120_000)
    view = page.locator("#view-a")
    assert view.text_content() == EVIL
    assert view.locator("b, img, script, i").count() == 0
    assert page.locator("#side-a .side-title").text_content() == "A: Tags <i>inside</i>"
    assert page.evaluate("window.__pwned === undefined")


def test_story_browser_shows_timelines_outlets_and_articles(page, site):
    page.click("#tab-stories-btn")
    page.wait_for_selector(".story-card svg.timeline rect")
    assert page.locator(".story-card").count() >= 2
    page.select_option("#story-sort", "size")
    sync_api.expect(page.locator(".story-card .muted").first).to_contain_text("3 articles")
    card = page.locator(".story-card").first
    assert card.locator("svg.timeline rect").count() == 2  # two days: 14 and 15 March
    assert "vienna-ledger.example" in card.text_content()
    card.click()
    page.wait_for_selector("#story-detail table.articles tbody tr")
    assert page.locator("#story-detail tbody tr").count() == 3
    assert "en 3" in page.locator("#story-detail").text_content()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page_stories.png"), full_page=True)
    # pick two of its articles for comparison from the table
    rows = page.locator("#story-detail tbody tr")
    rows.nth(0).locator("button", has_text="A").click()
    rows.nth(1).locator("button", has_text="B").click()
    page.wait_for_selector("#tab-compare:not([hidden])")
    assert page.locator("#chosen-a").text_content().startswith("Stored article #")
    _compare(page)
    assert page.locator("#verdict").text_content().startswith("Same story")


@pytest.mark.shared
def test_the_real_afp_pair_pasted(page, shared_pair):
    a, b = shared_pair
    page.fill("#paste-a", a.read_text(encoding="utf-8"))
    page.fill("#paste-b", b.read_text(encoding="utf-8"))
    _compare(page)
    assert page.locator("#view-a mark.passage").count() > 0 and page.locator("#view-b mark.passage").count() > 0
    assert page.locator("#verdict").text_content().startswith("Same story")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page_shared_pair.png"), full_page=True)


def test_compare_with_the_real_models_answers_the_cli_json(site, cli_compare):
    body = {"a": {"raw": WIRE.read_text(), "name": str(WIRE)}, "b": {"raw": SHORT.read_text(), "name": str(SHORT)}}
    served = httpx.post(site[0] + "/compare", json=body, timeout=120).json()
    assert served == cli_compare
