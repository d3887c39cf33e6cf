"""``samestory ingest INPUT... [--db URL]``: read articles into the store, resumably."""

from __future__ import annotations

import argparse
import sys

from samestory.cli.commands._io import emit_json
from samestory.cli.commands._progress import Progress
from samestory.cli.options import add_common, add_ingest, add_store, settings_from_args
from samestory.config import Settings
from samestory.ingest.article import Rejected
from samestory.store.base import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest",
        help="read articles into the store (SQLite or PostgreSQL), each stored once",
        description=(
            "Read articles from plain-text scrapes, HTML pages, JSON Lines or CSV files, directories or globs "
            "(as 'samestory read' does), detect the language where the input does not give it, and store the "
            "clean text and metadata in the store --db names (default samestory.db in the working directory). "
            "An article already stored (same id and same content) is not stored again, and files read "
            "completely by an earlier run are skipped unless they changed, so a rerun only adds what is new. "
            "Articles are stored --batch-size at a time, each batch in one transaction: after a crash or "
            "Ctrl-C every whole batch is kept, and running the same command again completes the store. "
            "Inputs that cannot be read are reported on stderr, recorded in the store with the reason "
            "(samestory stats) and the rest go on; the exit status is then 2. With --json: a summary "
            "{files, unchanged, read, added, duplicates, rejected, seconds, articles_per_second, store} on stdout."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or glob patterns")
    p.add_argument("--progress", action="store_true", help="show a progress bar (files) on stderr")
    add_common(p)
    add_ingest(p)
    add_store(p, batch=True)
    p.set_defaults(run=run)


def after_batch(store: Store, new_ids: list[int], settings: Settings) -> None:
    """What runs on the articles each committed batch added: the hook for the stories stage.

    Feature computation (``store.put_features``) and online clustering (``store.assign``) plug in
    here. It runs after the batch's commit, so work it leaves undone when interrupted is found
    by the next run through ``store.missing_features(name)`` and ``store.unassigned()``, not
    through ``new_ids`` (a rerun re-adds nothing). Nothing yet: ingest stores articles only.
    """


def run(args: argparse.Namespace) -> int:
    from samestory.store import open_store
    from samestory.store.load import ingest

    settings = settings_from_args(args)
    bar = Progress(unit="files", enabled=args.progress or sys.stderr.isatty())

    def on_file(done: int, total: int) -> None:
        bar.total = total
        bar.advance(done - bar.done)

    def on_rejected(r: Rejected) -> None:
        bar.note(f"samestory: error: {r.source}: {r.message}")  # above the bar, not through it

    with open_store(settings.store.url) as store:
        try:
            summary = ingest(
                store,
                args.inputs,
                config=settings.ingest,
                batch_size=settings.store.batch_size,
                after_batch=lambda s, ids: after_batch(s, ids, settings),
                on_rejected=on_rejected,
                on_file=on_file,
            )
        except KeyboardInterrupt:
            bar.finish()
            print(
                f"samestory: the store keeps {store.count():,} articles (every whole batch); "
                "run the same command again to finish",
                file=sys.stderr,
            )
            raise
        if bar.done:
            bar.finish()
        stats = store.stats()
    if args.json:
        emit_json({**summary.to_dict(), "store": stats})
    else:
        print(
            f"{summary.added:,} articles added, {summary.duplicates:,} already stored, {summary.rejected:,} inputs "
            f"rejected; {summary.files:,} files read, {summary.unchanged:,} unchanged since the last run "
            f"({summary.seconds:.1f} s)"
        )
        print(
            f"store {store.url}: {stats['articles']:,} articles, {stats['stories']:,} stories, "
            f"{stats['rejected']:,} rejected inputs"
        )
    return 2 if summary.rejected else 0
