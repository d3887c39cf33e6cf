"""Every command given a bad file (empty, binary, over the size limit): one clear line on stderr
and exit status 2, never a traceback; a legacy-encoded file is read with a note of its encoding."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "examples" / "wire.txt"
RU = (
    "Паромное сообщение восстановлено\n\nПаром на остров возобновил рейсы во вторник после ремонта двигателя. "
    "Первый рейс ушёл из порта в восемь утра.\n"
)
# the light models: these tests are about input handling, not scores
COMMANDS = {
    "read": ["read", "{f}"],
    "analyze": ["analyze", "{f}", "--ner", "gazetteer"],
    "compare": ["compare", "{f}", str(GOOD), "--encoder", "hashing", "--ner", "gazetteer"],
    "align": ["align", "{f}", str(GOOD)],
    "score-pairs": ["score-pairs", "{f}", "-o", "{tmp}/out.csv", "--encoder", "hashing", "--ner", "gazetteer"],
    "reuse": ["reuse", "{f}", "-o", "{tmp}/out.jsonl"],
    "ingest": ["ingest", "{f}", "--db", "{tmp}/new.db"],
    "cluster": ["cluster", "{f}", "-o", "{tmp}/out.jsonl"],
    "similar": ["similar", "{f}", "--db", "{store}"],
}
# score-pairs and cluster stream their file: tested with records files below
SIZE_LIMITED = [c for c in COMMANDS if c not in ("score-pairs", "cluster")]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run(
        [sys.executable, "-m", "samestory.cli", *args], capture_output=True, text=True, env=env, timeout=300
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A store holding one article, for ``similar``."""
    db = tmp_path_factory.mktemp("store") / "s.db"
    r = run_cli("ingest", str(GOOD), "--db", str(db), "--no-cluster")
    assert r.returncode == 0, r.stderr
    return db


def _args(command: str, f: Path, tmp: Path, store: Path) -> list[str]:
    return [a.format(f=f, tmp=tmp, store=store) for a in COMMANDS[command]]


def _one_clean_line(r: subprocess.CompletedProcess[str], name: str) -> str:
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("samestory: error:") and name in lines[0]
    return lines[0]


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize(
    ("content", "says"),
    [(b"", "empty"), (b"\x00\x01\x02\xff" * 800, "not"), (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF")],
    ids=["empty", "binary", "pdf"],
)
def test_a_bad_file_is_one_line_and_status_2(tmp_path, store, command, content, says):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    line = _one_clean_line(run_cli(*_args(command, f, tmp_path, store)), "bad.txt")
    assert says in line


@pytest.mark.parametrize("command", SIZE_LIMITED)
def test_a_file_over_the_size_limit_is_one_line_and_status_2(tmp_path, store, command):
    f = tmp_path / "big.txt"
    f.write_text("Word " * 3000)
    line = _one_clean_line(run_cli(*_args(command, f, tmp_path, store), "--max-bytes", "1000"), "big.txt")
    assert "over the limit of 1,000" in line


@pytest.mark.parametrize("command", SIZE_LIMITED)
@pytest.mark.parametrize("encoding", ["cp1251", "latin-1"])
def test_a_legacy_encoded_file_is_read_with_a_note(tmp_path, store, command, encoding):
    text = (
        RU
        if encoding == "cp1251"
        else (
            "Le ferry reprend du service\n\nLe ferry de l'île a repris ses rotations mardi après la réparation "
            "du moteur. Le premier départ a eu lieu à huit heures, a précisé la compagnie.\n"
        )
    )
    f = tmp_path / "legacy.txt"
    f.write_bytes(text.encode(encoding))
    r = run_cli(*_args(command, f, tmp_path, store))
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    # latin-1 text is named cp1252, its superset that gives the very same text
    assert f"samestory: note: {f} read as {'cp1251' if encoding == 'cp1251' else 'cp1252'}" in r.stderr


# score-pairs and cluster stream a records file: the file is bounded by --max-file-bytes and each
# text (pair) or record (cluster) by --max-bytes
STREAMED = {
    "score-pairs": ("pairs.csv", "pair_id,text1,text2\n", "p{k},{a},{b}\n"),
    "cluster": ("articles.jsonl", "", '{{"id": "c{k}", "title": "{a}", "text": "{b}"}}\n'),
}


def _streamed_file(tmp_path: Path, command: str, texts: list[tuple[str, str]], encoding: str = "utf-8") -> Path:
    name, header, row = STREAMED[command]
    f = tmp_path / name
    body = header + "".join(row.format(k=k, a=a, b=b) for k, (a, b) in enumerate(texts))
    f.write_bytes(body.encode(encoding))
    return f


@pytest.mark.parametrize("command", list(STREAMED))
def test_a_streamed_file_over_max_file_bytes_is_one_line_and_status_2(tmp_path, store, command):
    f = _streamed_file(tmp_path, command, [("Ferry back", "The ferry runs again " * 20)] * 40)
    r = run_cli(*_args(command, f, tmp_path, store), "--max-file-bytes", "5000")
    assert "over the limit of 5,000" in _one_clean_line(r, f.name)


@pytest.mark.parametrize("command", list(STREAMED))
def test_a_streamed_record_over_max_bytes_is_rejected_and_the_rest_go_on(tmp_path, store, command):
    f = _streamed_file(tmp_path, command, [("Ferry back", "The ferry runs again " * 5), ("Big", "word " * 600)])
    r = run_cli(*_args(command, f, tmp_path, store), "--max-bytes", "1000")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    line = 3 if command == "score-pairs" else 2  # the big record's line (score-pairs has a header)
    assert f"{f.name}:{line}: " in r.stderr and "over the limit of 1,000" in r.stderr, r.stderr
    out = (tmp_path / ("out.csv" if command == "score-pairs" else "out.jsonl")).read_text()
    assert "0" in out and ("p1" not in out if command == "score-pairs" else "c1" not in out)


@pytest.mark.parametrize("command", list(STREAMED))
@pytest.mark.parametrize("encoding", ["cp1251", "latin-1"])
def test_a_legacy_encoded_streamed_file_is_read_with_a_note(tmp_path, store, command, encoding):
    if encoding == "cp1251":
        texts = [(RU.split("\n")[0], RU.split("\n")[2])] * 3
    else:  # a few lines of French, as a real file would have (a few accents alone are ambiguous)
        texts = [
            ("Le ferry reprend du service", "Le ferry de l'île a repris ses rotations mardi après la réparation."),
            ("Premier départ à huit heures", "Le premier départ a eu lieu à huit heures selon la compagnie."),
            ("Les élèves rentrent", "Les élèves de l'école du bourg ont retrouvé leurs classes après l'été."),
        ]
    f = _streamed_file(tmp_path, command, texts, encoding)
    r = run_cli(*_args(command, f, tmp_path, store))
    assert r.returncode == 0, r.stderr
    assert f"samestory: note: {f} read as {'cp1251' if encoding == 'cp1251' else 'cp1252'}" in r.stderr
    if command == "cluster":  # the text was read right: the records came out with their ids
        assert (tmp_path / "out.jsonl").read_text().count('"id"') == 3
