"""``samestory reuse INPUT... -o OUT.jsonl``: every passage reused across a corpus, in clusters."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from samestory.cli.commands._io import emit_json, note_encoding, report_rejected
from samestory.cli.commands._progress import Progress
from samestory.cli.options import add_common, add_ingest, add_reuse, settings_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "reuse",
        help="find every passage reused across a corpus and group them into clusters",
        description=(
            "Find the passages reused across a corpus of articles (files, directories or globs of plain "
            "text, HTML, JSON Lines or CSV) and group them into clusters of the same passage, the earliest "
            "occurrence marked. Candidate pairs come from an index of word n-grams (never all pairs) and are "
            "aligned word by word, on this machine's cores or, with --engine spark, as Spark jobs at --spark-master "
            "(the output is the same). OUTPUT ('-' for stdout) gets one JSON line per occurrence: cluster, size, "
            "id, series (the outlet), date, begin, end (character offsets into the article's clean text), "
            "text, earliest. passim's input shape (JSON Lines with id, series, text, date) is read with "
            "--passim (the same as --field-outlet series --field-published date). A bad file or record is "
            "reported on stderr and the rest go on; the exit status is then 2. With --json: a summary "
            "{articles, rejected, candidate_pairs, aligned_pairs, passages, clusters, occurrences, seconds, "
            "articles_per_second} on stdout (on stderr when OUTPUT is stdout). JSON Lines and CSV files are "
            "read whole: raise --max-bytes for files over 5 MB."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or glob patterns")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT", help="occurrences (JSON Lines), '-' for stdout")
    p.add_argument(
        "--pairs-output",
        metavar="FILE",
        help="also write one JSON line per aligned pair: a, b, their series and dates, coverages, passages",
    )
    p.add_argument(
        "--passim",
        action="store_true",
        default=None,
        help="read passim's field names: outlet from 'series', publication day from 'date'",
    )
    p.add_argument("--progress", action="store_true", help="show a progress bar of the alignment on stderr")
    add_common(p)
    add_ingest(p)
    add_reuse(p)
    p.set_defaults(run=run)


@contextmanager
def _open(path: str) -> Iterator[TextIO]:
    from samestory.errors import InputError

    if path == "-":
        yield sys.stdout
        return
    try:
        fh = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=path, reason="unwritable") from None
    with fh:
        yield fh


def run(args: argparse.Namespace) -> int:
    from samestory.reuse import occurrence_records, pair_records, read_corpus, run_reuse, write_jsonl

    start = time.perf_counter()
    settings = settings_from_args(args)
    corpus = read_corpus(args.inputs, settings.ingest, on_rejected=report_rejected, on_article=note_encoding)
    bar = Progress(unit="pairs", enabled=args.progress or sys.stderr.isatty())

    def progress(stage: str, done: int, total: int) -> None:
        bar.total = total
        bar.advance(done - bar.done)

    result = run_reuse(corpus, settings.reuse, settings.align, progress=progress)
    if bar.done:
        bar.finish()
    with _open(args.output) as out:
        write_jsonl(occurrence_records(corpus, result.clusters), out)
    if args.pairs_output:
        with _open(args.pairs_output) as out:
            write_jsonl(pair_records(corpus, result.passages), out)
    if args.json:
        summary = result.summary(time.perf_counter() - start)
        if args.output == "-":
            print(json_line(summary), file=sys.stderr)
        else:
            emit_json(summary)
    return 2 if corpus.rejected else 0


def json_line(obj: object) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False)
