"""Bytes to text: size limit, binary sniffing, BOM, strict UTF-8, then legacy-encoding detection.

The decoded text is never normalised (CRLF and all stay) so that offsets into it index the
input exactly as it is on disk.
"""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

from samestory.errors import InputError

# (magic bytes, what the file looks like) - checked before any decoding
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt/.epub document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}
# longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")
_SNIFF = 8192  # bytes looked at for control characters
_MAX_CONTROL_SHARE = 0.02
_CHAOS_WINDOW = 0.02
_TIE_PREFERENCE = ("cp1252", "iso8859-1", "iso8859-15", "cp1251", "koi8-r")
# codecs.lookup() names, most used on news sites first: the name reported for equivalent decodings
_COMMON = (
    "cp1252",
    "iso8859-1",
    "iso8859-15",
    "cp1251",
    "koi8-r",
    "cp1250",
    "iso8859-2",
    "shift_jis",
    "cp932",
    "euc_jp",
    "gb18030",
    "gbk",
    "gb2312",
    "big5",
    "euc_kr",
    "cp949",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp874",
    "iso8859-9",
    "koi8-u",
    "mac-cyrillic",
    "mac-roman",
)


def read_limited(path: Path, max_bytes: int, *, source: str | None = None) -> bytes:
    """The bytes of ``path``, refusing before reading anything when it is over ``max_bytes``."""
    src = source or str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", source=src, reason="missing") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=src, reason="unreadable") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a file", source=src, reason="unreadable")
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block or never end
        raise InputError("not a regular file", source=src, reason="unreadable")
    if st.st_size > max_bytes:
        raise InputError(
            f"file is {st.st_size:,} bytes, over the limit of {max_bytes:,} (raise max_bytes to read it)",
            source=src,
            reason="too-large",
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)  # a file that grew since stat (or a pipe) is still bounded
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=src, reason="unreadable") from None
    if len(data) > max_bytes:
        raise InputError(f"input is over the limit of {max_bytes:,} bytes", source=src, reason="too-large")
    return data


def sniff_binary(data: bytes) -> str | None:
    """What binary content looks like (``"a PDF document"``), ``"binary data"``, or ``None`` for text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    head = data[:_SNIFF]
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    controls = sum(1 for b in head if b < 0x20 and b not in _ALLOWED_CONTROLS) + head.count(0x7F)
    if controls and controls / len(head) > _MAX_CONTROL_SHARE:
        return "binary data (too many control bytes)"
    return None


def _pretty(codec: str) -> str:
    name = codecs.lookup(codec).name
    return {"iso8859-1": "latin-1", "utf-8-sig": "utf-8"}.get(name, name)


def decode_bytes(
    data: bytes, *, source: str | None = None, encoding: str | None = None, max_bytes: int | None = None
) -> tuple[str, str]:
    """Decode ``data`` as text; returns (text, encoding name such as ``utf-8`` or ``cp1251``).

    Raises ``InputError`` with reason ``empty``, ``too-large``, ``binary`` or ``undecodable``.
    ``encoding`` forces a codec (strictly: a byte it cannot decode is an error, not a ``?``).
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(
            f"input is {len(data):,} bytes, over the limit of {max_bytes:,}", source=source, reason="too-large"
        )
    if not data.strip():
        raise InputError("empty (no text, or whitespace only)", source=source, reason="empty")
    if encoding is not None:
        try:
            name = _pretty(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", source=source, reason="undecodable") from None
        return _strict(data, encoding, name, source), name
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec, codec, source)
            return _nonblank(text, source), codec.removesuffix("-le").removesuffix("-be")
    what = sniff_binary(data)
    if what is not None:
        raise InputError(f"not text: looks like {what}", source=source, reason="binary")
    try:
        return _nonblank(data.decode("utf-8"), source), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data, source)


def _strict(data: bytes, codec: str, name: str, source: str | None) -> str:
    try:
        return _nonblank(data.decode(codec), source)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid {name} (byte {exc.start:,})", source=source, reason="undecodable") from None


def _nonblank(text: str, source: str | None) -> str:
    if not text.strip():
        raise InputError("empty (no text, or whitespace only)", source=source, reason="empty")
    if "\x00" in text:
        raise InputError("not text: it contains NUL characters", source=source, reason="binary")
    return text


def _detect(data: bytes, source: str | None) -> tuple[str, str]:
    """A legacy 8-bit or CJK encoding, found by charset-normalizer (imported only here: it is slow).

    charset-normalizer ranks candidates by "chaos" alone, and on short texts rare code pages tie
    with common ones (French latin-1 comes out as Baltic cp1257, 0.0 vs 0.015 chaos). Among the
    candidates within ``_CHAOS_WINDOW`` of the least chaotic, the one whose letters best fit a
    language wins (then the most used Western and Cyrillic code pages, then charset-normalizer's
    order). The name reported is the most common codec
    that gives the very same text (German latin-1 is "cp1252", not an equivalent "cp1250").
    """
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if m.encoding]
    if not matches:
        raise InputError(
            "undecodable: not UTF-8 and no known encoding fits (force one with --encoding)",
            source=source,
            reason="undecodable",
        )
    least = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= least + _CHAOS_WINDOW]
    best = max(round(m.coherence, 2) for m in close)
    top = [m.encoding for m in close if round(m.coherence, 2) == best]
    top_names = [codecs.lookup(c).name for c in top]
    # a tie between 8-bit code pages (a short text) goes to the most used ones
    codec = next((top[top_names.index(c)] for c in _TIE_PREFERENCE if c in top_names), top[0])
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        raise InputError(
            f"undecodable: not UTF-8, and not valid {codec} either", source=source, reason="undecodable"
        ) from None
    for common in _COMMON:
        if common == codecs.lookup(codec).name:
            break
        try:
            if data.decode(common) == text:
                codec = common
                break
        except UnicodeDecodeError:
            continue
    return _nonblank(text, source), _pretty(codec)


def stream_encoding(head: bytes, forced: str | None = None) -> tuple[str, bool]:
    """The encoding to read a streamed file in, judged from its ``head`` (its first bytes), and
    whether it is a legacy one worth a note. A head that is UTF-8 is read as UTF-8 (a later line
    that is not is then that line's error); else the detected codec, when it reads text line by
    line (ASCII-compatible: not UTF-16)."""
    if forced:
        return forced, False
    whole = head[: head.rfind(b"\n") + 1] or head  # a multi-byte character may straddle the cut
    try:
        whole.decode("utf-8")
        return "utf-8", False
    except UnicodeDecodeError:
        pass
    try:
        _, name = decode_bytes(whole)
    except InputError:
        return "utf-8", False
    if name.replace("-", "").lower() in ("utf8", "ascii", "utf8sig") or "\n".encode(name) != b"\n":
        return "utf-8", False
    return name, True


def utf8_over(text: str, limit: int) -> int | None:
    """The UTF-8 size of ``text`` when it is over ``limit`` bytes, else ``None``. A character
    takes one to four bytes, so the text is encoded only when the answer depends on it."""
    if 4 * len(text) <= limit:
        return None
    size = len(text.encode("utf-8", "surrogatepass"))
    return size if size > limit else None
