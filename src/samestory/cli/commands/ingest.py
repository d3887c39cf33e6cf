"""``samestory ingest INPUT... [--db URL]``: read articles into the store, resumably."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from samestory.cli.commands._io import emit_json, legacy_encoding
from samestory.cli.commands._progress import Progress
from samestory.cli.options import add_common, add_ingest, add_store, add_stories, settings_from_args
from samestory.config import Settings
from samestory.ingest.article import Article, Rejected

if TYPE_CHECKING:
    from samestory.store.base import Store
    from samestory.stories.persist import StoriesUpdate, StoryUpdater


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
            "(samestory stats) and the rest go on; the exit status is then 2. "
            "Stored articles are grouped into stories (samestory stories): in a store that has stories, or with "
            "--online, each new article joins a story or starts one as its batch is stored; otherwise, or with "
            "--batch, the whole store is re-clustered at the end of the run; --no-cluster only stores. Story "
            "updates are committed with the clusterer's state, so an interrupted run loses none and a rerun "
            "finishes them. With --json: a summary {files, unchanged, read, added, duplicates, rejected, seconds, "
            "articles_per_second, stories_update, store} on stdout."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or glob patterns")
    p.add_argument(
        "--progress", action="store_true", help="show a progress bar on stderr (files, articles added, rate, ETA)"
    )
    g = p.add_argument_group("clustering").add_mutually_exclusive_group()
    g.add_argument(
        "--online",
        action="store_true",
        help="put each new article in a story as it is stored (the default when the store has stories)",
    )
    g.add_argument(
        "--batch",
        action="store_true",
        help="re-cluster the whole store at the end (the default for a store without stories)",
    )
    g.add_argument("--no-cluster", action="store_true", help="only store the articles; no features, no stories")
    add_common(p)
    add_ingest(p)
    add_store(p, batch=True)
    add_stories(p, mode=False, engine=True)
    p.set_defaults(run=run)


def after_batch(
    store: Store,
    new_ids: list[int],
    settings: Settings,
    *,
    updater: StoryUpdater | None = None,
    cluster: str = "online",
) -> StoriesUpdate | None:
    """What runs after each committed batch: the stories stage (``samestory.stories.persist``).

    ``cluster`` is ``online`` (features, then every unassigned article joins or starts a story),
    ``features`` (features only: a batch re-clustering follows at the end of the run) or
    ``none``. The work is found through ``store.missing_features`` and ``store.unassigned``, not
    ``new_ids``, so what an interrupted run left undone is done by the next. ``updater`` keeps
    the online clusterer loaded between batches of one run.
    """
    if cluster == "none":
        return None
    from samestory.stories.persist import StoryUpdater

    if updater is not None:  # kept for a run: the run saves the state at its end (checkpoint)
        return updater.update("online" if cluster == "online" else "features")
    updater = StoryUpdater(store, settings.stories)
    done = updater.update("online" if cluster == "online" else "features")
    updater.checkpoint()
    return done


def _clustering(args: argparse.Namespace, store: Store) -> str:
    """``none``, ``online`` or ``batch``: the flags, else online when the store has stories."""
    if args.no_cluster:
        return "none"
    if args.online or args.batch:
        return "online" if args.online else "batch"
    return "online" if store.stats()["stories"] else "batch"


def run(args: argparse.Namespace) -> int:
    from samestory.store import open_store
    from samestory.store.load import ingest
    from samestory.stories.persist import StoriesUpdate, StoryUpdater

    settings = settings_from_args(args)
    bar = Progress(unit="files", enabled=args.progress or sys.stderr.isatty())

    def on_file(done: int, total: int) -> None:
        bar.total = total
        bar.advance(done - bar.done)

    def on_rejected(r: Rejected) -> None:
        bar.note(f"samestory: error: {r.source}: {r.message}")  # above the bar, not through it

    def on_article(a: Article) -> None:
        if legacy_encoding(a):
            bar.note(f"samestory: note: {a.source or a.id} read as {a.encoding}")

    with open_store(settings.store.url) as store:
        cluster = _clustering(args, store)
        updater = StoryUpdater(store, settings.stories, note=bar.note) if cluster != "none" else None
        done = StoriesUpdate(mode=cluster)
        added = 0

        def hook(s: Store, ids: list[int]) -> None:
            nonlocal done, added
            added += len(ids)
            # batch: only features here, the re-clustering runs once at the end
            step = after_batch(s, ids, settings, updater=updater, cluster=cluster.replace("batch", "features"))
            if step is not None:
                done = done.plus(step)
            elapsed = max(time.perf_counter() - bar.start, 1e-9)
            bar.detail = f"{added:,} articles added ({added / elapsed:.1f}/s)" + (
                f", {done.assigned:,} put in stories" if cluster == "online" else ""
            )
            bar.refresh()

        try:
            summary = ingest(
                store,
                args.inputs,
                config=settings.ingest,
                batch_size=settings.store.batch_size,
                after_batch=hook,
                on_rejected=on_rejected,
                on_file=on_file,
                on_article=on_article,
            )
            if updater is not None:  # batch: the re-clustering; online: what a crash left unassigned
                done = done.plus(updater.update(cluster))
                updater.checkpoint()  # the online state, saved only every SAVE_EVERY articles so far
        except KeyboardInterrupt:
            bar.finish()
            print(
                f"samestory: the store keeps {store.count():,} articles (every whole batch) and every story "
                "update committed; run the same command again to finish",
                file=sys.stderr,
            )
            raise
        if bar.done:
            bar.finish()
        stats = store.stats()
    if args.json:
        emit_json({**summary.to_dict(), "stories_update": done.to_dict() if updater else None, "store": stats})
    else:
        print(
            f"{summary.added:,} articles added, {summary.duplicates:,} already stored, {summary.rejected:,} inputs "
            f"rejected; {summary.files:,} files read, {summary.unchanged:,} unchanged since the last run "
            f"({summary.seconds:.1f} s)"
        )
        if updater is not None:
            how = (
                f"{done.clustered:,} articles clustered in batch"
                if cluster == "batch"
                else f"{done.assigned:,} articles put in stories online"
            )
            print(f"stories: {how}, {done.new_stories:,} new stories, {done.merges:,} merges ({done.seconds:.1f} s)")
        print(
            f"store {store.url}: {stats['articles']:,} articles, {stats['stories']:,} stories, "
            f"{stats['rejected']:,} rejected inputs"
        )
    return 2 if summary.rejected else 0
