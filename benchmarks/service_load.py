"""Throughput and latency of ``POST /compare`` on loopback, with the in-process call as baseline.

  python benchmarks/service_load.py [--pair shared|bundled] [--requests 120] [--concurrency 4]

Starts ``samestory serve`` (real models, a temporary SQLite store) in its own process on a free
loopback port; a bounded load generator sends POST /compare requests of one pair (raw file
contents) over keep-alive connections, one thread each, and reports requests/s, p50 and p99
latency (every answer must be a 200). One connection runs ``--requests`` requests in ``--rounds``
blocks alternating with blocks of the baseline: the same work in this process without HTTP (read
both texts, compare, build and encode the JSON: what the server does per request), so the
difference is the HTTP overhead even on a shared machine whose load drifts (``--light`` runs both
with the light models, where the comparison is fast and the overhead stands out). Then ``--requests``
requests over each ``--concurrency`` connections (one comparison runs at a time: the rest queue),
and ``GET /health`` (one store query, no models) as the floor of a request through the stack.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # as the CLI (and so the server) sets it before numpy loads

import argparse  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from _common import EXAMPLES, ROOT, git_rev, machine  # noqa: E402

PAIRS = {
    "shared": (EXAMPLES / "000_5276c77493c331da.txt", EXAMPLES / "001_d43fbdc6512c7328.txt"),
    "bundled": (ROOT / "examples" / "wire.txt", ROOT / "examples" / "reprint_short.txt"),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LIGHT = ("--encoder", "hashing", "--ner", "gazetteer")


def start_server(port: int, db: Path, light: bool) -> subprocess.Popen:
    cmd = [str(Path(sys.executable).parent / "samestory"), "serve", "--db", str(db), "--port", str(port)]
    cmd += LIGHT if light else ()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"the server exited: {proc.stderr.read()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("the server did not start within 180 s")


def pct(xs: list[float], q: float) -> float:
    """The q-quantile by the nearest-rank method (p99 of 120 samples is the 119th)."""
    s = sorted(xs)
    return s[min(len(s), max(1, math.ceil(q * len(s)))) - 1]


def load(port: int, method: str, path: str, body: bytes | None, total: int, concurrency: int) -> dict:
    """``total`` requests over ``concurrency`` keep-alive connections; latencies in seconds."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    todo = iter(range(total))
    headers = {"Content-Type": "application/json"} if body is not None else {}

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while True:
            with lock:
                if next(todo, None) is None:
                    break
            t = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            dt = time.perf_counter() - t
            with lock:
                latencies.append(dt)
                if resp.status != 200:
                    errors.append(str(resp.status))
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    if errors:
        sys.exit(f"{len(errors)} requests failed: {sorted(set(errors))}")
    return {**summary(latencies, wall), "latencies": latencies, "wall": wall}


def in_process_call(a_text: str, b_text: str, light: bool):
    """The server's per-request work without HTTP (read both texts, compare, build and encode the
    JSON), as a function, with the models loaded in this process."""
    from samestory.api import Samestory
    from samestory.config import build_settings
    from samestory.ingest.reader import read_text

    ss = Samestory(
        build_settings(overrides={"embed": {"encoder": "hashing"}, "analyze": {"ner": "gazetteer"}}) if light else None
    )
    ss.analyzer.warm_up()
    ss.encoder.encode(["warm up"])

    def once() -> bytes:
        a, b = read_text(a_text), read_text(b_text)
        d = ss.compare(a, b).to_dict(a.text, b.text)
        return json.dumps(d, ensure_ascii=False, default=str, separators=(",", ":")).encode()

    once()
    return once


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def summary(latencies: list[float], wall: float) -> dict:
    return {"rps": len(latencies) / wall, "p50": pct(latencies, 0.5), "p99": pct(latencies, 0.99), "n": len(latencies)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pair", choices=list(PAIRS), default="shared" if PAIRS["shared"][0].exists() else "bundled")
    ap.add_argument("--requests", type=int, default=120, help="POST /compare requests per concurrency level")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[4], help="levels above 1 (1 always runs)")
    ap.add_argument("--rounds", type=int, default=6, help="alternating blocks of 1-connection and baseline calls")
    ap.add_argument("--health", type=int, default=1000, help="GET /health requests (the floor)")
    ap.add_argument(
        "--light",
        action="store_true",
        help="hashing encoder and gazetteer NER on both sides: a fast comparison, so the HTTP overhead stands out",
    )
    args = ap.parse_args()
    a_path, b_path = PAIRS[args.pair]
    a_text, b_text = a_path.read_text(encoding="utf-8"), b_path.read_text(encoding="utf-8")
    body = json.dumps({"a": {"raw": a_text}, "b": {"raw": b_text}}).encode()
    print(f"machine: {machine()}; commit {git_rev()}")
    models = "light (--encoder hashing --ner gazetteer)" if args.light else "default (USE, spaCy)"
    print(f"pair: {args.pair} ({a_path.name}, {b_path.name}); body {len(body):,} bytes; models {models}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        t = time.perf_counter()
        server = start_server(port, Path(tmp) / "bench.db", args.light)
        print(f"server up (models loaded) in {time.perf_counter() - t:.1f} s on port {port}")
        try:
            once = in_process_call(a_text, b_text, args.light)
            load(port, "POST", "/compare", body, 3, 1)  # warm the connection path
            # one connection against the in-process call, in alternating blocks: the machine is
            # shared, and drift in its load must not pass for HTTP overhead
            http_lat: list[float] = []
            http_wall = base_wall = 0.0
            base_lat: list[float] = []
            block = max(1, args.requests // args.rounds)
            for _ in range(args.rounds):
                r = load(port, "POST", "/compare", body, block, 1)
                http_lat += r["latencies"]
                http_wall += r["wall"]
                t0 = time.perf_counter()
                base_lat += timed(once, block)
                base_wall += time.perf_counter() - t0
            rows.append(("POST /compare, 1 connection", summary(http_lat, http_wall)))
            for c in (c for c in args.concurrency if c > 1):
                r = load(port, "POST", "/compare", body, args.requests, c)
                rows.append((f"POST /compare, {c} connections", r))
            rows.append(("GET /health, 4 connections (floor)", load(port, "GET", "/health", None, args.health, 4)))
            rows.append(("baseline: in process, no HTTP (read + compare + JSON)", summary(base_lat, base_wall)))
        finally:
            server.terminate()
            server.wait(timeout=60)
    print()
    print("| what | requests | req/s | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r['n']} | {r['rps']:.2f} | {r['p50'] * 1000:.1f} | {r['p99'] * 1000:.1f} |")


if __name__ == "__main__":
    main()
