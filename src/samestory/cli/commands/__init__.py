"""One module per subcommand, each with ``register(subparsers)``."""

from samestory.cli.commands import analyze, compare, read, score_pairs

__all__ = ["analyze", "compare", "read", "score_pairs"]
