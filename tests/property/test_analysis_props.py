"""Properties of the analysis on arbitrary text: offsets always index the text, spans are
ordered and disjoint, and nothing but clean results comes out."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samestory.analyze.credits import find_credits
from samestory.analyze.entities import EntityExtractor
from samestory.analyze.quotes import find_quotes
from samestory.analyze.sentences import split_sentences

# text that looks like news: words, names, quotes, stops, newlines, other scripts, odd characters
pieces = st.sampled_from(
    [
        "Mr.",
        "Dr.",
        "U.S.",
        "Oct. 9",
        "said",
        "the",
        "talks",
        "Putin",
        "Vladimir Putin",
        "Moscow",
        "Geneva",
        "Armenian",
        "AFP",
        "(AFP)",
        "-AFP",
        '"',
        "“",
        "”",
        "«",
        "»",
        ".",
        "!",
        "?",
        "…",
        ",",
        "\n",
        "\n\n",
        " ",
        "  ",
        "Москве",
        "Путин",
        "北京。",
        "موسكو",
        "\u200b",
        "\u202e",
        "'s",
        "-",
        "1,200",
        "3.5",
        "President",
        "Ilham Aliyev",
        "he said",
        "according to",
        "Minsk Group",
        "J.",
        "K.",
    ]
)
newsish = st.lists(pieces, max_size=60).map(" ".join)
anything = st.text(max_size=400)
texts = st.one_of(newsish, anything)


@given(texts)
def test_sentences_index_the_text_in_order(text):
    sents = split_sentences(text)
    last_end = 0
    last_para = -1
    for s in sents:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= last_end
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        assert s.paragraph in (last_para, last_para + 1)
        last_end, last_para = s.end, s.paragraph
    # every non-space character is in some sentence
    covered = set()
    for s in sents:
        covered.update(range(s.start, s.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@given(texts)
def test_credits_index_the_text(text):
    for c in find_credits(text):
        assert text[c.start : c.end] == c.text
        assert c.where in ("credit", "mention")


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    x = EntityExtractor(ner="gazetteer")
    x.extract("warm up", "en")
    return x


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
@given(texts, st.sampled_from(["en", "de", "fr", "ru", "ar", "zh", "und"]))
def test_entities_places_and_quotes_index_the_text(extractor, text, language):
    ents, places = extractor.extract(text, language)
    spans = sorted([(e.start, e.end) for e in ents] + [(p.start, p.end) for p in places])
    for e in ents:
        assert text[e.start : e.end] == e.text and e.key and e.label in ("PERSON", "ORG", "NORP", "EVENT", "MISC")
    for p in places:
        assert text[p.start : p.end] == p.text and p.key
    for (_, b), (c, _) in pairwise(spans):
        assert b <= c, "entity and place spans never overlap"
    for q in find_quotes(text, sentences=split_sentences(text, language), entities=ents):
        assert text[q.start : q.end] == q.text
