"""The public readers: one article from a file, bytes or text; many from files and directories."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from samestory.config import IngestConfig
from samestory.errors import InputError
from samestory.ingest.article import Article, Rejected
from samestory.ingest.decode import decode_bytes, read_limited, utf8_over
from samestory.ingest.discover import expand_inputs, format_by_content, format_by_name
from samestory.ingest.plaintext import parse_plaintext
from samestory.ingest.records import iter_csv, iter_jsonl


def _parse(
    text: str, *, source: str | None, fmt: str | None, encoding: str | None, config: IngestConfig
) -> Iterator[Article | Rejected]:
    """Articles of decoded text in a known (or sniffed) format; one-article formats raise InputError."""
    fmt = fmt or format_by_content(text)
    if fmt == "text":
        yield parse_plaintext(text, source=source, encoding=encoding)
    elif fmt == "html":
        from samestory.ingest.html import parse_html  # trafilatura is optional and slow to import

        yield parse_html(text, source=source, encoding=encoding)
    elif fmt == "jsonl":
        yield from iter_jsonl(text, source or "<input>", config, encoding)
    elif fmt == "csv":
        yield from iter_csv(text, source or "<input>", config, encoding)
    else:  # config validation makes this unreachable; kept loud rather than silent
        raise InputError(f"unknown format {fmt!r}", source=source, reason="unknown-format")


def _single(items: Iterator[Article | Rejected], source: str | None) -> Article:
    """The one article of an input; an input holding several records is an error here."""
    got = list(items)
    if len(got) == 1:
        item = got[0]
        if isinstance(item, Rejected):
            raise InputError(item.message, source=item.source, reason=item.reason)
        return item
    if not got:
        raise InputError("no records in the file", source=source, reason="empty")
    raise InputError(
        f"holds {len(got)} records, not one article; read it with iter_articles (samestory read)",
        source=source,
        reason="malformed",
    )


def _check_text(text: str, source: str | None, config: IngestConfig) -> None:
    if utf8_over(text, config.max_bytes) is not None:
        raise InputError(f"input is over the limit of {config.max_bytes:,} bytes", source=source, reason="too-large")
    if not text.strip():
        raise InputError("empty (no text, or whitespace only)", source=source, reason="empty")
    if "\x00" in text:
        raise InputError("not text: it contains NUL characters", source=source, reason="binary")


def read_text(text: str, *, source: str | None = None, config: IngestConfig | None = None) -> Article:
    """One article from already decoded text (e.g. the ``raw`` field of an HTTP request).

    Reads it exactly as a file with that content and no extension would be read: HTML and JSON
    are recognised by their content, anything else is a plain-text scrape.
    """
    config = config or IngestConfig()
    _check_text(text, source, config)
    fmt = None if config.format == "auto" else config.format
    return _single(_parse(text, source=source, fmt=fmt, encoding=None, config=config), source)


def read_bytes(data: bytes, *, source: str | None = None, config: IngestConfig | None = None) -> Article:
    """One article from raw bytes; ``source`` (a file name) may tell the format by its extension."""
    config = config or IngestConfig()
    fmt = format_by_name(source, config)
    text, encoding = decode_bytes(data, source=source, encoding=config.encoding, max_bytes=config.max_bytes)
    return _single(_parse(text, source=source, fmt=fmt, encoding=encoding, config=config), source)


def read_file(path: str | os.PathLike[str], config: IngestConfig | None = None) -> Article:
    """One article from a plain-text or HTML file (or a records file holding exactly one record).

    Raises ``InputError`` (reason ``missing``, ``unreadable``, ``empty``, ``binary``, ``too-large``,
    ``undecodable``, ``unknown-format``, ``malformed`` or ``missing-field``).
    """
    config = config or IngestConfig()
    p = Path(path)
    source = os.fspath(path)
    fmt = format_by_name(source, config)  # before reading: a .docx is refused unread
    data = read_limited(p, config.max_bytes, source=source)
    text, encoding = decode_bytes(data, source=source, encoding=config.encoding, max_bytes=config.max_bytes)
    return _single(_parse(text, source=source, fmt=fmt, encoding=encoding, config=config), source)


_SNIFF_BYTES = 65_536  # enough of a file's head to tell JSON Lines from one article


def _file_limit(path: Path, fmt: str | None, source: str, config: IngestConfig) -> int:
    """The size limit of a file: ``max_file_bytes`` for a records file, ``max_bytes`` for one article.

    A file whose format is told by content and that is over ``max_bytes`` is sniffed from its
    head, so a large article is refused unread and a large JSON Lines file is read.
    """
    if fmt in ("jsonl", "csv"):
        return config.max_file_bytes
    if fmt is not None:
        return config.max_bytes
    try:
        if path.stat().st_size <= config.max_bytes:
            return config.max_bytes
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return config.max_bytes  # read_limited reports it
    head = head[: head.rfind(b"\n") + 1] or head  # whole lines only
    try:
        text, _ = decode_bytes(head, source=source, encoding=config.encoding)
    except InputError:
        return config.max_bytes
    return config.max_file_bytes if format_by_content(text) == "jsonl" else config.max_bytes


def iter_file(path: Path, config: IngestConfig) -> Iterator[Article | Rejected]:
    """Every article of one file; a file that cannot be read at all is one ``Rejected``."""
    source = os.fspath(path)
    try:
        fmt = format_by_name(source, config)
        limit = _file_limit(path, fmt, source, config)
        data = read_limited(path, limit, source=source)
        text, encoding = decode_bytes(data, source=source, encoding=config.encoding, max_bytes=limit)
        fmt = fmt or format_by_content(text)
        if limit > config.max_bytes and fmt not in ("jsonl", "csv"):  # one article, over its limit
            raise InputError(
                f"file is {len(data):,} bytes, over the limit of {config.max_bytes:,} (raise max_bytes to read it)",
                source=source,
                reason="too-large",
            )
        yield from _parse(text, source=source, fmt=fmt, encoding=encoding, config=config)
    except InputError as exc:
        yield Rejected(exc.source or source, exc.reason, str(exc.args[0]))


def iter_articles(
    inputs: Sequence[str | os.PathLike[str]], config: IngestConfig | None = None
) -> Iterator[Article | Rejected]:
    """Articles from files, directories (recursive, sorted, hidden files skipped) and glob patterns.

    Text and HTML files hold one article each, JSON Lines and CSV files many. A bad file or a bad
    record yields a ``Rejected`` (``source`` is ``path`` or ``path:LINE``) and reading goes on.
    """
    config = config or IngestConfig()
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]  # a lone path is a common slip; a string is not a list of characters
    for item in expand_inputs(inputs):
        if isinstance(item, Rejected):
            yield item
        else:
            yield from iter_file(item, config)
