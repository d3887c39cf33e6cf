"""Batch stories with ``--engine spark`` are the stories of ``--engine local``.

An invented corpus of overlapping topics (shared words, so components hold several stories and
merges are not trivial), split into many blocks and merge tasks. One Spark session (local[2])
for the module; skipped where pyspark or Java is missing.
"""

from __future__ import annotations

import json
import os
import random
import shutil

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("the spark engine needs Java (17+)", allow_module_level=True)

from samestory.cli import main
from samestory.config import StoriesConfig
from samestory.spark import stories as spark_stories
from samestory.spark.session import spark_session
from samestory.stories import FeatureExtractor
from samestory.stories import batch as batch_mod
from samestory.stories.batch import BatchClusterer, knn_edges, link_components

COMMON = (
    "government said minister police report city people officials week year country market price plan "
    "company told statement meeting percent local national security health school court"
).split()


def corpus(seed: int = 7, topics: int = 30, per_topic: int = 8) -> list[dict]:
    """Topics sharing a common pool, in families of three where each shares words with the next."""
    rng = random.Random(seed)
    vocab = [f"w{k}" for k in range(topics * 6)]
    recs = []
    for t in range(topics):
        own = vocab[6 * t : 6 * t + (9 if t % 3 != 2 else 6)]  # a family's topics share words
        for k in range(rng.randint(1, per_topic)):
            words = [rng.choice(own if rng.random() < 0.45 else COMMON) for _ in range(50)]
            recs.append(
                {
                    "id": f"t{t}-{k}",
                    "title": " ".join(rng.sample(own, 4)),
                    "text": " ".join(words),
                    "published": f"2024-05-{1 + rng.randrange(20):02d}",
                }
            )
    rng.shuffle(recs)
    return recs


@pytest.fixture(scope="module")
def session():
    spark, created = spark_session("local[2]")
    yield spark
    if created:
        spark.stop()


@pytest.fixture
def small_tasks(monkeypatch):
    monkeypatch.setattr(batch_mod, "BLOCK", 16)
    monkeypatch.setattr(batch_mod, "SCORE_CHUNK", 100)
    monkeypatch.setattr(spark_stories, "TASK_EDGES", 40)


@pytest.mark.parametrize("threshold", [0.1, 0.2, 0.35])
def test_spark_gives_the_local_stories(session, small_tasks, threshold):
    recs = corpus()
    local_cfg = StoriesConfig(mode="batch", threshold=threshold, neighbours=10)
    spark_cfg = StoriesConfig(mode="batch", threshold=threshold, neighbours=10, engine="spark", spark_master="local[2]")
    feats = FeatureExtractor(local_cfg).extract(recs)
    local = BatchClusterer(config=local_cfg).cluster(feats)
    spark = BatchClusterer(config=spark_cfg).cluster(feats)
    assert spark == local
    # not a trivial case: several blocks, several merge tasks, stories of many sizes
    a, b, sim = knn_edges(feats, local_cfg)
    components = link_components(len(feats), a, b, sim, threshold)
    assert len(batch_mod.blocks(len(feats))) > 5
    assert len(batch_mod.score_chunks(batch_mod.candidates([a * len(feats) + b]))) > 3  # several scoring tasks
    assert 5 < len(set(local)) < len(feats)
    assert any(len({local[i] for i in c.nodes}) > 1 for c in components)  # merges stopped inside one
    if threshold >= 0.2:  # at 0.1 the shared words chain everything into one component
        assert len(spark_stories.group_components(components, spark_stories.TASK_EDGES)) > 1


def test_the_command_writes_the_same_stories_with_either_engine(session, small_tasks, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in corpus(seed=3)), encoding="utf-8")
    outs = {}
    for engine in ("local", "spark"):
        out = tmp_path / f"{engine}.jsonl"
        args = ["cluster", str(src), "-o", str(out), "--mode", "batch", "--engine", engine, "--json"]
        assert main([*args, "--spark-master", "local[2]"]) == 0
        outs[engine] = out.read_bytes()
        assert json.loads(capsys.readouterr().out)["articles"] == len(src.read_text().splitlines())
    assert outs["spark"] == outs["local"]


def test_online_mode_refuses_the_spark_engine(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "title": "x y z"}) + "\n", encoding="utf-8")
    assert main(["cluster", str(src), "-o", str(tmp_path / "o.jsonl"), "--engine", "spark"]) == 2
    assert "--mode batch" in capsys.readouterr().err
