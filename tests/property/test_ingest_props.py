"""Properties of the readers: exact offset maps, nothing dropped silently, only InputError on bad input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samestory.config import IngestConfig
from samestory.errors import InputError
from samestory.ingest import read_bytes, read_text
from samestory.ingest.article import Article
from samestory.ingest.plaintext import parse_plaintext

# lines of every kind the cleaner recognises, mixed with ordinary body sentences
LINES = [
    "Council approves new bridge",
    "Drivers told to avoid the route",
    "By Jane Doe, Reuters",
    "By AP Staff",
    "October 09, 2020",
    " date 2020-10-10 Video",
    "Published : Saturday, 10 October, 2020 at 12:00 AM \u00a0Count : 25",
    "Updated: 4 Nov 2021 09:30 GMT",
    "Video",
    "Advertisement",
    "Read more: Another story about the bridge",
    "Photo: The bridge at night. Jane Roe",
    "The bridge seen from the river. **Town Herald**",
    "Workers on the site on Monday. (Photo: Karl Weber)",
    "Mediation efforts",
    "## Background",
    "Embed:",
    "The river is high tonight <u>#flood</u> pic.twitter.com/AbC",
    "— Town Watch (@townwatch) October 8, 2020",
    "LONDON (Reuters) - The council approved the bridge on Monday after a long debate.",
    "WASHINGTON (AP) — Lawmakers met late into the night.",
    "Baku, Oct 9: Talks were due to begin on Friday.",
    "МОСКВА, 9 окт — РИА Новости. Переговоры продолжились.",
    "PARIS, 9 oct (AFP) - Les discussions ont duré six heures.",
    "The vote was 84-10.",
    "He declined to comment.",
    '"We are glad to be back," the captain said.',
    "The council approved the new bridge on Monday after a long debate about its cost and its route.",
    "Work will begin in the spring, officials said, and should take three years.   -AFP",
    "-AFP",
    "(Reuters)",
    "Source: AFP",
    "AFP/BSS",
    "(Reporting by Jane Doe; Editing by Alex Smith)",
    "Original url:",
    "https://www.themoscowtimes.com/2020/10/09/a-story-a71700",
    "* * *",
    "a line that is only lower case and has no end",
    "   indented line with trailing spaces   ",
]
SEPARATORS = ["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n", "\n\n\n", "\r"]

scrapes = st.lists(st.tuples(st.sampled_from(LINES), st.sampled_from(SEPARATORS)), min_size=1, max_size=25).map(
    lambda parts: "".join(line + sep for line, sep in parts)
)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_article(a: Article) -> None:
    """Every invariant an exact article must hold."""
    raw = a.raw
    assert raw is not None and a.text
    n = len(raw)
    assert a.text == "\n\n".join(raw[s.raw_start : s.raw_start + s.length] for s in a.segments)
    prev_end = -1
    for s in a.segments:
        assert s.raw_start >= 0 and s.raw_start + s.length <= n and s.length > 0
        assert s.text_start >= 0 and s.text_start + s.length <= len(a.text)
        assert a.text[s.text_start : s.text_start + s.length] == raw[s.raw_start : s.raw_start + s.length]
        assert s.raw_start >= prev_end  # segments follow the raw text in order, without overlap
        prev_end = s.raw_start + s.length
    covered = bytearray(n)
    for s in a.segments:
        covered[s.raw_start : s.raw_start + s.length] = b"\x01" * s.length
    for r in a.removed:
        assert 0 <= r.start < r.end <= n and raw[r.start : r.end] == r.text
        assert not any(covered[r.start : r.end]), f"removed {r.kind} overlaps kept text"
        covered[r.start : r.end] = b"\x02" * (r.end - r.start)
    # kept + removed + whitespace cover the raw text: nothing is dropped silently
    assert all(c or ch.isspace() for c, ch in zip(covered, raw, strict=True))
    for i in range(0, len(a.text) + 1, max(1, len(a.text) // 7)):
        assert 0 <= a.raw_offset(i) <= n


@FAST
@given(scrapes)
def test_scrapes_keep_exact_offsets_and_cover_raw(raw):
    try:
        a = parse_plaintext(raw)
    except InputError as exc:
        assert exc.reason == "empty"  # every line recognised as metadata
        return
    check_article(a)
    assert a.id and len(a.id) == 16


def test_the_scrape_strategy_exercises_the_cleaner():
    raw = "\n\n".join(LINES)
    a = parse_plaintext(raw)
    check_article(a)
    assert {r.kind for r in a.removed} >= {"title", "byline", "published", "caption", "embed", "url", "subheading"}


@FAST
@given(st.text(min_size=0, max_size=400))
def test_any_text_is_an_article_or_an_input_error(raw):
    try:
        a = read_text(raw, config=IngestConfig(format="text"))
    except InputError as exc:
        assert exc.reason in ("empty", "binary", "too-large")
        assert "\n" not in str(exc)
        return
    check_article(a)


@FAST
@given(st.binary(max_size=600), st.sampled_from(["x.txt", "x", "x.jsonl", "x.csv", "x.json"]))
def test_random_bytes_raise_only_input_error(data, name):
    try:
        a = read_bytes(data, source=name, config=IngestConfig(max_bytes=500))
    except InputError as exc:
        assert exc.reason in (
            "empty",
            "binary",
            "too-large",
            "undecodable",
            "unknown-format",
            "malformed",
            "missing-field",
        )
        assert "\n" not in str(exc)
        return
    assert a.text.strip()
    if a.offsets_exact:
        for s in a.segments:
            assert a.text[s.text_start : s.text_start + s.length] == a.raw[s.raw_start : s.raw_start + s.length]


@FAST
@given(st.binary(max_size=300))
def test_random_bytes_as_html_raise_only_input_error(data):
    try:
        a = read_bytes(b"<!doctype html><html><body><p>" + data + b"</p></body></html>", source="x.html")
    except InputError as exc:
        assert exc.reason in ("empty", "binary", "undecodable", "malformed")
        return
    assert a.text.strip() and a.offsets_exact is False and a.segments == ()
