"""One module per subcommand, each with ``register(subparsers)``."""

from samestory.cli.commands import align, analyze, compare, read, reuse, score_pairs

__all__ = ["align", "analyze", "compare", "read", "reuse", "score_pairs"]
