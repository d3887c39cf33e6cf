"""``samestory score-pairs`` as a user runs it: a real process, real files, exit codes and stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1].parent
PAIRS = ROOT / "tests" / "data" / "pairs"
SEMEVAL = ROOT.parent / "shared" / "data" / "semeval2022-task8" / "pairs.csv"
COLUMNS = ["pair_id", "Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone"]
LIGHT = ("--ner", "gazetteer", "--encoder", "hashing")  # model-free components: the plumbing, fast
IDS = ["danube-reprint", "danube-edited", "danube-busan", "tram-fr-en", "fire-es-de", "tram-fire"]


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run(
        [sys.executable, "-m", "samestory.cli", "score-pairs", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=600,
    )


def read_csv(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def read_jsonl(text: str) -> list[dict]:
    rows = [json.loads(line) for line in text.splitlines()]
    for row in rows:
        assert list(row) == COLUMNS
    return rows


def check_scores(rows: list[dict]) -> None:
    for row in rows:
        for name in COLUMNS[1:]:
            v = float(row[name])
            assert 1.0 <= v <= 4.0 and round(v, 4) == v, (row["pair_id"], name, v)


@pytest.mark.slow
def test_real_models_csv_in_csv_out(tmp_path):
    out = tmp_path / "scores.csv"
    r = run_cli(str(PAIRS / "pairs.csv"), "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    rows = read_csv(out.read_text(encoding="utf-8"))
    assert [row["pair_id"] for row in rows] == IDS
    check_scores(rows)
    overall = {row["pair_id"]: float(row["Overall"]) for row in rows}
    assert overall["danube-reprint"] < overall["danube-busan"]
    assert overall["danube-edited"] < overall["danube-busan"]
    assert overall["tram-fr-en"] < overall["tram-fire"]  # the same story told in two languages
    summary = json.loads(r.stdout)
    assert summary["pairs"] == 6 and summary["rejected"] == 0
    assert summary["seconds"] > 0 and summary["pairs_per_second"] > 0


def test_bad_rows_reported_with_line_numbers_and_the_rest_written(tmp_path):
    out = tmp_path / "scores.jsonl"
    r = run_cli(str(PAIRS / "pairs_bad.csv"), "-o", str(out), *LIGHT)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    errors = [line for line in r.stderr.splitlines() if line.startswith("samestory: error:")]
    where = [line.split(": ")[2] for line in errors]
    assert where == [f"{PAIRS / 'pairs_bad.csv'}:{n}" for n in (7, 8, 9, 10)]
    rows = read_jsonl(out.read_text(encoding="utf-8"))
    assert [row["pair_id"] for row in rows] == ["ok-1", "ok-2", "ok-3"]
    check_scores(rows)
    assert "scored 3 pairs" in r.stderr and "4 rejected" in r.stderr


def test_csv_and_jsonl_both_ways_give_the_same_scores(tmp_path):
    a, b = tmp_path / "from_csv.jsonl", tmp_path / "from_jsonl.csv"
    r1 = run_cli(str(PAIRS / "pairs.csv"), "-o", str(a), *LIGHT)
    r2 = run_cli(str(PAIRS / "pairs.jsonl"), "-o", str(b), *LIGHT)
    assert r1.returncode == r2.returncode == 0, r1.stderr + r2.stderr
    from_csv = read_jsonl(a.read_text(encoding="utf-8"))
    from_jsonl = read_csv(b.read_text(encoding="utf-8"))
    assert [row["pair_id"] for row in from_csv] == IDS
    assert [{k: float(v) for k, v in row.items() if k != "pair_id"} for row in from_jsonl] == [
        {k: v for k, v in row.items() if k != "pair_id"} for row in from_csv
    ]


def test_stdin_to_stdout_with_format_options(tmp_path):
    text = (PAIRS / "pairs.jsonl").read_text(encoding="utf-8")
    r = run_cli("-", "-o", "-", "--format", "jsonl", "--output-format", "csv", "--json", *LIGHT, stdin=text)
    assert r.returncode == 0, r.stderr
    rows = read_csv(r.stdout)  # stdout holds the scores and nothing else
    assert [row["pair_id"] for row in rows] == IDS
    summary = json.loads(r.stderr.strip().splitlines()[-1])  # the summary goes beside them
    assert summary["pairs"] == 6


def test_output_format_follows_input_when_the_extension_says_nothing(tmp_path):
    out = tmp_path / "scores.out"
    r = run_cli(str(PAIRS / "pairs.jsonl"), "-o", str(out), *LIGHT)
    assert r.returncode == 0, r.stderr
    assert len(read_jsonl(out.read_text(encoding="utf-8"))) == 6


def test_missing_column_is_one_clean_error_and_no_output(tmp_path):
    bad = tmp_path / "pairs.csv"
    bad.write_text("pair_id,text_a,text_b\n1,a,b\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    r = run_cli(str(bad), "-o", str(out), *LIGHT)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("samestory: error:") and "'text_a'" in lines[0]
    assert not out.exists()


def test_unreadable_input_and_output(tmp_path):
    r = run_cli(str(tmp_path / "absent.csv"), "-o", str(tmp_path / "o.csv"), *LIGHT)
    assert r.returncode == 2 and "no such file" in r.stderr and "Traceback" not in r.stderr
    r = run_cli(str(PAIRS / "pairs.csv"), "-o", str(tmp_path / "no" / "dir" / "o.csv"), *LIGHT)
    assert r.returncode == 2 and "cannot write" in r.stderr and "Traceback" not in r.stderr
    same = tmp_path / "p.csv"
    same.write_bytes((PAIRS / "pairs.csv").read_bytes())
    r = run_cli(str(same), "-o", str(same), *LIGHT)
    assert r.returncode == 2 and same.read_bytes() == (PAIRS / "pairs.csv").read_bytes()


def test_progress_bar_on_request(tmp_path):
    cmd = [
        sys.executable,
        "-m",
        "samestory.cli",
        "score-pairs",
        str(PAIRS / "pairs.csv"),
        "-o",
        str(tmp_path / "o.csv"),
    ]
    r = subprocess.run([*cmd, "--progress", "--batch-size", "2", *LIGHT], capture_output=True, timeout=600)
    assert r.returncode == 0, r.stderr
    err = r.stderr.decode()
    assert "\r[" in err and "6/6 pairs 100%" in err and "pairs/s" in err and "ETA" in err
    assert err.count("6/6 pairs") == 1  # the last state is drawn once, then a new line
    quiet = subprocess.run([*cmd, *LIGHT], capture_output=True, timeout=600)
    assert b"\r" not in quiet.stderr  # stderr is not a terminal here


@pytest.mark.slow
def test_first_20_rows_of_semeval(tmp_path):
    if not SEMEVAL.exists():
        pytest.skip("../shared/data/semeval2022-task8 is absent")
    csv.field_size_limit(10_000_000)
    head = tmp_path / "head.csv"
    with SEMEVAL.open(newline="", encoding="utf-8") as src, head.open("w", newline="", encoding="utf-8") as dst:
        reader, writer = csv.reader(src), csv.writer(dst)
        header = next(reader)
        writer.writerow(header)
        labels = []
        for _, row in zip(range(20), reader):
            writer.writerow(row)
            labels.append(dict(zip(header, row)))
    out = tmp_path / "scores.csv"
    r = run_cli(str(head), "-o", str(out), "--n-process", "2", "--batch-size", "8", "--json")
    assert r.returncode == 0, r.stderr
    rows = read_csv(out.read_text(encoding="utf-8"))
    assert [row["pair_id"] for row in rows] == [lab["pair_id"] for lab in labels]
    check_scores(rows)
    # the label columns of the input (same names as the output's) are ignored, not copied
    assert any(float(row["Overall"]) != float(lab["Overall"]) for row, lab in zip(rows, labels))
    assert json.loads(r.stdout)["pairs"] == 20


@pytest.mark.slow
def test_two_workers_give_the_same_scores_as_one_process(tmp_path):
    # --n-process 2 prepares articles in forked workers and compares a batch while the next
    # one is prepared; the results must not depend on it (batch size 2: several batches in flight)
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    r1 = run_cli(str(PAIRS / "pairs_bad.csv"), "-o", str(one), "--n-process", "1", "--batch-size", "2")
    r2 = run_cli(str(PAIRS / "pairs_bad.csv"), "-o", str(two), "--n-process", "2", "--batch-size", "2")
    assert r1.returncode == r2.returncode == 2  # the bad rows are rejected either way
    assert r1.stderr.splitlines()[:4] == r2.stderr.splitlines()[:4]
    rows1, rows2 = read_csv(one.read_text(encoding="utf-8")), read_csv(two.read_text(encoding="utf-8"))
    assert [r["pair_id"] for r in rows1] == [r["pair_id"] for r in rows2] and len(rows1) >= 3
    for a, b in zip(rows1, rows2):
        for name in COLUMNS[1:]:
            assert float(a[name]) == pytest.approx(float(b[name]), abs=1e-3), (a["pair_id"], name)
