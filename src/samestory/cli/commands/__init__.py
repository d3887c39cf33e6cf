"""One module per subcommand, each with ``register(subparsers)``."""

from samestory.cli.commands import (
    align,
    analyze,
    cluster,
    compare,
    ingest,
    read,
    reuse,
    score_pairs,
    serve,
    similar,
    stats,
    stories,
)

__all__ = [
    "align",
    "analyze",
    "cluster",
    "compare",
    "ingest",
    "read",
    "reuse",
    "score_pairs",
    "serve",
    "similar",
    "stats",
    "stories",
]
