"""Speed of find_dates + find_numbers on the 100 full-text news-story-chains articles.

    python benchmarks/dates_numbers_speed.py [--runs 5] [--peer-articles 20]

Measures, median of ``--runs`` runs, each article resolved against its publication day:
  * samestory's find_dates then find_numbers (the dates passed as ``exclude``), as the pipeline
    calls them (a fresh finder per call) and with finders kept across calls (``finder=``);
  * the peer in the same run: dateparser's ``search_dates`` with ``languages=["en"]`` and a
    relative base, over the first ``--peer-articles`` articles (it is slow), scaled per article.
The budget is about 3 ms per 5,000-character article for both steps together.
"""

from __future__ import annotations

import argparse
import csv
import time
from datetime import date, datetime

from _common import CHAINS_TEXTS, git_rev, machine, median, need


def load() -> list[tuple[str, date | None]]:
    need(CHAINS_TEXTS)
    csv.field_size_limit(1 << 30)
    with CHAINS_TEXTS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [(r["text"] or "", date.fromisoformat(r["date"][:10]) if r.get("date") else None) for r in rows]


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--peer-articles", type=int, default=20)
    args = ap.parse_args()

    from samestory.analyze.dates import DateFinder, find_dates
    from samestory.analyze.numbers import NumberFinder, find_numbers

    articles = load()
    n = len(articles)
    chars = sum(len(t) for t, _ in articles)
    print(f"machine: {machine()}; commit {git_rev()}")
    print(f"corpus: {n} articles, {chars / n:.0f} characters each on average; {args.runs} runs, median")

    counts = [0, 0]

    def ours(dates_finder=None, numbers_finder=None) -> None:
        counts[:] = [0, 0]
        for text, ref in articles:
            dates = find_dates(text, language="en", reference=ref, finder=dates_finder)
            numbers = find_numbers(
                text, language="en", exclude=[(d.start, d.end) for d in dates], finder=numbers_finder
            )
            counts[0] += len(dates)
            counts[1] += len(numbers)

    def dates_only(finder=None) -> None:
        for text, ref in articles:
            find_dates(text, language="en", reference=ref, finder=finder)

    ours()  # warm up: imports, regex compilation, stemmer
    rows = []
    t = median([timed(ours) for _ in range(args.runs)])
    rows.append(("samestory dates + numbers, fresh finders (as pipeline)", t, n))
    df, nf = DateFinder(), NumberFinder()
    t = median([timed(lambda: ours(df, nf)) for _ in range(args.runs)])
    rows.append(("samestory dates + numbers, reused finders", t, n))
    t = median([timed(lambda: dates_only(df)) for _ in range(args.runs)])
    rows.append(("  of which find_dates (reused finder)", t, n))
    found = tuple(counts)

    from dateparser.search import search_dates

    peer = articles[: args.peer_articles]
    peer_chars = sum(len(t) for t, _ in peer)

    def dateparser_peer() -> int:
        hits = 0
        for text, ref in peer:
            base = datetime(ref.year, ref.month, ref.day) if ref else datetime.now()
            res = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
            hits += len(res or [])
        return hits

    search_dates("warm up on Friday", languages=["en"])
    peer_hits = [0]
    t = median([timed(lambda: peer_hits.__setitem__(0, dateparser_peer())) for _ in range(max(1, args.runs // 2))])
    rows.append((f"peer: dateparser search_dates, first {len(peer)} articles", t, len(peer)))

    print()
    print(f"{'what':<58} {'ms/article':>11} {'ms/5k chars':>12}")
    for what, secs, k in rows:
        per = secs / k * 1000
        avg_chars = (peer_chars / len(peer)) if what.startswith("peer") else chars / n
        print(f"{what:<58} {per:>11.2f} {per * 5000 / avg_chars:>12.2f}")
    ours_ms = rows[1][1] / n * 1000
    peer_ms = rows[-1][1] / len(peer) * 1000
    print()
    print(
        f"found: {found[0]} date and {found[1]} number mentions in {n} articles; "
        f"dateparser found {peer_hits[0]} dates in {len(peer)} articles"
    )
    print(f"dates + numbers are {peer_ms / ours_ms:.0f}x faster than dateparser's date search alone")


if __name__ == "__main__":
    main()
