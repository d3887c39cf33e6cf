"""The reuse pipeline, stage by stage: fingerprints → candidate pairs → alignments → clusters.

Each stage is a function over plain values (a corpus, numpy arrays, configs), so an engine can
run any of them and a work directory can hold their results (``ReuseConfig.work_dir``). The
command ``samestory reuse`` and the benchmarks call :func:`run_reuse`; nothing else differs.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from samestory.candidates import CandidatePairs, DocMeta, IndexStats, build_postings, candidate_pairs, pair_mask
from samestory.config import AlignConfig, ReuseConfig
from samestory.reuse.checkpoint import Checkpoints
from samestory.reuse.clusters import Clusters, cluster_passages, doc_ranks
from samestory.reuse.corpus import Corpus
from samestory.reuse.engines import Engine, engines
from samestory.reuse.passages import PairPassages

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReuseResult:
    """Everything a run found: the candidate pairs, their passages, the clusters, stage times."""

    corpus: Corpus
    candidates: CandidatePairs
    passages: PairPassages
    clusters: Clusters
    index: IndexStats | None = None  # None when the candidates came from a checkpoint
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def aligned_pairs(self) -> int:
        """Pairs with at least one passage."""
        if not len(self.passages):
            return 0
        codes = self.passages.a.astype(np.int64) * max(1, len(self.corpus)) + self.passages.b
        return len(np.unique(codes))

    def summary(self, seconds: float | None = None) -> dict[str, Any]:
        """Counts and speed; ``seconds`` is the whole run's time (default: the stages' sum)."""
        total = sum(self.seconds.values()) if seconds is None else seconds
        return {
            "articles": len(self.corpus),
            "rejected": len(self.corpus.rejected),
            "candidate_pairs": len(self.candidates),
            "aligned_pairs": self.aligned_pairs,
            "passages": len(self.passages),
            "clusters": self.clusters.n_clusters,
            "occurrences": len(self.clusters),
            "seconds": round(total, 3),
            "articles_per_second": round(len(self.corpus) / total, 1) if total > 0 else None,
        }


def reuse_align_config(reuse: ReuseConfig, align: AlignConfig) -> AlignConfig:
    """The alignment settings of a reuse run: the align stage's, with reuse's passage minimums."""
    return dataclasses.replace(align, min_passage_words=reuse.min_passage_words, min_similarity=reuse.min_similarity)


def find_candidates(
    fingerprints: list[np.ndarray], meta: DocMeta, config: ReuseConfig
) -> tuple[CandidatePairs, IndexStats]:
    """Pairs sharing at least ``min_shared`` fingerprints in 2..``max_df`` documents, filtered."""

    def keep(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return pair_mask(
            a,
            b,
            meta,
            different_outlets=config.different_outlets,
            max_days=config.max_days,
            same_language=config.same_language,
        )

    postings = build_postings(fingerprints)
    return candidate_pairs(postings, max_df=config.max_df, min_shared=config.min_shared, keep=keep)


def _candidate_key(c: ReuseConfig) -> dict[str, Any]:
    return {
        "ngram": c.ngram,
        "window": c.window,
        "max_df": c.max_df,
        "min_shared": c.min_shared,
        "different_outlets": c.different_outlets,
        "max_days": c.max_days,
        "same_language": c.same_language,
    }


def run_reuse(
    corpus: Corpus,
    reuse: ReuseConfig | None = None,
    align: AlignConfig | None = None,
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> ReuseResult:
    """Run every stage on ``corpus`` with the configured engine; ``progress(stage, done, total)``
    hears how the alignment stage goes. Deterministic: the same corpus and settings give the
    same result, whatever the engine and its number of processes."""
    reuse = reuse or ReuseConfig()
    align_cfg = reuse_align_config(reuse, align or AlignConfig())
    seconds: dict[str, float] = {}
    checkpoints = Checkpoints(reuse.work_dir, corpus.digest()) if reuse.work_dir else None
    cand_key = _candidate_key(reuse)
    align_key = {**cand_key, "align": dataclasses.asdict(align_cfg)}
    engine: Engine = engines.create(
        reuse.engine,
        texts=corpus.texts,
        ngram=reuse.ngram,
        window=reuse.window,
        align=align_cfg,
        n_process=reuse.n_process,
        spark_master=reuse.spark_master,
    )
    try:
        t = time.perf_counter()
        saved = checkpoints.load("candidates", cand_key) if checkpoints else None
        stats: IndexStats | None = None
        if saved is not None:
            cands = CandidatePairs(saved["a"], saved["b"], saved["shared"])
            log.info("candidates: %d pairs from the work directory", len(cands))
        else:
            fingerprints = engine.fingerprints()
            seconds["fingerprints"] = time.perf_counter() - t
            t = time.perf_counter()
            cands, stats = find_candidates(fingerprints, corpus.meta(), reuse)
            del fingerprints
            if checkpoints:
                checkpoints.save("candidates", cand_key, {"a": cands.a, "b": cands.b, "shared": cands.shared})
            log.info("candidates: %s", stats)
        seconds["candidates"] = time.perf_counter() - t

        t = time.perf_counter()
        saved = checkpoints.load("passages", align_key) if checkpoints else None
        if saved is not None:
            passages = PairPassages(**saved)
        else:
            done = 0

            def advance(n: int) -> None:
                nonlocal done
                done += n
                if progress is not None:
                    progress("align", done, len(cands))

            passages = engine.align(cands.a, cands.b, advance)
            if checkpoints:
                checkpoints.save("passages", align_key, passages.arrays())
        seconds["align"] = time.perf_counter() - t
        log.info("alignment: %d passages in %d candidate pairs", len(passages), len(cands))
    finally:
        engine.close()

    t = time.perf_counter()
    clusters = cluster_passages(passages, doc_ranks(corpus.meta().days))
    seconds["cluster"] = time.perf_counter() - t
    return ReuseResult(corpus, cands, passages, clusters, stats, seconds)
