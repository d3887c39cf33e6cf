"""``samestory cluster INPUT.jsonl -o OUT.jsonl``: which articles of a file tell the same story."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import nullcontext

from samestory.cli.commands._io import emit_json, report_rejected
from samestory.cli.options import add_common, add_ingest, add_stories, settings_from_args

CHUNK = 256  # records turned into features at once (one encoder call with --encoder)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cluster",
        help="group the articles of a JSON Lines file into stories",
        description=(
            "Group the articles of INPUT (JSON Lines, '-' for stdin) into stories. Each record has an id and a "
            "title and/or text (headlines alone work); url, outlet, published and language are optional. OUTPUT "
            '(\'-\' for stdout) gets one line per article, in input order: {"id", "story"}, where story is the id '
            "of the story's first article. --mode online (default) assigns articles one by one in input order, "
            "as a stream would, with a time window over the published days; --mode batch clusters the whole "
            "file at once. A record without an id or without both title and text is reported on stderr with "
            "its line number and skipped; the exit status is then 2. With --json: a summary {articles, "
            "rejected, stories, seconds, articles_per_second} on stdout (on stderr when OUTPUT is stdout)."
        ),
    )
    p.add_argument("input", metavar="INPUT", help="articles (JSON Lines), '-' for stdin")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT", help="story of each article, '-' for stdout")
    p.add_argument(
        "--summary",
        metavar="FILE",
        help="also write one JSON line per story: label (its most central headline), size, articles, outlets, "
        "languages, first/last seen, timeline",
    )
    add_common(p)
    add_ingest(p, formats=(), fields=False)
    add_stories(p, engine=True)
    p.set_defaults(run=run)


def _open_in(path: str, config):
    """The input as text lines: its encoding judged from its head (a note on stderr when it is a
    legacy one), its size within ``config.max_file_bytes``."""
    from samestory.errors import InputError
    from samestory.ingest.decode import sniff_binary, stream_encoding

    if path == "-":
        return nullcontext(sys.stdin)
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as fh:
            head = fh.read(65_536)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=path, reason="unreadable") from None
    if size > config.max_file_bytes:
        raise InputError(
            f"file is {size:,} bytes, over the limit of {config.max_file_bytes:,} (raise max_file_bytes to read it)",
            source=path,
            reason="too-large",
        )
    # the file is streamed, so only its head is sniffed; one line beats an error per binary line
    what = sniff_binary(head[:8192])
    if what is not None:
        raise InputError(f"not text: looks like {what}", source=path, reason="binary")
    encoding, legacy = stream_encoding(head, config.encoding)
    if legacy:
        print(f"samestory: note: {path} read as {encoding}", file=sys.stderr)
    try:
        return open(path, encoding=encoding, errors="replace")
    except (OSError, LookupError) as exc:
        raise InputError(f"cannot read: {exc}", source=path, reason="unreadable") from None


def _open_out(path: str):
    from samestory.errors import InputError

    if path == "-":
        return nullcontext(sys.stdout)
    try:
        return open(path, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=path, reason="unwritable") from None


def run(args: argparse.Namespace) -> int:
    from samestory.ingest.article import Rejected
    from samestory.stories import FeatureExtractor, make_clusterer
    from samestory.stories.records import iter_records

    t0 = time.perf_counter()
    settings = settings_from_args(args)
    cfg = settings.stories
    if cfg.engine == "spark" and cfg.mode != "batch":
        from samestory.errors import ConfigError

        raise ConfigError("--engine spark clusters in batch: add --mode batch")
    extractor = FeatureExtractor(cfg)
    clusterer = make_clusterer(cfg)
    online = hasattr(clusterer, "add")
    features = []
    rejected = 0
    pending: list[dict] = []

    def flush() -> None:
        feats = extractor.extract(pending)
        if online:
            for f in feats:
                clusterer.add(f)
        features.extend(feats)
        pending.clear()

    source = "<stdin>" if args.input == "-" else args.input
    with _open_in(args.input, settings.ingest) as fh:
        for item in iter_records(fh, source, settings.ingest.max_bytes):
            if isinstance(item, Rejected):
                rejected += 1
                report_rejected(item)
                continue
            pending.append(item)
            if len(pending) >= CHUNK:
                flush()
    flush()
    if not features and not rejected:
        from samestory.errors import InputError

        raise InputError("empty (no records)", source=source, reason="empty")
    labels = clusterer.labels() if online else clusterer.cluster(features)
    with _open_out(args.output) as out:
        for f, lab in zip(features, labels):
            out.write(json.dumps({"id": f.id, "story": lab}, ensure_ascii=False) + "\n")
    if args.summary:
        from samestory.stories.summary import summarize

        with _open_out(args.summary) as out:
            for s in summarize(features, labels, getattr(clusterer, "df", None)):
                out.write(json.dumps(s.to_dict(), ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - t0
    summary = {
        "articles": len(features),
        "rejected": rejected,
        "stories": len(set(labels)),
        "seconds": round(seconds, 3),
        "articles_per_second": round(len(features) / seconds, 1) if seconds > 0 else None,
    }
    if args.json and args.output != "-":
        emit_json(summary)
    elif args.json:
        print(json.dumps(summary), file=sys.stderr)
    return 2 if rejected else 0
