"""Find the shared passages of two word sequences: seeds, tiles, chains, one-to-one selection.

1. *Seeds* are shared runs of ``seed_words`` keys, found by hashing the n-grams of both texts.
   An n-gram occurring often on both sides would pair every occurrence with every other (a
   quadratic blow-up on boilerplate); beyond ``MAX_SEED_PAIRS`` pairs its occurrences are
   paired by rank instead (k-th in a with k-th in b), which keeps repeated text copied in the
   same order aligned while bounding the work by the text length.
2. Seeds on the same diagonal whose words touch or overlap merge into maximal exact *runs*.
3. *Greedy string tiling* makes the runs one-to-one: longest first, a run is kept whole when
   none of its words on either side is taken yet; otherwise its free stretches go back in the
   queue. Each word of a and of b then belongs to at most one *tile*.
4. Tiles, in b order, *chain* into passages when the next one follows on both sides with at
   most ``max_gap_words`` unmatched words in between. Chains may go anywhere in a, so
   reordered paragraphs align to their own places.
5. Chains may still interleave (a short tile sitting in another chain's gap), so they are
   taken best first (most matched words) and a chain is cut wherever it meets the span of one
   already taken; pieces with fewer than ``min_passage_words`` matched words are dropped.
6. A passage that stops a few words short of the end (or start) of its sentence on both sides
   is completed when the words left there match (``complete_sentences``).

Everything is on word indices; character offsets and sentence ends come from the caller.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from itertools import pairwise

# Beyond this many (a, b) occurrence pairs an n-gram is paired by rank only (see above).
MAX_SEED_PAIRS = 16

Tile = tuple[int, int, int]  # (i in a, j in b, number of words)


def _positions(grams: list[tuple[str, ...]]) -> tuple[dict, dict]:
    """First and last position of each n-gram (dict building runs in C)."""
    last = dict(zip(grams, range(len(grams)), strict=True))
    if len(last) == len(grams):
        return last, last
    first = dict(zip(reversed(grams), range(len(grams) - 1, -1, -1), strict=True))
    return first, last


def seed_runs(ka: Sequence[str], kb: Sequence[str], n: int) -> list[Tile]:
    """Maximal exact runs of at least ``n`` words built from shared n-grams (not one-to-one)."""
    if len(ka) < n or len(kb) < n:
        return []
    ga = list(zip(*(ka[k:] for k in range(n))))
    gb = list(zip(*(kb[k:] for k in range(n))))
    first_a, last_a = _positions(ga)
    first_b, last_b = _positions(gb)
    common = last_a.keys() & last_b.keys()
    # Most shared n-grams occur once on each side: one seed each, without Python-level lists.
    once = {g for g in common if first_a[g] == last_a[g] and first_b[g] == last_b[g]}
    seeds = [(last_b[g] - last_a[g], last_a[g]) for g in once]  # (diagonal j - i, i)
    many = common - once
    if many:
        where: dict[tuple[str, ...], tuple[list[int], list[int]]] = {g: ([], []) for g in many}
        for i in [i for i, g in enumerate(ga) if g in many]:
            where[ga[i]][0].append(i)
        for j in [j for j, g in enumerate(gb) if g in many]:
            where[gb[j]][1].append(j)
        for pa, pb in where.values():
            if len(pa) * len(pb) <= MAX_SEED_PAIRS:
                seeds.extend((j - i, i) for i in pa for j in pb)
            else:
                seeds.extend((j - i, i) for i, j in zip(pa, pb, strict=False))
    seeds.sort()
    runs: list[Tile] = []
    d0 = start = end = -1
    first = True
    for d, i in seeds:
        if not first and d == d0 and i <= end:
            end = i + n
            continue
        if not first:
            runs.append((start, start + d0, end - start))
        first = False
        d0, start, end = d, i, i + n
    if not first:
        runs.append((start, start + d0, end - start))
    return runs


def tile(runs: Sequence[Tile], ka: Sequence[str], kb: Sequence[str], min_size: int) -> list[Tile]:
    """One-to-one tiles from overlapping runs by greedy string tiling, longest first.

    A kept run is first stretched along its diagonal over equal, still free words: runs stop
    short where an n-gram was paired by rank only (see ``MAX_SEED_PAIRS``), and this gives
    the words back to the passage they belong to.
    """
    len_a, len_b = len(ka), len(kb)
    heap = [(-size, j, i) for i, j, size in runs]
    heapq.heapify(heap)
    taken_a, taken_b = bytearray(len_a), bytearray(len_b)
    tiles: list[Tile] = []
    while heap:
        neg, j, i = heapq.heappop(heap)
        size = -neg
        if taken_a.find(1, i, i + size) < 0 and taken_b.find(1, j, j + size) < 0:
            while i > 0 and j > 0 and not taken_a[i - 1] and not taken_b[j - 1] and ka[i - 1] == kb[j - 1]:
                i, j, size = i - 1, j - 1, size + 1
            while (
                i + size < len_a
                and j + size < len_b
                and not taken_a[i + size]
                and not taken_b[j + size]
                and ka[i + size] == kb[j + size]
            ):
                size += 1
            taken_a[i : i + size] = b"\x01" * size
            taken_b[j : j + size] = b"\x01" * size
            tiles.append((i, j, size))
            continue
        # Partly taken: requeue the free stretches that are still long enough.
        k = 0
        while k < size:
            while k < size and (taken_a[i + k] or taken_b[j + k]):
                k += 1
            s = k
            while k < size and not (taken_a[i + k] or taken_b[j + k]):
                k += 1
            if k - s >= min_size:
                heapq.heappush(heap, (-(k - s), j + s, i + s))
    return tiles


def chain(tiles: Sequence[Tile], max_gap: int) -> list[list[Tile]]:
    """Group tiles into chains that follow each other on both sides within ``max_gap`` words."""
    order = sorted(tiles, key=lambda t: t[1])
    n = len(order)
    pred = [-1] * n
    has_next = [False] * n
    for k in range(n):
        i, j, _ = order[k]
        best, best_cost = -1, 0
        q = k - 1
        while q >= 0:
            pi, pj, ps = order[q]
            gap_b = j - (pj + ps)
            if gap_b > max_gap:  # tiles are disjoint in b, so earlier ones end earlier still
                break
            gap_a = i - (pi + ps)
            if 0 <= gap_a <= max_gap and not has_next[q]:
                cost = gap_a + gap_b
                if best < 0 or cost < best_cost:
                    best, best_cost = q, cost
            q -= 1
        if best >= 0:
            pred[k] = best
            has_next[best] = True
    chains: list[list[Tile]] = []
    for k in range(n):
        if has_next[k]:
            continue
        c = []
        q = k
        while q >= 0:
            c.append(order[q])
            q = pred[q]
        c.reverse()
        chains.append(c)
    return chains


class _Spans:
    """Disjoint half-open intervals, with an overlap test by bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_right(self.starts, s) - 1
        if k >= 0 and self.ends[k] > s:
            return True
        return k + 1 < len(self.starts) and self.starts[k + 1] < e

    def add(self, s: int, e: int) -> None:
        k = bisect_right(self.starts, s)
        self.starts.insert(k, s)
        self.ends.insert(k, e)


def select(chains: Sequence[list[Tile]], min_words: int) -> list[list[Tile]]:
    """Non-overlapping passages: best chains first, later ones cut where they meet earlier ones."""
    ranked = sorted(chains, key=lambda c: (-sum(t[2] for t in c), c[0][1], c[0][0]))
    span_a, span_b = _Spans(), _Spans()
    kept: list[list[Tile]] = []

    def close(piece: list[Tile]) -> None:
        if piece and sum(t[2] for t in piece) >= min_words:
            a0, b0 = piece[0][0], piece[0][1]
            a1, b1 = piece[-1][0] + piece[-1][2], piece[-1][1] + piece[-1][2]
            span_a.add(a0, a1)
            span_b.add(b0, b1)
            kept.append(piece)

    for c in ranked:
        if sum(t[2] for t in c) < min_words:
            continue
        piece: list[Tile] = []
        for t in c:
            i, j, size = t
            if span_a.overlaps(i, i + size) or span_b.overlaps(j, j + size):
                close(piece)
                piece = []
                continue
            if piece:
                pi, pj, ps = piece[-1]
                if span_a.overlaps(pi + ps, i) or span_b.overlaps(pj + ps, j):
                    close(piece)
                    piece = []
            piece.append(t)
        close(piece)
    kept.sort(key=lambda p: p[0][1])
    return kept


def _forward_window(start: int, taken: bytearray, ends_sentence: Callable[[int], bool], reach: int) -> int:
    """End of the free words from ``start`` to the end of their sentence, or -1 if too far."""
    k = start
    while k < len(taken) and k - start < reach and not taken[k]:
        if ends_sentence(k):
            return k + 1
        k += 1
    return -1


def _backward_window(end: int, taken: bytearray, ends_sentence: Callable[[int], bool], reach: int) -> int:
    """Start of the free words before ``end`` back to the start of their sentence, or -1."""
    k = end - 1
    while k >= 0 and end - k <= reach and not taken[k]:
        if k == 0 or ends_sentence(k - 1):
            return k
        k -= 1
    return -1


def _blocks(ka: Sequence[str], kb: Sequence[str], a0: int, a1: int, b0: int, b1: int) -> list[Tile]:
    sm = SequenceMatcher(None, ka[a0:a1], kb[b0:b1], autojunk=False)
    return [(a0 + x, b0 + y, n) for x, y, n in sm.get_matching_blocks() if n]


def _gaps_ok(tiles: Sequence[Tile], max_gap: int) -> bool:
    return all(
        0 <= t[0] - (p[0] + p[2]) <= max_gap and 0 <= t[1] - (p[1] + p[2]) <= max_gap for p, t in pairwise(tiles)
    )


def complete_sentences(
    pieces: list[list[Tile]],
    ka: Sequence[str],
    kb: Sequence[str],
    a_ends_sentence: Callable[[int], bool],
    b_ends_sentence: Callable[[int], bool],
    *,
    max_gap: int,
    reach: int,
) -> None:
    """Stretch passages over the rest of their sentence when it ends alike on both sides.

    Tiles need ``seed_words`` words, so a passage stops before a short shared tail such as
    ``… honoured six of them.`` / ``… honored seven of them.``. Where the sentence ends on
    both sides within ``reach`` free words and the shared words found there by difflib reach
    those ends (with gaps of at most ``max_gap``), they join the passage; the same at the start
    of a passage. Ending the sentence on both sides is what keeps common words (``of the``)
    after a passage from dragging it into unrelated text.
    """
    taken_a, taken_b = bytearray(len(ka)), bytearray(len(kb))
    for p in pieces:
        i0, j0, i1, j1 = p[0][0], p[0][1], p[-1][0] + p[-1][2], p[-1][1] + p[-1][2]
        taken_a[i0:i1] = b"\x01" * (i1 - i0)
        taken_b[j0:j1] = b"\x01" * (j1 - j0)
    for p in pieces:
        i1, j1 = p[-1][0] + p[-1][2], p[-1][1] + p[-1][2]
        if not (a_ends_sentence(i1 - 1) or b_ends_sentence(j1 - 1)):
            a1 = _forward_window(i1, taken_a, a_ends_sentence, reach)
            b1 = _forward_window(j1, taken_b, b_ends_sentence, reach)
            if a1 > 0 and b1 > 0:
                ext = _blocks(ka, kb, i1, a1, j1, b1)
                if (
                    ext
                    and ext[-1][0] + ext[-1][2] == a1
                    and ext[-1][1] + ext[-1][2] == b1
                    and _gaps_ok([p[-1], *ext], max_gap)
                ):
                    p.extend(ext)
                    taken_a[i1:a1] = b"\x01" * (a1 - i1)
                    taken_b[j1:b1] = b"\x01" * (b1 - j1)
        i0, j0 = p[0][0], p[0][1]
        if i0 > 0 and j0 > 0 and not (a_ends_sentence(i0 - 1) or b_ends_sentence(j0 - 1)):
            a0 = _backward_window(i0, taken_a, a_ends_sentence, reach)
            b0 = _backward_window(j0, taken_b, b_ends_sentence, reach)
            if a0 >= 0 and b0 >= 0:
                ext = _blocks(ka, kb, a0, i0, b0, j0)
                if ext and ext[0][0] == a0 and ext[0][1] == b0 and _gaps_ok([*ext, p[0]], max_gap):
                    p[:0] = ext
                    taken_a[a0:i0] = b"\x01" * (i0 - a0)
                    taken_b[b0:j0] = b"\x01" * (j0 - b0)


def find_passages(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    seed_words: int,
    max_gap_words: int,
    min_passage_words: int,
    a_ends_sentence: Callable[[int], bool] | None = None,
    b_ends_sentence: Callable[[int], bool] | None = None,
) -> list[list[Tile]]:
    """Shared passages of two key sequences, each a list of exact tiles ordered along both sides.

    ``a_ends_sentence(k)`` says whether a sentence of a ends after word ``k``; with both
    predicates given, passages are completed to the end (and start) of their sentences.
    """
    if not a_keys or not b_keys:
        return []
    if a_keys == b_keys:  # identical texts: one passage, whatever repeats inside them
        tiles: list[Tile] = [(0, 0, len(a_keys))]
    else:
        tiles = tile(seed_runs(a_keys, b_keys, seed_words), a_keys, b_keys, seed_words)
    pieces = select(chain(tiles, max_gap_words), min_passage_words)
    if a_ends_sentence is not None and b_ends_sentence is not None:
        complete_sentences(
            pieces,
            a_keys,
            b_keys,
            a_ends_sentence,
            b_ends_sentence,
            max_gap=max_gap_words,
            reach=max_gap_words + seed_words,
        )
    return pieces
