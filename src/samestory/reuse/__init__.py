"""reuse stage: every passage reused across a corpus, grouped into clusters of the same passage.

Stages (each a function over plain values; see :mod:`samestory.reuse.pipeline`):
:func:`read_corpus` → fingerprints and :func:`find_candidates` (:mod:`samestory.candidates`) →
alignment of candidate pairs (:func:`align_pairs`, in an engine's workers) →
:func:`cluster_passages` → :func:`occurrence_records`. :func:`run_reuse` runs them all.
"""

from samestory.reuse.clusters import Clusters, cluster_passages, doc_ranks
from samestory.reuse.corpus import Corpus, Doc, build_corpus, read_corpus
from samestory.reuse.output import occurrence_records, pair_records, write_jsonl
from samestory.reuse.passages import PairPassages, align_pair, align_pairs
from samestory.reuse.pipeline import ReuseResult, find_candidates, reuse_align_config, run_reuse

__all__ = [
    "Clusters",
    "Corpus",
    "Doc",
    "PairPassages",
    "ReuseResult",
    "align_pair",
    "align_pairs",
    "build_corpus",
    "cluster_passages",
    "doc_ranks",
    "find_candidates",
    "occurrence_records",
    "pair_records",
    "read_corpus",
    "reuse_align_config",
    "run_reuse",
    "write_jsonl",
]
