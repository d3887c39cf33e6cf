"""Word-level differences inside a passage, and what kind of change each one is.

Inside a passage the exact tiles are already matched; the short gaps between them (at most
``max_gap_words`` words a side) are diffed word by word with :mod:`difflib`, so a one-word
change between two tiles comes out as a ``replace`` of that word and the words around it
still count as identical. Three sources of edits:

* gap opcodes: ``replace`` (words on both sides), ``insert`` (words only in b), ``delete``
  (words only in a);
* matched words whose keys agree but whose text does not (``The``/``the``: case; ``Hervé``/
  ``Herve``: spelling; ``it’s``/``it's``: punctuation);
* the punctuation between two words matched on both sides (``Moscow, late`` against ``Moscow
  late``), compared with whitespace removed, typographic quotes and dashes made plain and
  ``--`` read as one dash.

Kinds, checked in this order (all rules are symmetric, so swapping a and b keeps the kind):

``case``        the two sides differ only in letter case;
``punctuation`` the same letters and digits, different punctuation or spacing (``1,200``/``1200``);
``number``      figures or number words changed and nothing else (``400``/``500``, ``six``/``seven``);
``spelling``    word for word, each pair a spelling variant: an en-GB/en-US pattern (-ise/-ize,
                -our/-or, -re/-er, -ence/-ense, -ogue/-og, -ll-/-l-, ae/oe/e, -mme/-m), or a
                small edit distance (at most 1 per 5 letters of the shorter word, words of 4+
                letters, not an inflection like talk/talks or Armenia/Armenian);
``wording``     anything else, and insertions and deletions of words that are not all numbers.

An empty side of an edit sits at the end of the word before it (``start == end``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from samestory.align.tokens import Tokens, word_key
from samestory.align.types import Edit

_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    hundreds thousand thousands million millions billion billions trillion trillions dozen dozens half
    first second third fourth fifth sixth seventh eighth ninth tenth""".split()
)
# Endings that make another word rather than another spelling (talk/talks, Armenia/Armenian).
_INFLECTIONS = frozenset(["s", "es", "ed", "d", "ing", "'s", "n", "an", "ian", "er", "r", "est", "ly"])
# en-GB -> en-US spelling patterns, applied to both words before comparing them.
_GB_US = (
    (re.compile(r"is(e|es|ed|ing|er|ers|ation|ations|able)$"), r"iz\1"),  # recognise, organisation
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),  # analyse
    (re.compile(r"(?<=\w\w)our(s|ed|ing|able|ably|ful|ite|ites|hood|less|er|ers)?$"), r"or\1"),  # honour
    (re.compile(r"(?<=[^aeiouy\W])re(s)?$"), r"er\1"),  # centre, metres
    (re.compile(r"(?<=[ln])ce(s)?$"), r"se\1"),  # defence, licence
    (re.compile(r"ogue(s)?$"), r"og\1"),  # catalogue
    (re.compile(r"amme(s)?$"), r"am\1"),  # programme
    (re.compile(r"ll"), "l"),  # travelled, counsellor, fulfil
    (re.compile(r"ae|oe"), "e"),  # paediatric, oestrogen
)
_PLAIN_PUNCT = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "ʼ": "'",
        "–": "-",
        "—": "-",
        "―": "-",
        "‒": "-",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "…": "...",
    }
)

_DASHES = re.compile(r"-{2,}")


def _canon(key: str) -> str:
    for pattern, repl in _GB_US:
        key = pattern.sub(repl, key)
    return key


def _distance(x: str, y: str, limit: int) -> int:
    """Optimal string alignment distance (Levenshtein with transpositions), capped at limit + 1."""
    if abs(len(x) - len(y)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(y) + 1))
    for i in range(1, len(x) + 1):
        cur = [i] + [0] * len(y)
        for j in range(1, len(y) + 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] != y[j - 1]))
            if i > 1 and j > 1 and x[i - 1] == y[j - 2] and x[i - 2] == y[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
        prev2, prev = prev, cur
    return prev[-1]


def spelling_variant(x: str, y: str) -> bool:
    """Whether two word keys are spellings of the same word (defense/defence, Pashinyan/Pashinian)."""
    if x == y or _canon(x) == _canon(y):
        return True
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    if long.startswith(short) and long[len(short) :] in _INFLECTIONS:
        return False
    if len(short) < 4 or not short.isalpha() or not long.isalpha():
        return False
    limit = max(1, len(short) // 5)
    return _distance(x, y, limit) <= limit


def _is_number(word: str) -> bool:
    return any(ch.isdigit() for ch in word) or word_key(word) in _NUMBER_WORDS


def _alnum(text: str) -> str:
    return "".join(ch for ch in word_key(text) if ch.isalnum())


def classify(a_words: Sequence[str], b_words: Sequence[str]) -> str:
    """The kind of change from ``a_words`` to ``b_words`` (either may be empty, not both)."""
    if not a_words or not b_words:
        return "number" if all(_is_number(w) for w in (a_words or b_words)) else "wording"
    ja, jb = " ".join(a_words), " ".join(b_words)
    if ja.casefold() == jb.casefold():
        return "case"
    if _alnum(ja) == _alnum(jb):
        return "punctuation"
    if any(_is_number(w) for w in (*a_words, *b_words)):
        rest_a = [word_key(w) for w in a_words if not _is_number(w)]
        rest_b = [word_key(w) for w in b_words if not _is_number(w)]
        if rest_a == rest_b:
            return "number"
    if len(a_words) == len(b_words) and all(
        spelling_variant(word_key(x), word_key(y)) for x, y in zip(a_words, b_words, strict=True)
    ):
        return "spelling"
    return "wording"


def _span(t: Tokens, k0: int, k1: int) -> tuple[int, int]:
    """Characters of words ``k0:k1``, or the empty point after word ``k0 - 1``."""
    if k1 > k0:
        return t.starts[k0], t.ends[k1 - 1]
    p = t.ends[k0 - 1] if k0 > 0 else 0
    return p, p


def _word_edit(op: str, ta: Tokens, tb: Tokens, i0: int, i1: int, j0: int, j1: int) -> Edit:
    a0, a1 = _span(ta, i0, i1)
    b0, b1 = _span(tb, j0, j1)
    kind = classify([ta.word(k) for k in range(i0, i1)], [tb.word(k) for k in range(j0, j1)])
    return Edit(op, kind, a0, a1, b0, b1, ta.text[a0:a1], tb.text[b0:b1])


def _gap_edits(op: str, ta: Tokens, tb: Tokens, i0: int, i1: int, j0: int, j1: int) -> list[Edit]:
    """Edits for one difflib opcode; a replace of as many words as it puts in their place is
    told word by word (``honoured six`` -> ``honored seven``: a spelling and a number change),
    with neighbouring plain rewordings kept together."""
    if op != "replace" or i1 - i0 != j1 - j0 or i1 - i0 == 1:
        return [_word_edit(op, ta, tb, i0, i1, j0, j1)]
    out: list[Edit] = []
    run = -1  # start offset (in words) of the pending run of reworded pairs
    for k in range(i1 - i0 + 1):
        e = _word_edit(op, ta, tb, i0 + k, i0 + k + 1, j0 + k, j0 + k + 1) if k < i1 - i0 else None
        if e is not None and e.kind == "wording":
            run = k if run < 0 else run
            continue
        if run >= 0:
            out.append(_word_edit(op, ta, tb, i0 + run, i0 + k, j0 + run, j0 + k))
            run = -1
        if e is not None:
            out.append(e)
    return out


def _same_text(ta: Tokens, tb: Tokens, i: int, j: int, size: int) -> bool:
    """Whether words ``i:i+size`` of a read exactly like ``j:j+size`` of b, up to whitespace."""
    sa = ta.text[ta.starts[i] : ta.ends[i + size - 1]]
    sb = tb.text[tb.starts[j] : tb.ends[j + size - 1]]
    return sa == sb or sa.split() == sb.split()


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    seg = text[s:e]
    if not seg.strip():
        return s, s
    return s + len(seg) - len(seg.lstrip()), e - len(seg) + len(seg.rstrip())


def _plain_separator(sep: str) -> str:
    """Punctuation between two words as compared: no whitespace, plain quotes, one dash for a
    run of them (``--`` is how plain text writes an em dash)."""
    return _DASHES.sub("-", "".join(sep.translate(_PLAIN_PUNCT).split()))


def _matched_edits(ta: Tokens, tb: Tokens, pairs: Sequence[tuple[int, int]]) -> list[Edit]:
    """Case, accent and punctuation differences on and between matched words."""
    out: list[Edit] = []
    prev: tuple[int, int] | None = None
    for i, j in pairs:
        wa, wb = ta.word(i), tb.word(j)
        if wa != wb:
            if wa.casefold() == wb.casefold():
                kind = "case"
            elif wa.translate(_PLAIN_PUNCT) == wb.translate(_PLAIN_PUNCT):
                kind = "punctuation"
            else:
                kind = "spelling"  # same key: only accents or compatibility forms differ
            out.append(Edit("replace", kind, ta.starts[i], ta.ends[i], tb.starts[j], tb.ends[j], wa, wb))
        if prev is not None and prev[0] + 1 == i and prev[1] + 1 == j:
            sa = ta.text[ta.ends[prev[0]] : ta.starts[i]]
            sb = tb.text[tb.ends[prev[1]] : tb.starts[j]]
            if sa != sb:
                pa, pb = _plain_separator(sa), _plain_separator(sb)
                if pa != pb:
                    op = "insert" if not pa else "delete" if not pb else "replace"
                    a0, a1 = _trimmed(ta.text, ta.ends[prev[0]], ta.starts[i])
                    b0, b1 = _trimmed(tb.text, tb.ends[prev[1]], tb.starts[j])
                    out.append(Edit(op, "punctuation", a0, a1, b0, b1, ta.text[a0:a1], tb.text[b0:b1]))
        prev = (i, j)
    return out


def diff_passage(tiles: Sequence[tuple[int, int, int]], ta: Tokens, tb: Tokens) -> tuple[int, list[Edit]]:
    """Matched word count and the edits of a passage given as exact tiles in order on both sides."""
    ka, kb = ta.keys, tb.keys
    pairs: list[tuple[int, int]] = []  # matched words to check for surface differences, in order
    edits: list[Edit] = []
    matched = 0
    end_a = end_b = -1
    for i, j, size in tiles:
        if end_a >= 0:
            if i > end_a and j > end_b:
                sm = SequenceMatcher(None, ka[end_a:i], kb[end_b:j], autojunk=False)
                for tag, x0, x1, y0, y1 in sm.get_opcodes():
                    if tag == "equal":
                        pairs.extend(zip(range(end_a + x0, end_a + x1), range(end_b + y0, end_b + y1)))
                        matched += x1 - x0
                    else:
                        edits.extend(_gap_edits(tag, ta, tb, end_a + x0, end_a + x1, end_b + y0, end_b + y1))
            elif i > end_a:
                edits.append(_word_edit("delete", ta, tb, end_a, i, end_b, j))
            elif j > end_b:
                edits.append(_word_edit("insert", ta, tb, end_a, i, end_b, j))
        matched += size
        if _same_text(ta, tb, i, j, size):
            # Nothing differs inside; keep the ends to check the joins with the neighbours.
            pairs.append((i, j))
            if size > 1:
                pairs.append((i + size - 1, j + size - 1))
        else:
            pairs.extend(zip(range(i, i + size), range(j, j + size)))
        end_a, end_b = i + size, j + size
    edits.extend(_matched_edits(ta, tb, pairs))
    edits.sort(key=lambda e: (e.b_start, e.a_start, e.b_end, e.a_end))
    return matched, edits
