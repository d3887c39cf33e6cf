"""``samestory ingest`` and ``samestory stats`` as a user runs them: real processes, a real store
(SQLite and PostgreSQL), Ctrl-C in the middle of an ingest."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from samestory.store import open_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run(
        [sys.executable, "-m", "samestory.cli", *args], capture_output=True, text=True, env=env, timeout=300, cwd=cwd
    )


def test_ingest_twice_stores_once_then_stats(store_url):
    first = cli("ingest", str(EXAMPLES), "--db", store_url, "--json", "--progress")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    n = len(list(EXAMPLES.iterdir()))  # four articles and the README, read as a text file too
    assert (summary["files"], summary["read"], summary["added"], summary["rejected"]) == (n, n, n, 0)
    # the three Danube articles are one story; the dock strike and the README one each
    assert summary["store"] == {"articles": n, "stories": 3, "rejected": 0}
    assert "files/s" in first.stderr and f"{n}/{n} files" in first.stderr  # the progress bar

    again = cli("ingest", str(EXAMPLES), str(EXAMPLES / "wire.txt"), "--db", store_url, "--json")
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert (summary["files"], summary["unchanged"], summary["added"]) == (0, n, 0)  # wire.txt named twice: once

    stats = cli("stats", "--db", store_url, "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout) == {"articles": n, "stories": 3, "rejected": 0}
    with open_store(store_url) as store:
        wire = store.find(external_id="a03cf7e0b0c55099")
        assert [(a.title, a.outlet, a.language, str(a.published)) for a in wire] == [
            ("Danube States Agree Plan to Cut River Pollution", "vienna-ledger.example", "en", "2024-03-14")
        ]


def test_rejected_inputs_are_reported_recorded_and_listed(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "ok.txt").write_text("A headline\n\nA body of text that is long enough to be an article.\n")
    # the store lies in the directory ingested: its own files (s.db, s.db-wal...) are not inputs
    r = cli("ingest", str(tmp_path), str(tmp_path / "nope.txt"), "--db", str(tmp_path / "s.db"))
    assert r.returncode == 2
    assert "empty.txt: empty" in r.stderr and "nope.txt: no such file" in r.stderr
    assert "1 articles added" in r.stdout and "2 inputs rejected" in r.stdout
    stats = cli("stats", "--db", f"sqlite:///{tmp_path}/s.db", "--rejected")
    assert stats.returncode == 0
    assert stats.stdout.splitlines()[:3] == ["articles  1", "stories   1", "rejected  2"]
    assert "empty.txt: empty:" in stats.stdout and "nope.txt: missing:" in stats.stdout


def test_stats_and_a_default_store_in_the_working_directory(tmp_path):
    r = cli("stats", "--json", cwd=tmp_path)
    assert r.returncode == 1 and "no store at samestory.db" in r.stderr
    assert not (tmp_path / "samestory.db").exists()  # asking creates nothing
    assert cli("ingest", str(EXAMPLES / "wire.txt"), cwd=tmp_path).returncode == 0
    assert json.loads(cli("stats", "--json", cwd=tmp_path).stdout)["articles"] == 1
    config = tmp_path / "samestory.toml"
    config.write_text('[store]\nurl = "other.db"\n')
    assert cli("ingest", str(EXAMPLES / "wire.txt"), "--config", str(config), cwd=tmp_path).returncode == 0
    assert (tmp_path / "other.db").is_file()
    bad = cli("ingest", str(EXAMPLES), "--db", "mysql://x/y", cwd=tmp_path)
    assert bad.returncode == 2 and "unknown store backend 'mysql'" in bad.stderr


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def test_ctrl_c_keeps_whole_batches_and_a_rerun_completes_the_store(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "s.db"
    corpus.mkdir()
    total = 5000
    for i in range(total):
        (corpus / f"{i:05d}.txt").write_text(f"Headline {i}\n\nThe council met on day {i} and spoke about the river.\n")
    args = ["-m", "samestory.cli", "ingest", str(corpus), "--db", str(db), "--batch-size", "20"]
    proc = subprocess.Popen(
        [sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONWARNINGS="ignore"),
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while _count(db) < 100 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "run the same command again" in err
    kept = _count(db)
    assert 100 <= kept < total and kept % 20 == 0  # whole batches only

    rerun = cli("ingest", str(corpus), "--db", str(db), "--batch-size", "20", "--json")
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["unchanged"] == kept and summary["added"] == total - kept and summary["duplicates"] == 0
    with open_store(str(db)) as store:
        assert store.count() == total
        assert len({a.external_id for a in store.iter_articles()}) == total
