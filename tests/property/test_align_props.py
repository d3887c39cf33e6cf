"""Properties of align_texts on generated texts: bounds, one-to-one passages, edits inside their
passage, identity, symmetry."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from samestory.align import Alignment, align_texts
from samestory.align.tokens import tokenize
from samestory.config import AlignConfig

# A small vocabulary, so that generated texts repeat words and n-grams a lot (the hard case
# for one-to-one alignment), with case and spelling variants, accents, Cyrillic, Han, figures.
WORDS = [
    "the",
    "The",
    "THE",
    "talks",
    "in",
    "Moscow",
    "ended",
    "late",
    "on",
    "Friday",
    "after",
    "six",
    "seven",
    "hours",
    "of",
    "fighting",
    "over",
    "Karabakh",
    "ceasefire",
    "defence",
    "defense",
    "Hervé",
    "Herve",
    "Путин",
    "заявил",
    "北",
    "京",
    "400",
    "1,200",
    "don't",
    "don’t",
    "high",
    "level",
]
SEPS = [" ", " ", " ", " ", ", ", ". ", "\n", "\r\n", " - ", "-", "; ", "\n\n", '" ', "… ", "."]
KINDS = {"spelling", "number", "punctuation", "case", "wording"}
CONFIGS = [
    AlignConfig(),
    AlignConfig(seed_words=2, max_gap_words=4, min_passage_words=3),
    AlignConfig(seed_words=1, max_gap_words=0, min_passage_words=1),
]

word_lists = st.lists(st.sampled_from(WORDS), max_size=80)


@st.composite
def render(draw, words: list[str]) -> str:
    seps = draw(st.lists(st.sampled_from(SEPS), min_size=len(words), max_size=len(words)))
    lead = draw(st.sampled_from(["", " ", '"', "\n"]))
    return lead + "".join(w + s for w, s in zip(words, seps, strict=True))


@st.composite
def related_pair(draw) -> tuple[str, str]:
    """Two texts, the second made from the first by cuts, insertions, replacements and moves."""
    a = draw(st.lists(st.sampled_from(WORDS), min_size=draw(st.sampled_from([0, 20, 40])), max_size=80))
    b = list(a)
    ops = st.tuples(st.sampled_from(["cut", "insert", "replace", "move"]), st.integers(0, 80), st.integers(1, 10))
    for op, at, n in draw(st.lists(ops, max_size=6)):
        at = min(at, len(b))
        chunk = b[at : at + n]
        if op == "cut":
            del b[at : at + n]
        elif op == "insert":
            b[at:at] = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
        elif op == "replace":
            b[at : at + n] = draw(st.lists(st.sampled_from(WORDS), min_size=len(chunk), max_size=len(chunk)))
        else:
            del b[at : at + n]
            to = draw(st.integers(0, len(b)))
            b[to:to] = chunk
    return draw(render(a)), draw(render(b))


def word_keys(text: str) -> list[str]:
    return tokenize(text).keys


def check_invariants(a: str, b: str, al: Alignment, cfg: AlignConfig) -> None:
    assert 0.0 <= al.a_coverage <= 1.0 and 0.0 <= al.b_coverage <= 1.0
    assert [p.b_start for p in al.passages] == sorted(p.b_start for p in al.passages)
    for side, text in (("a", a), ("b", b)):
        spans = sorted((getattr(p, f"{side}_start"), getattr(p, f"{side}_end")) for p in al.passages)
        for s, e in spans:
            assert 0 <= s < e <= len(text)
            assert text[s].isalnum()  # a passage starts on the first character of a word
        assert all(e1 <= s2 for (_, e1), (s2, _) in pairwise(spans)), "passages overlap"
    for p in al.passages:
        ka, kb = word_keys(a[p.a_start : p.a_end]), word_keys(b[p.b_start : p.b_end])
        assert ka[0] == kb[0] and ka[-1] == kb[-1]  # it starts and ends with shared words
        assert 0.0 < p.similarity <= 1.0
        matched = p.similarity * (len(ka) + len(kb)) / 2
        assert matched >= cfg.min_passage_words - 1e-9
        if not p.edits:
            assert ka == kb and p.similarity == 1.0
        for e in p.edits:
            assert p.a_start <= e.a_start <= e.a_end <= p.a_end
            assert p.b_start <= e.b_start <= e.b_end <= p.b_end
            assert a[e.a_start : e.a_end] == e.a_text and b[e.b_start : e.b_end] == e.b_text
            assert e.kind in KINDS
            assert e.op in ("replace", "insert", "delete")
            assert (e.op == "insert") == (e.a_start == e.a_end)
            assert (e.op == "delete") == (e.b_start == e.b_end)
        assert [(e.b_start, e.a_start) for e in p.edits] == sorted((e.b_start, e.a_start) for e in p.edits)
    for text, spans in ((a, al.only_a), (b, al.only_b)):
        for s in spans:
            assert 0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.text
            assert 0.0 <= s.coverage < cfg.sentence_shared


@settings(deadline=None, max_examples=150)
@given(related_pair(), st.sampled_from(CONFIGS))
def test_invariants(pair, cfg):
    a, b = pair
    check_invariants(a, b, align_texts(a, b, config=cfg), cfg)


@settings(deadline=None)
@given(word_lists.flatmap(render), word_lists.flatmap(render))
def test_invariants_unrelated(a, b):
    check_invariants(a, b, align_texts(a, b), AlignConfig())


@settings(deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=6, max_size=80).flatmap(render))
def test_a_text_covers_itself(a):
    t = tokenize(a)
    # six words may make fewer tokens ("400" "." "400" is one figure, 400.400): a text shorter
    # than a passage has none, rightly
    assume(len(t.starts) >= AlignConfig().min_passage_words)
    al = align_texts(a, a)
    (p,) = al.passages
    assert (p.a_start, p.b_start) == (t.starts[0], t.starts[0])
    assert p.a_end == p.b_end >= t.ends[-1]
    assert p.similarity == 1.0 and p.edits == ()
    assert al.a_coverage == al.b_coverage == 1.0


@settings(deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).flatmap(render))
def test_short_text_covers_itself_with_small_thresholds(a):
    al = align_texts(a, a, config=AlignConfig(seed_words=1, min_passage_words=1))
    assert len(al.passages) == 1 and al.a_coverage == 1.0


@settings(deadline=None, max_examples=150)
@given(related_pair(), st.sampled_from(CONFIGS))
def test_swapping_texts_swaps_the_sides(pair, cfg):
    a, b = pair
    ab, ba = align_texts(a, b, config=cfg), align_texts(b, a, config=cfg)
    assert (ab.a_coverage, ab.b_coverage) == (ba.b_coverage, ba.a_coverage)
    flip = {"insert": "delete", "delete": "insert", "replace": "replace"}
    assert sorted(
        (
            p.b_start,
            p.b_end,
            p.a_start,
            p.a_end,
            p.similarity,
            sorted((e.b_start, e.b_end, e.a_start, e.a_end, flip[e.op], e.kind) for e in p.edits),
        )
        for p in ab.passages
    ) == sorted(
        (
            p.a_start,
            p.a_end,
            p.b_start,
            p.b_end,
            p.similarity,
            sorted((e.a_start, e.a_end, e.b_start, e.b_end, e.op, e.kind) for e in p.edits),
        )
        for p in ba.passages
    )
    assert ab.only_a == ba.only_b and ab.only_b == ba.only_a
