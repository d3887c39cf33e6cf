"""``samestory reuse`` as a user runs it: a real process, passim-shaped input, files, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "reuse" / "passim.jsonl"
KEYS = ["cluster", "size", "id", "series", "date", "begin", "end", "text", "earliest"]


def run_cli(*args: str, **env_vars: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONWARNINGS="ignore", **env_vars)
    return subprocess.run(
        [sys.executable, "-m", "samestory.cli", "reuse", *args], capture_output=True, text=True, env=env, timeout=300
    )


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _pairs(recs: list[dict]) -> set[tuple[str, str]]:
    by_cluster: dict[int, list[str]] = {}
    for r in recs:
        by_cluster.setdefault(r["cluster"], []).append(r["id"])
    return {(a, b) for ids in by_cluster.values() for a in ids for b in ids if a < b}


@pytest.fixture(scope="module")
def inputs() -> dict[str, str]:
    return {json.loads(line)["id"]: json.loads(line)["text"] for line in CORPUS.read_text().splitlines()}


def test_passim_shaped_input_gives_the_documented_schema(tmp_path, inputs):
    out = tmp_path / "out.jsonl"
    r = run_cli(str(CORPUS), "--passim", "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert list(summary) == [
        "articles",
        "rejected",
        "candidate_pairs",
        "aligned_pairs",
        "passages",
        "clusters",
        "occurrences",
        "seconds",
        "articles_per_second",
    ]
    assert summary["articles"] == 8 and summary["rejected"] == 0 and summary["clusters"] == 3
    recs = _lines(out)
    assert len(recs) == summary["occurrences"]
    for rec in recs:
        assert list(rec) == KEYS
        assert rec["text"] == inputs[rec["id"]][rec["begin"] : rec["end"]]
    wire = next(r for r in recs if r["id"] == "wire-001")
    assert wire["series"] == "northwire.example" and wire["date"] == "2024-05-07" and wire["earliest"]
    assert [r["cluster"] for r in recs] == sorted(r["cluster"] for r in recs)


def test_without_the_passim_preset_the_fields_can_be_mapped_one_by_one(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert run_cli(str(CORPUS), "--passim", "-o", str(a)).returncode == 0
    r = run_cli(str(CORPUS), "--field-outlet", "series", "--field-published", "date", "-o", str(b))
    assert r.returncode == 0 and a.read_bytes() == b.read_bytes()


def test_different_outlets_and_max_days(tmp_path):
    base, diff, recent = (tmp_path / f"{n}.jsonl" for n in ("base", "diff", "recent"))
    assert run_cli(str(CORPUS), "--passim", "-o", str(base)).returncode == 0
    assert run_cli(str(CORPUS), "--passim", "--different-outlets", "-o", str(diff)).returncode == 0
    assert run_cli(str(CORPUS), "--passim", "--max-days", "7", "-o", str(recent)).returncode == 0
    everything = _pairs(_lines(base))
    assert ("wire-001", "wire-002") in everything and ("weekly-203", "wire-001") in everything
    assert ("weekly-203", "wire-001") not in _pairs(_lines(recent))
    linked = _pairs(_lines(diff))
    # the two wire items are still in one cluster (through herald-014's reprint) but not aligned
    # with each other: the clusters are the same, and no same-outlet pair was aligned
    assert ("herald-014", "wire-001") in linked


def test_a_bad_file_is_reported_and_the_rest_processed(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "series": "s", "text": ""}\nnot json\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run_cli(str(CORPUS), str(bad), str(tmp_path / "missing.jsonl"), "--passim", "-o", str(out), "--json")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    errors = r.stderr.strip().splitlines()
    assert len(errors) == 3 and all(e.startswith("samestory: error:") for e in errors)
    assert "bad.jsonl:1" in errors[0] and "bad.jsonl:2" in errors[1] and "missing.jsonl" in errors[2]
    assert json.loads(r.stdout)["rejected"] == 3 and len(_lines(out)) == 8


def test_output_is_byte_identical_whatever_the_number_of_processes(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    p1, p2 = tmp_path / "p1.jsonl", tmp_path / "p2.jsonl"
    assert (
        run_cli(str(CORPUS), "--passim", "-o", str(one), "--pairs-output", str(p1), "--n-process", "1").returncode == 0
    )
    assert (
        run_cli(str(CORPUS), "--passim", "-o", str(two), "--pairs-output", str(p2), "--n-process", "2").returncode == 0
    )
    assert one.read_bytes() == two.read_bytes() and p1.read_bytes() == p2.read_bytes()
    pair = json.loads(p1.read_text().splitlines()[0])
    assert list(pair) == ["a", "b", "a_series", "b_series", "a_date", "b_date", "a_coverage", "b_coverage", "passages"]


def test_stdout_output_puts_the_summary_on_stderr():
    r = run_cli(str(CORPUS), "--passim", "-o", "-", "--json")
    assert r.returncode == 0
    assert len(r.stdout.splitlines()) == 8 and all(json.loads(x)["id"] for x in r.stdout.splitlines())
    assert json.loads(r.stderr)["articles"] == 8


@pytest.mark.parametrize(
    "args,message",
    [
        (["--engine", "spark", "--spark-master", "localhost:7077"], "spark_master must be local[*]"),
        (["--max-df", "1"], "max_df must be at least 2"),
        (["--n-process", "0"], "n_process must be at least 1"),
    ],
)
def test_bad_options_are_one_line_and_status_2(tmp_path, args, message):
    r = run_cli(str(CORPUS), "-o", str(tmp_path / "o.jsonl"), *args)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [f"samestory: error: {r.stderr.split('error: ', 1)[1].strip()}"]
    assert message in r.stderr


def test_the_spark_engine_without_pyspark_exits_3_naming_the_install(tmp_path):
    shadow = tmp_path / "shadow" / "pyspark"  # a pyspark that cannot be imported, ahead of any installed one
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('not installed')\n")
    r = run_cli(str(CORPUS), "-o", str(tmp_path / "o.jsonl"), "--engine", "spark", PYTHONPATH=str(shadow.parent))
    assert r.returncode == 3 and "Traceback" not in r.stderr
    assert r.stderr.strip() == (
        "samestory: error: the spark engine needs the Python package 'pyspark': pip install 'samestory[spark]'"
    )


def test_plain_text_directories_work_too(tmp_path):
    out = tmp_path / "out.jsonl"
    r = run_cli(str(ROOT / "examples" / "wire.txt"), str(ROOT / "examples" / "reprint_short.txt"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    recs = _lines(out)
    assert {r["series"] for r in recs} and len({r["id"] for r in recs}) == 2
    assert sum(r["earliest"] for r in recs) == max(r["cluster"] for r in recs)
