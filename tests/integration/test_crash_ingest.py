"""``samestory ingest`` killed with SIGKILL at seeded random moments, again and again, on SQLite
and PostgreSQL: after one complete rerun every article is stored exactly once and every article is
in exactly one story. The corpus is a few hundred small invented reports on five invented topics.

``SAMESTORY_CRASH_RUNS`` sets the number of kills (default 6 on SQLite, 4 on PostgreSQL).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from samestory.store import open_store

N_ARTICLES = 360
_TOPICS = {
    "Tarnholm": ["river", "levee", "rain", "barges", "sandbags", "valley", "pumps", "evacuated", "water", "flood"],
    "Kestrel": ["lithium", "licence", "wells", "farmers", "pit", "tonnes", "Norvale", "carbonate", "mine", "valley"],
    "Hollin": ["ferry", "crews", "union", "pay", "island", "boat", "mainland", "strike", "talks", "harbour"],
    "Vallen": ["chess", "rook", "endgame", "grandmaster", "tournament", "rounds", "champion", "pawn", "opening"],
    "Halden": ["comet", "tail", "observatory", "sunset", "telescope", "orbit", "astronomers", "sky", "degrees"],
}


def _write_corpus(root: Path, start: int, stop: int, seed: int = 11) -> None:
    """Reports ``start`` to ``stop - 1``, one plain-text file each, every one distinct."""
    rng = random.Random(seed * 100_003 + start)
    root.mkdir(exist_ok=True)
    places = list(_TOPICS)
    for i in range(start, stop):
        place = places[i % len(places)]
        words = _TOPICS[place]
        sentences = [
            " ".join(rng.choices(words, k=rng.randint(8, 14))).capitalize() + "." for _ in range(rng.randint(3, 6))
        ]
        day = 1 + (i // 30) % 20
        text = (
            f"date 2024-05-{day:02d}\n\n{place} report {i}: {rng.choice(words)} news\n\n"
            f"{' '.join(sentences)} Report {i} from {place}.\n"
        )
        (root / f"a{i:04d}.txt").write_text(text, encoding="utf-8")


def _runs(default: int) -> int:
    return int(os.environ.get("SAMESTORY_CRASH_RUNS", default))


def _ingest_seconds(tmp_path: Path, env: dict[str, str], name: str, n_reports: int) -> float:
    """How long an ingest of ``n_reports`` new reports takes here and now (the machine may be busy)."""
    corpus = tmp_path / name
    corpus.mkdir()
    _write_corpus(corpus, 0, n_reports, seed=5)
    t0 = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "samestory.cli", "ingest", str(corpus), "--db", str(tmp_path / f"{name}.db")],
        capture_output=True,
        env=env,
        timeout=120,
        check=True,
    )
    return time.monotonic() - t0


def test_repeated_sigkill_during_ingest_then_rerun(store_url, tmp_path):
    postgres = store_url.startswith("postgresql")
    runs = _runs(4 if postgres else 6)
    corpus = tmp_path / "corpus"
    args = [sys.executable, "-m", "samestory.cli", "ingest", str(corpus), "--db", store_url, "--batch-size", "7"]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    rng = random.Random(2024 + postgres)
    # a growing directory: each run finds a chunk of new reports besides what earlier runs left undone,
    # so every run has work to be killed in (the first one clusters in batch, later ones online)
    chunk = N_ARTICLES // (runs + 1)
    # kills land between the end of the start (an ingest with nothing to do) and the end of a
    # whole run of one chunk, both timed here: a fixed window misses once the analysis gets faster
    startup = _ingest_seconds(tmp_path, env, "empty", 0)
    whole = max(_ingest_seconds(tmp_path, env, "one-chunk", chunk), startup + 0.2)
    killed, partial, written = 0, 0, 0
    for _ in range(runs):
        _write_corpus(corpus, written, written + chunk)
        written += chunk
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(startup - 0.1, whole))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
        with open_store(store_url) as store:
            count = store.count()
            assert count <= written  # nothing stored twice, even mid-way
            partial += count < written or bool(store.unassigned())
    _write_corpus(corpus, written, N_ARTICLES)
    n = N_ARTICLES
    print(f"startup {startup:.2f} s, a run {whole:.2f} s, {killed} of {runs} runs killed, {partial} left work undone")
    assert partial, "no kill landed mid-ingest: the delays are off"

    rerun = subprocess.run([*args, "--json"], capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(rerun.stdout)["store"]["articles"] == n
    stats = subprocess.run(
        [sys.executable, "-m", "samestory.cli", "stats", "--db", store_url, "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["articles"] == n

    with open_store(store_url) as store:
        ids = [a.id for a in store.iter_articles()]
        assert len(ids) == len(set(ids)) == n
        assert len({a.content_hash for a in store.iter_articles()}) == n  # each file once
        assert store.unassigned() == []
        story_of = store.story_of(ids)
        assert set(story_of) == set(ids)
        live = store.stories(min_size=0)
        assert live and all(s.size > 0 for s in live), "a story without members"
        members = {}
        for s in live:
            full = store.story(s.id)
            assert len(full.members) == s.size
            for m in full.members:
                assert m not in members, f"article {m} in stories {members[m]} and {s.id}"
                members[m] = s.id
        assert members == story_of
        assert store.stats()["stories"] == len(live)
