"""Properties of find_dates and find_numbers on arbitrary and on date/number-rich generated text:
offsets index the text, mentions are sorted and disjoint, ranges are ordered, nothing raises."""

from __future__ import annotations

import itertools
import math
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from samestory.analyze.dates import DateFinder, find_dates
from samestory.analyze.numbers import NumberFinder, find_numbers

LANGS = ["en", "de", "fr", "es", "it", "pt", "ru", "pl", "tr", "nl", "ar", "zh", "ja", "sv", "uk", "xx"]
GRANULARITIES = {"time", "day", "week", "month", "year", "decade"}
KINDS = {"count", "percent", "money", "quantity", "ordinal"}
TOKENS = [
    "on",
    "Friday",
    "friday",
    "late",
    "last",
    "next",
    "this",
    "coming",
    "Oct",
    "Oct.",
    "9",
    "09",
    "31",
    "October",
    "2020",
    "1994",
    "1990s",
    "'90s",
    "early",
    "mid-",
    "week",
    "month",
    "year",
    "ago",
    "two",
    "days",
    "some",
    "400",
    "140,000",
    "140 000",
    "1.500",
    "1,5",
    "$",
    "€",
    "US$",
    "2.5",
    "billion",
    "bn",
    "m",
    "percent",
    "%",
    "of",
    "the",
    "its",
    "residents",
    "lives",
    "12:00",
    "GMT",
    "1200",
    "pm",
    "a.m.",
    "at",
    "noon",
    "overnight",
    "-",
    "–",
    "/",
    ".",
    ",",
    "'",
    "Freitag",
    "9.",
    "Oktober",
    "gestern",
    "vendredi",
    "octobre",
    "hier",
    "el",
    "viernes",
    "de",
    "пятницу",
    "в",
    "октября",
    "вчера",
    "около",
    "млн",
    "年",
    "月",
    "日",
    "2020年",
    "10月",
    "上周五",
    "昨天",
    "约",
    "万",
    "yüzde",
    "%90",
    "Cuma",
    "günü",
    "dozens",
    "Dozens",
    "half",
    "hundreds",
    "thousand",
    "twenty-five",
    "COVID-19",
    "G20",
    "+7",
    "No.",
    "Article",
    "ا",
    "الجمعة",
    "أمس",
    "١٤٠٬٠٠٠",
    "\u00a0",
    "2019-2020",
    "2020-10-09",
    "9/10/2020",
    "13/10/2020",
    "09.10.2020",
    "3rd",
    "1er",
    "25-year-old",
    "tonight",
    "tomorrow",
    "since",
    "in",
    "decades",
]
SEPARATORS = [" ", " ", " ", "", "\n", ", ", "-", "\u202f"]
token_text = st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(t + sep for t, sep in parts)
)
texts = st.one_of(st.text(max_size=300), token_text)
references = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
)


def spans_ok(text: str, found) -> None:
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(LANGS), references)
def test_dates_index_the_text_and_are_ordered(text, lang, ref):
    found = find_dates(text, language=lang, reference=ref)
    spans_ok(text, found)
    for m in found:
        assert m.first <= m.last
        assert m.granularity in GRANULARITIES
        assert m.part in (None, "early", "mid", "late")
        assert (m.time is not None) == (m.granularity == "time")
        if ref is None:
            assert not m.relative  # nothing relative survives without a reference


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(LANGS), st.data())
def test_numbers_index_the_text_and_avoid_exclude(text, lang, data):
    n = len(text)
    exclude = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted).map(tuple), max_size=4))
    found = find_numbers(text, language=lang, exclude=exclude)
    spans_ok(text, found)
    for m in found:
        assert m.kind in KINDS
        assert math.isfinite(m.value)
        assert m.key.startswith(m.kind + ":")
        assert not any(m.start < e and s < m.end for s, e in exclude if e > s)


@settings(max_examples=150, deadline=None)
@given(texts, st.sampled_from(LANGS), references)
def test_numbers_never_overlap_the_dates_passed_as_exclude(text, lang, ref):
    dates = find_dates(text, language=lang, reference=ref)
    numbers = find_numbers(text, language=lang, exclude=[(d.start, d.end) for d in dates])
    assert not any(n.start < d.end and d.start < n.end for n in numbers for d in dates)


DATE_FINDER, NUMBER_FINDER = DateFinder(), NumberFinder()


@settings(max_examples=100, deadline=None)
@given(token_text, st.sampled_from(LANGS), references)
def test_reused_finders_agree_with_fresh_ones(text, lang, ref):
    assert find_dates(text, language=lang, reference=ref, finder=DATE_FINDER) == find_dates(
        text, language=lang, reference=ref
    )
    assert find_numbers(text, language=lang, finder=NUMBER_FINDER) == find_numbers(text, language=lang)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 999_999_999), st.sampled_from(["en", "de", "fr", "ru"]))
def test_grouped_digits_read_back_their_value(value, lang):
    sep = {"en": ",", "de": ".", "fr": "\u202f", "ru": " "}[lang]
    written = f"{value:,}".replace(",", sep)
    found = find_numbers(f"x {written} y", language=lang)
    assert [m.value for m in found] == [value]
