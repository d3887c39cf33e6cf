"""The ``samestory`` command line."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from samestory.cli import commands
from samestory.errors import AnalysisError, ConfigError, InputError, MissingDependencyError, SamestoryError

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT, EXIT_MISSING = 0, 1, 2, 3

DESCRIPTION = """\
Tell which news articles tell the same story, and how.

  samestory compare A.txt B.txt          same story? seven dimensions, evidence, reused passages
  samestory align A.txt B.txt            reused passages, edits, derivation and likely source (fast)
  samestory read FILE...                 how the readers see files (metadata, removed spans)
  samestory analyze FILE...              language, sentences, entities, places, dates, numbers, quotes
  samestory score-pairs PAIRS -o OUT     the seven dimensions for every pair of a CSV or JSON Lines file
  samestory reuse INPUT... -o OUT.jsonl  every passage reused across a corpus, in clusters
  samestory cluster IN.jsonl -o OUT.jsonl which articles tell the same story (online or batch)
  samestory ingest INPUT... [--db URL]   store articles (SQLite or PostgreSQL), each once; reruns resume
  samestory stats [--db URL]             articles, stories and rejected inputs in the store
  samestory stories [--db URL]           the store's stories: label, size, outlets, first/last seen
  samestory story ID                     one story: its articles in order and its timeline
  samestory similar ARTICLE              the articles telling the same story, ranked with scores
  samestory serve [--db URL] [--port P]  HTTP API and web page: compare side by side, browse stories

Scores use the SemEval-2022 Task 8 scale: 1 = most similar ... 4 = least similar.
Bad input (empty, binary, over the size limit, unknown format) exits with status 2.
"""


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked (it costs a cold start ~45 ms)."""

    def __call__(self, parser, namespace, values, option_string=None):
        import samestory

        parser.exit(message=f"samestory {samestory.__version__}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="samestory", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in (
        commands.compare,
        commands.score_pairs,
        commands.read,
        commands.analyze,
        commands.reuse,
        commands.align,
        commands.ingest,
        commands.stats,
        commands.stories,
        commands.similar,
        commands.cluster,
        commands.serve,
    ):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # One BLAS thread unless the user says otherwise: samestory runs in parallel over processes
    # (--n-process, the embedding child), and on 2 shared cores a second BLAS thread made
    # Natasha's small matrix products 5x slower. Set before anything imports numpy.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=(logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)],
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.run(args) or EXIT_OK)
    except (InputError, ConfigError, AnalysisError) as exc:
        print(f"samestory: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except MissingDependencyError as exc:
        print(f"samestory: error: {exc}", file=sys.stderr)
        return EXIT_MISSING
    except SamestoryError as exc:
        print(f"samestory: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("samestory: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `samestory ... | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
