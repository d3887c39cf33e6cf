"""``--engine spark`` gives what ``--engine local`` gives: the same bytes out, the same arrays.

One Spark session (local[2]) serves the whole module: a start costs 10-20 s. Skipped where
pyspark or Java is missing.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("the spark engine needs Java (17+)", allow_module_level=True)

from samestory.cli import main
from samestory.config import ReuseConfig
from samestory.reuse import Doc, build_corpus, occurrence_records, run_reuse, write_jsonl
from samestory.reuse import spark as spark_engine

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "reuse" / "passim.jsonl"


@pytest.fixture(scope="module")
def session():
    """The session every engine in this module finds active and reuses (and does not stop)."""
    spark, created = spark_engine.spark_session("local[2]")
    yield spark
    if created:
        spark.stop()


def _local_cli(out: Path, pairs: Path) -> dict:
    # in a new process: forking workers from this one, which runs a JVM gateway's threads, is not safe
    args = ["reuse", str(CORPUS), "--passim", "-o", str(out), "--pairs-output", str(pairs), "--json"]
    r = subprocess.run(
        [sys.executable, "-m", "samestory.cli", *args, "--engine", "local", "--n-process", "2"],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONWARNINGS="ignore"),
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_the_command_writes_the_same_bytes_with_either_engine(session, tmp_path, capsys):
    local_out, local_pairs = tmp_path / "local.jsonl", tmp_path / "local-pairs.jsonl"
    spark_out, spark_pairs = tmp_path / "spark.jsonl", tmp_path / "spark-pairs.jsonl"
    local_summary = _local_cli(local_out, local_pairs)
    argv = ["reuse", str(CORPUS), "--passim", "-o", str(spark_out), "--pairs-output", str(spark_pairs), "--json"]
    assert main([*argv, "--engine", "spark", "--spark-master", "local[2]"]) == 0
    spark_summary = json.loads(capsys.readouterr().out)
    assert local_out.read_bytes() == spark_out.read_bytes()
    assert local_pairs.read_bytes() == spark_pairs.read_bytes()
    assert len(spark_out.read_text().splitlines()) == 8 and spark_pairs.read_text().strip()
    for summary in (local_summary, spark_summary):
        summary.pop("seconds"), summary.pop("articles_per_second")
    assert spark_summary == local_summary and spark_summary["clusters"] == 3


def _generated_corpus(seed: int = 7) -> list[Doc]:
    """Stories of random words, each reprinted in part by a few other outlets, plus articles
    that copy nothing and one too short to have a fingerprint."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choice("abcdefghijklmnoprstuvwy") for _ in range(rng.randint(3, 9))) for _ in range(3000)]

    def words(n: int) -> list[str]:
        return [rng.choice(vocab) for _ in range(n)]

    docs = []
    for story in range(14):
        source = words(rng.randint(120, 220))
        docs.append(Doc(f"s{story:02d}-0", " ".join(source) + ".", f"outlet{story % 5}"))
        for copy in range(1, rng.randint(3, 5)):
            start = rng.randrange(0, len(source) - 60)
            kept = source[start : start + rng.randint(30, 60)]
            text = words(rng.randint(10, 80)) + kept + words(rng.randint(10, 80))
            docs.append(Doc(f"s{story:02d}-{copy}", " ".join(text) + ".", f"outlet{(story + copy) % 5}"))
    docs += [Doc(f"x{k:02d}", " ".join(words(150)) + ".", "other") for k in range(10)]
    docs.append(Doc("short", "Too short.", "other"))
    return docs


def _occurrences(corpus, result) -> str:
    buf = io.StringIO()
    write_jsonl(occurrence_records(corpus, result.clusters), buf)
    return buf.getvalue()


def test_the_api_gives_the_same_arrays_over_many_small_tasks(session, monkeypatch):
    corpus = build_corpus(_generated_corpus())
    # many tasks and several align jobs, so any disorder in collecting them would show
    monkeypatch.setattr(spark_engine, "FINGERPRINT_CHUNK", 7)
    monkeypatch.setattr(spark_engine, "ALIGN_CHUNK", 3)
    monkeypatch.setattr(spark_engine, "ALIGN_TASKS_PER_CORE", 2)
    heard: list[int] = []
    spark = run_reuse(
        corpus,
        ReuseConfig(engine="spark", spark_master="local[2]", min_shared=2),
        progress=lambda stage, done, total: heard.append(done),
    )
    local = run_reuse(corpus, ReuseConfig(engine="local", n_process=1, min_shared=2))

    assert len(corpus) > 5 * 7 and len(local.candidates) > 4 * 2 * 3  # several jobs of several tasks
    assert len(local.passages) >= 14 and local.clusters.n_clusters >= 10
    for name in ("a", "b", "shared"):
        assert np.array_equal(getattr(spark.candidates, name), getattr(local.candidates, name))
    for name, column in local.passages.arrays().items():
        theirs = spark.passages.arrays()[name]
        assert theirs.dtype == column.dtype and np.array_equal(theirs, column), name
    assert _occurrences(corpus, spark) == _occurrences(corpus, local)
    assert len(heard) > 1 and heard == sorted(heard) and heard[-1] == len(local.candidates)


def test_fingerprints_match_document_by_document(session, monkeypatch):
    docs = _generated_corpus(seed=8)
    texts = [d.text for d in docs]
    monkeypatch.setattr(spark_engine, "FINGERPRINT_CHUNK", 5)
    from samestory.config import AlignConfig
    from samestory.reuse.local import LocalEngine

    with spark_engine.SparkEngine(texts, ngram=5, window=4, align=AlignConfig(), master="local[2]") as engine:
        theirs = engine.fingerprints()
    with LocalEngine(texts, ngram=5, window=4, align=AlignConfig(), n_process=1) as engine:
        ours = engine.fingerprints()
    assert len(theirs) == len(ours) == len(texts)
    assert all(t.dtype == o.dtype and np.array_equal(t, o) for t, o in zip(theirs, ours))
    assert len(ours[-1]) == 0 and min(len(f) for f in ours[:-1]) > 10  # the short one has none
    assert session.sparkContext.parallelize([1, 2]).count() == 2  # the engine did not stop a session it found
