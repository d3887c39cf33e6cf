"""Reading pair files: CSV/TSV and JSON Lines, line numbers of bad rows, bounded reading."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from pathlib import Path

import pytest

from samestory.config import IngestConfig
from samestory.errors import InputError
from samestory.ingest.article import Rejected, content_id
from samestory.ingest.pairs import PairReader, PairRecord, iter_pairs, pair_format

DATA = Path(__file__).resolve().parents[1] / "data" / "pairs"


def read(path, **kw) -> tuple[list[PairRecord], list[Rejected]]:
    items = list(iter_pairs(path, **kw))
    return [i for i in items if isinstance(i, PairRecord)], [i for i in items if isinstance(i, Rejected)]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8", newline="")
    return p


def test_csv_multiline_fields_keep_the_line_each_record_starts_on():
    recs, rej = read(DATA / "pairs.csv")
    assert not rej
    with open(DATA / "pairs.csv", newline="", encoding="utf-8") as fh:  # the stdlib as the reference
        reader = csv.reader(fh)
        next(reader)
        starts, prev = [], reader.line_num
        for row in reader:
            starts.append((row[0], prev + 1))
            prev = reader.line_num
    assert [(r.pair_id, r.line) for r in recs] == starts
    assert starts[1][1] - starts[0][1] > 10  # the texts do span many lines
    first = recs[0]
    assert first.text1.startswith("Ten countries along the Danube") and "\n\n" in first.text1
    assert first.title1 == "Danube States Agree Plan to Cut River Pollution"
    assert (first.lang1, first.lang2) == ("en", "en")
    busan = recs[2]
    assert (busan.lang1, busan.lang2) == (None, None)  # empty: detected later
    tram = recs[3]
    assert (tram.title1, tram.title2, tram.lang1, tram.lang2) == (None, None, "fr", "en")


def test_csv_and_jsonl_give_the_same_records():
    c, _ = read(DATA / "pairs.csv")
    j, _ = read(DATA / "pairs.jsonl")
    strip = [(r.pair_id, r.text1, r.text2, r.lang1, r.lang2, r.title1, r.title2) for r in c]
    assert strip == [(r.pair_id, r.text1, r.text2, r.lang1, r.lang2, r.title1, r.title2) for r in j]
    assert [r.line for r in j] == [1, 2, 3, 4, 5, 6]


def test_bad_rows_are_rejected_with_their_line_and_the_rest_go_on():
    recs, rej = read(DATA / "pairs_bad.csv")
    src = str(DATA / "pairs_bad.csv")
    assert [(r.pair_id, r.line) for r in recs] == [("ok-1", 2), ("ok-2", 3), ("ok-3", 11)]
    assert [(r.source, r.reason) for r in rej] == [
        (f"{src}:7", "missing-field"),
        (f"{src}:8", "malformed"),
        (f"{src}:9", "missing-field"),
        (f"{src}:10", "malformed"),
    ]
    assert "'text2'" in rej[0].message and "6 fields" in rej[1].message and "pair_id" in rej[2].message
    assert "english" in rej[3].message


def test_order_of_records_and_rejections_is_the_file_order():
    items = list(iter_pairs(DATA / "pairs_bad.csv"))
    lines = [i.line if isinstance(i, PairRecord) else int(i.source.rsplit(":", 1)[1]) for i in items]
    assert lines == sorted(lines)


def test_bom_semicolons_crlf_and_extra_columns(tmp_path):
    p = write(
        tmp_path,
        "semi.csv",
        "\ufeffPair_ID;label;Text1;text2;score\r\n"
        'a;x;"First text; with a semicolon";Second text;3\r\n'
        "b;y;Third text;Fourth text;1\r\n",
    )
    recs, rej = read(p)
    assert not rej
    assert [(r.pair_id, r.text1, r.text2, r.line) for r in recs] == [
        ("a", "First text; with a semicolon", "Second text", 2),
        ("b", "Third text", "Fourth text", 3),
    ]


def test_tsv_by_extension(tmp_path):
    p = write(tmp_path, "p.tsv", "pair_id\ttext1\ttext2\n1\tone, two\tthree, four\n")
    recs, _ = read(p)
    assert (recs[0].pair_id, recs[0].text1) == ("1", "one, two")


def test_missing_column_is_one_error_naming_the_columns_found(tmp_path):
    p = write(tmp_path, "p.csv", "pair_id,text_1,text2,Overall\n1,a,b,2\n")
    with pytest.raises(InputError) as exc:
        PairReader(p)
    msg = str(exc.value)
    assert "'text1'" in msg and "'text_1'" in msg and "'Overall'" in msg and str(p) in msg
    assert exc.value.reason == "missing-field"


@pytest.mark.parametrize(
    "content,reason",
    [(b"", "empty"), (b"\n\n  \n", "empty"), (b"\x1f\x8b\x08\x00rest", "binary"), (b"a\x00b\x00c\n" * 50, "binary")],
)
def test_unusable_files_raise(tmp_path, content, reason):
    p = write(tmp_path, "p.csv", content)
    with pytest.raises(InputError) as exc:
        PairReader(p)
    assert exc.value.reason == reason


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        PairReader(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="directory"):
        PairReader(tmp_path)


def test_empty_text_rejected_with_line_number_after_a_multiline_record(tmp_path):
    p = write(tmp_path, "p.csv", 'pair_id,text1,text2\n1,"a\nb\nc",d\n2,"   ",e\n3,f,g\n')
    recs, rej = read(p)
    assert [r.pair_id for r in recs] == ["1", "3"] and recs[1].line == 6
    assert [(r.source, r.reason) for r in rej] == [(f"{p}:5", "missing-field")]


def test_short_row_is_rejected_and_blank_lines_skipped(tmp_path):
    p = write(tmp_path, "p.csv", "pair_id,text1,text2\n\n1,a\n\n2,b,c\n")
    recs, rej = read(p)
    assert [(r.pair_id, r.line) for r in recs] == [("2", 5)]
    assert [(r.source, r.reason) for r in rej] == [(f"{p}:3", "malformed")]


def test_jsonl_bad_lines(tmp_path):
    lines = [
        json.dumps({"pair_id": 7, "text1": "a", "text2": "b", "lang1": "zh-CN", "extra": [1]}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"pair_id": "x", "text1": "a"}),
        json.dumps({"pair_id": "y", "text1": "a", "text2": 3}),
        json.dumps({"pair_id": "z", "text1": "a", "text2": "b", "title1": "  A   title "}),
    ]
    p = write(tmp_path, "p.jsonl", "\n".join(lines) + "\n")
    recs, rej = read(p)
    assert [(r.pair_id, r.line, r.lang1) for r in recs] == [("7", 1, "zh"), ("z", 7, None)]
    assert recs[1].title1 == "A title"
    assert [(r.source.rsplit(":", 1)[1], r.reason) for r in rej] == [
        ("2", "malformed"),
        ("4", "malformed"),
        ("5", "missing-field"),
        ("6", "malformed"),
    ]
    assert "invalid JSON" in rej[0].message and "'text2'" in rej[2].message


def test_format_by_content_and_by_option(tmp_path):
    p = write(tmp_path, "pairs.txt", '\n{"pair_id": "1", "text1": "a", "text2": "b"}\n')
    with PairReader(p) as r:
        assert r.format == "jsonl" and [x.pair_id for x in r] == ["1"]
    q = write(tmp_path, "pairs.data", "pair_id,text1,text2\n1,a,b\n")
    with PairReader(q) as r:
        assert r.format == "csv"
    with PairReader(q, fmt="csv") as r:
        assert r.format == "csv"
    assert pair_format("x.NDJSON") == "jsonl" and pair_format("x.csv") == "csv" and pair_format("-") is None
    with pytest.raises(InputError):
        pair_format("x.csv", "html")


def test_over_the_byte_limit_is_rejected_and_reading_goes_on(tmp_path):
    big = "é" * 600  # 600 characters, 1,200 bytes
    p = write(tmp_path, "p.csv", f"pair_id,text1,text2\n1,{big},short\n2,{'x' * 5000},short\n3,ok,fine\n")
    recs, rej = read(p, config=IngestConfig(max_bytes=1000))
    assert [r.pair_id for r in recs] == ["3"]
    assert [(r.source.rsplit(":", 1)[1], r.reason) for r in rej] == [("2", "too-large"), ("3", "too-large")]


def test_overlong_jsonl_line_is_skipped_unkept(tmp_path):
    line = json.dumps({"pair_id": "big", "text1": "x" * 2_500_000, "text2": "y"})
    p = write(tmp_path, "p.jsonl", line + "\n" + json.dumps({"pair_id": "ok", "text1": "a", "text2": "b"}) + "\n")
    with PairReader(p, config=IngestConfig(max_bytes=1000)) as r:
        assert r.line_cap < 2_500_000
        items = list(r)
    assert [(type(i).__name__, getattr(i, "reason", None)) for i in items] == [
        ("Rejected", "too-large"),
        ("PairRecord", None),
    ]
    assert items[1].line == 2


def test_undecodable_line_rejects_its_record_only(tmp_path):
    # the head is UTF-8, so the file is read as UTF-8; a later line that is not is its record's error
    rows = "".join(f"{k},café number {k} {'x' * 60},b\n" for k in range(1, 1200))  # past the 64 KB judged
    data = ("pair_id,text1,text2\n" + rows).encode() + b"9999,caf\xe9,b\n10000,ok,fine\n"
    p = write(tmp_path, "p.csv", data)
    recs, rej = read(p)
    assert len(recs) == 1200 and recs[0].text1.startswith("café number 1 ")
    assert rej[0].reason == "undecodable" and rej[0].source.endswith(":1201") and "--encoding" in rej[0].message
    recs, rej = read(p, config=IngestConfig(encoding="latin-1"))  # forced: every line in latin-1
    assert not rej and recs[-2].text1 == "café" and recs[0].text1.startswith("cafÃ©")


def test_a_legacy_file_is_read_in_its_encoding_with_a_note(tmp_path):
    text = "pair_id,text1,text2\n" + "".join(
        f"{k},Паром на остров возобновил рейсы {k},Первый рейс ушёл из порта в восемь утра\n" for k in range(5)
    )
    p = write(tmp_path, "p.csv", text.encode("cp1251"))
    with PairReader(p) as reader:
        assert reader.encoding_note == "cp1251"
        items = list(reader)
    assert [r.text1 for r in items][:1] == ["Паром на остров возобновил рейсы 0"]
    with PairReader(write(tmp_path, "u.csv", text.encode())) as reader:
        assert reader.encoding_note is None


def test_utf16_is_refused_with_a_hint(tmp_path):
    p = write(tmp_path, "p.csv", "pair_id,text1,text2\n1,a,b\n".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-8"):
        PairReader(p)
    with pytest.raises(InputError, match="ASCII-compatible"):
        PairReader(p, config=IngestConfig(encoding="utf-16"))


def test_duplicate_ids_are_kept_and_reported_once(tmp_path, caplog):
    p = write(tmp_path, "p.csv", "pair_id,text1,text2\n1,a,b\n1,c,d\n2,e,f\n2,g,h\n")
    seen: list[tuple[str, str]] = []
    with PairReader(p, on_duplicate=lambda pid, where: seen.append((pid, where))) as r:
        assert [x.pair_id for x in r] == ["1", "1", "2", "2"]
    assert seen == [("1", f"{p}:3")]
    with caplog.at_level(logging.WARNING, logger="samestory.ingest.pairs"):
        list(iter_pairs(p))
    assert len(caplog.records) == 1 and "'1'" in caplog.records[0].getMessage()


def test_stdin(monkeypatch):
    data = b"pair_id,text1,text2\nx,first,second\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    recs, rej = read("-")
    assert not rej and recs[0].source == "<stdin>" and recs[0].location == "<stdin>:2"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"pair_id":"j","text1":"a","text2":"b"}\n')))
    with PairReader("-") as r:
        assert r.format == "jsonl" and [x.pair_id for x in r] == ["j"]


def test_record_articles_force_language_and_leave_titles_alone():
    rec = PairRecord("p1", 4, "Wildfire forces evacuations.\nMore text.", "Un incendio.", lang1="en", title2="Incendio")
    a, b = rec.articles()
    assert a.text == rec.text1 and a.title is None and a.language == "en"
    assert b.title == "Incendio" and b.language is None
    assert a.id == content_id(None, rec.text1) and b.id == content_id("Incendio", rec.text2)
    assert rec.location == "line 4"
