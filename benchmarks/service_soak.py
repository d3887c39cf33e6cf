"""Soak: ``samestory serve`` held at a fixed mixed request rate for minutes (issue 7).

  python benchmarks/service_soak.py [--minutes 3] [--rate 4] [--light | --default-models]

Starts ``samestory serve`` on a free loopback port with a temporary SQLite store (``--light`` by
default: hashing encoder and gazetteer NER, as ``service_load.py --light``; ``--default-models``
uses USE and spaCy, which cannot hold 3 comparisons a second on 2 cores). An open-loop generator
sends requests at fixed scheduled times, ``--rate`` a second, whatever the answers take: of every
4, 3 are ``POST /compare`` of a small invented article pair and 1 is ``POST /articles`` storing a
new invented article (texts from a seeded generator of made-up names and sentences, no third-party
text). At most ``--workers`` requests are in flight (a thread pool, one keep-alive connection per
thread); a request is sent late when all are busy, and the lag is reported. Every status and
latency is recorded, and the server's resident memory (VmRSS of its process and any children,
from /proc) is sampled every 5 s. It prints requests sent, the achieved rate, errors by status,
p50/p99 latency per endpoint, RSS after warm-up, at each minute and at the end, and the RSS slope
(MB/min, least squares) over the second half of the run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _common import git_rev, machine
from service_load import free_port, pct, start_server

# --- a seeded generator of invented news articles -------------------------------------------------

SYL = ["ka", "lo", "ven", "tar", "mi", "dor", "sel", "pra", "nu", "vik", "ost", "ral", "be", "gan", "tu", "zem"]
VERBS = ["announced", "rejected", "signed", "postponed", "criticised", "welcomed", "approved", "denied"]
NOUNS = ["agreement", "budget", "pipeline", "election", "merger", "treaty", "strike", "inquiry", "tariff"]
ADJ = ["new", "disputed", "long-awaited", "provisional", "regional", "controversial", "final"]
MONTHS = ["January", "March", "April", "June", "September", "November"]
OUTLETS = ["Daily Vendor", "Morning Ostral", "Kalo Times", "Tarmi Herald", "Sel News"]


def word(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(SYL) for _ in range(n))


def name(rng: random.Random) -> str:
    return f"{word(rng).capitalize()} {word(rng, 3).capitalize()}"


def sentence(rng: random.Random, cast: dict) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return (
            f"{rng.choice(cast['people'])} {rng.choice(VERBS)} the {rng.choice(ADJ)} {rng.choice(NOUNS)} "
            f"in {rng.choice(cast['places'])} on {rng.randint(1, 28)} {rng.choice(MONTHS)}."
        )
    if kind == 1:
        return (
            f"The {rng.choice(NOUNS)} is worth {rng.randint(2, 900)} million {word(rng).lower()}s, "
            f"according to {rng.choice(cast['orgs'])}."
        )
    if kind == 2:
        return (
            f'"We will not accept a {rng.choice(ADJ)} {rng.choice(NOUNS)}," said {rng.choice(cast["people"])}, '
            f"a spokesperson for {rng.choice(cast['orgs'])}."
        )
    return (
        f"Officials in {rng.choice(cast['places'])} said {rng.randint(3, 400)} people had "
        f"{rng.choice(VERBS)} the plan by {rng.choice(MONTHS)}."
    )


def article(rng: random.Random, n_sent: int | None = None) -> dict:
    cast = {
        "people": [name(rng) for _ in range(3)],
        "places": [word(rng, 3).capitalize() for _ in range(2)],
        "orgs": [f"the {word(rng).capitalize()} Ministry", f"{word(rng, 2).capitalize()} Corp"],
    }
    sents = [sentence(rng, cast) for _ in range(n_sent or rng.randint(6, 14))]
    return {
        "title": f"{cast['people'][0]} {rng.choice(VERBS)} {rng.choice(ADJ)} {rng.choice(NOUNS)}",
        "text": " ".join(sents),
        "outlet": rng.choice(OUTLETS),
        "published": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "_cast": cast,
        "_sents": sents,
    }


def variant(rng: random.Random, a: dict) -> dict:
    """A rewrite of ``a`` (some sentences dropped, reordered, some new, a number changed), or
    with probability 1/3 an unrelated article."""
    if rng.random() < 1 / 3:
        return article(rng)
    sents = [s for s in a["_sents"] if rng.random() > 0.25] or a["_sents"][:1]
    if rng.random() < 0.5:
        rng.shuffle(sents)
    sents += [sentence(rng, a["_cast"]) for _ in range(rng.randint(0, 4))]
    text = " ".join(sents).replace("million", "billion", 1)
    return {"title": a["title"], "text": text, "outlet": rng.choice(OUTLETS), "published": a["published"]}


def public(a: dict) -> dict:
    return {k: v for k, v in a.items() if not k.startswith("_")}


# --- server and memory ----------------------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                kids = Path(f"/proc/{p}/task/{tid}/children").read_text().split()
                todo += [int(k) for k in kids]
        except OSError:
            pass
    return out


def rss_mb(pid: int) -> float:
    total = 0
    for p in descendants(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) in MB per minute."""
    n = len(points)
    if n < 2:
        return float("nan")
    mx = sum(t for t, _ in points) / n
    my = sum(m for _, m in points) / n
    sxx = sum((t - mx) ** 2 for t, _ in points)
    sxy = sum((t - mx) * (m - my) for t, m in points)
    return sxy / sxx * 60 if sxx else float("nan")


# --- the generator --------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=3.0)
    ap.add_argument("--rate", type=float, default=4.0, help="requests per second (3 compare : 1 ingest)")
    ap.add_argument("--workers", type=int, default=4, help="requests in flight at most")
    ap.add_argument("--warmup", type=float, default=15.0, help="seconds at the rate before measuring")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--default-models", action="store_true", help="USE and spaCy instead of the light models")
    args = ap.parse_args()
    light = not args.default_models
    rng = random.Random(args.seed)

    print(f"machine: {machine()}; commit {git_rev()}; load average at start {os.getloadavg()}")
    models = "light (--encoder hashing --ner gazetteer)" if light else "default (USE, spaCy)"
    print(f"models {models}; rate {args.rate}/s (3 POST /compare : 1 POST /articles), {args.workers} workers")

    local = threading.local()
    lock = threading.Lock()
    records: list[tuple[str, int, float, float, bool]] = []  # endpoint, status, latency, lag, measured

    def send(endpoint: str, body: bytes, scheduled: float, measured: bool) -> None:
        lag = time.monotonic() - scheduled
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        t = time.perf_counter()
        try:
            conn.request("POST", endpoint, body=body, headers={"Content-Type": "application/json"})
            resp = conn.getresponse()
            resp.read()
            status = resp.status
        except (OSError, http.client.HTTPException) as exc:
            status = -1
            print(f"  {endpoint}: {type(exc).__name__}: {exc}", file=sys.stderr)
            conn.close()
            local.conn = None
        dt = time.perf_counter() - t
        with lock:
            records.append((endpoint, status, dt, lag, measured))

    def request(i: int) -> tuple[str, bytes]:
        if i % 4 == 3:
            a = article(rng)
            return "/articles", json.dumps(public(a)).encode()
        a = article(rng)
        return "/compare", json.dumps({"a": public(a), "b": public(variant(rng, a))}).encode()

    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        t = time.perf_counter()
        server = start_server(port, Path(tmp) / "soak.db", light)
        print(f"server up (models loaded) in {time.perf_counter() - t:.1f} s on port {port}, pid {server.pid}")
        samples: list[tuple[float, float]] = []  # (seconds since measuring began, MB)
        try:
            pool = ThreadPoolExecutor(max_workers=args.workers)
            period = 1 / args.rate
            duration = args.minutes * 60
            t_start = time.monotonic()
            t_measure = t_start + args.warmup
            t_end = t_measure + duration
            i = 0
            rss_start = None
            next_sample = t_measure
            while True:
                at = t_start + i * period
                if at >= t_end:
                    break
                now = time.monotonic()
                if now >= next_sample:
                    mb = rss_mb(server.pid)
                    samples.append((now - t_measure, mb))
                    if rss_start is None:
                        rss_start = mb
                    next_sample += 5
                endpoint, body = request(i)  # built before its slot, so not counted in the latency
                wait = at - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                pool.submit(send, endpoint, body, at, at >= t_measure)
                i += 1
            pool.shutdown(wait=True)
            t_done = time.monotonic()
            samples.append((t_done - t_measure, rss_mb(server.pid)))
            load_end = os.getloadavg()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/health")
            health = json.loads(conn.getresponse().read())
        finally:
            server.terminate()
            server.wait(timeout=60)

    measured = [r for r in records if r[4]]
    statuses = Counter(r[1] for r in measured)
    ok = {"/compare": {200}, "/articles": {200, 201}}
    errors = Counter(f"{r[0]} {r[1]}" for r in measured if r[1] not in ok[r[0]])
    warm_err = Counter(f"{r[0]} {r[1]}" for r in records if not r[4] and r[1] not in ok[r[0]])
    print()
    print(f"warm-up: {len(records) - len(measured)} requests in {args.warmup:.0f} s (errors {dict(warm_err) or 0})")
    span = (t_done - t_measure) / 60
    print(
        f"measured: {len(measured)} requests sent in {duration / 60:.1f} min (all answered in {span:.2f} min); "
        f"achieved {len(measured) / duration:.2f} req/s (target {args.rate})"
    )
    print(f"statuses: {dict(sorted(statuses.items()))}; errors: {dict(errors) or 0}")
    lags = [r[3] for r in measured]
    print(f"send lag behind schedule: p50 {pct(lags, 0.5) * 1000:.1f} ms, max {max(lags) * 1000:.1f} ms")
    print()
    print("| endpoint | requests | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    by = defaultdict(list)
    for r in measured:
        by[r[0]].append(r[2])
    for ep in ("/compare", "/articles"):
        xs = by[ep]
        print(
            f"| POST {ep} | {len(xs)} | {pct(xs, 0.5) * 1000:.1f} | {pct(xs, 0.99) * 1000:.1f} | {max(xs) * 1000:.1f} |"
        )
    print()
    print(f"server RSS (process and children), MB: after warm-up {rss_start:.1f}")
    for m in range(1, int(args.minutes) + 1):
        near = min(samples, key=lambda s: abs(s[0] - 60 * m))
        print(f"  minute {m} ({near[0]:.0f} s): {near[1]:.1f}")
    print(f"  end ({samples[-1][0]:.0f} s): {samples[-1][1]:.1f}; peak {max(m for _, m in samples):.1f}")
    half = [s for s in samples if s[0] >= duration / 2]
    print(f"RSS slope over the second half ({len(half)} samples): {slope(half):+.2f} MB/min")
    print(f"RSS slope over the whole run ({len(samples)} samples): {slope(samples):+.2f} MB/min")
    print(f"store at the end (GET /health): {health.get('articles')} articles, {health.get('stories')} stories")
    print(f"load average at end {load_end}")


if __name__ == "__main__":
    main()
