"""Which files the inputs name (files, directories, glob patterns) and what format each one is."""

from __future__ import annotations

import glob
import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from samestory.config import IngestConfig
from samestory.errors import InputError
from samestory.ingest.article import Rejected
from samestory.ingest.html import looks_like_html

FORMATS = ("text", "html", "jsonl", "csv")
_BY_EXTENSION: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}
# document and media formats that hold no plain text samestory could read
_UNREADABLE_EXTENSIONS = frozenset(
    ".docx .doc .odt .rtf .pages .pdf .epub .xlsx .xls .ods .pptx .ppt .odp .zip .gz .tgz .bz2 .xz .7z .rar "
    ".tar .png .jpg .jpeg .gif .webp .bmp .tiff .svg .mp3 .mp4 .wav .ogg .webm .mov .avi .exe .dll .so .bin "
    ".pkl .pickle .parquet .feather .npy .npz .sqlite .db .woff .woff2 .ttf".split()
)
_GLOB_CHARS = re.compile(r"[*?\[]")
_JSON_ARRAY_START = re.compile(r"\[\s*\{")


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(root: Path) -> list[Path]:
    """Files under ``root``, recursively, hidden files and directories skipped, sorted."""
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not _hidden(d)]
        out.extend(Path(dirpath) / f for f in filenames if not _hidden(f))
    return sorted(out, key=lambda p: p.parts)


def expand_inputs(inputs: Sequence[str | os.PathLike[str]]) -> Iterator[Path | Rejected]:
    """Each input as files: a file as is, a directory recursively, a glob pattern by its matches.

    An input that names nothing is a ``Rejected`` with reason ``missing``.
    """
    for item in inputs:
        name = os.fspath(item)
        p = Path(name)
        if p.is_dir():
            yield from _walk(p)
        elif p.exists():
            yield p
        elif _GLOB_CHARS.search(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield Rejected(name, "missing", "no file matches this pattern")
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    yield from _walk(mp)
                elif mp.is_file():
                    yield mp
        else:
            yield Rejected(name, "missing", "no such file or directory")


def format_by_name(name: str | None, config: IngestConfig) -> str | None:
    """The format a file name (or ``config.format``) says, ``None`` when the content must tell.

    Raises ``InputError`` (``unknown-format``) for document and media files such as ``.docx``.
    """
    if config.format != "auto":
        return config.format
    if not name:
        return None
    ext = os.path.splitext(name)[1].lower()
    if ext in _UNREADABLE_EXTENSIONS:
        raise InputError(
            f"{ext} files are not a format samestory reads (plain text, HTML, JSON Lines, CSV); "
            "convert it to text first",
            source=name,
            reason="unknown-format",
        )
    return _BY_EXTENSION.get(ext)


def format_by_content(text: str) -> str:
    """``html``, ``jsonl`` (JSON objects) or, for anything else, ``text``. CSV is never guessed."""
    if looks_like_html(text):
        return "html"
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        try:
            if isinstance(json.loads(head.split("\n", 1)[0]), dict):
                return "jsonl"
        except (json.JSONDecodeError, RecursionError):  # RecursionError: [[[[... nested too deeply
            pass
    elif _JSON_ARRAY_START.match(head):
        return "jsonl"
    return "text"
