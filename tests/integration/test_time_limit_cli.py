"""--article-time-limit: an article whose analysis runs over it is rejected with one line on
stderr (exit status 2) while the others are analysed, compared and scored as usual."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from test_bad_files import GOOD, run_cli

LIGHT = ["--ner", "gazetteer"]


@pytest.fixture(scope="module")
def slow_text() -> str:
    """A million characters of short news-like sentences: seconds of analysis, not a hang."""
    rng = random.Random(7)
    words = "the minister said on Monday that Paris and Berlin agreed to cut 40 percent by 2030".split()
    sentences = (" ".join(rng.choice(words) for _ in range(12)).capitalize() + "." for _ in range(80_000))
    return "A very long one\n\n" + " ".join(sentences)[:1_000_000]


def test_analyze_rejects_the_slow_article_and_analyses_the_rest(tmp_path: Path, slow_text: str):
    slow = tmp_path / "slow.txt"
    slow.write_text(slow_text, encoding="utf-8")
    r = run_cli("analyze", str(slow), str(GOOD), "--json", "--article-time-limit", "0.5", *LIGHT)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().splitlines() == [f"samestory: error: {slow}: the analysis ran over the time limit of 0.5 s"]
    (line,) = r.stdout.splitlines()
    out = json.loads(line)
    assert out["article"]["source"] == str(GOOD) and out["analysis"]["entities"]


def test_without_the_limit_the_same_article_is_analysed(tmp_path: Path, slow_text: str):
    slow = tmp_path / "slow.txt"
    slow.write_text(slow_text[:200_000], encoding="utf-8")
    r = run_cli("analyze", str(slow), "--json", "--article-time-limit", "0", *LIGHT)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["analysis"]["sentences"]


def test_compare_names_the_article_over_the_limit(tmp_path: Path, slow_text: str):
    slow = tmp_path / "slow.txt"
    slow.write_text(slow_text, encoding="utf-8")
    r = run_cli("compare", str(GOOD), str(slow), "--encoder", "hashing", "--article-time-limit", "0.5", *LIGHT)
    assert r.returncode == 2
    assert r.stderr.strip() == f"samestory: error: {slow}: the analysis ran over the time limit of 0.5 s"


@pytest.mark.parametrize("n_process", ["1", "2"])  # 2: forked workers analyse and embed
def test_score_pairs_rejects_the_pair_and_scores_the_others(tmp_path: Path, slow_text: str, n_process: str):
    good = GOOD.read_text(encoding="utf-8")
    pairs = tmp_path / "pairs.csv"
    with pairs.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["pair_id", "text1", "text2"])
        w.writerow(["p1", good, good])
        w.writerow(["p2", good, slow_text])
        w.writerow(["p3", good[:400], good])
    out = tmp_path / "scores.csv"
    limit = ["--article-time-limit", "0.5", "--n-process", n_process]
    r = run_cli("score-pairs", str(pairs), "-o", str(out), "--encoder", "hashing", *limit, *LIGHT)
    assert r.returncode == 2
    assert "pair p2: text2 could not be" in r.stderr
    assert "AnalysisTimeout: the analysis ran over the time limit of 0.5 s" in r.stderr
    assert [row["pair_id"] for row in csv.DictReader(out.open(encoding="utf-8"))] == ["p1", "p3"]
