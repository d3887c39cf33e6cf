"""The real example pair in ../shared/examples (skipped where absent)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from samestory.ingest import read_file
from samestory.ingest.article import content_id

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def pair(shared_pair):
    return read_file(shared_pair[0]), read_file(shared_pair[1])


def _check_offsets(a):
    for s in a.segments:
        assert a.text[s.text_start : s.text_start + s.length] == a.raw[s.raw_start : s.raw_start + s.length]
    for r in a.removed:
        assert a.raw[r.start : r.end] == r.text


def test_moscow_times(pair):
    mt, _ = pair
    assert mt.title == "Moscow Hosts Armenia-Azerbaijan Talks as Fighting Continues"
    assert mt.byline in ("By Hervé Bar for AFP", "Hervé Bar for AFP")
    assert mt.credits == ("AFP",)
    assert mt.url == (
        "https://www.themoscowtimes.com/2020/10/09/moscow-hosts-armenia-azerbaijan-talks-as-hopes-rise-for-truce-a71700"
    )
    assert mt.outlet == "The Moscow Times"
    assert mt.published == date(2020, 10, 9) and not isinstance(mt.published, datetime)
    assert mt.text.startswith("Armenia and Azerbaijan held their first high-level talks")
    assert mt.text.endswith("joined the conflict from abroad.")
    assert "Kremlin.ru" not in mt.text and "Putin's invitation came as" not in mt.text
    assert mt.metadata["captions"][0]["credit"] == "Kremlin.ru"
    assert mt.metadata["subheadings"] == ["Mediation efforts", "Mounting civilian toll"]
    for p in mt.text.split("\n\n"):
        assert p not in ("Mediation efforts", "Mounting civilian toll")
    (embed,) = mt.metadata["embeds"]
    assert embed["author"] == "Paul Ronzheimer" and embed["handle"] == "@ronzheimer" and embed["date"] == "2020-10-08"
    span = mt.raw[embed["start"] : embed["end"]]
    assert span.startswith("Embed:") and span.endswith("— Paul Ronzheimer (@ronzheimer) October 8, 2020")
    assert "Embed" not in mt.text and "ronzheimer" not in mt.text and "Original url" not in mt.text
    assert mt.id == content_id(mt.title, mt.text)
    _check_offsets(mt)


def test_reprint(pair):
    _, bd = pair
    assert bd.title == "Hopes rise for Karabakh truce"
    assert bd.subtitle == "Moscow hosts Armenia-Azerbaijan talks"
    assert bd.published_date == date(2020, 10, 10)
    assert bd.published == datetime(2020, 10, 10, 0, 0)
    assert bd.credits == ("AFP",)
    dl = bd.metadata["dateline"]
    assert dl["text"] == "Baku, Oct 9" and dl["place"] == "Baku"
    assert bd.raw[dl["start"] : dl["end"]] == "Baku, Oct 9"
    assert bd.metadata["views"] == 25 and bd.metadata["label"] == "Video"
    assert bd.text.startswith("Armenia and Azerbaijan were due to hold")
    assert bd.text.endswith("outbreaks of fighting.") and "AFP" not in bd.text[-20:]
    assert bd.id == content_id(bd.title, bd.text)
    _check_offsets(bd)


def test_nothing_dropped_silently(pair):
    for a in pair:
        covered = [False] * len(a.raw)
        for s in a.segments:
            covered[s.raw_start : s.raw_start + s.length] = [True] * s.length
        for r in a.removed:
            covered[r.start : r.end] = [True] * (r.end - r.start)
        assert all(c or ch.isspace() for c, ch in zip(covered, a.raw, strict=True))
