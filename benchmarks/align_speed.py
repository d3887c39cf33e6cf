"""Speed of ``samestory align`` on the example pair in ../shared/examples (issue 4: under 10 ms).

  python benchmarks/align_speed.py [--runs 5] [--repeat 300]

* warm, per call (median of ``--repeat`` calls on two articles already read): the whole pair
  alignment ``Samestory.align`` (language, sentences, passages, word edits, unshared sentences,
  derivation, provenance with its reasons), the same plus its JSON, and ``align_texts`` alone;
  the peer, in the same run, is a plain word-level ``difflib.SequenceMatcher`` over the two texts
  (matching blocks only, no edits, no provenance);
* cold: the whole ``samestory align A B --json`` command in a new process, median of ``--runs``,
  beside a bare ``python -c pass``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _common import EXAMPLES, git_rev, machine, median, need

A = EXAMPLES / "000_5276c77493c331da.txt"
B = EXAMPLES / "001_d43fbdc6512c7328.txt"
BIN = Path(sys.executable).parent


def wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def per_call(fn: Callable[[], object], repeat: int) -> float:
    for _ in range(3):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=300)
    args = ap.parse_args()
    need(A)
    from samestory.align import align_texts
    from samestory.api import Samestory

    print(f"machine: {machine()}; commit {git_rev()}")
    app = Samestory()
    a, b = app.read(A), app.read(B)
    r = app.align(a, b)
    print(f"example pair: {len(r.alignment.passages)} passages, A {len(a.text):,} chars, B {len(b.text):,} chars")
    words = re.compile(r"\w+")
    wa, wb = words.findall(a.text.lower()), words.findall(b.text.lower())

    def peer() -> object:
        return difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()

    print(f"\nwarm, per call (median of {args.repeat})")
    rows = [
        ("samestory align: whole pair alignment (Samestory.align)", lambda: app.align(a, b)),
        ("  the same, with its JSON", lambda: json.dumps(app.align(a, b).to_dict())),
        ("  align_texts alone (passages and edits)", lambda: align_texts(a.text, b.text)),
        ("peer: difflib.SequenceMatcher on the words, matching blocks only", peer),
    ]
    for name, fn in rows:
        print(f"  {name:<66} {per_call(fn, args.repeat) * 1000:8.2f} ms")

    print(f"\ncold start, whole process (median of {args.runs})")
    cmd = [str(BIN / "samestory"), "align", str(A), str(B), "--json"]
    for name, c in [("samestory align A B --json", cmd), ("floor: python -c pass", [sys.executable, "-c", "pass"])]:
        print(f"  {name:<66} {median([wall(c) for _ in range(args.runs)]):8.2f} s")


if __name__ == "__main__":
    main()
