"""``samestory cluster`` as a user runs it: a real process, JSON Lines in and out, exit codes."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

TOPICS = {
    "quake": "earthquake magnitude rescue rubble aftershock epicentre collapsed buildings survivors turkey",
    "vote": "election ballot parliament coalition minister votes polling turnout opposition candidate",
    "solar": "solar panels photovoltaic gigawatt module installation tariff inverter utility capacity",
}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run(
        [sys.executable, "-m", "samestory.cli", "cluster", *args], capture_output=True, text=True, env=env, timeout=300
    )


def write_input(path: Path, *, headlines_only: bool) -> list[dict]:
    rng = random.Random(0)
    recs = []
    for k in range(5):
        for t, vocab in TOPICS.items():
            words = vocab.split()
            rec = {"id": f"{t}-{k}", "title": " ".join(rng.sample(words, 6)), "published": f"2024-05-0{1 + k // 2}"}
            if not headlines_only:
                rec["text"] = " ".join(rng.choice(words) for _ in range(60))
                rec["url"] = f"https://www.reuters.com/{t}/{k}"
            recs.append(rec)
    with path.open("w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r) + "\n")
    return recs


@pytest.mark.parametrize("headlines_only", [True, False])
@pytest.mark.parametrize("mode", ["online", "batch"])
def test_cluster_groups_topics(tmp_path, headlines_only, mode):
    src, out, summary = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "stories.jsonl"
    recs = write_input(src, headlines_only=headlines_only)
    r = run_cli(str(src), "-o", str(out), "--mode", mode, "--summary", str(summary), "--json")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [x["id"] for x in rows] == [x["id"] for x in recs]  # input order, every article once
    assert all(set(x) == {"id", "story"} for x in rows)
    story = {x["id"]: x["story"] for x in rows}
    for t in TOPICS:
        assert {story[f"{t}-{k}"] for k in range(5)} == {f"{t}-0"}
    assert json.loads(r.stdout)["stories"] == 3
    stories = [json.loads(line) for line in summary.read_text().splitlines()]
    assert sorted(s["story"] for s in stories) == sorted(f"{t}-0" for t in TOPICS)
    assert all(s["size"] == 5 and s["first_seen"] == "2024-05-01" for s in stories)
    if not headlines_only:
        assert stories[0]["outlets"] == [{"outlet": "Reuters", "articles": 5}]


def test_bad_records_are_reported_with_line_numbers(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(
        '{"id": "a", "title": "Quake rescue goes on"}\n'
        '{"title": "no id here"}\n'
        "\n"
        '{"id": "b"}\n'
        "{oops\n"
        '{"id": "c", "text": "Quake rescue goes on in the rubble"}\n',
        encoding="utf-8",
    )
    r = run_cli(str(src), "-o", str(out))
    assert r.returncode == 2
    assert f"{src}:2: record has no 'id'" in r.stderr
    assert f"{src}:4: record has neither 'title' nor 'text'" in r.stderr
    assert f"{src}:5: invalid JSON" in r.stderr
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a", "c"]


def test_bad_option_and_missing_input(tmp_path):
    r = run_cli(str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert r.returncode == 2 and "cannot read" in r.stderr
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "title": "x"}\n')
    r = run_cli(str(src), "-o", "-", "--threshold", "2")
    assert r.returncode == 2 and "threshold must be in [0, 1]" in r.stderr
