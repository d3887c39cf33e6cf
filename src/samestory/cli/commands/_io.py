"""Output helpers shared by the subcommands."""

from __future__ import annotations

import json
import sys
from typing import Any

from samestory.ingest.article import Article, Rejected


def emit_json(obj: Any, *, lines: bool = False) -> None:
    """Print one JSON document (indented) or one JSON line."""
    if lines:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    else:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def legacy_encoding(article: Article) -> bool:
    """Whether the input was read in an encoding other than UTF-8 (or ASCII)."""
    return bool(article.encoding) and article.encoding.replace("-", "").lower() not in ("utf8", "ascii", "utf8sig")


def note_encoding(article: Article) -> None:
    """Say on stderr when an input was not UTF-8, so a legacy file never passes unnoticed."""
    if legacy_encoding(article):
        print(f"samestory: note: {article.source or article.id} read as {article.encoding}", file=sys.stderr)


def report_rejected(r: Rejected) -> None:
    print(f"samestory: error: {r.source}: {r.message}", file=sys.stderr)
