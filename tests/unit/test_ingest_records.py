"""JSON Lines, JSON arrays, CSV and TSV: field maps, per-record rejections, ids and dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from samestory.config import FieldMap, IngestConfig
from samestory.ingest import iter_articles
from samestory.ingest.article import Article, Rejected, content_id

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejected)]


def test_jsonl_records_and_rejections():
    arts, rej = split(iter_articles([str(DATA / "records.jsonl")]))
    src = str(DATA / "records.jsonl")
    assert [a.source for a in arts] == [f"{src}:1", f"{src}:2", f"{src}:7"]
    a1, a2, a3 = arts
    assert a1.id == "a1" and a1.title == "Bridge reopens"
    assert a1.text == "The old bridge over the fictional river Wend reopened on Monday after repairs."
    assert a1.raw.strip() == a1.text and a1.raw[a1.segments[0].raw_start :].startswith("The old bridge")
    assert a1.published == datetime(2021, 5, 3, 8, 15, tzinfo=UTC)
    assert a1.outlet == "Reuters"  # from the url
    assert a2.id == "42" and a2.outlet == "Millbrook Courier" and a2.published == date(2021, 5, 4)
    assert a3.id == content_id("Odd date", a3.text) and a3.published is None
    assert a3.metadata["unparsed_published"] == "sometime last week"
    assert [(r.source, r.reason) for r in rej] == [
        (f"{src}:4", "missing-field"),
        (f"{src}:5", "malformed"),
        (f"{src}:6", "malformed"),
    ]
    assert "'text'" in rej[0].message


def test_json_array_names_records_by_line():
    arts, rej = split(iter_articles([str(DATA / "array.json")]))
    src = str(DATA / "array.json")
    assert [(a.source, a.title) for a in arts] == [(f"{src}:2", "First"), (f"{src}:3", "Second")]
    assert [(r.source, r.reason) for r in rej] == [(f"{src}:5", "missing-field")]


def test_single_json_object(tmp_path):
    p = tmp_path / "one.json"
    p.write_text('{\n  "title": "Solo",\n  "text": "Just one record."\n}\n')
    arts, rej = split(iter_articles([str(p)]))
    assert not rej and arts[0].title == "Solo" and arts[0].text == "Just one record."


def test_broken_json_array_stops_with_a_rejection(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text('[\n {"text": "fine"},\n {"text": oops}\n]\n')
    arts, rej = split(iter_articles([str(p)]))
    assert [a.text for a in arts] == ["fine"]
    assert rej[0].source == f"{p}:3" and rej[0].reason == "malformed"


def test_csv_sniffed_semicolon_multiline_field_and_line_numbers():
    arts, rej = split(iter_articles([str(DATA / "records.csv")]))
    src = str(DATA / "records.csv")
    assert [a.id for a in arts] == ["c1", "c3"]
    c1, c3 = arts
    assert c1.source == f"{src}:2" and "\nA second paragraph" in c1.text
    assert c1.outlet == "observerbd.com" and c1.published == date(2020, 10, 10)
    assert c3.source == f"{src}:5" and c3.url is None and c3.published == date(2020, 10, 13)
    assert [(r.source, r.reason) for r in rej] == [(f"{src}:4", "missing-field")]


def test_tsv_with_a_field_map():
    fields = FieldMap(title="headline", text="body", url="link")
    arts, rej = split(iter_articles([str(DATA / "records.tsv")], IngestConfig(fields=fields)))
    assert not rej
    (a,) = arts
    assert a.title == "Tram line extended" and a.outlet == "BBC"


def test_csv_without_the_text_column_is_one_rejection():
    arts, rej = split(iter_articles([str(DATA / "records.tsv")]))
    assert not arts
    assert rej[0].reason == "missing-field" and "'body'" in rej[0].message


def test_csv_forced_delimiter_and_big_field(tmp_path):
    p = tmp_path / "big.csv"
    body = "word " * 40_000  # 200 KB, over csv's default 128 KB field limit
    p.write_text(f"title|text\nBig|{body}\n")
    arts, rej = split(iter_articles([str(p)], IngestConfig(csv_delimiter="|")))
    assert not rej and arts[0].text == body.strip()


def test_jsonl_sniffed_without_extension(tmp_path):
    p = tmp_path / "dump"
    p.write_text('{"text": "Sniffed as JSON Lines."}\n{"text": "Second."}\n')
    arts, rej = split(iter_articles([str(p)]))
    assert [a.text for a in arts] == ["Sniffed as JSON Lines.", "Second."] and not rej


def _records(n: int, words: int = 30) -> str:
    import json

    return "".join(json.dumps({"id": f"r{k}", "text": f"Record {k} says " + "word " * words}) + "\n" for k in range(n))


def test_a_records_file_is_bounded_by_max_file_bytes_and_each_record_by_max_bytes(tmp_path):
    import json

    # a corpus file is many articles: over the per-article limit as a whole, every record within it
    cfg = IngestConfig(max_bytes=400, max_file_bytes=100_000)
    body = _records(200) + json.dumps({"id": "big", "text": "x" * 500}) + "\n" + _records(1)
    for name in ("corpus.jsonl", "corpus-without-extension"):
        p = tmp_path / name
        p.write_text(body)
        assert p.stat().st_size > 20 * cfg.max_bytes
        arts, rej = split(iter_articles([str(p)], cfg))
        assert len(arts) == 201
        assert [(r.source, r.reason) for r in rej] == [(f"{p}:201", "too-large")]
        assert "over the limit of 400 per article" in rej[0].message
    csv_file = tmp_path / "corpus.csv"
    rows = "".join(f"c{k},Row {k} {'word ' * 30}\n" for k in range(100))
    csv_file.write_text("id,text\n" + rows + "big," + "y" * 500)
    arts, rej = split(iter_articles([str(csv_file)], cfg))
    assert len(arts) == 100 and [r.reason for r in rej] == ["too-large"]
    # over max_file_bytes: the whole file is refused, unread
    small = IngestConfig(max_bytes=400, max_file_bytes=5_000)
    arts, rej = split(iter_articles([str(tmp_path / "corpus.jsonl")], small))
    assert not arts and rej[0].reason == "too-large" and "5,000" in rej[0].message


def test_one_article_over_max_bytes_is_refused_whatever_its_name(tmp_path):
    cfg = IngestConfig(max_bytes=400, max_file_bytes=100_000)
    for name, body in (("a.txt", "Word " * 300), ("noext", "Word " * 300), ("page.html", "<p>" + "w " * 300)):
        p = tmp_path / name
        p.write_text(body)
        arts, rej = split(iter_articles([str(p)], cfg))
        assert not arts and rej[0].reason == "too-large" and "400" in rej[0].message, (name, rej)
