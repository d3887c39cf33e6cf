"""``align_texts``: the shared passages of two texts, the edits inside them, unshared sentences.

Offsets convention: a passage starts at the first character of its first shared word and ends
after its last shared word *plus* any sentence-closing punctuation glued to that word on the
same side (``said.``, ``prisoners".``, ``(AFP).``), so a wholly reused sentence is wholly
covered; a comma or a lone closing quote is not taken. Leading punctuation (an opening quote)
is never taken. Edits and sentences use the same character offsets into the given strings.

The result does not depend on which text is passed first: the pair is aligned in a canonical
order (by the texts' word keys) and mirrored back, so ``align_texts(b, a)`` has exactly the
passages of ``align_texts(a, b)`` with the sides swapped.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from samestory.align.edits import diff_passage
from samestory.align.passages import Tile, find_passages
from samestory.align.sentences import split_sentences, unshared
from samestory.align.tokens import Tokens, end_with_terminator, ends_sentence, tokenize
from samestory.align.types import Alignment, Edit, Passage
from samestory.config import AlignConfig

_MIRROR_OP = {"insert": "delete", "delete": "insert", "replace": "replace"}


def _passage(tiles: Sequence[Tile], ta: Tokens, tb: Tokens) -> tuple[Passage, int, int, int]:
    """The passage of some tiles, with its first and last word on a and its matched word count."""
    i0, j0 = tiles[0][0], tiles[0][1]
    i1, j1 = tiles[-1][0] + tiles[-1][2], tiles[-1][1] + tiles[-1][2]
    matched, edits = diff_passage(tiles, ta, tb)
    words = (i1 - i0) + (j1 - j0)
    p = Passage(
        a_start=ta.starts[i0],
        a_end=end_with_terminator(ta.text, ta.ends[i1 - 1]),
        b_start=tb.starts[j0],
        b_end=end_with_terminator(tb.text, tb.ends[j1 - 1]),
        similarity=2 * matched / words,
        edits=tuple(edits),
    )
    return p, matched, i1 - i0, j1 - j0


def _mirror(p: Passage) -> Passage:
    edits = [
        Edit(_MIRROR_OP[e.op], e.kind, e.b_start, e.b_end, e.a_start, e.a_end, e.b_text, e.a_text) for e in p.edits
    ]
    edits.sort(key=lambda e: (e.b_start, e.a_start, e.b_end, e.a_end))
    return Passage(p.b_start, p.b_end, p.a_start, p.a_end, p.similarity, tuple(edits))


def align_texts(
    a_text: str,
    b_text: str,
    *,
    config: AlignConfig | None = None,
    a_sentences: Sequence[tuple[int, int]] | None = None,
    b_sentences: Sequence[tuple[int, int]] | None = None,
    a_tokens: Tokens | None = None,
    b_tokens: Tokens | None = None,
) -> Alignment:
    """Align two texts: shared passages (ordered by ``b_start``), coverages and unshared sentences.

    ``a_sentences``/``b_sentences`` are ``(start, end)`` character spans of each text's
    sentences (from the analysis stage); without them a simple splitter is used. Pure and
    deterministic.
    """
    cfg = config or AlignConfig()
    ta = tokenize(a_text) if a_tokens is None else a_tokens
    tb = tokenize(b_text) if b_tokens is None else b_tokens
    swap = tb.keys < ta.keys  # canonical order, so that the result is symmetric in a and b
    x, y = (tb, ta) if swap else (ta, tb)
    raw = find_passages(
        x.keys,
        y.keys,
        seed_words=cfg.seed_words,
        max_gap_words=cfg.max_gap_words,
        min_passage_words=cfg.min_passage_words,
        a_ends_sentence=partial(ends_sentence, x),
        b_ends_sentence=partial(ends_sentence, y),
    )
    passages: list[Passage] = []
    covered_x = covered_y = 0
    for tiles in raw:
        p, matched, nx, ny = _passage(tiles, x, y)
        if matched < cfg.min_passage_words or p.similarity < cfg.min_similarity:
            continue
        passages.append(_mirror(p) if swap else p)
        covered_x += nx
        covered_y += ny
    passages.sort(key=lambda p: p.b_start)
    covered_a, covered_b = (covered_y, covered_x) if swap else (covered_x, covered_y)
    spans_a = sorted((p.a_start, p.a_end) for p in passages)
    spans_b = [(p.b_start, p.b_end) for p in passages]
    sent_a = split_sentences(a_text) if a_sentences is None else a_sentences
    sent_b = split_sentences(b_text) if b_sentences is None else b_sentences
    return Alignment(
        passages=tuple(passages),
        a_coverage=covered_a / len(ta) if len(ta) else 0.0,
        b_coverage=covered_b / len(tb) if len(tb) else 0.0,
        only_a=unshared(a_text, sent_a, spans_a, cfg.sentence_shared),
        only_b=unshared(b_text, sent_b, spans_b, cfg.sentence_shared),
    )
