"""``samestory stories`` and ``samestory story ID``: the store's stories, as ingest grouped them."""

from __future__ import annotations

import argparse

from samestory.cli.commands._io import emit_json
from samestory.cli.options import add_common, add_store, settings_from_args

_BAR = 30  # widest timeline bar, in characters


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stories",
        help="list the store's stories: label, size, outlets, languages, first and last seen",
        description=(
            "List the stories of the store --db names (samestory ingest groups articles into stories), largest "
            "first, then the most recent: id, size, first and last seen, label (the story's most central "
            "headline), outlets and languages. With --json: a list of stories, each {id, label, size, "
            "first_seen, last_seen, outlets, languages, timeline (articles per day), articles (oldest first)}."
        ),
    )
    p.add_argument("--min-size", type=int, default=1, metavar="N", help="only stories of at least N articles (1)")
    p.add_argument("--limit", type=int, metavar="N", help="at most N stories")
    add_common(p)
    add_store(p)
    p.set_defaults(run=run_stories)

    p = sub.add_parser(
        "story",
        help="one story: its articles in order and its timeline",
        description=(
            "Show one story of the store: label, size, outlets, languages, a timeline of articles per day and "
            "its articles, oldest first. A story merged into another shows the one it was merged into. With "
            "--json: {id, label, size, first_seen, last_seen, outlets, languages, timeline, articles, merged_from}."
        ),
    )
    p.add_argument("story_id", type=int, metavar="ID", help="a story id (samestory stories lists them)")
    add_common(p)
    add_store(p)
    p.set_defaults(run=run_story)


def _counts(pairs) -> str:
    return ", ".join(f"{name} {n}" for name, n in pairs) or "-"


def run_stories(args: argparse.Namespace) -> int:
    from samestory.errors import ConfigError
    from samestory.store import open_store
    from samestory.stories.views import list_stories

    if args.min_size < 1 or (args.limit is not None and args.limit < 0):
        raise ConfigError("--min-size must be at least 1 and --limit at least 0")
    settings = settings_from_args(args)
    with open_store(settings.store.url, create=False) as store:
        views = list_stories(store, min_size=args.min_size, limit=args.limit)
    if args.json:
        emit_json([v.to_dict() for v in views])
        return 0
    if not views:
        print("no stories (samestory ingest groups stored articles into stories)")
        return 0
    print(f"{'id':>6} {'size':>5}  {'first seen':<10}  {'last seen':<10}  label")
    for v in views:
        first = v.first_seen.isoformat() if v.first_seen else "-"
        last = v.last_seen.isoformat() if v.last_seen else "-"
        print(f"{v.id:>6} {v.size:>5}  {first:<10}  {last:<10}  {v.label or '(no headline)'}")
        print(f"{'':>14}outlets: {_counts(v.outlets)}; languages: {_counts(v.languages)}")
    return 0


def run_story(args: argparse.Namespace) -> int:
    from samestory.errors import InputError
    from samestory.store import open_store
    from samestory.stories.views import story_view

    settings = settings_from_args(args)
    with open_store(settings.store.url, create=False) as store:
        found = story_view(store, args.story_id)
    if found is None:
        raise InputError(f"no story {args.story_id} in the store", reason="unknown-story")
    view, merged_from = found
    if args.json:
        emit_json({**view.to_dict(), "merged_from": merged_from})
        return 0
    if merged_from is not None:
        print(f"story {merged_from} was merged into story {view.id}")
    print(f"story {view.id}: {view.label or '(no headline)'}")
    span = f"{view.first_seen} to {view.last_seen}" if view.first_seen != view.last_seen else f"{view.first_seen}"
    print(f"{view.size:,} articles, {span}")
    print(f"outlets: {_counts(view.outlets)}")
    print(f"languages: {_counts(view.languages)}")
    print("timeline:")
    top = max((n for _, n in view.timeline), default=1)
    for day, n in view.timeline:
        print(f"  {day}  {'#' * max(1, round(_BAR * n / top)):<{_BAR}}  {n}")
    print("articles:")
    for a in view.articles:
        print(f"  {a.day}  [{a.id}] {a.outlet or '-'}  {a.title or '(no headline)'}")
    return 0
