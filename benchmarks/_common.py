"""Helpers shared by the benchmark scripts (not part of the package)."""

from __future__ import annotations

import csv
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CHAINS_TEXTS = SHARED / "data/news-story-chains/gedikli-business_energy_news_dataset-2021-06-29-article_texts.csv"
EXAMPLES = SHARED / "examples"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def need(path: Path) -> None:
    if not path.exists():
        sys.exit(f"benchmark data missing: {path} (../shared is needed)")


def story_chain_articles():
    """The 100 full-text articles of news-story-chains as ``Article`` records."""
    from datetime import datetime

    from samestory.ingest.article import Article, content_id
    from samestory.ingest.outlets import outlet_from_url

    need(CHAINS_TEXTS)
    csv.field_size_limit(1 << 30)
    out = []
    with CHAINS_TEXTS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            text = row["text"] or ""
            published = datetime.strptime(row["date"][:10], "%Y-%m-%d").date() if row.get("date") else None
            out.append(
                Article(
                    id=content_id(row["title"], text),
                    text=text,
                    title=row["title"],
                    url=row["url"],
                    outlet=outlet_from_url(row["url"]),
                    published=published,
                )
            )
    return out


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def git_rev() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "?"
