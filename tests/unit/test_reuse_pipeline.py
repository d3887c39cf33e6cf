"""The reuse pipeline on the small fictional corpus of tests/data/reuse."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from samestory.config import FieldMap, IngestConfig, ReuseConfig
from samestory.errors import ConfigError, MissingDependencyError
from samestory.ingest.article import Article, Rejected
from samestory.reuse import Doc, build_corpus, occurrence_records, pair_records, read_corpus, run_reuse, write_jsonl
from samestory.reuse import local as local_engine

CORPUS = Path(__file__).resolve().parents[1] / "data" / "reuse" / "passim.jsonl"
PASSIM = IngestConfig(fields=FieldMap(outlet="series", published="date"))


@pytest.fixture(scope="module")
def corpus():
    return read_corpus([CORPUS], PASSIM)


def _output(corpus, cfg: ReuseConfig) -> str:
    buf = io.StringIO()
    write_jsonl(occurrence_records(corpus, run_reuse(corpus, cfg).clusters), buf)
    return buf.getvalue()


def _linked(result) -> set[tuple[str, str]]:
    ids = [d.id for d in result.corpus.docs]
    return {(ids[a], ids[b]) for a, b in zip(result.passages.a.tolist(), result.passages.b.tolist())}


def test_corpus_is_sorted_by_id_with_passim_fields(corpus):
    assert [d.id for d in corpus.docs] == sorted(d.id for d in corpus.docs)
    wire = next(d for d in corpus.docs if d.id == "wire-001")
    assert wire.outlet == "northwire.example" and wire.day.isoformat() == "2024-05-07"
    blog = next(d for d in corpus.docs if d.id == "blog-007")
    assert blog.outlet is None and blog.day is None


def test_clusters_of_the_fictional_corpus(corpus):
    result = run_reuse(corpus, ReuseConfig(n_process=1))
    recs = list(occurrence_records(corpus, result.clusters))
    clusters: dict[int, list[dict]] = {}
    for r in recs:
        clusters.setdefault(r["cluster"], []).append(r)
    members = [[r["id"] for r in c] for _, c in sorted(clusters.items())]
    # numbered by earliest occurrence; earliest first in each; the undated blog last
    assert members == [
        ["wire-001", "wire-002", "herald-014"],
        ["wire-001", "weekly-203"],
        ["gazette-051", "courier-310", "blog-007"],
    ]
    assert [r["earliest"] for r in recs] == [True, False, False, True, False, True, False, False]
    assert all(r["size"] == len(clusters[r["cluster"]]) for r in recs)
    texts = {d.id: d.text for d in corpus.docs}
    assert all(r["text"] == texts[r["id"]][r["begin"] : r["end"]] for r in recs)
    assert result.summary()["clusters"] == 3
    assert ("gazette-051", "gazette-052") not in _linked(result)  # same outlet, different stories


def test_pair_filters(corpus):
    everything = _linked(run_reuse(corpus, ReuseConfig(n_process=1)))
    assert ("wire-001", "wire-002") in everything and ("weekly-203", "wire-001") in everything
    different = _linked(run_reuse(corpus, ReuseConfig(n_process=1, different_outlets=True)))
    assert everything - different == {("wire-001", "wire-002")}  # the undated, outlet-less blog stays
    recent = _linked(run_reuse(corpus, ReuseConfig(n_process=1, max_days=7)))
    assert everything - recent == {("weekly-203", "wire-001")}


def test_output_is_the_same_with_one_or_two_processes(corpus):
    assert _output(corpus, ReuseConfig(n_process=1)) == _output(corpus, ReuseConfig(n_process=2))


def test_pair_records_have_coverages(corpus):
    result = run_reuse(corpus, ReuseConfig(n_process=1))
    recs = {(r["a"], r["b"]): r for r in pair_records(corpus, result.passages)}
    r = recs[("wire-001", "wire-002")]
    assert r["b_coverage"] == 1.0 and 0.3 < r["a_coverage"] < 0.7
    assert set(r["passages"][0]) == {"a_begin", "a_end", "b_begin", "b_end", "similarity"}


def test_the_work_directory_resumes_without_recomputing(corpus, tmp_path, monkeypatch):
    cfg = ReuseConfig(n_process=1, work_dir=str(tmp_path / "work"))
    first = _output(corpus, cfg)
    assert {p.name for p in (tmp_path / "work").iterdir()} >= {"candidates.npz", "passages.npz"}

    def fail(*args, **kwargs):
        raise AssertionError("recomputed")

    monkeypatch.setattr(local_engine.LocalEngine, "fingerprints", fail)
    monkeypatch.setattr(local_engine.LocalEngine, "align", fail)
    assert _output(corpus, cfg) == first
    # other settings: the checkpoints do not apply, and the stages run again
    with pytest.raises(AssertionError, match="recomputed"):
        _output(corpus, ReuseConfig(n_process=1, work_dir=cfg.work_dir, min_shared=2))


def test_the_spark_engine_without_pyspark_names_the_install(corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # None in sys.modules: import fails
    with pytest.raises(MissingDependencyError, match=r"pip install 'samestory\[spark\]'"):
        run_reuse(corpus, ReuseConfig(engine="spark"))


def test_the_spark_engine_resumes_from_checkpoints_without_starting_spark(corpus, tmp_path, monkeypatch):
    work_dir = str(tmp_path / "work")
    local = _output(corpus, ReuseConfig(n_process=1, work_dir=work_dir))
    monkeypatch.setitem(sys.modules, "pyspark", None)
    assert _output(corpus, ReuseConfig(engine="spark", work_dir=work_dir)) == local


def test_duplicate_ids_are_rejected_and_the_first_kept():
    seen: list[Rejected] = []
    corpus = build_corpus(
        [
            Article(id="x", text="first", source="a.txt"),
            Rejected("bad.txt", "empty", "empty"),
            Article(id="x", text="second", source="b.txt"),
            Doc("a", "third"),
        ],
        on_rejected=seen.append,
    )
    assert [d.id for d in corpus.docs] == ["a", "x"] and corpus.docs[1].text == "first"
    assert [r.reason for r in corpus.rejected] == ["empty", "duplicate"] and seen == list(corpus.rejected)
    assert "b.txt" in corpus.rejected[1].source and "a.txt" in corpus.rejected[1].message


def test_an_empty_corpus_gives_no_clusters():
    result = run_reuse(build_corpus([]), ReuseConfig(n_process=1))
    assert result.summary()["clusters"] == 0 and len(result.candidates) == 0


@pytest.mark.parametrize(
    "values,message",
    [
        ({"engine": "dask"}, "engine must be local or spark"),
        ({"max_df": 1}, "max_df must be at least 2"),
        ({"window": 0}, "window must be in [1, 64]"),
        ({"max_days": -1}, "max_days must be >= 0"),
        ({"n_process": 0}, "n_process must be at least 1"),
        ({"spark_master": "sc://localhost"}, "spark_master must be local[*], local[N], spark://HOST:PORT"),
        ({"spark_master": "local[0]"}, "spark_master must be"),
    ],
)
def test_reuse_config_is_validated(values, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        ReuseConfig(**values)


@pytest.mark.parametrize("master", ["local", "local[*]", "local[4]", "local[*,3]", "spark://h1:7077,h2:7077", "yarn"])
def test_spark_masters_that_run_jobs_are_accepted(master):
    assert ReuseConfig(engine="spark", spark_master=master).spark_master == master
