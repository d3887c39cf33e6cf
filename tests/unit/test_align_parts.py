"""The parts of the align stage: tokens, seeds and tiles, edit kinds, the sentence splitter."""

from __future__ import annotations

import pytest

from samestory.align.edits import classify, spelling_variant
from samestory.align.passages import MAX_SEED_PAIRS, chain, find_passages, seed_runs, select, tile
from samestory.align.sentences import coverage, split_sentences
from samestory.align.tokens import end_with_terminator, ends_sentence, tokenize, word_key


def words(text: str) -> list[str]:
    t = tokenize(text)
    return [text[s:e] for s, e in zip(t.starts, t.ends, strict=True)]


# ---- tokens -----------------------------------------------------------------------------------


def test_words_and_offsets():
    text = "Azerbaijan's high-level talks, on 9 Oct., cost $1,200.50 (about 3.5%)—don’t ask."
    assert words(text) == [
        "Azerbaijan's",
        "high",
        "level",
        "talks",
        "on",
        "9",
        "Oct",
        "cost",
        "1,200.50",
        "about",
        "3.5",
        "don’t",
        "ask",
    ]
    t = tokenize(text)
    assert t.keys[0] == "azerbaijan's" and t.keys[-2] == "don't"


def test_keys_fold_case_and_accents():
    assert word_key("Hervé") == word_key("HERVE") == word_key("herve\u0301".replace("e\u0301", "é")) == "herve"
    assert word_key("Straße") == "strasse"
    assert word_key("Путин") == "путин"
    assert words("Gene\u0300ve") == ["Gene\u0300ve"]  # a decomposed accent stays inside its word


def test_cjk_characters_are_tokens_and_latin_words_stay_whole():
    assert words("東京で3.5%増、Toyota発表。") == ["東", "京", "で", "3.5", "増", "Toyota", "発", "表"]


def test_sentence_end_after_word():
    t = tokenize("He said so. Then\n\nnothing, and more")
    assert [ends_sentence(t, k) for k in range(len(t))] == [False, False, True, True, False, False, True]


def test_end_with_terminator():
    text = 'for "prisoners". Next, "fragile," he said (AFP). Done'
    assert text[: end_with_terminator(text, text.index('".'))] == 'for "prisoners".'
    k = text.index("fragile") + len("fragile")
    assert end_with_terminator(text, k) == k  # a comma and a quote only: not a sentence end
    k = text.index("AFP") + 3
    assert text[k : end_with_terminator(text, k)] == ")."


# ---- seeds, tiles, chains ---------------------------------------------------------------------


def test_seed_runs_merge_along_diagonals():
    a = "x a b c d e y".split()
    b = "a b c d e z a b c".split()
    runs = sorted(seed_runs(a, b, 3))
    assert (1, 0, 5) in runs  # a b c d e
    assert (1, 6, 3) in runs  # the second a b c


def test_frequent_ngrams_are_paired_by_rank():
    a = ["p", "q", "r"] * 20
    runs = seed_runs(a, a, 3)
    assert MAX_SEED_PAIRS < 20 * 20
    assert runs == [(0, 0, 60)]  # rank pairing keeps only the main diagonal


def test_tiles_are_one_to_one_longest_first():
    a = "a b c d e f".split()
    b = "a b c d e f a b c".split()
    tiles = tile(seed_runs(a, b, 3), a, b, 3)
    assert tiles == [(0, 0, 6)]  # the second "a b c" of b has no partner left


def test_chain_joins_within_gap_and_select_cuts_overlaps():
    tiles = [(0, 0, 5), (8, 7, 4), (40, 30, 6), (20, 5, 2)]
    chains = chain(tiles, max_gap=3)
    assert [(0, 0, 5), (8, 7, 4)] in chains
    kept = select(chains, min_words=4)
    assert kept == [[(0, 0, 5), (8, 7, 4)], [(40, 30, 6)]]  # (20, 5, 2) lies in the gap, and is short


def test_find_passages_identical_and_empty():
    keys = "one two three".split()
    assert find_passages(keys, keys, seed_words=3, max_gap_words=12, min_passage_words=3) == [[(0, 0, 3)]]
    assert find_passages([], keys, seed_words=3, max_gap_words=12, min_passage_words=1) == []


# ---- edit kinds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "x,y,expected",
    [
        ("defense", "defence", True),
        ("organisation", "organization", True),
        ("analyse", "analyze", True),
        ("colour", "color", True),
        ("metres", "meters", True),
        ("programme", "program", True),
        ("paediatric", "pediatric", True),
        ("zelensky", "zelenskyy", True),
        ("four", "for", False),
        ("talks", "talk", False),
        ("armenia", "armenian", False),
        ("on", "in", False),
        ("friday", "monday", False),
    ],
)
def test_spelling_variant(x, y, expected):
    assert spelling_variant(x, y) is expected
    assert spelling_variant(y, x) is expected


@pytest.mark.parametrize(
    "a,b,kind",
    [
        (["The"], ["the"], "case"),
        (["1,200"], ["1200"], "punctuation"),
        (["e", "mail"], ["email"], "punctuation"),
        (["400"], ["500"], "number"),
        (["six"], ["seven"], "number"),
        (["10", "million"], ["12", "million"], "number"),
        (["some", "400"], ["about", "500"], "wording"),
        (["recognized"], ["recognised"], "spelling"),
        (["into", "Friday"], ["overnight"], "wording"),
        ([], ["in", "order"], "wording"),
        (["2020"], [], "number"),
    ],
)
def test_classify(a, b, kind):
    assert classify(a, b) == kind
    assert classify(b, a) == kind


# ---- sentences --------------------------------------------------------------------------------


def test_split_sentences():
    text = (
        'Mr. Smith went to Washington. He said "no." U.S. officials agreed!\n'
        "A wrapped line\ngoes on here. Then J. Doe came…  And\n\nlowercase after a blank line"
    )
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == [
        "Mr. Smith went to Washington.",
        'He said "no."',
        "U.S. officials agreed!",
        "A wrapped line\ngoes on here.",
        "Then J. Doe came…",
        "And",
        "lowercase after a blank line",
    ]


def test_split_sentences_cjk_and_crlf():
    assert [s for s in split_sentences("First one.\r\n\r\nSecond one.\r\n")] == [(0, 10), (14, 25)]


def test_coverage_counts_overlapping_characters():
    spans = [(0, 5), (10, 20), (30, 40)]
    assert coverage(spans, 3, 15) == 2 + 5
    assert coverage(spans, 20, 30) == 0
    assert coverage(spans, 0, 100) == 25
