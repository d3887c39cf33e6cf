"""Text reuse on news-story-chains: the reprints found, with no false pair among the negatives.

    python benchmarks/reuse_story_chains.py [--n-process 1] [--keep DIR]

The 100 articles of ``../shared/data/news-story-chains`` (June 2021, business and energy news)
are written as passim's input shape, JSON Lines with ``id`` (the URL), ``series`` (the outlet,
``outlet_from_url``: pv-magazine's regional editions are one outlet), ``date`` and ``text``, to a
temporary directory. All 4,950 pairs are labelled 1 (same story chain, 88) or 0; the first
coder's labels are the truth, the second coder's are shown beside every flagged pair.

* **The command**, ``samestory reuse DIR --passim -o OUT --pairs-output PAIRS --json`` in a new
  process (wall time from start to exit). A pair is *found* when PAIRS has it (at least one
  passage of ``min_passage_words`` matched words). Pair precision: found pairs labelled 1 over
  found pairs; a found pair labelled 0 is a **false pair** (target 0), printed with its outlets
  and shared text. Recall over the 88 positives and over the reprints.
* **The all-pairs baseline**, in the same run: every pair aligned with the same kernel and
  settings (``LocalEngine.align`` over all 4,950 pairs), timed, so what the candidate index
  misses is visible. The pipeline's own run (``read_corpus`` + ``run_reuse``, what the command
  calls) is repeated in this process to check its output against the command's and to know the
  candidate pairs.
* **Reprints** are not labelled, so they are defined here: a positive pair is a reprint when the
  all-pairs alignment puts at least half of one article (the more-covered side, by characters,
  ``a_coverage``/``b_coverage`` of the pairs output) inside passages shared with the other: most
  of one article is the other's text. Counts at other coverage levels are printed too, and the
  level the README's 25 (not defined there) would need. The definition uses the same aligner, so
  recall over reprints measures the candidate index, not the aligner.
* **Variants**: the pipeline again in this process with ``--different-outlets``, ``--max-df``,
  ``--min-passage-words`` and ``--min-similarity`` changed, to see what each does to the false pairs and recall.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import tempfile
import time
from pathlib import Path

from _common import SHARED, git_rev, machine, need, story_chain_articles
from reuse_synthetic import all_pairs, run_command

LABELS = SHARED / "data/news-story-chains/hand_coded"
CODER1 = LABELS / "story_pairs-2021-06-29-coder1-gedikli.csv"
CODER2 = LABELS / "story_pairs-2021-06-29-coder2-unaware_student.csv"
REPRINT = 0.5  # share of the more-covered article inside shared passages
LEVELS = (0.0, 0.25, 0.5, 0.7, 0.8, 0.9)
Pair = frozenset  # of two URLs


def read_labels(path: Path) -> dict[Pair, int]:
    need(path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {Pair(row[:2]): int(row[2]) for row in csv.reader(fh, delimiter=";") if row}


def write_corpus(articles, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "story-chains.jsonl").open("w", encoding="utf-8") as fh:
        for a in articles:
            rec = {"id": a.url, "series": a.outlet, "date": a.published.isoformat(), "text": a.text}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def pair_records_by_key(records) -> dict[Pair, dict]:
    return {Pair((r["a"], r["b"])): r for r in records}


def coverage(rec: dict | None) -> float:
    return max(rec["a_coverage"], rec["b_coverage"]) if rec else 0.0


def key(p: Pair) -> tuple[str, ...]:
    return tuple(sorted(p))


def short(url: str, width: int = 58) -> str:
    s = url.split("://", 1)[-1].removeprefix("www.").rstrip("/")
    return s if len(s) <= width else s[: width - 1] + "…"


def in_process(corpus_dir: Path, **reuse):
    from samestory.config import FieldMap, IngestConfig, ReuseConfig
    from samestory.reuse import pair_records, read_corpus, run_reuse

    t = time.perf_counter()
    corpus = read_corpus([corpus_dir], IngestConfig(fields=FieldMap(outlet="series", published="date")))
    result = run_reuse(corpus, ReuseConfig(**reuse))
    return time.perf_counter() - t, corpus, result, list(pair_records(corpus, result.passages))


def scores(found: set[Pair], truth: dict[Pair, int], reprints: set[Pair]) -> str:
    pos = sum(truth[p] for p in found)
    n_pos = sum(truth.values())
    prec = f"{pos / len(found):.3f}" if found else "  -  "
    return (
        f"{len(found):>5} {pos:>5} {len(found) - pos:>5}  {prec:>5}  {pos:>3}/{n_pos} {pos / n_pos:.3f}"
        f"  {len(found & reprints):>3}/{len(reprints)} {len(found & reprints) / max(1, len(reprints)):.3f}"
    )


HEADER = f"{'':<34} {'pairs':>5} {'pos':>5} {'neg':>5}  {'P':>5}  {'R all':>9} {'':>5}  {'R reprints':>9}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n-process", type=int, default=1, help="worker processes (100 articles need no more)")
    ap.add_argument("--keep", metavar="DIR", help="write the corpus and outputs here instead of a temporary directory")
    args = ap.parse_args()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    print(f"machine: {machine()}; commit {git_rev()}; {args.n_process} process(es)")

    articles = story_chain_articles()
    truth, coder2 = read_labels(CODER1), read_labels(CODER2)
    outlet = {a.url: a.outlet for a in articles}
    assert len(truth) == len(articles) * (len(articles) - 1) // 2, "labels do not cover every pair"
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="story-chains-"))
    corpus_dir, out, pairs_out = root / "corpus", root / "out.jsonl", root / "pairs.jsonl"
    write_corpus(articles, corpus_dir)
    print(
        f"data: {len(articles)} articles, {len(set(outlet.values()))} outlets; {len(truth):,} pairs, "
        f"{sum(truth.values())} labelled same story chain (coder 1), {sum(coder2.values())} by coder 2, "
        f"{sum(truth[p] != coder2[p] for p in truth)} disagreements"
    )

    # The command, then the same pipeline in this process (its candidates, a check of the output).
    wall, summary, _ = run_command(corpus_dir, out, pairs_out, args.n_process, [])
    with pairs_out.open(encoding="utf-8") as fh:
        cli = pair_records_by_key(json.loads(line) for line in fh)
    secs, corpus, result, records = in_process(corpus_dir, n_process=args.n_process)
    same = pair_records_by_key(records) == cli
    ids = [d.id for d in corpus.docs]
    texts = {d.id: d.text for d in corpus.docs}
    candidates = {Pair((ids[a], ids[b])) for a, b in zip(result.candidates.a.tolist(), result.candidates.b.tolist())}

    # The all-pairs baseline: every pair through the same kernel.
    from samestory.reuse import pair_records

    secs_all, pp, n_pairs = all_pairs(corpus, args.n_process)
    every = pair_records_by_key(pair_records(corpus, pp))
    reprints = {p for p in truth if truth[p] and coverage(every.get(p)) >= REPRINT}
    found = set(cli)
    agree = all(every.get(p) == cli[p] for p in found)

    print(
        f"command: {wall:.2f} s wall (start to exit), summary {json.dumps(summary)}\n"
        f"in this process: {secs:.2f} s (stages: {', '.join(f'{k} {v:.3f} s' for k, v in result.seconds.items())}); "
        f"pairs output identical to the command's: {same}\n"
        f"all pairs: {n_pairs:,} pairs aligned in {secs_all:.2f} s ({n_pairs / secs_all:,.0f} pairs/s); "
        f"{len(every)} with a passage; the pipeline's passages equal the all-pairs ones for its pairs: {agree}"
    )

    print(f"\nreprints: positives whose all-pairs alignment covers >= {REPRINT:.0%} of the more-covered article")
    print(f"{'coverage >=':<14} {'positives':>9} {'negatives':>9} {'found by reuse':>15}")
    for level in LEVELS:
        hit = {p for p in every if coverage(every[p]) >= level} if level else set(every)
        pos = {p for p in hit if truth[p]}
        name = "any passage" if not level else f"{level:.2f}"
        mark = "  <- reprints" if level == REPRINT else ""
        print(f"{name:<14} {len(pos):>9} {len(hit) - len(pos):>9} {f'{len(pos & found)}/{len(pos)}':>15}{mark}")
    print(f"{'none':<14} {sum(truth.values()) - sum(truth[p] for p in every):>9}  (positives sharing no passage)")
    ranked = sorted((coverage(every[p]) for p in every if truth[p]), reverse=True)
    print(f"25 reprints (the README's count) would mean coverage >= {ranked[24]:.3f} (the 26th: {ranked[25]:.3f})")

    print(f"\n{HEADER}")
    print(f"{'samestory reuse (defaults)':<34} {scores(found, truth, reprints)}  {wall:.2f} s")
    print(f"{'all pairs, same aligner':<34} {scores(set(every), truth, reprints)}  {secs_all:.2f} s")
    print(f"{'  candidate pairs (index only)':<34} {scores(candidates, truth, reprints)}")
    variants = [
        ("--different-outlets", {"different_outlets": True}),
        ("--max-df 10", {"max_df": 10}),
        ("--max-df 5", {"max_df": 5}),
        ("--min-passage-words 10", {"min_passage_words": 10}),
        ("--min-passage-words 20", {"min_passage_words": 20}),
        ("--min-passage-words 25", {"min_passage_words": 25}),
        ("--min-similarity 0 (no filter)", {"min_similarity": 0.0}),
        ("--min-similarity 0.7", {"min_similarity": 0.7}),
        ("--min-similarity 0.8", {"min_similarity": 0.8}),
        ("--min-similarity 0.9", {"min_similarity": 0.9}),
    ]
    for name, change in variants:
        _, _, _, recs = in_process(corpus_dir, n_process=args.n_process, **change)
        print(f"{name:<34} {scores(set(pair_records_by_key(recs)), truth, reprints)}")

    missed = sorted((p for p in every if truth[p] and p not in found), key=lambda p: -coverage(every[p]))
    print(f"\npositives with a passage that the index missed: {len(missed)}")
    for p in missed:
        a, b = sorted(p)
        rec = every[p]
        longest = max(x["a_end"] - x["a_begin"] for x in rec["passages"])
        print(
            f"  {short(a)} | {short(b)}  coverage {coverage(rec):.3f}, {len(rec['passages'])} passage(s), "
            f"longest {longest} chars, candidate: {p in candidates}"
        )

    false_pairs = sorted((p for p in found if not truth[p]), key=key)
    print(f"\nfalse pairs (found, labelled 0 by coder 1): {len(false_pairs)}")
    for p in false_pairs:
        rec = cli[p]
        a, b = rec["a"], rec["b"]
        via = [c for c in outlet if c not in p and truth.get(Pair((a, c))) and truth.get(Pair((b, c)))]
        print(
            f"  {short(a, 100)} ({rec['a_series']}, {rec['a_date']})\n  {short(b, 100)} ({rec['b_series']}, "
            f"{rec['b_date']})\n    coverage {rec['a_coverage']:.3f} / {rec['b_coverage']:.3f}; coder 2 label: "
            f"{coder2[p]}; articles coder 1 puts in the same chain as both: {len(via)}"
        )
        for c in via:
            print(f"      {short(c, 100)}")
        for x in rec["passages"]:
            print(f"    similarity {x['similarity']:.3f}")
            print(f"      a: {texts[a][x['a_begin'] : x['a_end']]!r}")
            print(f"      b: {texts[b][x['b_begin'] : x['b_end']]!r}")
    best = sorted(max(x["similarity"] for x in cli[p]["passages"]) for p in found if truth[p])
    print(f"  positives found: similarity of their most similar passage {best[0]:.3f}, {best[1]:.3f}, {best[2]:.3f} …")

    disagree = sorted((p for p in found if truth[p] != coder2[p]), key=key)
    print(f"\nfound pairs on which coder 2 disagrees with coder 1: {len(disagree)}")
    for p in disagree:
        a, b = sorted(p)
        print(f"  coder 1 {truth[p]}, coder 2 {coder2[p]}: {short(a)} | {short(b)}  coverage {coverage(cli[p]):.3f}")
    c2_only = [p for p in truth if coder2[p] and not truth[p]]
    print(
        f"pairs coder 2 alone calls positive: {len(c2_only)}, of them found: {sum(p in found for p in c2_only)}; "
        f"coder 1 alone: {sum(truth[p] and not coder2[p] for p in truth)}, of them found: "
        f"{sum(truth[p] and not coder2[p] for p in found)}"
    )


if __name__ == "__main__":
    main()
