"""Fuzzing the analysis: on hostile text every span indexes the text, and a long text costs
bounded time and memory (``AnalyzeConfig.max_chars``; the models see it in pieces)."""

from __future__ import annotations

import contextlib
import os
import random
import time

import pytest
from fuzz_inputs import INVISIBLE, body, check_analysis, scrape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samestory.analyze.pipeline import Analyzer
from samestory.analyze.recognizers import CHUNK_CHARS, chunks
from samestory.config import AnalyzeConfig
from samestory.errors import InputError
from samestory.ingest import read_text

EXAMPLES = int(os.environ.get("SAMESTORY_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# en: spaCy, ru: Natasha, the rest the capitalisation heuristic and the gazetteer
LANGUAGES = ["en", "ru", "fr", "de", "ar", "zh", "und"]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    an = Analyzer(AnalyzeConfig(max_chars=200_000))
    an.warm_up()
    return an


def _hostile_text(seed: int) -> str:
    rng = random.Random(seed)
    text = scrape(rng) if rng.random() < 0.5 else body(rng, 60)
    for _ in range(rng.randint(0, 20)):
        i = rng.randint(0, len(text))
        text = text[:i] + rng.choice(INVISIBLE) + text[i:]
    return text


@pytest.mark.slow
@settings(FUZZ, max_examples=max(1, EXAMPLES // 2))  # each example runs the models: half the count
@given(
    st.one_of(st.integers(0, 2**32).map(_hostile_text), st.text(min_size=1, max_size=500)),
    st.sampled_from(LANGUAGES),
)
def test_every_span_indexes_the_text(analyzer, text, language):
    """Straight text, and the same text cleaned by the plain-text reader, as ingest passes it on."""
    texts = [text]
    with contextlib.suppress(InputError):
        texts.append(read_text(text).text)
    analyzer.config = AnalyzeConfig(max_chars=200_000, language=language)
    for t in texts:
        check_analysis(t, analyzer.analyze(_article(t)))


def _article(text: str):
    from samestory.ingest.article import Article

    return Article(id="x", text=text)


@FUZZ
@given(st.text(max_size=3000), st.integers(1, 400))
def test_chunks_cover_the_text_in_pieces_of_bounded_size(text, size):
    pieces = chunks(text, size)
    assert "".join(p for _, p in pieces) == text
    for off, p in pieces:
        assert text[off : off + len(p)] == p and len(p) <= size


@pytest.mark.slow
def test_entities_past_the_first_piece_keep_their_offsets(analyzer):
    para = "Vladimir Putin met Emmanuel Macron in Paris on Friday, the Kremlin said.\n\n"
    text = para * (3 * CHUNK_CHARS // len(para))
    analyzer.config = AnalyzeConfig(language="en")
    an = analyzer.analyze(_article(text))
    check_analysis(text, an)
    assert max(e.start for e in an.entities) > 2 * CHUNK_CHARS  # found in the third piece too
    assert {e.text for e in an.entities if e.start > 2 * CHUNK_CHARS} >= {"Vladimir Putin", "Emmanuel Macron"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A b. " * 100_000, id="100k-tiny-sentences"),
        pytest.param("word " * 1_000_000, id="5mb-single-line"),
        pytest.param("\u200b\u202e" * 500_000, id="invisible-only"),
        pytest.param("Putin " * 200_000, id="one-name-repeated"),
    ],
)
def test_max_chars_bounds_the_time_of_a_pathological_article(analyzer, text):
    """Only the first ``max_chars`` characters are analysed, so the time per article is bounded."""
    analyzer.config = AnalyzeConfig(language="en", max_chars=30_000)
    t0 = time.perf_counter()
    an = analyzer.analyze(_article(text))
    seconds = time.perf_counter() - t0
    check_analysis(text, an)
    assert all(s.end <= 30_000 for s in an.sentences)
    assert seconds < 30  # about 3 s alone; generous for a shared machine
