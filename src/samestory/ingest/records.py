"""Many articles per file: JSON Lines, a JSON array (or one object), CSV and TSV.

Each record's fields are found through ``config.fields`` (a ``FieldMap``). The text field is the
article body as it stands: it is trimmed of surrounding whitespace but not cleaned like a
plain-text scrape (records come from databases and APIs, where the body is already the body).
``Article.raw`` is then the text field itself, so offsets index that field. A record that cannot
be read (bad JSON, not an object, no text) becomes a ``Rejected`` naming ``path:LINE`` and the
rest of the file goes on.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from samestory.config import FieldMap, IngestConfig
from samestory.errors import InputError
from samestory.ingest.article import Article, Rejected, Segment, content_id
from samestory.ingest.dates import parse_published
from samestory.ingest.decode import utf8_over
from samestory.ingest.outlets import outlet_from_url

_CSV_DELIMITERS = ",;\t|"
_SKIPPED = " (the rest of the file is skipped)"


def loads_json(s: str) -> Any:
    """``json.loads``, with nesting too deep for the recursive decoder (``[[[[...``) as a decode error."""
    try:
        return json.loads(s)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", s, 0) from None


def _raw_decode(decoder: json.JSONDecoder, s: str, i: int) -> tuple[Any, int]:
    try:
        return decoder.raw_decode(s, i)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", s, i) from None


def record_article(
    rec: Mapping[str, Any],
    fields: FieldMap,
    *,
    source: str,
    encoding: str | None = None,
    max_bytes: int | None = None,
) -> Article:
    """One record (a JSON object or a CSV row) as an ``Article``; ``InputError`` when it has no
    text, or a text over ``max_bytes`` (UTF-8)."""
    text_value = rec.get(fields.text)
    if text_value is None or (isinstance(text_value, str) and not text_value.strip()):
        raise InputError(f"record has no text (field {fields.text!r})", source=source, reason="missing-field")
    if not isinstance(text_value, str):
        raise InputError(
            f"field {fields.text!r} is a {type(text_value).__name__}, not a string", source=source, reason="malformed"
        )
    if max_bytes is not None and (size := utf8_over(text_value, max_bytes)) is not None:
        raise InputError(
            f"text is {size:,} bytes, over the limit of {max_bytes:,} per article", source=source, reason="too-large"
        )
    lead = len(text_value) - len(text_value.lstrip())
    text = text_value.strip()
    title = _opt_str(rec, fields.title, source)
    url = _opt_str(rec, fields.url, source)
    outlet = _opt_str(rec, fields.outlet, source) or outlet_from_url(url)
    metadata: dict[str, Any] = {}
    raw_published = rec.get(fields.published)
    published = parse_published(raw_published)
    if published is None and raw_published not in (None, ""):
        # kept, not guessed: the article is still usable and the caller can see what was there
        metadata["unparsed_published"] = str(raw_published)
    given_id = rec.get(fields.id)
    if isinstance(given_id, dict | list):
        raise InputError(f"field {fields.id!r} is not a string or number", source=source, reason="malformed")
    rid = str(given_id).strip() if given_id not in (None, "") else ""
    return Article(
        id=rid or content_id(title, text),
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        language=_opt_str(rec, fields.language, source),
        source=source,
        encoding=encoding,
        metadata=metadata,
        segments=(Segment(0, lead, len(text)),),
        raw=text_value,
    )


def _opt_str(rec: Mapping[str, Any], key: str, source: str) -> str | None:
    v = rec.get(key)
    if v is None:
        return None
    if isinstance(v, int | float) and not isinstance(v, bool):
        v = str(v)
    if not isinstance(v, str):
        raise InputError(f"field {key!r} is a {type(v).__name__}, not a string", source=source, reason="malformed")
    v = " ".join(v.split())
    return v or None


def _one(obj: Any, config: IngestConfig, source: str, encoding: str | None) -> Article | Rejected:
    if not isinstance(obj, dict):
        return Rejected(source, "malformed", f"a record must be a JSON object, got {type(obj).__name__}")
    try:
        return record_article(obj, config.fields, source=source, encoding=encoding, max_bytes=config.max_bytes)
    except InputError as exc:
        return Rejected(source, exc.reason, str(exc.args[0]))


def iter_jsonl(text: str, path: str, config: IngestConfig, encoding: str | None = None) -> Iterator[Article | Rejected]:
    """Records of a JSON Lines file, or of a JSON file holding an array of objects or one object."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        yield from _iter_json_array(text, path, config, encoding)
        return
    if stripped.startswith("{") and "\n" in stripped.rstrip() and not _first_line_is_json(stripped):
        # one pretty-printed object over several lines (a .json file), not JSON Lines
        try:
            obj = loads_json(text)
        except json.JSONDecodeError as exc:
            yield Rejected(f"{path}:{exc.lineno}", "malformed", f"invalid JSON: {exc.msg}")
            return
        yield _one(obj, config, f"{path}:1", encoding)
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        src = f"{path}:{lineno}"
        try:
            obj = loads_json(line)
        except json.JSONDecodeError as exc:
            yield Rejected(src, "malformed", f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield _one(obj, config, src, encoding)


def _first_line_is_json(text: str) -> bool:
    try:
        loads_json(text.split("\n", 1)[0])
    except json.JSONDecodeError:
        return False
    return True


def _iter_json_array(text: str, path: str, config: IngestConfig, encoding: str | None) -> Iterator[Article | Rejected]:
    """Walk ``[obj, obj, ...]`` element by element so each record is named by its line."""
    decoder = json.JSONDecoder()
    i = len(text) - len(text.lstrip()) + 1  # past "["
    n = len(text)

    def skip_ws(k: int) -> int:
        while k < n and text[k] in " \t\r\n":
            k += 1
        return k

    i = skip_ws(i)
    if i < n and text[i] == "]":
        yield Rejected(path, "empty", "empty JSON array")
        return
    while i < n:
        line = text.count("\n", 0, i) + 1
        try:
            obj, end = _raw_decode(decoder, text, i)
        except json.JSONDecodeError as exc:
            yield Rejected(f"{path}:{exc.lineno}", "malformed", f"invalid JSON: {exc.msg}{_SKIPPED}")
            return
        yield _one(obj, config, f"{path}:{line}", encoding)
        i = skip_ws(end)
        if i < n and text[i] == ",":
            i = skip_ws(i + 1)
            continue
        if i < n and text[i] == "]" and not text[i + 1 :].strip():
            return
        line = text.count("\n", 0, i) + 1
        yield Rejected(f"{path}:{line}", "malformed", f"invalid JSON: expected ',' or ']'{_SKIPPED}")
        return
    yield Rejected(f"{path}:{text.count(chr(10)) + 1}", "malformed", "invalid JSON: the array is not closed")


def csv_delimiter(header_line: str, path: str, config: IngestConfig) -> str:
    """The configured delimiter, a tab for ``.tsv``, else the most frequent candidate in the header."""
    if config.csv_delimiter:
        return config.csv_delimiter
    if path.lower().endswith(".tsv"):
        return "\t"
    counts = {d: header_line.count(d) for d in _CSV_DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def iter_csv(text: str, path: str, config: IngestConfig, encoding: str | None = None) -> Iterator[Article | Rejected]:
    """Rows of a CSV/TSV file with a header row naming the fields."""
    # a field may be as long as the whole file (the file is already within its limit); a text
    # over max_bytes is refused record by record below, not as a parse error ending the file
    limit = min(max(config.max_bytes, config.max_file_bytes), sys.maxsize)
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
    header_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delim = csv_delimiter(header_line, path, config)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = next(reader)
    except StopIteration:
        yield Rejected(path, "empty", "empty CSV file")
        return
    except csv.Error as exc:
        yield Rejected(f"{path}:1", "malformed", f"invalid CSV header: {exc}")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    if config.fields.text not in header:
        shown = ", ".join(repr(h) for h in header[:12])
        yield Rejected(path, "missing-field", f"no {config.fields.text!r} column (columns: {shown})")
        return
    line = reader.line_num + 1
    rows = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            if not rows:  # a header alone would otherwise vanish from a batch unreported
                yield Rejected(path, "empty", "no rows after the CSV header")
            return
        except csv.Error as exc:
            yield Rejected(f"{path}:{line}", "malformed", f"invalid CSV: {exc}{_SKIPPED}")
            return
        src, line = f"{path}:{line}", reader.line_num + 1
        if not any(c.strip() for c in row):
            continue
        rows += 1
        if len(row) > len(header):
            yield Rejected(src, "malformed", f"row has {len(row)} fields, the header has {len(header)}")
            continue
        rec = dict(zip(header, row, strict=False))
        try:
            yield record_article(rec, config.fields, source=src, encoding=encoding, max_bytes=config.max_bytes)
        except InputError as exc:
            yield Rejected(src, exc.reason, str(exc.args[0]))
