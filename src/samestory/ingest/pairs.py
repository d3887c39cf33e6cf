"""Files of article pairs to score: CSV/TSV or JSON Lines with ``pair_id``, ``text1``, ``text2``.

Optional columns ``lang1``, ``lang2`` (forcing each text's language) and ``title1``, ``title2``;
any other column (labels, URLs...) is ignored. Files are streamed line by line, so memory stays
bounded whatever their size: no line is kept beyond ``line_cap`` bytes and no text beyond
``IngestConfig.max_bytes``. A row that cannot be used becomes a ``Rejected`` naming
``path:LINE`` (the physical line the record starts on) and reading goes on; a file that cannot
be read at all (missing, binary, no ``text2`` column...) raises ``InputError``.
"""

from __future__ import annotations

import codecs
import csv
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from samestory.config import IngestConfig
from samestory.errors import InputError
from samestory.ingest.article import Article, Rejected, content_id
from samestory.ingest.decode import sniff_binary, stream_encoding, utf8_over
from samestory.ingest.records import csv_delimiter, loads_json

log = logging.getLogger(__name__)

REQUIRED = ("pair_id", "text1", "text2")
OPTIONAL = ("lang1", "lang2", "title1", "title2")
PAIR_FORMATS = ("auto", "csv", "jsonl")
_BY_EXTENSION = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
# ISO 639-1/639-3 with an optional region or script: en, fil, zh-CN, pt_BR, sr-Latn
_LANG = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*", re.IGNORECASE)
_SNIFF_LINES = 1000  # blank lines tolerated before the first content line
_SNIFF_BYTES = 65_536  # what the encoding is judged from


@dataclass(frozen=True, slots=True)
class PairRecord:
    """One row of a pairs file: two texts to compare, with optional languages and titles.

    Texts are trimmed of surrounding whitespace and otherwise kept as given. ``line`` is the
    line the record starts on; ``source`` names the file (``<stdin>`` for standard input).
    """

    pair_id: str
    line: int
    text1: str
    text2: str
    lang1: str | None = None
    lang2: str | None = None
    title1: str | None = None
    title2: str | None = None
    source: str | None = None

    @property
    def location(self) -> str:
        """``path:LINE``, as rejections and messages name the record."""
        return f"{self.source}:{self.line}" if self.source else f"line {self.line}"

    def articles(self) -> tuple[Article, Article]:
        """The two texts as articles: the text is the body, a given language skips detection.

        A text may start with its title; without a title column the title stays ``None``
        rather than being guessed (the comparison falls back on the lead).
        """
        return (
            _article(self.text1, self.title1, self.lang1, f"{self.location}:text1"),
            _article(self.text2, self.title2, self.lang2, f"{self.location}:text2"),
        )


def _article(text: str, title: str | None, language: str | None, source: str) -> Article:
    return Article(id=content_id(title, text), text=text, title=title, language=language, source=source, raw=text)


def pair_format(path: str, fmt: str = "auto") -> str | None:
    """``csv`` or ``jsonl`` from ``fmt`` or the file's extension; ``None`` when only the content can tell."""
    if fmt not in PAIR_FORMATS:
        raise InputError(f"pairs are read from csv or jsonl files, not {fmt!r}", source=path, reason="unknown-format")
    if fmt != "auto":
        return fmt
    return _BY_EXTENSION.get(Path(path).suffix.lower()) if path != "-" else None


def _ascii_compatible(encoding: str) -> str:
    """The codec name, checked to keep ``\\n`` as one byte: lines are split before decoding."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", reason="unknown-format") from None
    if "\n".encode(name, "ignore") != b"\n" or "a".encode(name, "ignore") != b"a":
        raise InputError(
            f"pair files are read line by line and must use an ASCII-compatible encoding, not {name}; "
            "convert the file to UTF-8",
            reason="undecodable",
        )
    return name


class _Lines:
    """Physical lines of a byte stream, decoded one by one.

    A line over ``cap`` bytes is skipped to its end without being kept, and a line that does not
    decode is decoded with replacement characters; both are noted in ``bad`` so that the record
    holding them can be rejected while reading goes on.
    """

    def __init__(self, stream: IO[bytes], encoding: str, cap: int, name: str) -> None:
        self.stream = stream
        self.name = name
        self.encoding = encoding
        self.cap = cap
        self.count = 0  # physical lines handed out so far
        self.bad: dict[int, tuple[str, str]] = {}
        self._ahead: list[tuple[bytes, bool]] = []  # lines read for sniffing, not yet handed out

    def _read(self) -> tuple[bytes, bool]:
        """The next raw line, cut at ``cap`` bytes (then the rest of it is read and dropped), and
        whether it was cut."""
        try:
            line = self.stream.readline(self.cap + 1)
            if len(line) > self.cap and not line.endswith(b"\n"):
                while chunk := self.stream.readline(1 << 20):
                    if chunk.endswith(b"\n"):
                        break
                return line[: self.cap], True
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=self.name, reason="unreadable") from None
        return line, False

    def _raw(self) -> bytes:
        line, cut = self._ahead.pop(0) if self._ahead else self._read()
        if cut:
            self.bad[self.count + 1] = ("too-large", f"a line is over {self.cap:,} bytes")
            return b"\n"  # an empty line in its place keeps the line count and the CSV state
        return line

    def peek_content(self) -> bytes:
        """The first line that is not blank (empty at the end of the input), without consuming it."""
        for _ in range(_SNIFF_LINES):
            line, cut = self._read()
            if not line:
                break
            self._ahead.append((line, cut))
            if line.replace(codecs.BOM_UTF8, b"").strip():
                return line
        return b""

    def peek_bytes(self, limit: int) -> bytes:
        """At least ``limit`` bytes of whole lines from here (fewer at the end), without consuming them."""
        have = sum(len(line) for line, _ in self._ahead)
        while have < limit:
            line, cut = self._read()
            if not line:
                break
            self._ahead.append((line, cut))
            have += len(line)
        return b"".join(line for line, _ in self._ahead)

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        raw = self._raw()
        if not raw:
            raise StopIteration
        self.count += 1
        if self.count == 1 and raw.startswith(codecs.BOM_UTF8) and self.encoding == "utf-8":
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            return raw.decode(self.encoding)
        except UnicodeDecodeError as exc:
            self.bad.setdefault(
                self.count,
                (
                    "undecodable",
                    f"line {self.count} is not valid {self.encoding} (byte {exc.start + 1}); "
                    "give the file's encoding with --encoding",
                ),
            )
            return raw.decode(self.encoding, "replace")

    def take_bad(self, first: int, last: int) -> tuple[str, str] | None:
        """The first problem noted on lines ``first..last``; forgets every note up to ``last``."""
        found = next((self.bad[n] for n in sorted(self.bad) if first <= n <= last), None)
        for n in [n for n in self.bad if n <= last]:
            del self.bad[n]
        return found


def _log_duplicate(pair_id: str, location: str) -> None:
    log.warning(
        "%s: pair_id %r is used again; both rows are kept (further duplicates are not reported)", location, pair_id
    )


class PairReader:
    """Streams ``PairRecord``s (and ``Rejected`` rows) from a CSV/TSV or JSON Lines file, or ``-`` for stdin.

    Opening reads only the start of the file: it checks that it is text, tells the format
    (``fmt``, else the extension, else the content: ``{`` starts JSON Lines) and, for CSV, reads
    the header and checks the required columns, so a file that cannot be used fails before any
    output is written. ``on_duplicate(pair_id, location)`` is called for the first repeated
    ``pair_id`` only (``None``: not checked); both rows are kept.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        fmt: str = "auto",
        config: IngestConfig | None = None,
        on_duplicate: Callable[[str, str], None] | None = _log_duplicate,
    ) -> None:
        self.config = config or IngestConfig()
        self.path = os.fspath(path)
        self.name = "<stdin>" if self.path == "-" else self.path
        self.on_duplicate = on_duplicate
        self._seen: set[str] | None = set() if on_duplicate else None
        # a record holds two texts within max_bytes, each at most doubled by quoting (CSV) or
        # 6 bytes per byte by \u escapes (JSON), plus the short fields
        self.line_cap = 12 * self.config.max_bytes + (1 << 20)
        encoding = _ascii_compatible(self.config.encoding or "utf-8")
        known = pair_format(self.path, fmt)
        self._stream = self._open()
        try:
            self._lines = _Lines(self._stream, encoding, self.line_cap, self.name)
            head = self._lines.peek_content()
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise InputError(
                    "is UTF-16 (it starts with a UTF-16 byte order mark); convert it to UTF-8", source=self.name
                )
            if what := sniff_binary(head[:8192]):
                raise InputError(f"not a text file: looks like {what}", source=self.name, reason="binary")
            if not head.strip():
                raise InputError("empty (no rows)", source=self.name, reason="empty")
            # a legacy file is read in its encoding, with a note; judged from the first lines
            encoding, legacy = stream_encoding(self._lines.peek_bytes(_SNIFF_BYTES), self.config.encoding)
            encoding = _ascii_compatible(encoding)
            self._lines.encoding = encoding
            self.encoding_note = encoding if legacy else None
            self.format = known or ("jsonl" if head.lstrip(codecs.BOM_UTF8 + b" \t").startswith(b"{") else "csv")
            self._columns: dict[str, int] = {}
            self._header: list[str] = []
            if self.format == "csv":
                self._start_csv(head.decode(encoding, "replace").lstrip("\ufeff"))
        except BaseException:
            self.close()
            raise

    def _open(self) -> IO[bytes]:
        if self.path == "-":
            return sys.stdin.buffer
        try:
            size = os.stat(self.path).st_size
        except OSError:
            size = 0  # open() below says what is wrong
        if size > self.config.max_file_bytes:
            raise InputError(
                f"file is {size:,} bytes, over the limit of {self.config.max_file_bytes:,} "
                "(raise max_file_bytes to read it)",
                source=self.name,
                reason="too-large",
            )
        try:
            stream = open(self.path, "rb")  # noqa: SIM115  closed by close(), the reader outlives this call
        except FileNotFoundError:
            raise InputError("no such file", source=self.name, reason="missing") from None
        except IsADirectoryError:
            raise InputError("is a directory, not a file", source=self.name, reason="unreadable") from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", source=self.name, reason="unreadable") from None
        return stream

    def _start_csv(self, header_line: str) -> None:
        # a text field may be as long as the per-article limit (and no longer: the reader then stops it)
        if csv.field_size_limit() < self.config.max_bytes:
            csv.field_size_limit(self.config.max_bytes)
        self._csv = csv.reader(self._lines, delimiter=csv_delimiter(header_line, self.path, self.config))
        try:
            header = next(self._csv)
        except csv.Error as exc:
            raise InputError(f"invalid CSV header: {exc}", source=f"{self.name}:1", reason="malformed") from None
        self._header = [h.strip().lstrip("\ufeff").lower() for h in header]
        for i, name in enumerate(self._header):
            if name in REQUIRED + OPTIONAL:
                self._columns.setdefault(name, i)
        missing = [c for c in REQUIRED if c not in self._columns]
        if missing:
            found = ", ".join(repr(h) for h in header[:20]) + (", ..." if len(header) > 20 else "")
            raise InputError(
                f"no {', '.join(repr(c) for c in missing)} column (columns found: {found}); "
                f"a pairs file needs {', '.join(REQUIRED)}",
                source=self.name,
                reason="missing-field",
            )

    def __enter__(self) -> PairReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.path != "-":  # standard input belongs to the process, not to this reader
            self._stream.close()

    def __iter__(self) -> Iterator[PairRecord | Rejected]:
        for item in self._iter_csv() if self.format == "csv" else self._iter_jsonl():
            if isinstance(item, PairRecord) and self._seen is not None:
                self._check_duplicate(item)
            yield item

    def _check_duplicate(self, record: PairRecord) -> None:
        assert self._seen is not None
        if record.pair_id not in self._seen:
            self._seen.add(record.pair_id)
            return
        self._seen = None  # warned once: stop keeping every id
        if self.on_duplicate is not None:
            self.on_duplicate(record.pair_id, record.location)

    def _iter_csv(self) -> Iterator[PairRecord | Rejected]:
        reader, lines, width = self._csv, self._lines, len(self._header)
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                lines.take_bad(start, reader.line_num)
                too_large = "field larger than field limit" in str(exc)
                message = (
                    f"a field is over {csv.field_size_limit():,} characters" if too_large else f"invalid CSV: {exc}"
                )
                yield Rejected(f"{self.name}:{start}", "too-large" if too_large else "malformed", message)
                continue
            if bad := lines.take_bad(start, reader.line_num):
                yield Rejected(f"{self.name}:{start}", *bad)
                continue
            if not any(c.strip() for c in row):
                continue
            if len(row) != width:
                yield Rejected(
                    f"{self.name}:{start}", "malformed", f"row has {len(row)} fields, the header has {width}"
                )
                continue
            yield self._record({name: row[i] for name, i in self._columns.items()}, start)

    def _iter_jsonl(self) -> Iterator[PairRecord | Rejected]:
        for text in self._lines:
            n = self._lines.count
            if bad := self._lines.take_bad(n, n):
                yield Rejected(f"{self.name}:{n}", *bad)
                continue
            if not text.strip():
                continue
            try:
                obj = loads_json(text)
            except json.JSONDecodeError as exc:
                yield Rejected(f"{self.name}:{n}", "malformed", f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield Rejected(
                    f"{self.name}:{n}", "malformed", f"a record must be a JSON object, got {type(obj).__name__}"
                )
                continue
            yield self._record(obj, n)

    def _record(self, rec: Mapping[str, Any], line: int) -> PairRecord | Rejected:
        try:
            return PairRecord(
                pair_id=_pair_id(rec.get("pair_id")),
                line=line,
                text1=self._text(rec, "text1"),
                text2=self._text(rec, "text2"),
                lang1=_language(rec, "lang1"),
                lang2=_language(rec, "lang2"),
                title1=_optional(rec, "title1"),
                title2=_optional(rec, "title2"),
                source=self.name,
            )
        except InputError as exc:
            return Rejected(f"{self.name}:{line}", exc.reason, str(exc.args[0]))

    def _text(self, rec: Mapping[str, Any], key: str) -> str:
        value = rec.get(key)
        if value is None:
            raise InputError(f"no {key!r}", reason="missing-field")
        if not isinstance(value, str):
            raise InputError(f"{key!r} is a {type(value).__name__}, not a string", reason="malformed")
        text = value.strip()
        if not text:
            raise InputError(f"{key!r} is empty", reason="missing-field")
        limit = self.config.max_bytes
        if utf8_over(text, limit) is not None:
            raise InputError(f"{key!r} is over the limit of {limit:,} bytes per article", reason="too-large")
        return text


def _pair_id(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float | type(None)):
        raise InputError(f"'pair_id' is a {type(value).__name__}, not a string or number", reason="malformed")
    pid = "" if value is None else str(value).strip()
    if not pid:
        raise InputError("'pair_id' is missing or empty", reason="missing-field")
    return pid


def _optional(rec: Mapping[str, Any], key: str) -> str | None:
    value = rec.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{key!r} is a {type(value).__name__}, not a string", reason="malformed")
    return " ".join(value.split()) or None


def _language(rec: Mapping[str, Any], key: str) -> str | None:
    """An ISO 639 code, reduced to its language (``zh-CN`` -> ``zh``): what the analysers key on."""
    value = _optional(rec, key)
    if value is None:
        return None
    m = _LANG.fullmatch(value)
    if not m:
        raise InputError(f"{key!r} is {value!r}, not an ISO 639 language code (en, de, zh...)", reason="malformed")
    return m.group(1).lower()


def iter_pairs(
    path: str | os.PathLike[str], *, fmt: str = "auto", config: IngestConfig | None = None
) -> Iterator[PairRecord | Rejected]:
    """Every record of a pairs file in order (see ``PairReader``); the file is closed at the end."""
    with PairReader(path, fmt=fmt, config=config) as reader:
        yield from reader
