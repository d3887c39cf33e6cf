"""Fuzzing every reader: hostile files give articles whose offsets index their text, or clean
``InputError``/``Rejected`` records; pathological but valid inputs read in bounded time.

``SAMESTORY_FUZZ_EXAMPLES`` sets the hypothesis example count (default 200);
``benchmarks/fuzz_readers.py`` runs many thousands and reports time and memory per input.
"""

from __future__ import annotations

import os
import random
import time

import pytest
from fuzz_inputs import check_article, check_item, make_input
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samestory.config import IngestConfig
from samestory.errors import InputError
from samestory.ingest import iter_articles, read_bytes, read_text

EXAMPLES = int(os.environ.get("SAMESTORY_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(st.integers(0, 2**32))
def test_hostile_files_give_articles_or_clean_rejections(workdir, seed):
    """Every reader through iter_articles, as ingest uses them: no exception escapes."""
    name, data = make_input(random.Random(seed))
    path = workdir / name
    path.write_bytes(data)
    items = list(iter_articles([path], IngestConfig(max_bytes=20_000)))
    assert items
    for item in items:
        check_item(item)


@FUZZ
@given(st.integers(0, 2**32))
def test_hostile_bytes_read_as_one_article_or_input_error(seed):
    """read_bytes, as the service reads an upload: only InputError, with a one-line message."""
    name, data = make_input(random.Random(seed))
    try:
        a = read_bytes(data, source=name, config=IngestConfig(max_bytes=20_000))
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    check_article(a)


def _timed_read(text: str, **config) -> tuple[float, object]:
    t0 = time.perf_counter()
    try:
        got: object = read_text(text, config=IngestConfig(**config))
    except InputError as exc:
        got = exc
    return time.perf_counter() - t0, got


# generous bounds: each case reads in well under a second alone, but the machine is shared
BOUND_S = 10.0


def test_a_5mb_single_line_reads_in_bounded_time():
    text = ("word " * 1_000_000)[: 5_000_000 - 10]
    seconds, a = _timed_read(text)
    assert seconds < BOUND_S
    check_article(a)
    assert len(a.text) == len(text.strip())


def test_one_byte_over_the_limit_is_refused_before_parsing():
    seconds, exc = _timed_read("w" * 5_000_001)
    assert isinstance(exc, InputError) and exc.reason == "too-large" and seconds < 1.0


def test_100k_tiny_sentences_read_in_bounded_time():
    seconds, a = _timed_read("A b. " * 100_000)
    assert seconds < BOUND_S
    check_article(a)


@pytest.mark.parametrize("closed", [True, False])
def test_html_nested_10k_deep_reads_or_is_refused_cleanly(closed):
    inner = "<p>The council approved the new bridge on Monday after a long debate about its cost.</p>"
    page = "<!doctype html><html><body>" + "<div>" * 10_000 + inner + ("</div>" * 10_000 if closed else "")
    seconds, got = _timed_read(page + "</body></html>")
    assert seconds < BOUND_S
    if isinstance(got, InputError):
        assert got.reason in ("empty", "malformed")
    else:
        check_article(got)


def test_zero_width_and_rtl_characters_keep_exact_offsets():
    text = "Council approves bridge\n\n" + (
        "The \u200bcouncil\u200d \u202eapproved\u202c the \u2067bridge\u2069\ufeff on \u200fMonday. " * 300
    )
    seconds, a = _timed_read(text)
    assert seconds < BOUND_S
    check_article(a)
    assert "\u202e" in a.text  # kept as written: offsets index the text exactly as given


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("jsonl", '{"id": "a", "text": "hello wor'),
        ("jsonl", '{"id": "a", "text": "hello world"}\n{"id": "b", "te'),
        ("jsonl", "[" * 100_000),
        ("jsonl", '{"text": ' * 50_000),
        ("csv", 'id,text\n1,"hello world\n2,"abc'),
        ("csv", "text\n" + '"' * 10_001),
        ("html", "<!doctype html><html><body><p>The council approv"),
        ("html", "<!doctype html><html><body><p" + " a=" * 100_000),
    ],
)
def test_truncated_and_malformed_records_are_clean_errors(workdir, fmt, text):
    path = workdir / f"bad.{fmt}"
    path.write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    items = list(iter_articles([path]))
    assert time.perf_counter() - t0 < BOUND_S
    assert items
    for item in items:
        check_item(item)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", "Переговоры в Москве продолжились в пятницу, сообщил министр."),
        ("latin-1", "Les négociations ont duré six heures à Genève, a déclaré le ministre français."),
        ("shift_jis", "東京で会談が行われ、外務大臣が声明を発表した。交渉は六時間続いた。"),
    ],
)
def test_legacy_encodings_are_detected_and_named(encoding, text):
    a = read_bytes(text.encode(encoding), source="a.txt")
    assert a.text == text
    assert a.encoding not in (None, "utf-8")


def test_mixed_utf8_and_cp1251_reads_or_is_a_clean_error():
    data = "Переговоры в Москве. ".encode() + "Переговоры в Москве продолжились.".encode("cp1251")
    try:
        a = read_bytes(data, source="a.txt")
    except InputError as exc:
        assert exc.reason == "undecodable"
        return
    check_article(a)
