"""Passage alignment on PAN 2013 text alignment, "no obfuscation" part (../shared/data/pan13-verbatim).

    python benchmarks/align_pan.py [--limit N] [--pan-min-passage-words 20] [--no-peer] [--char-peer] [--no-cli]

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

In the same run, the peers, plain difflib aligners:

* words: word-level ``SequenceMatcher`` (autojunk off): take the longest match, recurse on the
  text left of it and right of it on both sides (what ``get_matching_blocks`` does), keep blocks
  of at least ``seed_words`` words, join consecutive blocks whose gaps are at most
  ``max_gap_words`` words on both sides, keep passages of at least ``min_passage_words`` matched
  words: the same thresholds as ours, in both settings. It is monotone (no crossing matches), so
  it misses a second case copied out of order;
* words, repeated: the same, run again over the words left outside its passages (the pieces
  joined by a separator that matches nothing) until a round finds nothing new, which finds
  cases copied out of order;
* characters, repeated (only with ``--char-peer``: about 8 s a pair on average, so 45 minutes
  for the set): ``SequenceMatcher(None, a, b, autojunk=False)`` on the characters, with every
  run of whitespace read as one space first (PAN's copies are re-wrapped: a line break on one
  side where the other has a space; on the raw characters this peer scores about 0.33), the same
  recursion keeping matches of at least ``--char-min`` (50) characters, repeated over the
  unmatched characters until a round finds nothing; matches that follow each other on both sides
  within ``--char-join`` (50) characters are one detection (PAN's copies carry OCR-like slips,
  "rn" for "m", that would otherwise split a case).

And the real command line, once: ``samestory align --pairs PAIRS.tsv --json`` with the PAN setting
on a TSV of all the scored pairs, in a new process; its output is scored like the rest and its
time per pair is the whole process's wall time (start, reading and decoding the files, JSON out)
divided by the number of pairs.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import os
import re
import subprocess
import sys
import tempfile
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


def _recursive_blocks(a: Sequence, b: Sequence, min_size: int) -> list[tuple[int, int, int]]:
    """Longest match, then recurse left and right of it on both sides; blocks of >= min_size."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        if ahi - alo < min_size or bhi - blo < min_size:
            continue
        i, j, k = sm.find_longest_match(alo, ahi, blo, bhi)
        if k >= min_size:
            blocks.append((i, j, k))
            stack.append((alo, i, blo, j))
            stack.append((i + k, ahi, j + k, bhi))
    return blocks


def _leftover(seq: Sequence, taken: bytearray, gap: object) -> tuple[list, list[int]]:
    """The items outside ``taken``, a ``gap`` between pieces, and each one's original index."""
    out: list = []
    where: list[int] = []
    prev = -2
    for k, item in enumerate(seq):
        if taken[k]:
            continue
        if k != prev + 1 and out:
            out.append(gap)
            where.append(-1)
        out.append(item)
        where.append(k)
        prev = k
    return out, where


def _join(blocks: list[tuple[int, int, int]], max_gap: int, min_matched: int) -> list[list[int]]:
    """Blocks that follow each other on both sides within ``max_gap`` joined; [i0, j0, i1, j1, matched]."""
    out = []
    cur: list[int] | None = None
    for i, j, k in sorted(blocks):
        if cur and 0 <= i - cur[2] <= max_gap and 0 <= j - cur[3] <= max_gap:
            cur[2], cur[3], cur[4] = i + k, j + k, cur[4] + k
            continue
        if cur and cur[4] >= min_matched:
            out.append(cur)
        cur = [i, j, i + k, j + k, k]
    if cur and cur[4] >= min_matched:
        out.append(cur)
    return out


def difflib_aligner(
    a: str, b: str, *, min_block: int = 3, max_gap: int = 12, min_words: int = 6, repeat: bool = False
) -> list[tuple[Span, Span]]:
    ma, mb = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    wa, wb = [m.group().lower() for m in ma], [m.group().lower() for m in mb]
    out = _join(_recursive_blocks(wa, wb, min_block), max_gap, min_words)
    while repeat:
        taken_a, taken_b = bytearray(len(wa)), bytearray(len(wb))
        for i0, j0, i1, j1, _ in out:
            taken_a[i0:i1] = b"\x01" * (i1 - i0)
            taken_b[j0:j1] = b"\x01" * (j1 - j0)
        ra, xa = _leftover(wa, taken_a, "\x00a")
        rb, xb = _leftover(wb, taken_b, "\x00b")
        blocks = [(xa[i], xb[j], k) for i, j, k in _recursive_blocks(ra, rb, min_block)]
        # a passage is joined in original positions, so it may not straddle words already taken
        new = [
            p
            for p in _join(blocks, max_gap, min_words)
            if not any(taken_a[p[0] : p[2]]) and not any(taken_b[p[1] : p[3]])
        ]
        if not new:
            break
        out += new
    return [((ma[i0].start(), ma[i1 - 1].end()), (mb[j0].start(), mb[j1 - 1].end())) for i0, j0, i1, j1, _ in out]


_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` with each whitespace run as one space, and each character's original offset."""
    out: list[str] = []
    where: list[int] = []
    last = 0
    for m in _SPACE.finditer(text):
        out.append(text[last : m.start()])
        where.extend(range(last, m.start()))
        out.append(" ")
        where.append(m.start())
        last = m.end()
    out.append(text[last:])
    where.extend(range(last, len(text)))
    return "".join(out), where


def char_difflib_aligner(a: str, b: str, *, min_chars: int = 50, join_chars: int = 50) -> list[tuple[Span, Span]]:
    """The character-level peer: recursive difflib matches of >= min_chars, repeated over the
    unmatched characters; matches within join_chars of each other on both sides joined."""
    na, xa = _squeeze(a)
    nb, xb = _squeeze(b)
    blocks = _recursive_blocks(na, nb, min_chars)
    while True:
        taken_a, taken_b = bytearray(len(na)), bytearray(len(nb))
        for i, j, k in blocks:
            taken_a[i : i + k] = b"\x01" * k
            taken_b[j : j + k] = b"\x01" * k
        ra, wa = _leftover(na, taken_a, "\x00")
        rb, wb = _leftover(nb, taken_b, "\x01")
        new = [(wa[i], wb[j], k) for i, j, k in _recursive_blocks("".join(ra), "".join(rb), min_chars)]
        if not new:
            break
        blocks += new
    return [((xa[i0], xa[i1 - 1] + 1), (xb[j0], xb[j1 - 1] + 1)) for i0, j0, i1, j1, _ in _join(blocks, join_chars, 0)]


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


def cli_command() -> list[str]:
    """The installed ``samestory`` script next to this interpreter, else ``python -m samestory.cli``."""
    script = Path(sys.executable).with_name("samestory")
    return [str(script)] if script.exists() else [sys.executable, "-m", "samestory.cli"]


def run_cli(
    pairs: Sequence[tuple[str, str]], min_passage_words: int
) -> tuple[list[list[tuple[Span, Span]]], float, float]:
    """``samestory align --pairs`` on a TSV of the pairs, in a new process: each pair's detections,
    the wall time of the whole run, and of a run on an empty list (the start alone)."""
    cmd = [*cli_command(), "align", "--json", "--preset", "verbatim", "--min-passage-words", str(min_passage_words)]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    with tempfile.TemporaryDirectory() as tmp:
        tsv = Path(tmp) / "pan_pairs.tsv"
        tsv.write_text("".join(f"{PAN / 'susp' / a}\t{PAN / 'src' / b}\n" for a, b in pairs), encoding="utf-8")
        empty = Path(tmp) / "empty.tsv"
        empty.write_text("# no pairs\n", encoding="utf-8")
        t = time.perf_counter()
        subprocess.run([*cmd, "--pairs", str(empty)], capture_output=True, text=True, env=env, check=True)
        start = time.perf_counter() - t
        t = time.perf_counter()
        proc = subprocess.run([*cmd, "--pairs", str(tsv)], capture_output=True, text=True, env=env)
        wall = time.perf_counter() - t
    if proc.returncode != 0:
        print(f"samestory align --pairs exited with {proc.returncode}:\n{proc.stderr}", file=sys.stderr)
    got: dict[tuple[str, str], list[tuple[Span, Span]]] = {}
    for line in proc.stdout.splitlines():
        row = json.loads(line)
        got[(Path(row["a"]).name, Path(row["b"]).name)] = [
            ((p["a_start"], p["a_end"]), (p["b_start"], p["b_end"])) for p in row["passages"]
        ]
    return [got.get(p, []) for p in pairs], wall, start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="score only the first N pairs")
    ap.add_argument("--pan-min-passage-words", type=int, default=20, help="min_passage_words of the PAN setting")
    ap.add_argument("--no-peer", action="store_true", help="skip the word-level difflib peers")
    ap.add_argument(
        "--char-peer", action="store_true", help="also run the character-level difflib peer (about 8 s a pair)"
    )
    ap.add_argument("--no-cli", action="store_true", help="skip the run of samestory align --pairs")
    ap.add_argument("--char-min", type=int, default=50, help="shortest match the character peer keeps")
    ap.add_argument("--char-join", type=int, default=50, help="largest gap the character peer joins across")
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
            kw = {"min_block": cfg.seed_words, "max_gap": cfg.max_gap_words, "min_words": cfg.min_passage_words}
            methods[f"peer difflib words, {label} ({tag})"] = partial(difflib_aligner, **kw)
            methods[f"peer difflib words repeated, {label} ({tag})"] = partial(difflib_aligner, repeat=True, **kw)
    if args.char_peer:
        methods[f"peer difflib chars repeated (>={args.char_min}, join {args.char_join})"] = partial(
            char_difflib_aligner, min_chars=args.char_min, join_chars=args.char_join
        )
    print(f"machine: {machine()}; commit {git_rev()}")
    print(f"pairs: {len(pairs)} scored of {n_listed} listed; {sum(len(cases[p]) for p in pairs)} cases")
    cli_name = "samestory align --pairs, PAN setting (whole process)"
    cli_dets: list[list[tuple[Span, Span]]] = []
    if not args.no_cli:
        cli_dets, cli_wall, cli_start = run_cli(pairs, pan.min_passage_words)
    results: dict[str, list[tuple[list[Case], list[Case]]]] = {m: [] for m in methods}
    times: dict[str, list[float]] = {m: [] for m in methods}
    if cli_dets:
        results[cli_name] = []
    for f in methods.values():  # warm-up (imports, regex compilation)
        f("warm up text " * 10, "warm up text " * 10)
    for n, (susp_name, src_name) in enumerate(pairs):
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
        if cli_dets:
            results[cli_name].append(
                (truth, [((ia[a0], ia[a1]), (ib[b0], ib[b1])) for (a0, a1), (b0, b1) in cli_dets[n]])
            )
    print()
    print("seed_words/max_gap_words/min_passage_words in brackets; ms/pair: median (mean)")
    print(f"  {'method':<56} {'prec':>6} {'rec':>6} {'gran':>6} {'plagdet':>8} {'dets':>5} {'ms/pair':>16}")

    def row(name: str, ms: str) -> None:
        m = pan_measures(results[name])
        print(
            f"  {name:<56} {m['precision']:6.4f} {m['recall']:6.4f} {m['granularity']:6.4f} {m['plagdet']:8.4f}"
            f" {m['detections']:5d} {ms:>16}"
        )

    for name in methods:
        row(name, f"{median(times[name]) * 1000:.2f} ({sum(times[name]) / len(times[name]) * 1000:.2f})")
    if cli_dets:
        row(cli_name, f"({cli_wall / len(pairs) * 1000:.2f})")
        print(
            f"\n  {cli_name}: {cli_wall:.2f} s for {len(pairs)} pairs, of which {cli_start:.2f} s is the start of the"
            " process (a run on an empty list)"
        )


if __name__ == "__main__":
    main()
