"""Batch stories with ``--engine spark`` against ``--engine local``: the same stories, and the time.

    python benchmarks/stories_spark.py [--sizes 11109,50000] [--master local[2]] [--runs 3]

Inputs: GoogleNews-TS (11,109 items, ``../shared/data/googlenews-clusters``, its tuned batch
threshold 0.03) and, for the larger sizes, the synthetic stream of ``stories_stream.py`` (real
articles recurring with 10% of their words dropped; threshold 0.2, the default). Features are
computed once; each engine then clusters them (``BatchClusterer``), ``--runs`` times, and the
median is printed with the spread. Spark runs at ``--master`` in a session started before the
clock (a JVM start is 10-20 s and is paid once per command); on one machine it pays for
shipping the term matrices to its Python workers, so the figure to read here is that the stories
are identical and what the overhead is, not a speed-up: the engine exists for corpora whose
neighbour search needs more cores than one machine has.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from _common import SHARED, git_rev, machine, need

GN = SHARED / "data/googlenews-clusters/GoogleNews-TS.jsonl"


def googlenews() -> list[dict]:
    need(GN)
    rows = [json.loads(line) for line in GN.open(encoding="utf-8")]
    return [{"id": str(k), "text": r["text"]} for k, r in enumerate(rows)]  # as stories_googlenews.py


def synthetic(n: int) -> list[dict]:
    from stories_stream import stream

    return [{**r, "published": r["published"].isoformat()} for r in stream(n, 3000)]


def timed(fn, runs: int) -> tuple[list, list[float]]:
    out, secs = None, []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        secs.append(time.perf_counter() - t0)
    return out, secs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="11109,50000", help="11109: GoogleNews-TS; other sizes: the synthetic stream")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    from samestory.config import StoriesConfig
    from samestory.spark.session import spark_session
    from samestory.stories import FeatureExtractor
    from samestory.stories.batch import BatchClusterer

    spark, _ = spark_session(args.master)
    print(f"# batch stories, local vs spark at {args.master}, commit {git_rev()}, {machine()}\n")
    print(
        "| input | articles | stories | local s (median, range) | spark s (median, range) | spark / local "
        "| same stories |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        if size == 11109:
            name, recs, threshold = "GoogleNews-TS", googlenews(), 0.03
        else:
            name, recs, threshold = "synthetic stream", synthetic(size), 0.2
        local_cfg = StoriesConfig(mode="batch", threshold=threshold)
        spark_cfg = StoriesConfig(mode="batch", threshold=threshold, engine="spark", spark_master=args.master)
        feats = FeatureExtractor(local_cfg).extract(recs)
        local, lt = timed(lambda: BatchClusterer(config=local_cfg).cluster(feats), args.runs)  # noqa: B023
        remote, st = timed(lambda: BatchClusterer(config=spark_cfg).cluster(feats), args.runs)  # noqa: B023
        lm, sm = statistics.median(lt), statistics.median(st)
        print(
            f"| {name} | {len(feats):,} | {len(set(local)):,} | {lm:.1f} ({min(lt):.1f}-{max(lt):.1f}) | "
            f"{sm:.1f} ({min(st):.1f}-{max(st):.1f}) | {sm / lm:.2f} | {'yes' if local == remote else '**no**'} |",
            flush=True,
        )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
