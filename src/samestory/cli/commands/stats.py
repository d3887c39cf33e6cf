"""``samestory stats [--db URL]``: what the store holds."""

from __future__ import annotations

import argparse

from samestory.cli.commands._io import emit_json
from samestory.cli.options import add_common, add_store, settings_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stats",
        help="count the store's articles, stories and rejected inputs",
        description=(
            "Count what the store --db names holds: articles, stories (with at least one article) and "
            "rejected inputs. With --json: {articles, stories, rejected}; with --rejected: also every "
            "rejected input and why."
        ),
    )
    p.add_argument("--rejected", action="store_true", help="also list the rejected inputs and the reasons")
    add_common(p)
    add_store(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from samestory.store import open_store

    settings = settings_from_args(args)
    with open_store(settings.store.url, create=False) as store:  # counting creates no store
        stats = store.stats()
        rejected = store.rejected() if args.rejected else []
    if args.json:
        emit_json({**stats, "rejected_inputs": [r.to_dict() for r in rejected]} if args.rejected else stats)
        return 0
    print(f"articles  {stats['articles']:,}\nstories   {stats['stories']:,}\nrejected  {stats['rejected']:,}")
    for r in rejected:
        print(f"  {r.source}: {r.reason}: {r.message}")
    return 0
