"""HTML pages through trafilatura: metadata, and an explicit lack of an offset map."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from samestory.errors import InputError
from samestory.ingest import read_file, read_text

pytest.importorskip("trafilatura")

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def test_html_page():
    a = read_file(DATA / "page.html")
    assert a.title == "Lighthouse keeper retires after 40 years"
    assert a.url == "https://www.coastgazette.co.uk/news/lighthouse-keeper-retires"
    assert a.outlet == "Coast Gazette" and a.byline == "Ruth Bell" and a.language == "en"
    assert a.published == date(2022, 6, 1)
    assert a.credits == ("AFP",) and a.metadata["dateline"]["text"] == "ST. BRENNOCK (AFP)"
    assert a.text.startswith("The last keeper of the fictional St. Brennock lighthouse")
    assert "Home" not in a.text and "Copyright" not in a.text
    assert a.raw.startswith("<!DOCTYPE html>")


def test_html_has_no_offset_map():
    a = read_file(DATA / "page.html")
    assert a.offsets_exact is False and a.segments == ()
    assert all(r.start == r.end == -1 for r in a.removed) and {r.kind for r in a.removed} == {"title", "dateline"}
    assert a.metadata["dateline"]["start"] is None
    with pytest.raises(ValueError, match="no offset map"):
        a.raw_offset(0)
    assert a.to_dict()["offsets_exact"] is False


def test_html_sniffed_from_content():
    html = (DATA / "page.html").read_text(encoding="utf-8")
    assert read_text(html).title == "Lighthouse keeper retires after 40 years"


def test_html_without_text_is_empty():
    with pytest.raises(InputError) as exc:
        read_text("<!doctype html><html><head><title>x</title></head><body></body></html>", source="e.html")
    assert exc.value.reason == "empty" and exc.value.source == "e.html"
