"""``samestory read FILE...``: how the readers see inputs."""

from __future__ import annotations

import argparse

from samestory.cli.commands._io import emit_json, note_encoding, report_rejected
from samestory.cli.options import add_common, add_ingest, settings_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "read",
        help="read articles and show their metadata, clean text and removed spans",
        description=(
            "Read articles from plain-text scrapes, JSON Lines, CSV or HTML files, directories or globs, "
            "and show what the readers recognised: id, title, outlet, published, byline, credits, "
            "metadata (dateline, captions, embeds...) and every span removed from the body. With --json: "
            "one JSON object per article per line. A bad file is reported on stderr and skipped; the exit "
            "status is then 2."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or glob patterns")
    p.add_argument("--text", action="store_true", help="also print the clean body text")
    add_common(p)
    add_ingest(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from samestory.ingest import iter_articles
    from samestory.ingest.article import Rejected

    settings = settings_from_args(args)
    status = 0
    for item in iter_articles(args.inputs, settings.ingest):
        if isinstance(item, Rejected):
            report_rejected(item)
            status = 2
            continue
        note_encoding(item)
        if args.json:
            emit_json(item.to_dict(), lines=True)
            continue
        print(f"{item.source or item.id}  [{item.id}]")
        for label, value in (
            ("title", item.title),
            ("subtitle", item.subtitle),
            ("outlet", item.outlet),
            ("url", item.url),
            ("published", item.published.isoformat() if item.published else None),
            ("byline", item.byline),
            ("credits", ", ".join(item.credits) or None),
            ("language", item.language),
            ("encoding", item.encoding),
        ):
            if value:
                print(f"  {label:<10} {value}")
        for k, v in item.metadata.items():
            print(f"  {k:<10} {v}")
        print(f"  body       {len(item.text)} characters, {len(item.text.split())} words")
        for r in item.removed:
            print(f"  removed    {r.kind:<11} {r.start}-{r.end}  {' '.join(r.text.split())[:70]}")
        if args.text:
            print()
            print(item.text)
        print()
    return status
