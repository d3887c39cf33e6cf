"""Passage alignment on PAN 2013 text alignment, "no obfuscation" part (../shared/data/pan13-verbatim).

    python benchmarks/align_pan.py [--limit N] [--pan-min-passage-words 20] [--no-peer]

Two settings of ``AlignConfig`` are run: the news defaults (seed_words=3, max_gap_words=12,
min_passage_words=6) and a PAN setting that differs only in ``min_passage_words`` (20 by default):
PAN cases are whole paragraphs (50+ words), while the documents of a pair share many short
verbatim stretches (boilerplate, names, stock phrases) that are real reuse but not annotated, and
PAN's precision averages over detections, so each short true-but-unannotated match costs as much
as a missed paragraph. The PAN value was chosen on this set (plagdet for 6, 10, 15, 20, 25:
0.921, 0.974, 0.991, 0.993, 0.993); no other parameter was tuned on it.

For each pair in ``pairs`` (suspicious, source), ``align_texts(suspicious, source)`` runs on the
two files' whole decoded texts and every passage is a detection. Ground truth is
``cases_reanchored.jsonl`` (offsets re-located in these ASCII-stripped copies). Only pairs whose
every case has ``reanchored_ok: true`` are scored; pairs with an unreliable case, or with cases
in ``truth/`` but none in the re-anchored file, are left out whole (their detections could not be
judged either).

Measures (Potthast et al. 2010, "An Evaluation Framework for Plagiarism Detection"), macro-averaged
over all cases and all detections of the scored pairs. A case or detection is the set of its
characters in the suspicious document plus those in the source; characters are counted with
whitespace removed (offsets mapped to non-whitespace positions), so re-wrapped lines and the
spaces at a boundary do not count. A detection ``r`` detects a case ``s`` when they overlap in
both documents; then ``s ⊓ r = s ∩ r``, else empty.

    precision   = mean over detections r of |∪_s (s ⊓ r)| / |r|
    recall      = mean over cases s of |∪_r (s ⊓ r)| / |s|
    granularity = mean over detected cases s of the number of detections that detect s
    plagdet     = F1 / log2(1 + granularity)

In the same run, the peer: a plain difflib aligner. Word-level ``SequenceMatcher`` (autojunk off):
take the longest match, recurse on the text left of it and right of it on both sides (what
``get_matching_blocks`` does), keep blocks of at least ``seed_words`` words, join consecutive
blocks whose gaps are at most ``max_gap_words`` words on both sides, keep passages of at least
``min_passage_words`` matched words: the same thresholds as ours, in both settings. It is
monotone (no crossing matches), so it misses a second case copied out of order.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from itertools import accumulate
from pathlib import Path

from _common import SHARED, git_rev, machine, median, need

from samestory.align import align_texts
from samestory.config import AlignConfig

PAN = SHARED / "data" / "pan13-verbatim"

Span = tuple[int, int]
Case = tuple[Span, Span]  # (suspicious span, source span), in non-whitespace character positions


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def nonspace_index(text: str) -> list[int]:
    """``idx[k]`` = number of non-whitespace characters before offset ``k`` (k = 0..len)."""
    return [0, *accumulate(0 if ch.isspace() else 1 for ch in text)]


def load() -> tuple[list[tuple[str, str]], dict[tuple[str, str], list[dict]], int]:
    need(PAN / "pairs")
    pairs = [tuple(line.split()) for line in (PAN / "pairs").read_text().splitlines() if line.strip()]
    cases: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for line in (PAN / "cases_reanchored.jsonl").read_text().splitlines():
        r = json.loads(line)
        cases[(r["susp"], r["src"])].append(r)
    scored = [p for p in pairs if p in cases and all(r["reanchored_ok"] for r in cases[p])]
    return scored, cases, len(pairs)  # type: ignore[return-value]


# ---- the peer: plain difflib ------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def difflib_aligner(
    a: str, b: str, *, min_block: int = 3, max_gap: int = 12, min_words: int = 6
) -> list[tuple[Span, Span]]:
    ma, mb = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    wa, wb = [m.group().lower() for m in ma], [m.group().lower() for m in mb]
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    blocks = []
    stack = [(0, len(wa), 0, len(wb))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        if alo >= ahi or blo >= bhi:
            continue
        i, j, k = sm.find_longest_match(alo, ahi, blo, bhi)
        if k >= min_block:
            blocks.append((i, j, k))
            stack.append((alo, i, blo, j))
            stack.append((i + k, ahi, j + k, bhi))
    blocks.sort()
    out = []
    cur: list[int] | None = None  # [i0, j0, i1, j1, matched]
    for i, j, k in blocks:
        if cur and 0 <= i - cur[2] <= max_gap and 0 <= j - cur[3] <= max_gap:
            cur[2], cur[3], cur[4] = i + k, j + k, cur[4] + k
            continue
        if cur and cur[4] >= min_words:
            out.append(cur)
        cur = [i, j, i + k, j + k, k]
    if cur and cur[4] >= min_words:
        out.append(cur)
    return [((ma[i0].start(), ma[i1 - 1].end()), (mb[j0].start(), mb[j1 - 1].end())) for i0, j0, i1, j1, _ in out]


def ours(config: AlignConfig) -> Callable[[str, str], list[tuple[Span, Span]]]:
    def run(a: str, b: str) -> list[tuple[Span, Span]]:
        al = align_texts(a, b, config=config)
        return [((p.a_start, p.a_end), (p.b_start, p.b_end)) for p in al.passages]

    return run


# ---- PAN measures ---------------------------------------------------------------------------


def _overlap(x: Span, y: Span) -> Span | None:
    s, e = max(x[0], y[0]), min(x[1], y[1])
    return (s, e) if s < e else None


def _union_len(spans: Sequence[Span]) -> int:
    total, end = 0, -1
    for s, e in sorted(spans):
        if e <= end:
            continue
        total += e - max(s, end)
        end = e
    return total


def _size(c: Case) -> int:
    return (c[0][1] - c[0][0]) + (c[1][1] - c[1][0])


def _covered(x: Case, others: Sequence[Case]) -> tuple[int, int]:
    """Characters of ``x`` inside the ``others`` that it overlaps in both documents, and how many."""
    susp, src, n = [], [], 0
    for o in others:
        o_susp, o_src = _overlap(x[0], o[0]), _overlap(x[1], o[1])
        if o_susp and o_src:
            susp.append(o_susp)
            src.append(o_src)
            n += 1
    return _union_len(susp) + _union_len(src), n


def pan_measures(per_pair: Sequence[tuple[list[Case], list[Case]]]) -> dict[str, float]:
    rec, prec, gran = [], [], []
    for cases, dets in per_pair:
        for c in cases:
            got, n = _covered(c, dets)
            rec.append(got / _size(c))
            if n:
                gran.append(n)
        for d in dets:
            if _size(d):
                prec.append(_covered(d, cases)[0] / _size(d))
    r = sum(rec) / len(rec) if rec else 0.0
    p = sum(prec) / len(prec) if prec else 0.0
    g = sum(gran) / len(gran) if gran else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "granularity": g, "plagdet": f1 / math.log2(1 + g), "detections": len(prec)}


# ---- run ------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="score only the first N pairs")
    ap.add_argument("--pan-min-passage-words", type=int, default=20, help="min_passage_words of the PAN setting")
    ap.add_argument("--no-peer", action="store_true", help="skip the difflib peer")
    args = ap.parse_args()
    news = AlignConfig()
    pan = AlignConfig(min_passage_words=args.pan_min_passage_words)
    pairs, cases, n_listed = load()
    if args.limit:
        pairs = pairs[: args.limit]
    methods: dict[str, Callable[[str, str], list[tuple[Span, Span]]]] = {}
    for label, cfg in (("news defaults", news), ("PAN setting", pan)):
        tag = f"{cfg.seed_words}/{cfg.max_gap_words}/{cfg.min_passage_words}"
        methods[f"samestory, {label} ({tag})"] = ours(cfg)
        if not args.no_peer:
            methods[f"peer difflib, {label} ({tag})"] = partial(
                difflib_aligner, min_block=cfg.seed_words, max_gap=cfg.max_gap_words, min_words=cfg.min_passage_words
            )
    print(f"machine: {machine()}; commit {git_rev()}")
    print(f"pairs: {len(pairs)} scored of {n_listed} listed; {sum(len(cases[p]) for p in pairs)} cases")
    results: dict[str, list[tuple[list[Case], list[Case]]]] = {m: [] for m in methods}
    times: dict[str, list[float]] = {m: [] for m in methods}
    for f in methods.values():  # warm-up (imports, regex compilation)
        f("warm up text " * 10, "warm up text " * 10)
    for susp_name, src_name in pairs:
        susp, src = read(PAN / "susp" / susp_name), read(PAN / "src" / src_name)
        ia, ib = nonspace_index(susp), nonspace_index(src)
        truth = [
            (
                (ia[r["this_offset"]], ia[r["this_offset"] + r["this_length"]]),
                (ib[r["source_offset"]], ib[r["source_offset"] + r["source_length"]]),
            )
            for r in cases[(susp_name, src_name)]
        ]
        for name, f in methods.items():
            t = time.perf_counter()
            found = f(susp, src)
            times[name].append(time.perf_counter() - t)
            dets = [((ia[a0], ia[a1]), (ib[b0], ib[b1])) for (a0, a1), (b0, b1) in found]
            results[name].append((truth, dets))
    print()
    print("seed_words/max_gap_words/min_passage_words in brackets")
    print(f"  {'method':<48} {'prec':>6} {'rec':>6} {'gran':>6} {'plagdet':>8} {'dets':>5} {'ms/pair':>8}")
    for name in methods:
        m = pan_measures(results[name])
        print(
            f"  {name:<48} {m['precision']:6.4f} {m['recall']:6.4f} {m['granularity']:6.4f} {m['plagdet']:8.4f}"
            f" {m['detections']:5d} {median(times[name]) * 1000:8.2f}"
        )


if __name__ == "__main__":
    main()
