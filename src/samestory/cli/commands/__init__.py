"""One module per subcommand, each with ``register(subparsers)``."""

from samestory.cli.commands import analyze, compare, read

__all__ = ["analyze", "compare", "read"]
