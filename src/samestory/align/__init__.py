"""align stage: which passages two texts share, the word-level edits inside them, and what each
text has alone. Entry point: :func:`align_texts`."""

from samestory.align.core import align_texts
from samestory.align.types import Alignment, Edit, Passage, SentenceSpan

__all__ = ["Alignment", "Edit", "Passage", "SentenceSpan", "align_texts"]
