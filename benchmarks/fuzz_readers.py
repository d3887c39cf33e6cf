"""Fuzz the readers and the analysis at scale: how many hostile inputs were tried, how they ended,
and the worst time and memory per input.

  python benchmarks/fuzz_readers.py [--inputs 5000] [--seed 0] [--analyze-every 10] [--max-chars 200000]
                                   [--time-limit 60]

Each input is a file from ``tests/fuzz/fuzz_inputs.make_input`` (random bytes; scrapes, JSON
Lines, CSV and HTML truncated, corrupted, legacy- or mixed-encoded, with zero-width and bidi
controls), read with ``iter_articles`` as ``samestory ingest`` reads it; the articles of every
``--analyze-every``-th input go through the full analysis (real models). Every article and span
is checked with the test invariants; any other exception is a failure, printed with its seed.
Then the fixed pathological inputs (5 MB single line, 100k tiny sentences, HTML nested 10,000
deep, JSON nested 100,000 deep) are timed one by one with the peak RSS after each; one whose
analysis runs over ``--time-limit`` (``[analyze] time_limit``) is rejected, as the CLI rejects it.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import collections  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402

from _common import ROOT, git_rev, machine  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "fuzz"))
from fuzz_inputs import check_analysis, check_item, make_input  # noqa: E402

from samestory.analyze.pipeline import Analyzer  # noqa: E402
from samestory.config import AnalyzeConfig, IngestConfig  # noqa: E402
from samestory.errors import AnalysisTimeout  # noqa: E402
from samestory.ingest import iter_articles  # noqa: E402
from samestory.ingest.article import Article  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


PATHOLOGICAL = {
    "5 MB single line (.txt)": ("a.txt", ("word " * 1_000_000)[: 5_000_000 - 10].encode()),
    "100k tiny sentences (.txt)": ("a.txt", ("A b. " * 100_000).encode()),
    "HTML nested 10,000 deep": (
        "a.html",
        (
            "<!doctype html><html><body>"
            + "<div>" * 10_000
            + "<p>The council approved the new bridge on Monday after a long debate.</p>"
            + "</div>" * 10_000
            + "</body></html>"
        ).encode(),
    ),
    "JSON nested 100,000 deep (.jsonl)": ("a.jsonl", b"[" * 100_000),
    "zero-width and RTL controls, 1 MB": (
        "a.txt",
        ("The \u200bcouncil\u200d \u202eapproved\u202c the \u2067bridge\u2069 on Monday. " * 16_000).encode(),
    ),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inputs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--analyze-every", type=int, default=10, help="analyse the articles of every Nth input")
    ap.add_argument("--max-chars", type=int, default=AnalyzeConfig().max_chars, help="AnalyzeConfig.max_chars")
    ap.add_argument("--time-limit", type=float, default=AnalyzeConfig().time_limit, help="AnalyzeConfig.time_limit")
    args = ap.parse_args()
    print(f"# {machine()}; samestory {git_rev()}; max_chars {args.max_chars}, time_limit {args.time_limit:g} s")
    analyzer = Analyzer(AnalyzeConfig(max_chars=args.max_chars, time_limit=args.time_limit))
    analyzer.warm_up()
    tmp = Path(tempfile.mkdtemp(prefix="fuzz-"))
    # the HTML extractor and the encoding detector are imported on first use: not a cost per input
    (tmp / "warm.html").write_text("<!doctype html><html><body><p>Warm up the extractor.</p></body></html>")
    (tmp / "warm.txt").write_bytes("Прогрев детектора кодировок.".encode("cp1251"))
    for item in iter_articles([tmp / "warm.html", tmp / "warm.txt"]):
        if isinstance(item, Article):
            analyzer.analyze(item)
    print(f"models loaded, RSS {rss_mb():.0f} MB")
    outcomes: collections.Counter[str] = collections.Counter()
    failures = 0
    worst_read = worst_an = (0.0, -1)
    analysed = 0
    t_start = time.perf_counter()
    for i in range(args.inputs):
        seed = args.seed * 1_000_003 + i
        name, data = make_input(random.Random(seed))
        path = tmp / name
        path.write_bytes(data)
        try:
            t0 = time.perf_counter()
            items = list(iter_articles([path], IngestConfig(max_bytes=20_000)))
            dt = time.perf_counter() - t0
            worst_read = max(worst_read, (dt, seed))
            for item in items:
                check_item(item)
                outcomes["article" if isinstance(item, Article) else f"rejected:{item.reason}"] += 1
            if i % args.analyze_every == 0:
                for item in items:
                    if isinstance(item, Article):
                        t0 = time.perf_counter()
                        an = analyzer.analyze(item)
                        dt = time.perf_counter() - t0
                        worst_an = max(worst_an, (dt, seed))
                        check_analysis(item.text[: args.max_chars], an)
                        analysed += 1
        except Exception:  # every failure is reported with the seed that reproduces it
            failures += 1
            print(f"FAILED seed {seed} ({name}, {len(data)} bytes):", file=sys.stderr)
            traceback.print_exc()
        path.unlink(missing_ok=True)
        if (i + 1) % 1000 == 0:
            print(f"  {i + 1} inputs, {time.perf_counter() - t_start:.0f} s, RSS {rss_mb():.0f} MB", flush=True)
    print(f"inputs tried: {args.inputs} (seed {args.seed}); failures: {failures}")
    print(f"results: {dict(sorted(outcomes.items()))}")
    print(f"articles analysed: {analysed}")
    print(f"max read time per input: {worst_read[0] * 1000:.1f} ms (seed {worst_read[1]})")
    print(f"max analysis time per article: {worst_an[0] * 1000:.1f} ms (seed {worst_an[1]})")
    print(f"peak RSS after the random inputs: {rss_mb():.0f} MB")
    print("pathological inputs (read with the default 5 MB limit, then analysed up to max_chars):")
    for label, (name, data) in PATHOLOGICAL.items():
        path = tmp / name
        path.write_bytes(data)
        t0 = time.perf_counter()
        items = list(iter_articles([path]))
        read_s = time.perf_counter() - t0
        an_s = 0.0
        kinds_seen = set()
        for item in items:
            check_item(item)
            if isinstance(item, Article):
                t0 = time.perf_counter()
                try:
                    check_analysis(item.text[: args.max_chars], analyzer.analyze(item))
                    kinds_seen.add("article")
                except AnalysisTimeout:
                    kinds_seen.add("rejected:time-limit")
                an_s += time.perf_counter() - t0
            else:
                kinds_seen.add(f"rejected:{item.reason}")
        kinds = ", ".join(sorted(kinds_seen))
        print(f"  {label}: read {read_s:.2f} s, analysis {an_s:.2f} s, {kinds}; peak RSS {rss_mb():.0f} MB", flush=True)
        path.unlink()
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
