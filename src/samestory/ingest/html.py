"""HTML pages, through trafilatura (optional: ``pip install 'samestory[html]'``).

The page's main text cannot be mapped back to offsets in the HTML, so such an article has
``offsets_exact=False``, no ``segments``, and ``removed`` spans whose ``start``/``end`` are -1
(their ``text`` and ``kind`` still say what was taken out of the extracted text). ``raw`` is the
decoded HTML.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from samestory._optional import require
from samestory.errors import InputError
from samestory.ingest.article import Article, content_id
from samestory.ingest.dates import parse_published
from samestory.ingest.outlets import known_outlet, outlet_from_url
from samestory.ingest.plaintext import parse_plaintext
from samestory.ingest.recognize import agencies_in

_LANG_RE = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*", re.IGNORECASE)
_HTML_START_RE = re.compile(
    r"\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html\b|<head\b|<body\b)",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """Whether decoded text is an HTML page (starts with a doctype or an ``<html>`` tag)."""
    return _HTML_START_RE.match(text[:4096]) is not None


def parse_html(html: str, *, source: str | None = None, encoding: str | None = None) -> Article:
    """The main text and metadata of an HTML page."""
    trafilatura = require("trafilatura", pip="'samestory[html]'", purpose="reading HTML pages")
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on broken pages
        raise InputError(
            f"cannot parse the HTML: {type(exc).__name__}: {exc}", source=source, reason="malformed"
        ) from None
    meta: dict[str, Any] = {}
    if doc is not None:
        meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (meta.get("text") or "").strip()
    if not body:
        raise InputError("no article text found in the HTML page", source=source, reason="empty")
    title = (meta.get("title") or "").strip() or None
    url = meta.get("url") or None
    # the body goes through the plain-text cleaner for datelines, captions and credits; the
    # title and date come from the page's own metadata, so header recognition is off
    cleaned = parse_plaintext(body, source=source, encoding=encoding, header=False, title=title)
    published = parse_published(meta.get("date"))
    author = (meta.get("author") or "").strip() or None
    credits = list(cleaned.credits)
    if author:
        for a in reversed(agencies_in(author)):
            if a not in credits:
                credits.insert(0, a)
    lang = _LANG_RE.search(html[:20000])
    metadata = dict(cleaned.metadata)
    # offsets in the extracted text mean nothing in the HTML: say so rather than mislead
    if "dateline" in metadata:
        metadata["dateline"] = {**metadata["dateline"], "start": None, "end": None}
    if "embeds" in metadata:
        metadata["embeds"] = [{**e, "start": None, "end": None} for e in metadata["embeds"]]
    metadata["extractor"] = "trafilatura"
    for key in ("sitename", "hostname", "description", "categories", "tags"):
        if meta.get(key):
            metadata[key] = meta[key]
    outlet = (
        known_outlet(url)
        or (meta.get("sitename") or "").strip()
        or outlet_from_url(url)
        or outlet_from_url(meta.get("hostname"))
    )
    return Article(
        id=content_id(title, cleaned.text),
        text=cleaned.text,
        title=title,
        url=url,
        outlet=outlet or None,
        published=published,
        byline=author,
        credits=tuple(credits),
        language=lang.group(1).lower() if lang else (meta.get("language") or None),
        source=source,
        encoding=encoding,
        metadata=metadata,
        # spans of the extracted text, not of the HTML: keep what and why, drop the offsets
        removed=tuple(dataclasses.replace(r, start=-1, end=-1) for r in cleaned.removed),
        segments=(),
        raw=html,
        offsets_exact=False,
    )
