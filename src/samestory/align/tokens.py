"""Word tokens with character offsets, and the normalised keys used to match them.

A *word* is a run of letters and digits, joined across an inner apostrophe (``don't``,
``Azerbaijan's``) or a combining accent (decomposed ``é``), or a figure with inner separators
(``1,200``, ``3.5``). Han, Kana and other scripts written without spaces have no visible word
boundaries, so each of their characters is a token of its own. Hyphens, dashes and other
punctuation separate words: ``high-level`` is two words, and punctuation never takes part in
matching (differences in it are reported as edits, see :mod:`samestory.align.edits`).

The key of a word is case-folded with accents folded (NFKD, combining marks removed) and
typographic apostrophes made plain, so ``Hervé``/``Herve`` and ``The``/``the`` match; figures
keep their digits as written.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass

# Scripts written without spaces between words: one token per character.
_CJK = (
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width Katakana
    "\U00020000-\U0002fa1f"  # CJK extensions B-F and compatibility supplement
)
# Combining accents that may follow a letter in decomposed (NFD) text; str.isalnum() is false
# for them, so without this ``e`` + U+0301 would split a word in two.
_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff"
_NUMBER = r"\d+(?:[.,]\d+)+"
_WORD = re.compile(rf"{_NUMBER}|[^\W_]+(?:(?:['’][^\W_]|[{_MARKS}])[^\W_]*)*")
_C = rf"(?:(?![{_CJK}])[^\W_])"  # a word character outside the space-less scripts
_WORD_CJK = re.compile(rf"[{_CJK}]|{_NUMBER}|{_C}+(?:(?:['’]{_C}|[{_MARKS}]){_C}*)*")
_HAS_CJK = re.compile(rf"[{_CJK}]")


def word_key(word: str) -> str:
    """The matching key of one word: case-folded, accents folded, apostrophes made plain."""
    if word.isascii():
        return word.lower()
    folded = unicodedata.normalize("NFKD", word)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return folded.replace("’", "'").replace("ʼ", "'").casefold()


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of a text: ``starts[k]:ends[k]`` is word ``k`` in ``text``, ``keys[k]`` its key."""

    text: str
    starts: list[int]
    ends: list[int]
    keys: list[str]

    def __len__(self) -> int:
        return len(self.keys)

    def word(self, k: int) -> str:
        return self.text[self.starts[k] : self.ends[k]]


def tokenize(text: str) -> Tokens:
    """Split ``text`` into words with their character offsets and matching keys."""
    if text.isascii():
        # Lower-casing ASCII keeps every offset, and the words of the lowered text are their keys.
        found = list(_WORD.finditer(text.lower()))
        starts = [m.start() for m in found]
        keys = [m.group() for m in found]
        return Tokens(text, starts, list(map(operator.add, starts, map(len, keys))), keys)
    pattern = _WORD_CJK if _HAS_CJK.search(text) else _WORD
    found = list(pattern.finditer(text))
    starts = [m.start() for m in found]
    words = [m.group() for m in found]
    ends = list(map(operator.add, starts, map(len, words)))
    # One key per distinct word (news text repeats its words a lot); ASCII inline, it is most.
    table = {w: w.lower() if w.isascii() else word_key(w) for w in set(words)}
    return Tokens(text, starts, ends, list(map(table.__getitem__, words)))


# What ends a sentence between two words: a terminator or a blank line.
_BREAK = re.compile(r"[.!?…。！？]|\n[^\S\n]*\n")


def ends_sentence(t: Tokens, k: int) -> bool:
    """Whether a sentence ends after word ``k``: a terminator or a blank line before the next
    word, or no next word."""
    if k + 1 >= len(t.starts):
        return True
    return _BREAK.search(t.text, t.ends[k], t.starts[k + 1]) is not None


# Closing punctuation a passage may take after its last word: only a run that contains a
# sentence terminator (``said.``, ``prisoners".``), never a lone comma or an opening quote.
_TAIL = re.compile(r"[^\w\s]*[.!?…。！？][^\w\s]*")


def end_with_terminator(text: str, end: int) -> int:
    """``end`` moved past sentence-closing punctuation that immediately follows it, if any."""
    m = _TAIL.match(text, end)
    return m.end() if m else end
