"""Pairwise comparison: seven SemEval dimensions, evidence and shared passages."""

from __future__ import annotations

from samestory.compare.compare import compare_sides, summarize
from samestory.compare.features import Side, pair_features
from samestory.compare.scorers import FormulaScorer, Scorer, scorers
from samestory.compare.types import DIMENSIONS, Comparison, Dimensions, Evidence, EvidenceGroup, EvidenceItem

__all__ = [
    "DIMENSIONS",
    "Comparison",
    "Dimensions",
    "Evidence",
    "EvidenceGroup",
    "EvidenceItem",
    "FormulaScorer",
    "Scorer",
    "Side",
    "compare_sides",
    "pair_features",
    "scorers",
    "summarize",
]
