"""Passage-level precision and recall of a reuse run against the synthetic corpus's truth.

* A **true passage** is one run copied into a derived article D from a source S, with its
  offsets on both sides. It is **found** when the passages the run reports between D and S
  cover at least half of its characters in D and at least half in S (fragments add up).
  *Cluster recall* asks the same of the output clusters: one cluster whose occurrences cover at
  least half of the true passage on both sides.
* A **detected passage** (one aligned passage of a pair) is **correct** when both of its sides
  come from one origin and from overlapping parts of it: each article's characters are traced
  to where they were copied from (a source's own text to itself, a derived article's copied runs
  to their source ranges, proportionally inside a run, a stock sentence to itself), at least
  half of each side traces to that origin, and the two traced ranges overlap. So a passage two
  derived articles share because both copied it from S is correct, as is a stock sentence two
  articles share (it is reused text, if boilerplate; those are counted apart as *boilerplate*);
  anything else, such as chance matches between background texts, is wrong. Precision is over
  detected passages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from _reuse_corpus import SynDoc, Truth

Segment = tuple[int, int, str, int, int]  # (start, end) in the article -> (source, start, end) in it


@dataclass(frozen=True, slots=True)
class Scores:
    truths: int
    found: int
    found_in_clusters: int
    detected: int
    correct: int
    boilerplate: int  # correct passages that are stock sentences
    recall_by_rate: dict[float, tuple[int, int]]  # edit rate -> (found, truths)
    recall_by_words: dict[str, tuple[int, int]]  # words of the source side -> (found, truths)

    @property
    def recall(self) -> float:
        return self.found / self.truths if self.truths else 1.0

    @property
    def cluster_recall(self) -> float:
        return self.found_in_clusters / self.truths if self.truths else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.detected if self.detected else 1.0


def lineage(docs: Sequence[SynDoc], truth: Sequence[Truth]) -> dict[str, list[Segment]]:
    out: dict[str, list[Segment]] = defaultdict(list)
    for d in docs:
        if d.kind == "source":
            out[d.id].append((0, len(d.text), d.id, 0, len(d.text)))
        for s, e, key in d.stock:
            out[d.id].append((s, e, key, 0, e - s))
    for t in truth:
        out[t.derived].append((t.d_start, t.d_end, t.source, t.s_start, t.s_end))
    return out


def _trace(segments: list[Segment], s: int, e: int) -> dict[str, tuple[int, float, float]]:
    """Per source: characters of ``s:e`` traced to it, and the range of it they trace to."""
    out: dict[str, tuple[int, float, float]] = {}
    for ds, de, src, ss, se in segments:
        lo, hi = max(s, ds), min(e, de)
        if hi <= lo:
            continue
        scale = (se - ss) / (de - ds) if de > ds else 0.0
        a, b = ss + (lo - ds) * scale, ss + (hi - ds) * scale
        n, x, y = out.get(src, (0, a, b))
        out[src] = (n + hi - lo, min(x, a), max(y, b))
    return out


def _covered(spans: Iterable[tuple[int, int]], s: int, e: int) -> int:
    covered, reach = 0, s
    for x, y in sorted(spans):
        x, y = max(x, reach), min(y, e)
        if y > x:
            covered += y - x
            reach = y
    return covered


def score(
    docs: Sequence[SynDoc],
    truth: Sequence[Truth],
    passages: Iterable[tuple[str, str, int, int, int, int]],
    occurrences: Iterable[tuple[int, str, int, int]] = (),
) -> Scores:
    """Score detected pair passages ``(a_id, b_id, a_start, a_end, b_start, b_end)`` and output
    occurrences ``(cluster, id, begin, end)`` against the truth."""
    lin = lineage(docs, truth)
    by_pair: dict[tuple[str, str], list[tuple[int, int, int, int]]] = defaultdict(list)
    detected = correct = boilerplate = 0
    for a, b, a0, a1, b0, b1 in passages:
        detected += 1
        by_pair[(a, b)].append((a0, a1, b0, b1))
        by_pair[(b, a)].append((b0, b1, a0, a1))
        ta, tb = _trace(lin.get(a, []), a0, a1), _trace(lin.get(b, []), b0, b1)
        for src in ta.keys() & tb.keys():
            na, xa, ya = ta[src]
            nb, xb, yb = tb[src]
            if 2 * na >= a1 - a0 and 2 * nb >= b1 - b0 and max(xa, xb) < min(ya, yb):
                correct += 1
                boilerplate += src.startswith("stock:")
                break
    occ: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for cluster, doc_id, begin, end in occurrences:
        occ[doc_id].append((cluster, begin, end))
    found = in_clusters = 0
    by_rate: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    by_words: dict[str, list[int]] = {b: [0, 0] for b in ("<15", "15-29", "30-59", ">=60")}
    texts = {d.id: d.text for d in docs}
    for t in truth:
        spans = by_pair.get((t.derived, t.source), [])
        d_cov = _covered([(x, y) for x, y, _, _ in spans], t.d_start, t.d_end)
        s_cov = _covered([(x, y) for _, _, x, y in spans], t.s_start, t.s_end)
        ok = 2 * d_cov >= t.d_end - t.d_start and 2 * s_cov >= t.s_end - t.s_start
        found += ok
        by_rate[t.edit_rate][0] += ok
        by_rate[t.edit_rate][1] += 1
        n = len(texts[t.source][t.s_start : t.s_end].split())
        bucket = "<15" if n < 15 else "15-29" if n < 30 else "30-59" if n < 60 else ">=60"
        by_words[bucket][0] += ok
        by_words[bucket][1] += 1
        if occurrences:
            in_clusters += _in_one_cluster(occ, t)
    return Scores(
        len(truth),
        found,
        in_clusters,
        detected,
        correct,
        boilerplate,
        {r: (f, n) for r, (f, n) in sorted(by_rate.items())},
        {b: (f, n) for b, (f, n) in by_words.items()},
    )


def _in_one_cluster(occ: dict[str, list[tuple[int, int, int]]], t: Truth) -> bool:
    def clusters(doc_id: str, s: int, e: int) -> set[int]:
        per: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for c, b, f in occ.get(doc_id, []):
            per[c].append((b, f))
        return {c for c, spans in per.items() if 2 * _covered(spans, s, e) >= e - s}

    return bool(clusters(t.derived, t.d_start, t.d_end) & clusters(t.source, t.s_start, t.s_end))
