"""Throughput and memory of ``samestory score-pairs`` on the first pairs of SemEval-2022 Task 8.

    python benchmarks/score_pairs_speed.py [--pairs 300] [--runs 3]

* the command, end to end: ``samestory score-pairs HEAD.csv -o OUT.csv`` in a new process
  (interpreter start, imports, model loads, reading, analysis, embedding, comparison, writing),
  with ``--n-process 1`` and ``--n-process 2``; pairs/s from the wall time around the process,
  median of ``--runs``. HEAD.csv is the first ``--pairs`` rows of ``pairs.csv`` as they are,
  label columns included (the command ignores them);
* memory of the whole process tree (the command, its analysis workers and its embedding child),
  sampled every 250 ms from /proc during each run (the sampling costs about 2% of one core): the
  peak of the summed PSS (proportional set size: pages the forked children share copy-on-write
  count once; the real footprint), the peak of the summed RSS (shared pages counted in every
  process: an upper bound), and the largest single process (what ``/usr/bin/time -f %M`` or
  ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` report; neither adds processes up);
* the peer, in the same run: the stages alone on the same distinct articles (per batch of 64
  pairs, as the command takes them), in this process with every model already loaded: the
  analysis in 1 and 2 processes, the embedding (and its parts: the e5 leads; USE with its
  article passes in int8, the default, and in float32, the encoder's own arithmetic), the
  comparison of every pair. What the command costs beyond them is its overhead (cold start,
  batching, inter-process transfer).

BLAS is kept to one thread here as the command keeps it (see ``samestory.cli.main``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import SHARED, git_rev, machine, median, need

PAIRS = SHARED / "data/semeval2022-task8/pairs.csv"
BIN = Path(sys.executable).parent
BATCH = 64


def write_head(n: int, dest: Path) -> int:
    """The header and the first ``n`` records of pairs.csv (records may span lines)."""
    csv.field_size_limit(10_000_000)
    with PAIRS.open(newline="", encoding="utf-8") as src, dest.open("w", newline="", encoding="utf-8") as out:
        reader, writer = csv.reader(src), csv.writer(out)
        writer.writerow(next(reader))
        count = 0
        for row in reader:
            if count == n:
                break
            writer.writerow(row)
            count += 1
    return count


def _tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB, from smaps_rollup."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class TreeMemory:
    """Peaks of the summed PSS, the summed RSS and the largest RSS of a process tree, sampled."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        self.pid, self.every = pid, every
        self.pss = self.rss = self.largest = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        tick = 0
        while not self._stop.is_set():
            if tick % 4 == 0:  # scanning /proc for the tree costs more than reading the sizes
                pids = _tree(self.pid)
            tick += 1
            sizes = [_memory(p) for p in pids]
            self.rss = max(self.rss, sum(r for r, _ in sizes))
            self.pss = max(self.pss, sum(p for _, p in sizes))
            self.largest = max([self.largest, *(r for r, _ in sizes)])
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_command(head: Path, out: Path, n_process: int) -> tuple[float, dict, TreeMemory]:
    cmd = [str(BIN / "samestory"), "score-pairs", str(head), "-o", str(out), "--n-process", str(n_process), "--json"]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mem = TreeMemory(proc.pid)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t
    mem.stop()
    if proc.returncode != 0:
        sys.exit(f"score-pairs failed ({proc.returncode}): {stderr.strip()[-500:]}")
    return wall, json.loads(stdout), mem


EMBEDDING = "embedding alone (1 process)"


def stage_times(head: Path, runs: int) -> tuple[int, int, list[tuple[str, float]]]:
    """The stages alone, warm, on the distinct articles of each batch of pairs (median of ``runs``)."""
    from itertools import islice

    from samestory.analyze.pipeline import Analyzer
    from samestory.api import Samestory
    from samestory.compare import Side
    from samestory.config import AnalyzeConfig, Settings
    from samestory.embed import embed_articles
    from samestory.ingest.pairs import PairRecord, iter_pairs

    records = [r for r in iter_pairs(head) if isinstance(r, PairRecord)]
    articles, pairs = [], []
    it = iter(records)
    while batch := list(islice(it, BATCH)):
        distinct: dict = {}
        for rec in batch:
            a, b = rec.articles()
            distinct.setdefault((a.id, a.language), a)
            distinct.setdefault((b.id, b.language), b)
            pairs.append(((a.id, a.language), (b.id, b.language)))
        articles.extend(distinct.values())

    def timed(fn) -> float:
        fn()  # warm: models loaded, workers started
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return median(times)

    rows = []
    for n_process in (1, 2):
        with Analyzer(AnalyzeConfig(n_process=n_process)) as analyzer:
            rows.append(
                (f"analysis alone, {n_process} process(es)", timed(lambda a=analyzer: list(a.analyze_many(articles))))
            )
    ss = Samestory(Settings())
    titles, texts = [a.title for a in articles], [a.text for a in articles]
    rows.append((EMBEDDING, timed(lambda: embed_articles(ss.encoder, titles, texts))))
    second = getattr(ss.encoder, "lead_encoder", None)
    if second is not None:  # its share of the embedding
        from samestory.embed.vectors import lead_of

        leads = [lead_of(t) for t in texts]
        rows.append((f"  of which the leads by {second.name}", timed(lambda: second.encode(leads))))
    # USE's pass over each article in int8 (the default) and in the encoder's own float arithmetic
    from samestory.config import EmbedConfig
    from samestory.embed import make_encoder

    for precision in ("int8", "float32"):
        use = make_encoder(EmbedConfig(lead_encoder="none", precision=precision))
        label = f"  of which USE, {precision}" if precision == "int8" else "  USE in float32 instead (peer)"
        rows.append((label, timed(lambda u=use: embed_articles(u, titles, texts))))
    analyses = ss.analyze(articles)
    vectors = embed_articles(ss.encoder, titles, texts)
    sides = {(a.id, a.language): Side(a, an, v) for a, an, v in zip(articles, analyses, vectors)}
    rows.append(("comparison alone", timed(lambda: [ss.compare_prepared(sides[x], sides[y]) for x, y in pairs])))
    return len(records), len(articles), rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=300, help="first N pairs of pairs.csv (default 300)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    need(PAIRS)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads, as the command does
    print(f"machine: {machine()}; commit {git_rev()}")
    with tempfile.TemporaryDirectory() as tmp:
        head, out = Path(tmp) / "head.csv", Path(tmp) / "scores.csv"
        n = write_head(args.pairs, head)
        print(f"data: first {n} pairs of {PAIRS.name}; {args.runs} runs, median")
        print()
        print("the command, end to end (cold start included)")
        print(f"  {'':<34} {'seconds':>8} {'pairs/s':>8} {'PSS sum':>9} {'RSS sum':>9} {'largest':>9}")
        for n_process in (1, 2):
            results = [run_command(head, out, n_process) for _ in range(args.runs)]
            wall = median([w for w, _, _ in results])
            assert all(s["pairs"] == n and s["rejected"] == 0 for _, s, _ in results)
            pss = max(m.pss for _, _, m in results) / 1024
            rss = max(m.rss for _, _, m in results) / 1024
            largest = max(m.largest for _, _, m in results) / 1024
            label = f"score-pairs --n-process {n_process}"
            print(f"  {label:<34} {wall:8.2f} {n / wall:8.1f} {pss:7.0f}MB {rss:7.0f}MB {largest:7.0f}MB")
        print()
        n_pairs, n_articles, rows = stage_times(head, args.runs)
        print(f"peer: the stages alone, warm, on the {n_articles} distinct articles of the {n_pairs} pairs")
        print(f"  {'':<46} {'seconds':>8} {'pairs/s':>8}")
        for what, secs in rows:
            print(f"  {what:<46} {secs:8.2f} {n_pairs / secs:8.1f}")
        t = dict(rows)
        serial = t["analysis alone, 1 process(es)"] + t[EMBEDDING] + t["comparison alone"]
        overlap = max(t["analysis alone, 1 process(es)"] + t["comparison alone"], t[EMBEDDING])
        print(f"  {'sum of the stages, one after another':<46} {serial:8.2f} {n_pairs / serial:8.1f}")
        print(f"  {'2 cores at best: max(analysis+compare, embed)':<46} {overlap:8.2f} {n_pairs / overlap:8.1f}")


if __name__ == "__main__":
    main()
