"""candidates stage: which document pairs of a corpus may share a passage, without trying all pairs.

Pure kernels over plain types (strings, numpy arrays), so any engine can run them:
:func:`text_fingerprints` (winnowed word n-gram hashes of one text), :func:`build_postings` and
:func:`candidate_pairs` (an inverted index and the pairs sharing enough fingerprints),
:func:`doc_meta` and :func:`pair_mask` (pair filters as data).
"""

from samestory.candidates.filters import DocMeta, doc_meta, pair_mask
from samestory.candidates.index import CandidatePairs, IndexStats, Postings, build_postings, candidate_pairs
from samestory.candidates.shingles import ngram_hashes, text_fingerprints, winnow, word_hashes

__all__ = [
    "CandidatePairs",
    "DocMeta",
    "IndexStats",
    "Postings",
    "build_postings",
    "candidate_pairs",
    "doc_meta",
    "ngram_hashes",
    "pair_mask",
    "text_fingerprints",
    "winnow",
    "word_hashes",
]
