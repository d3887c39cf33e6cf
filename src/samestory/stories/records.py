"""Article records for clustering from JSON Lines: ``id`` and a ``title`` or a ``text``, the rest optional.

Unlike the ingest readers, a record without body text is fine here (stories can be clustered
from headlines alone). A line that is not a JSON object, or lacks an ``id`` or both ``title`` and
``text``, becomes a ``Rejected`` naming ``path:LINE``, and reading goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from samestory.ingest.article import Rejected
from samestory.ingest.dates import parse_published
from samestory.ingest.decode import utf8_over
from samestory.ingest.outlets import outlet_from_url
from samestory.ingest.records import loads_json

FIELDS = ("title", "text", "url", "outlet", "language")


def _text(rec: dict[str, Any], key: str) -> str | None:
    v = rec.get(key)
    if v is None:
        return None
    if isinstance(v, int | float) and not isinstance(v, bool):
        v = str(v)
    if not isinstance(v, str):
        raise ValueError(f"field {key!r} is a {type(v).__name__}, not a string")
    return v.strip() or None


def parse_record(obj: Any) -> dict[str, Any]:
    """The fields clustering reads from one decoded record; ``ValueError`` says what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError(f"a record must be a JSON object, got {type(obj).__name__}")
    rid = obj.get("id")
    if rid is None or isinstance(rid, bool | dict | list) or str(rid).strip() == "":
        raise ValueError("record has no 'id'")
    rec: dict[str, Any] = {k: _text(obj, k) for k in FIELDS}
    if rec["title"] is None and rec["text"] is None:
        raise ValueError("record has neither 'title' nor 'text'")
    rec["id"] = str(rid).strip()
    rec["outlet"] = rec["outlet"] or outlet_from_url(rec["url"])
    rec["published"] = parse_published(obj.get("published"))
    return rec


def iter_records(
    lines: Iterable[str], source: str, max_bytes: int | None = None
) -> Iterator[dict[str, Any] | Rejected]:
    """Records of JSON Lines ``lines`` (blank lines skipped), or ``Rejected`` with ``source:LINE``;
    a line over ``max_bytes`` (UTF-8; a record holds one article) is rejected unparsed."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        if max_bytes is not None and (size := utf8_over(line, max_bytes)) is not None:
            yield Rejected(where, "too-large", f"record is {size:,} bytes, over the limit of {max_bytes:,}")
            continue
        try:
            obj = loads_json(line)
        except json.JSONDecodeError as exc:
            yield Rejected(where, "malformed", f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        try:
            yield parse_record(obj)
        except ValueError as exc:
            yield Rejected(
                where, "missing-field" if "has no" in str(exc) or "neither" in str(exc) else "malformed", str(exc)
            )
