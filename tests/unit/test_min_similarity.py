"""min_similarity: a passage with too small a share of identical words (a paraphrase, a template
filled in with other facts) is not counted as reuse, while a light copy is."""

from __future__ import annotations

import pytest

from samestory.align import align_texts
from samestory.config import AlignConfig, ReuseConfig
from samestory.errors import ConfigError
from samestory.ingest.article import Article
from samestory.reuse import build_corpus, run_reuse

# Two notices of one port authority about different changes: the same frame reworded
A = (
    "Officials in Lorvik said on Monday that the new port rules would take effect in March and would apply to all "
    "large importers of timber and grain arriving from outside the region, with fines for late declarations doubled."
)
B = (
    "Officials in Lorvik said on Thursday that the revised port rules should take effect by March and will apply to "
    "every large importer of timber and grain shipped from beyond the region, with penalties for late declarations "
    "tripled."
)
# A light copy of A: one spelling changed
COPY = A.replace("Officials", "Authorities").replace("doubled", "doubled again")


def _passage_similarity(a: str, b: str) -> float:
    (p,) = align_texts(a, b, config=AlignConfig(min_passage_words=6)).passages
    return p.similarity


def test_the_passage_is_kept_at_or_under_its_similarity_and_dropped_over_it():
    sim = _passage_similarity(A, B)
    assert 0.6 < sim < 0.9
    kept = align_texts(A, B, config=AlignConfig(min_passage_words=6, min_similarity=sim - 1e-9))
    dropped = align_texts(A, B, config=AlignConfig(min_passage_words=6, min_similarity=sim + 1e-9))
    assert len(kept.passages) == 1 and kept.a_coverage > 0
    assert dropped.passages == () and dropped.a_coverage == dropped.b_coverage == 0.0
    # the default shows every shared passage
    assert len(align_texts(A, B, config=AlignConfig(min_passage_words=6)).passages) == 1


def _linked(cfg: ReuseConfig) -> set[tuple[str, str]]:
    corpus = build_corpus(
        [Article(id=i, text=t, language="en") for i, t in (("notice-a", A), ("notice-b", B), ("copy-a", COPY))]
    )
    result = run_reuse(corpus, cfg)
    ids = [d.id for d in corpus.docs]
    return {(ids[a], ids[b]) for a, b in zip(result.passages.a.tolist(), result.passages.b.tolist())}


def test_reuse_keeps_the_copy_and_drops_the_reworded_frame():
    sim = _passage_similarity(A, B)
    base = {"n_process": 1, "min_passage_words": 6, "min_shared": 1, "window": 1}
    assert ("copy-a", "notice-a") in _linked(ReuseConfig(**base, min_similarity=0.95))
    everything = _linked(ReuseConfig(**base, min_similarity=0.0))
    strict = _linked(ReuseConfig(**base, min_similarity=sim + 1e-9))
    assert ("notice-a", "notice-b") in everything and ("notice-a", "notice-b") not in strict


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_min_similarity_is_validated(value):
    with pytest.raises(ConfigError):
        ReuseConfig(min_similarity=value)
    with pytest.raises(ConfigError):
        AlignConfig(min_similarity=value)


def test_the_flags_reach_the_configs():
    from samestory.cli import build_parser
    from samestory.cli.options import settings_from_args

    parser = build_parser()
    reuse = settings_from_args(parser.parse_args(["reuse", "x.jsonl", "-o", "o.jsonl", "--min-similarity", "0.6"]))
    align = settings_from_args(parser.parse_args(["align", "a.txt", "b.txt", "--min-similarity", "0.9"]))
    assert reuse.reuse.min_similarity == 0.6 and reuse.align.min_similarity == 0.0
    assert align.align.min_similarity == 0.9
    assert settings_from_args(parser.parse_args(["reuse", "x.jsonl", "-o", "o.jsonl"])).reuse.min_similarity == 0.75
