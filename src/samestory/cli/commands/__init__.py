"""One module per subcommand, each with ``register(subparsers)``."""

from samestory.cli.commands import align, analyze, compare, ingest, read, reuse, score_pairs, stats

__all__ = ["align", "analyze", "compare", "ingest", "read", "reuse", "score_pairs", "stats"]
