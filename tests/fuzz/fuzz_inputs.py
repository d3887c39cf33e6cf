"""Hostile inputs for the readers and the analysis, and the invariants every result must hold.

``make_input(rng)`` builds one file (name, bytes) from a seeded ``random.Random``: random bytes,
or a plain-text scrape, JSON Lines, CSV or HTML page that is then truncated, re-encoded (legacy
code pages, UTF-16, two encodings mixed), sprinkled with zero-width and right-to-left controls
or corrupted. The hypothesis tests draw the seeds; ``benchmarks/fuzz_readers.py`` runs thousands.
"""

from __future__ import annotations

import csv
import io
import json
import random

from samestory.analyze.types import Analysis
from samestory.ingest.article import Article, Rejected

REASONS = frozenset(
    {"empty", "binary", "too-large", "undecodable", "unknown-format", "malformed", "missing-field", "missing"}
)
# zero-width space/joiners, BOM, bidi embeddings, overrides and isolates, Arabic letter mark
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202b"]
INVISIBLE += ["\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\u00ad"]
WORDS = (
    "the council approved new bridge on Monday after long debate about cost Putin Moscow Geneva AFP "
    "Reuters said talks were due to begin Friday 1,200 people 3.5 percent Mr. Dr. U.S. Oct. 9 "
    "Москве Путин заявил переговоры ООН 北京 外交部 表示 موسكو قال الرئيس Ελλάδα Αθήνα "
    "Zürich Ängste Straße żółć ça été août Kyïv 'quoted' \"quoted\" «цитата» “curly” … — – -AFP (AP)"
).split()
LINES = [
    "By Jane Doe, Reuters",
    "Published : Saturday, 10 October, 2020 at 12:00 AM",
    "date 2020-10-10",
    "LONDON (Reuters) - ",
    "Embed:",
    "— Town Watch (@townwatch) October 8, 2020",
    "Original url:",
    "https://www.example.com/2020/10/09/story",
    "Photo: The bridge at night. Jane Roe",
    "(Reporting by Jane Doe; Editing by Alex Smith)",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1251", "latin-1", "cp1252", "koi8-r", "shift_jis"]
ENCODINGS += ["gb18030", "cp1256", "iso8859-7"]
NAMES = {"text": ["a.txt", "a"], "jsonl": ["a.jsonl", "a.json"], "csv": ["a.csv", "a.tsv"], "html": ["a.html"]}


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 18))]
    return " ".join(words) + rng.choice([".", "!", "?", "", ".\u200b", "。", "؟"])


def body(rng: random.Random, max_sentences: int = 30) -> str:
    paras = []
    for _ in range(rng.randint(1, 6)):
        paras.append(" ".join(sentence(rng) for _ in range(rng.randint(1, max(1, max_sentences // 6)))))
    return rng.choice(["\n\n", "\n", "\r\n\r\n"]).join(paras)


def scrape(rng: random.Random) -> str:
    parts = [sentence(rng).rstrip(".")]  # a headline
    parts += rng.sample(LINES, rng.randint(0, 4))
    parts.append(body(rng))
    return "\n".join(parts)


def jsonl(rng: random.Random) -> str:
    lines = []
    for i in range(rng.randint(1, 6)):
        rec = {"id": rng.choice([str(i), i, None, [i]]), "title": sentence(rng), "text": body(rng, 8)}
        if rng.random() < 0.2:
            del rec["text"]
        if rng.random() < 0.1:
            rec["text"] = rng.choice([1, None, {"a": 1}, ""])
        lines.append(json.dumps(rec, ensure_ascii=rng.random() < 0.5))
    return "\n".join(lines) + rng.choice(["", "\n", "\n\n"])


def csv_text(rng: random.Random) -> str:
    out = io.StringIO()
    w = csv.writer(out, delimiter=rng.choice([",", "\t", ";"]))
    w.writerow(rng.choice([["id", "title", "text"], ["text"], ["id", "body"]]))
    for i in range(rng.randint(1, 6)):
        w.writerow([i, sentence(rng), body(rng, 8)][: rng.randint(1, 3)])
    return out.getvalue()


def html(rng: random.Random) -> str:
    depth = rng.choice([0, 3, 50, 400])
    tags = [rng.choice(["div", "span", "section", "b", "p"]) for _ in range(depth)]
    inner = "".join(f"<p>{sentence(rng)}</p>" for _ in range(rng.randint(1, 8)))
    if rng.random() < 0.3:
        inner += "<script>alert(1)</script><img src=x onerror=alert(2)>"
    closing = "".join(f"</{t}>" for t in reversed(tags)) if rng.random() < 0.7 else ""
    page = "".join(f"<{t}>" for t in tags) + inner + closing
    lang = rng.choice(["", ' lang="en"', " lang=ru-RU", ' lang="x'])
    return f"<!doctype html><html{lang}><head><title>{sentence(rng)}</title></head><body>{page}</body></html>"


MAKERS = {"text": scrape, "jsonl": jsonl, "csv": csv_text, "html": html}


def _encode(rng: random.Random, text: str) -> bytes:
    enc = rng.choice(ENCODINGS)
    if rng.random() < 0.15:  # two encodings in one file, as a badly concatenated scrape has
        cut = rng.randint(0, len(text))
        return text[:cut].encode("utf-8") + text[cut:].encode(rng.choice(ENCODINGS[4:]), "replace")
    return text.encode(enc, "replace")


def make_input(rng: random.Random) -> tuple[str, bytes]:
    """One hostile file: its name (which tells the format) and its bytes."""
    if rng.random() < 0.15:
        return rng.choice(["a.txt", "a.jsonl", "a.csv", "a.html", "a"]), rng.randbytes(rng.randint(0, 3000))
    kind = rng.choice(list(MAKERS))
    text = MAKERS[kind](rng)
    if rng.random() < 0.4:
        for _ in range(rng.randint(1, 30)):
            i = rng.randint(0, len(text))
            text = text[:i] + rng.choice(INVISIBLE) + text[i:]
    data = _encode(rng, text)
    r = rng.random()
    if r < 0.3:  # truncated mid-record, mid-tag or mid-character
        data = data[: rng.randint(0, len(data))]
    elif r < 0.4:  # a few corrupted bytes
        b = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        data = bytes(b)
    name = rng.choice(NAMES[kind]) if rng.random() < 0.8 else rng.choice(["a.txt", "a", "a.jsonl", "a.csv"])
    return name, data


def check_article(a: Article) -> None:
    """The invariants of any article: clean text, offsets that index ``raw`` and the text."""
    assert isinstance(a.text, str) and a.text.strip()
    assert "\x00" not in a.text
    if not a.offsets_exact:
        assert a.segments == () and all(r.start == r.end == -1 for r in a.removed)
        return
    raw = a.raw
    assert raw is not None
    for s in a.segments:
        assert s.raw_start >= 0 and s.raw_start + s.length <= len(raw) and s.length > 0
        assert s.text_start >= 0 and s.text_start + s.length <= len(a.text)
        assert a.text[s.text_start : s.text_start + s.length] == raw[s.raw_start : s.raw_start + s.length]
    for r in a.removed:
        assert 0 <= r.start < r.end <= len(raw) and raw[r.start : r.end] == r.text
    for i in (0, len(a.text) // 2, len(a.text)):
        assert 0 <= a.raw_offset(i) <= len(raw)


def check_item(item: Article | Rejected) -> None:
    if isinstance(item, Rejected):
        assert item.reason in REASONS, item
        assert item.message and "\n" not in item.message and "Traceback" not in item.message
    else:
        check_article(item)


def check_analysis(text: str, an: Analysis) -> None:
    """Every span of the analysis indexes ``text`` (and says what it covers, where it carries text)."""
    n = len(text)
    for s in an.sentences:
        assert 0 <= s.start < s.end <= n
    for group in (an.entities, an.places, an.dates, an.numbers, an.quotes, an.credits):
        for m in group:
            assert 0 <= m.start < m.end <= n, m
            assert text[m.start : m.end] == m.text, m
