"""``samestory compare A B``: same story? dimensions, evidence and reused passages."""

from __future__ import annotations

import argparse

from samestory.cli.commands._io import emit_json, note_encoding
from samestory.cli.options import add_analyze, add_common, add_compare, add_ingest, settings_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="compare two articles: same story, seven dimensions, evidence, reused passages",
        description=(
            "Compare two articles (plain-text scrapes or HTML files). Prints whether they tell the same "
            "story, the seven SemEval-2022 Task 8 dimensions (1 = most similar ... 4 = least), the shared "
            "passages with the edits inside them, the sentences only one side has, and the shared and "
            "unshared people, organisations, places, dates, numbers and quotes. With --json: one object "
            "with same_story, dimensions, a, b, evidence, passages (character offsets into each text), "
            "only_a, only_b, reuse and features."
        ),
    )
    p.add_argument("a", metavar="A", help="first article file")
    p.add_argument("b", metavar="B", help="second article file")
    p.add_argument("--max-passages", type=int, default=30, metavar="N", help="passages shown in the readable report")
    add_common(p)
    add_ingest(p)
    add_analyze(p)
    add_compare(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from samestory.api import Samestory  # deferred: loading models is slow, --help is not
    from samestory.compare.report import render

    ss = Samestory(settings_from_args(args), one_shot=True)
    a, b = ss.read(args.a), ss.read(args.b)
    note_encoding(a)
    note_encoding(b)
    result = ss.compare(a, b)
    if args.json:
        emit_json(result.to_dict(a.text, b.text))
    else:
        print(render(result, a.text, b.text, max_passages=args.max_passages))
    return 0
