"""The command line as a user runs it: a real process, real files, exit codes and stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from samestory.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run(
        [sys.executable, "-m", "samestory.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_help_documents_every_subcommand(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in ("compare", "read", "analyze"):
        assert name in out
    sub = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, parser in sub.items():
        text = parser.format_help()
        assert parser.description and len(parser.description) > 80, name
        assert "--json" in text, f"{name} has no --json"


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty"),
        (b"   \n\n  \t\n", "empty"),
        (bytes(range(256)) * 4, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "binary"),
    ],
)
def test_bad_file_is_one_line_and_status_2(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("A headline\n\nThe council approved the new bridge on Monday after a long debate.\n")
    r = run_cli("compare", str(bad), str(good), "--encoder", "hashing")
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert lines[0].startswith("samestory: error:") and "bad.txt" in lines[0]


def test_over_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Word " * 3000)
    r = run_cli("read", str(big), "--max-bytes", "1000")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "big.txt" in r.stderr


def test_batch_skips_bad_file_and_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Ferry resumes service\n\nThe island ferry resumed service on Tuesday after repairs.\n"
    )
    (tmp_path / "b.txt").write_bytes(b"")
    r = run_cli("read", str(tmp_path), "--json")
    assert r.returncode == 2
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(records) == 1 and records[0]["title"] == "Ferry resumes service"
    assert "b.txt" in r.stderr and r.stderr.count("\n") == 1


def test_unknown_option_value_is_a_clean_error(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Title\n\nSome body text for the article goes here.\n")
    r = run_cli("compare", str(f), str(f), "--encoder", "nonsense")
    assert r.returncode == 2
    assert "unknown encoder 'nonsense'" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow
def test_compare_bundled_example_json():
    r = run_cli("compare", str(EXAMPLES / "wire.txt"), str(EXAMPLES / "reprint_short.txt"), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["same_story"] is True
    assert set(out["dimensions"]) == {"Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone"}
    assert out["passages"], "a reprint shares passages with its wire story"
    a_text = run_cli("read", str(EXAMPLES / "wire.txt"), "--json")
    a = json.loads(a_text.stdout)
    for p in out["passages"]:
        assert a["text"][p["a_start"] : p["a_end"]] == p["a_text"]


@pytest.mark.slow
def test_an_article_compared_with_itself_is_the_same_story_at_the_top_of_the_scale():
    r = run_cli("compare", str(EXAMPLES / "wire.txt"), str(EXAMPLES / "wire.txt"), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["same_story"] is True and out["dimensions"]["Overall"] <= 1.2


@pytest.mark.slow
def test_a_site_notice_is_flagged_and_scored_at_the_training_mean(tmp_path):
    from samestory.compare.model import ScorerModel

    notice = tmp_path / "notice.txt"
    notice.write_text(
        "Diese Website verwendet Cookies. Bitte aktivieren Sie Cookies in Ihrem Browser, um fortzufahren. "
        "Mit der Nutzung stimmen Sie unserer Datenschutzerklärung zu.\n",
        encoding="utf-8",
    )
    r = run_cli("compare", str(notice), str(EXAMPLES / "wire.txt"), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["a"]["furniture"] == 1.0 and out["b"]["furniture"] == 0.0
    prior = ScorerModel.load().shrink.prior  # a text of notices only says nothing: the mean
    assert all(abs(out["dimensions"][d] - prior[d]) <= 0.0005 for d in prior)  # JSON rounds to 3 places
    report = run_cli("compare", str(notice), str(EXAMPLES / "wire.txt")).stdout
    assert "note: 100% of A's sentences read like a site's notices" in report


def test_compare_bundled_unrelated_is_different():
    r = run_cli("compare", str(EXAMPLES / "wire.txt"), str(EXAMPLES / "unrelated.txt"), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["same_story"] is False
    assert out["dimensions"]["Overall"] >= 3.0


def test_legacy_encoding_is_read_and_noted(tmp_path):
    f = tmp_path / "ru.txt"
    f.write_bytes(
        "Паромное сообщение восстановлено\n\nПаром на остров возобновил рейсы во вторник после ремонта двигателя. "
        "Первый рейс ушёл из порта в восемь утра.\n".encode("cp1251")
    )
    r = run_cli("read", str(f), "--json")
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["title"] == "Паромное сообщение восстановлено" and rec["encoding"] == "cp1251"
    assert "read as cp1251" in r.stderr and "Traceback" not in r.stderr


def test_records_and_field_mapping(tmp_path):
    f = tmp_path / "feed.jsonl"
    rows = [
        {"uid": "a1", "headline": "Ferry resumes service", "body": "The ferry resumed on Tuesday.", "site": "Isle"},
        {"uid": "a2", "headline": "No body here"},
        {"uid": "a3", "headline": "Bridge opens", "body": "The bridge opened on Friday in Porto.", "site": "Gazette"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    args = ("--field-id", "uid", "--field-title", "headline", "--field-text", "body", "--field-outlet", "site")
    r = run_cli("read", str(f), "--json", *args)
    assert r.returncode == 2  # one record was rejected, the others are read
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["id"], x["title"], x["outlet"]) for x in recs] == [
        ("a1", "Ferry resumes service", "Isle"),
        ("a3", "Bridge opens", "Gazette"),
    ]
    assert "feed.jsonl:2" in r.stderr and r.stderr.count("\n") == 1


@pytest.mark.slow
def test_analyze_json_has_offsets_into_the_text():
    r = run_cli("analyze", str(EXAMPLES / "wire.txt"), "--json")
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    text, an = rec["article"]["text"], rec["analysis"]
    assert an["language"] == "en" and an["reference_date"] == "2024-03-14"
    for kind in ("sentences", "entities", "places", "dates", "numbers", "quotes", "credits"):
        assert an[kind], kind
        for m in an[kind]:
            assert 0 <= m["start"] < m["end"] <= len(text)
    assert {"person:stelzer", "person:vasilescu"} <= {e["key"] for e in an["entities"]}
    assert "Vienna" in {p["name"] for p in an["places"]}
    speakers = {q["speaker"] for q in an["quotes"]}
    assert "Katharina Stelzer" in speakers


@pytest.mark.slow
def test_compare_html_page_with_plain_text(tmp_path):
    page = ROOT / "tests/data/ingest/page.html"
    reprint = tmp_path / "reprint.txt"
    reprint.write_text(
        "Keeper retires\n\nThe last keeper of the fictional St. Brennock lighthouse retired on Wednesday after "
        "forty years of climbing its 212 steps every evening.   -AFP\n",
        encoding="utf-8",
    )
    r = run_cli("compare", str(page), str(reprint), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["a"]["outlet"] == "Coast Gazette" and out["a"]["published"].startswith("2022-06-01")
    assert out["a"]["credits"] == ["AFP"] and out["b"]["credits"] == ["AFP"]
    assert out["passages"] and out["reuse"]["b_coverage"] > 0.9


@pytest.mark.slow
def test_python_api_compare_files():
    from samestory.api import Samestory

    c = Samestory().compare_files(EXAMPLES / "wire.txt", EXAMPLES / "reprint_edited.txt")
    assert c.same_story and c.dimensions.overall <= 1.5
    edits = {(e.a_text, e.b_text, e.kind) for p in c.alignment.passages for e in p.edits}
    assert ("20", "25", "number") in edits  # the reprint changed a figure
    assert c.b.credits == ("AFP",)
