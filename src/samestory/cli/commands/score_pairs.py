"""``samestory score-pairs PAIRS -o SCORES``: the seven dimensions for every pair of a file."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from samestory.cli.commands._io import emit_json
from samestory.cli.commands._progress import Progress
from samestory.cli.options import add_analyze, add_common, add_compare, add_ingest, settings_from_args

if TYPE_CHECKING:
    from samestory.compare import Dimensions
    from samestory.config import Settings

COLUMNS = ("Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone")
_OUT_BY_EXTENSION = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "score-pairs",
        help="score every pair of a CSV or JSON Lines file on the seven dimensions",
        description=(
            "Score pairs of articles on the seven SemEval-2022 Task 8 dimensions (1 = most similar ... "
            "4 = least). INPUT (a CSV/TSV or JSON Lines file, '-' for stdin) has pair_id, text1 and text2, "
            "optionally lang1, lang2 (forcing each text's language) and title1, title2; other columns are "
            "ignored. OUTPUT gets one row per scored pair, in input order: pair_id, Geography, Entities, "
            "Time, Narrative, Overall, Style, Tone (CSV with that header, or JSON Lines objects), written "
            "as it goes. A bad row is reported on stderr with its line number and the rest go on; the exit "
            "status is then 2. With --json: a summary {pairs, rejected, seconds, pairs_per_second} on "
            "stdout at the end. The embedding runs in a child process beside the analysis, so on two cores "
            "--n-process 1 already keeps both busy."
        ),
    )
    p.add_argument("input", metavar="INPUT", help="pairs file (CSV, TSV or JSON Lines), '-' for stdin")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT", help="scores file, '-' for stdout")
    p.add_argument(
        "--output-format",
        choices=["auto", "csv", "jsonl"],
        default="auto",
        help="output format (default: by the output's extension, else the input's format)",
    )
    p.add_argument(
        "--batch-size",
        dest="pair_batch_size",
        type=int,
        metavar="N",
        help="pairs analysed and embedded together; memory holds one batch (default 64)",
    )
    p.add_argument("--progress", action="store_true", help="show the progress bar even when stderr is not a terminal")
    add_common(p)
    add_ingest(p, formats=("auto", "csv", "jsonl"), fields=False)
    add_analyze(p)
    add_compare(p)
    p.set_defaults(run=run)


def output_format(choice: str, output: str, input_format: str) -> str:
    if choice != "auto":
        return choice
    return _OUT_BY_EXTENSION.get(Path(output).suffix.lower(), input_format) if output != "-" else input_format


@contextmanager
def _open_output(path: str, input_path: str) -> Iterator[TextIO]:
    from samestory.errors import InputError

    if path == "-":
        yield sys.stdout
        return
    if input_path != "-" and os.path.exists(path) and os.path.samefile(path, input_path):
        raise InputError("the output is the input file; choose another output", source=path)
    try:
        fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115  closed below, after the writes
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=path, reason="unwritable") from None
    with fh:
        yield fh


class _Writer:
    """Rows out as CSV or JSON Lines, flushed one by one so that a crash keeps every row written."""

    def __init__(self, fh: TextIO, fmt: str) -> None:
        self.fh = fh
        self.fmt = fmt
        self._csv = csv.writer(fh, lineterminator="\n") if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writerow(("pair_id", *COLUMNS))
            fh.flush()

    def write(self, pair_id: str, values: tuple[float, ...]) -> None:
        rounded = [round(float(v), 4) for v in values]
        if self._csv is not None:
            self._csv.writerow((pair_id, *rounded))
        else:
            self.fh.write(json.dumps({"pair_id": pair_id, **dict(zip(COLUMNS, rounded))}, ensure_ascii=False) + "\n")
        self.fh.flush()


def _count(path: str, fmt: str, settings: Settings) -> int | None:
    """Records in a regular file, for the progress bar's ETA (a cheap pass: no analysis)."""
    from samestory.ingest.pairs import PairReader

    if path == "-" or not Path(path).is_file():
        return None
    with PairReader(path, fmt=fmt, config=settings.ingest, on_duplicate=None) as reader:
        return sum(1 for _ in reader)


def run(args: argparse.Namespace) -> int:
    from samestory.api import Samestory  # deferred: loading models is slow, --help is not
    from samestory.ingest.article import Rejected
    from samestory.ingest.pairs import PairReader

    t0 = time.perf_counter()
    settings = settings_from_args(args)
    show = args.progress or sys.stderr.isatty()
    progress = Progress(enabled=False)  # replaced once the total is known; notes may come first

    def duplicate(pair_id: str, location: str) -> None:
        progress.note(
            f"samestory: warning: {location}: pair_id {pair_id!r} is used again; both rows are scored "
            "(further duplicates are not reported)"
        )

    scored = rejected = 0
    ss = Samestory(settings)
    with PairReader(args.input, fmt=settings.ingest.format, config=settings.ingest, on_duplicate=duplicate) as reader:
        out_fmt = output_format(args.output_format, args.output, reader.format)
        if reader.encoding_note:
            print(f"samestory: note: {reader.name} read as {reader.encoding_note}", file=sys.stderr)
        total = _count(args.input, reader.format, settings) if show else None
        progress = Progress(total=total, enabled=show)
        try:
            with _open_output(args.output, args.input) as fh:
                writer = _Writer(fh, out_fmt)
                for item in ss.score_pairs(reader, batch_size=settings.compare.batch_size):
                    if isinstance(item, Rejected):
                        rejected += 1
                        progress.note(f"samestory: error: {item.source}: {item.message}")
                    else:
                        record, dims = item
                        writer.write(record.pair_id, _values(dims))
                        scored += 1
                    progress.advance()
        finally:
            ss.close()
            if progress.done:
                progress.finish()
    seconds = time.perf_counter() - t0
    summary = {
        "pairs": scored,
        "rejected": rejected,
        "seconds": round(seconds, 3),
        "pairs_per_second": round(scored / seconds, 2) if seconds > 0 else None,
    }
    if args.json and args.output != "-":
        emit_json(summary)
    elif args.json:  # stdout carries the scores: the summary goes beside them
        print(json.dumps(summary), file=sys.stderr)
    else:
        print(
            f"samestory: scored {scored:,} pairs in {seconds:.1f} s ({summary['pairs_per_second']} pairs/s)"
            + (f"; {rejected:,} rejected" if rejected else ""),
            file=sys.stderr,
        )
    return 2 if rejected else 0


def _values(dims: Dimensions) -> tuple[float, ...]:
    """The seven scores in column order, read by name so a reordered ``Dimensions`` stays right."""
    return tuple(getattr(dims, name.lower()) for name in COLUMNS)
