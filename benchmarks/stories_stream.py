"""Online story clustering throughput on a synthetic stream: articles/s and peak memory.

    python benchmarks/stories_stream.py [--articles 200000] [--encoder use] [--per-day 3000]
                                        [--window-days DAYS]

The stream is made from real articles: the 100 full texts of news-story-chains and the distinct
texts of SemEval-2022 Task 8 ``pairs.csv`` (title + body cut to ~250 tokens, ten languages).
Each synthetic article copies one of them, drawn uniformly at random, drops about 10% of its
words at random (so copies are near-duplicates, not identical) and gets a new id and a
publication day, ``--per-day`` articles a day. With 3,768 sources and 3,000 articles a day every
source recurs about every 1.3 days, so its story never ends: the hard case for a window, which
must then bound memory by expiring articles, not stories.

The clock runs from the first record to the last assignment, feature computation (hashed terms,
MinHash, with ``--encoder`` also title+lead vectors) included, in one process.

``--ingest`` measures the whole product instead: the stream is written to JSON Lines files
(0-10k, 10k-50k, 50k-200k; writing is not timed) and each is given to ``samestory ingest FILE
--online --db sqlite:///...`` in turn, as a feed arriving in batches would be: reading, language
detection, storing, features, online clustering and the committed clusterer state, each file in
a new process. The peak memory is the largest child's ``ru_maxrss``; ``samestory stats`` then
checks that every article is stored once. Printed at 10k,
50k and 200k articles: the overall rate, the rate since the previous mark (flat when the cost
per article does not grow with the stream), the peak resident memory (``ru_maxrss``), the live
window (articles and stories still indexed) and the load average (the machine may be shared).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import time
from datetime import date, timedelta

from _common import SHARED, git_rev, machine, story_chain_articles

SEMEVAL = SHARED / "data/semeval2022-task8/pairs.csv"
CHECKPOINTS = (10_000, 50_000, 200_000)
CHUNK = 256


def sources() -> list[tuple[str, str]]:
    """(title, text) of the real articles the stream is made of."""
    out = [(a.title or "", a.text) for a in story_chain_articles()]
    seen = set()
    csv.field_size_limit(1 << 30)
    with SEMEVAL.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for t in (row["text1"], row["text2"]):
                if t not in seen:
                    seen.add(t)
                    title, _, body = t.partition("\n")
                    out.append((title.strip(), body.strip() or title))
    return out


def stream(n: int, per_day: int, seed: int = 0):
    rng = random.Random(seed)
    base = sources()
    start = date(2024, 1, 1)
    for k in range(n):
        day = k // per_day
        # a source article recurs for about three days, then rests: stories come and go
        src = base[(rng.randrange(len(base)) + day // 3 * 7919) % len(base)]
        words = src[1].split()
        kept = [w for w in words if rng.random() > 0.1] or words
        yield {
            "id": f"s{k}",
            "title": src[0],
            "text": " ".join(kept),
            "published": start + timedelta(days=day),
            "outlet": f"outlet{rng.randrange(200)}",
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200_000)
    ap.add_argument("--per-day", type=int, default=3000)
    ap.add_argument("--encoder", default=None, help="use or hashing: also embed title+lead")
    ap.add_argument("--window-days", type=float, default=None, help="default: StoriesConfig's")
    ap.add_argument("--ingest", action="store_true", help="time `samestory ingest --online` into SQLite instead")
    ap.add_argument("--work-dir", default=None, help="--ingest: where the files and the store go (default: a temp dir)")
    args = ap.parse_args(argv)
    if args.ingest:
        return ingest_run(args)
    from samestory.config import StoriesConfig
    from samestory.stories import FeatureExtractor
    from samestory.stories.online import OnlineClusterer

    cfg = StoriesConfig(encoder=args.encoder)
    if args.window_days is not None:
        cfg = StoriesConfig(encoder=args.encoder, window_days=args.window_days)
    extractor = FeatureExtractor(cfg)
    if args.encoder:
        extractor.encoder.encode(["warm up"])  # model load is not throughput
    clusterer = OnlineClusterer(config=cfg)
    print(f"# synthetic stream, commit {git_rev()}, {machine()}")
    print(f"# {args.per_day} articles a day, encoder {args.encoder or 'none'}, window {cfg.window_days} days\n")
    print(
        "| articles | seconds | articles/s | since last mark | features s | clustering s | peak RSS MB "
        "| live articles | live stories | load avg 1 min |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    marks = [c for c in CHECKPOINTS if c <= args.articles] or [args.articles]
    t0 = time.perf_counter()
    feat_s = clu_s = 0.0
    pending = []
    done = 0
    last_done, last_secs = 0, 0.0
    for rec in stream(args.articles, args.per_day):
        pending.append(rec)
        if len(pending) < CHUNK and done + len(pending) not in marks:
            continue
        t1 = time.perf_counter()
        feats = extractor.extract(pending)
        t2 = time.perf_counter()
        for f in feats:
            clusterer.add(f)
        t3 = time.perf_counter()
        feat_s += t2 - t1
        clu_s += t3 - t2
        done += len(pending)
        pending = []
        if done in marks:
            secs = time.perf_counter() - t0
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            since = (done - last_done) / (secs - last_secs)
            last_done, last_secs = done, secs
            print(
                f"| {done:,} | {secs:.1f} | **{done / secs:.1f}** | {since:.1f} | {feat_s:.1f} | {clu_s:.1f} | "
                f"{rss:.0f} | {clusterer.live_articles():,} | {clusterer.live_stories():,} | "
                f"{os.getloadavg()[0]:.2f} |",
                flush=True,
            )
    labels = clusterer.labels()
    print(f"\n{len(set(labels)):,} stories, {clusterer.merges:,} merges")
    return 0


def ingest_run(args: argparse.Namespace) -> int:
    import json
    import subprocess
    import tempfile
    from pathlib import Path

    work = Path(args.work_dir or tempfile.mkdtemp(prefix="stories-stream-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "stream.db"
    db.unlink(missing_ok=True)
    marks = [c for c in CHECKPOINTS if c <= args.articles] or [args.articles]
    files, start, it = [], 0, stream(args.articles, args.per_day)
    for mark in marks:
        path = work / f"stream-{start}-{mark}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for _ in range(mark - start):
                rec = next(it)
                rec["published"] = rec["published"].isoformat()
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        files.append((mark, path))
        start = mark
    extra = ["--encoder", args.encoder] if args.encoder else []
    if args.window_days is not None:
        extra += ["--window-days", str(args.window_days)]
    print(f"# synthetic stream through `samestory ingest --online`, commit {git_rev()}, {machine()}")
    print(f"# {args.per_day} articles a day, encoder {args.encoder or 'none'}, store {db}\n")
    print(
        "| articles | seconds | articles/s | this file's articles/s | peak RSS MB (largest run) | stories "
        "| load avg 1 min |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    total, done = 0.0, 0
    cli = [sys.executable, "-m", "samestory.cli"]
    for mark, path in files:
        t0 = time.perf_counter()
        r = subprocess.run(
            [*cli, "ingest", str(path), "--online", "--db", f"sqlite:///{db}", "--json", *extra],
            capture_output=True,
            text=True,
        )
        secs = time.perf_counter() - t0
        if r.returncode != 0:
            print(r.stderr[-2000:], file=sys.stderr)
            return 1
        total += secs
        rate = (mark - done) / secs
        done = mark
        stats = json.loads(
            subprocess.run(
                [*cli, "stats", "--db", f"sqlite:///{db}", "--json"], capture_output=True, text=True, check=True
            ).stdout
        )
        assert stats["articles"] == mark, stats
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"| {mark:,} | {total:.1f} | **{mark / total:.1f}** | {rate:.1f} | {rss:.0f} | {stats['stories']:,} | "
            f"{os.getloadavg()[0]:.2f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
