from __future__ import annotations

import pytest

from samestory.embed.unigram import META, UnigramTokenizer

PIECES = ["<unk>", META, f"{META}a", "b", f"{META}ab", "c", f"{META}abc", f"{META}x", "y", "xy"]
SCORES = [0.0, -5.0, -2.0, -3.0, -2.5, -3.0, -9.0, -2.0, -2.0, -1.0]


def tok() -> UnigramTokenizer:
    return UnigramTokenizer(PIECES, SCORES, unk=0, normalize={"Å": "a", "\u00a0": " "})


def test_best_total_score_not_longest_piece():
    t = tok()
    assert t.encode("ab") == [4]  # ▁ab (-2.5) beats ▁a + b (-5.0)
    assert t.encode("abc") == [4, 5]  # ▁ab + c (-5.5) beats the single piece ▁abc (-9.0)


def test_normalisation_and_spaces():
    t = tok()
    assert t.normalize("Åb  c") == f"{META}ab{META}c"
    assert t.encode("Åb") == t.encode("ab") == t.encode("\u00a0ab")


def test_unknown_characters_and_limit():
    t = tok()
    assert t.encode("az") == [2, 0]  # z is covered by no piece: the unknown piece
    assert t.encode("ab ab ab", limit=2) == [4, 4]
    assert t.encode("") == [1] and t.encode("x") == [7]


def test_lengths_must_match():
    with pytest.raises(ValueError):
        UnigramTokenizer(["a"], [0.0, 1.0], unk=0)


def test_words_are_segmented_once_and_alike_everywhere():
    t = tok()
    assert t.encode("ab ab c") == [4, 4, 1, 5]  # ▁ab ▁ab ▁ c: each word as it is alone
    assert t._words  # the words' pieces are kept
    assert t.encode("ab ab c") == [4, 4, 1, 5]


def test_pieces_spanning_words_are_refused():
    with pytest.raises(ValueError, match="after its first character"):
        UnigramTokenizer(["<unk>", f"a{META}b"], [0.0, -1.0], unk=0)
