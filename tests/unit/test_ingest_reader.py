"""The public API: read_file, read_text, read_bytes, iter_articles over files, directories and globs."""

from __future__ import annotations

from pathlib import Path

import pytest

import samestory.ingest as ingest
from samestory.config import IngestConfig
from samestory.errors import InputError
from samestory.ingest import iter_articles, read_bytes, read_file, read_text
from samestory.ingest.article import Article, Rejected

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
STORY = "Ferry resumes service\n\nThe island ferry resumed service on Tuesday after repairs.\n"


def test_public_api_is_exported():
    for name in ("read_file", "read_text", "read_bytes", "iter_articles", "outlet_from_url", "Article", "Rejected"):
        assert name in ingest.__all__ and hasattr(ingest, name)


def test_read_text_and_bytes_match_read_file():
    raw = (DATA / "reuters.txt").read_bytes()
    a = read_file(DATA / "reuters.txt")
    b = read_bytes(raw, source="upload.txt")
    c = read_text(raw.decode("utf-8"))
    assert a.id == b.id == c.id and a.text == b.text == c.text and a.removed == b.removed == c.removed
    assert b.source == "upload.txt" and b.encoding == "utf-8" and c.encoding is None


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n\t ", "empty"),
        ("bin.txt", bytes(range(256)) * 4, "binary"),
        ("doc.pdf", b"%PDF-1.7\n", "unknown-format"),
        ("doc.docx", b"PK\x03\x04 whatever", "unknown-format"),
        ("pdf.txt", b"%PDF-1.7\n%\xe2\xe3\n", "binary"),
        ("zip", b"PK\x03\x04\x14\x00", "binary"),
    ],
)
def test_read_file_refusals(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_file(p)
    assert exc.value.reason == reason and exc.value.source == str(p)
    assert "\n" not in str(exc.value)


def test_read_file_missing_and_directory(tmp_path):
    with pytest.raises(InputError) as exc:
        read_file(tmp_path / "nope.txt")
    assert exc.value.reason == "missing"
    with pytest.raises(InputError) as exc:
        read_file(tmp_path)
    assert exc.value.reason == "unreadable"


def test_read_file_on_records(tmp_path):
    one = tmp_path / "one.jsonl"
    one.write_text('{"title": "T", "text": "Only one."}\n')
    assert read_file(one).text == "Only one."
    many = tmp_path / "many.jsonl"
    many.write_text('{"text": "One."}\n{"text": "Two."}\n')
    with pytest.raises(InputError, match="holds 2 records"):
        read_file(many)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "no text"}\n')
    with pytest.raises(InputError) as exc:
        read_file(bad)
    assert exc.value.reason == "missing-field" and exc.value.source == f"{bad}:1"


def test_format_forced_by_config(tmp_path):
    p = tmp_path / "story.jsonl"
    p.write_text(STORY)
    a = read_file(p, IngestConfig(format="text"))
    assert a.title == "Ferry resumes service"


def test_read_text_limits():
    with pytest.raises(InputError) as exc:
        read_text("word " * 300, config=IngestConfig(max_bytes=1000))
    assert exc.value.reason == "too-large"
    with pytest.raises(InputError) as exc:
        read_text("é" * 600, config=IngestConfig(max_bytes=1000))  # 600 characters, 1200 bytes
    assert exc.value.reason == "too-large"
    with pytest.raises(InputError) as exc:
        read_text("a\x00b")
    assert exc.value.reason == "binary"


def test_iter_articles_directory_recursive_sorted_hidden_skipped(tmp_path):
    (tmp_path / "b.txt").write_text(STORY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(STORY.replace("Ferry", "Bus"))
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(STORY)
    (tmp_path / "empty.txt").write_bytes(b"")
    items = list(iter_articles([str(tmp_path)]))
    assert [Path(i.source).relative_to(tmp_path).as_posix() for i in items] == ["b.txt", "empty.txt", "sub/a.txt"]
    assert isinstance(items[1], Rejected) and items[1].reason == "empty"
    assert isinstance(items[0], Article) and items[2].title == "Bus resumes service"


def test_iter_articles_globs_and_missing(tmp_path):
    (tmp_path / "x1.txt").write_text(STORY)
    (tmp_path / "x2.txt").write_text(STORY)
    items = list(iter_articles([str(tmp_path / "x*.txt"), str(tmp_path / "none*.txt"), str(tmp_path / "gone.txt")]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Rejected", "Rejected"]
    assert items[2].reason == items[3].reason == "missing"
    assert items[3].source == str(tmp_path / "gone.txt")


def test_iter_articles_accepts_a_lone_path(tmp_path):
    p = tmp_path / "s.txt"
    p.write_text(STORY)
    assert [a.title for a in iter_articles(str(p))] == ["Ferry resumes service"]


def test_iter_articles_too_large_goes_on(tmp_path):
    (tmp_path / "a_big.txt").write_text("word " * 400)
    (tmp_path / "b_ok.txt").write_text(STORY)
    items = list(iter_articles([str(tmp_path)], IngestConfig(max_bytes=1000)))
    assert isinstance(items[0], Rejected) and items[0].reason == "too-large"
    assert isinstance(items[1], Article)
