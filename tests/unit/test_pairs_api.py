"""``Samestory.score_pairs``: batches, order, shared articles, rejections (model-free components)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from samestory.api import Samestory
from samestory.compare import Dimensions
from samestory.config import build_settings
from samestory.embed.base import encoders
from samestory.embed.hashing import HashingEncoder
from samestory.errors import ConfigError
from samestory.ingest.article import Rejected
from samestory.ingest.pairs import PairRecord, iter_pairs

DATA = Path(__file__).resolve().parents[1] / "data" / "pairs"
FAIL = "THIS TEXT BREAKS THE ENCODER"


@encoders.register("test-fails-on-marker")
class _FailingEncoder(HashingEncoder):
    """A real registered encoder that refuses one marked text, as a broken model would."""

    name = "test-fails-on-marker"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if any(FAIL in t for t in texts):
            raise ValueError("cannot embed this text")
        return super().encode(texts)


def light(encoder: str = "hashing", **compare) -> Samestory:
    return Samestory(
        build_settings(overrides={"analyze": {"ner": "gazetteer"}, "embed": {"encoder": encoder}, "compare": compare})
    )


@pytest.fixture
def ss():
    s = light()
    yield s
    s.close()


def test_scores_every_pair_in_input_order_across_batches(ss):
    records = list(iter_pairs(DATA / "pairs.csv"))
    out = list(ss.score_pairs(records, batch_size=4))  # 6 pairs: a full batch, then a short one
    assert [r.pair_id for r, _ in out] == [r.pair_id for r in records]
    for _, dims in out:
        assert isinstance(dims, Dimensions)
        assert all(1.0 <= v <= 4.0 for v in dims.to_dict().values())


def test_batch_size_does_not_change_scores(ss):
    records = list(iter_pairs(DATA / "pairs.csv"))
    one = [d.to_dict() for _, d in ss.score_pairs(records, batch_size=1)]
    many = [d.to_dict() for _, d in ss.score_pairs(records, batch_size=64)]
    assert one == many


def test_same_scores_as_compare_prepared(ss):
    rec = next(r for r in iter_pairs(DATA / "pairs.csv") if r.pair_id == "danube-reprint")
    [(_, dims)] = list(ss.score_pairs([rec]))
    a, b = rec.articles()
    assert dims == ss.compare_prepared(*ss.prepare([a, b])).dimensions


def test_rejected_records_pass_through_in_place(ss):
    items = list(iter_pairs(DATA / "pairs_bad.csv"))
    out = list(ss.score_pairs(items, batch_size=3))
    kinds = ["R" if isinstance(o, Rejected) else o[0].pair_id for o in out]
    assert kinds == ["ok-1", "ok-2", "R", "R", "R", "R", "ok-3"]
    assert [o for o in out if isinstance(o, Rejected)] == [i for i in items if isinstance(i, Rejected)]


def test_articles_shared_by_pairs_are_analysed_once(ss):
    text = "The island ferry resumed service on Tuesday after two weeks of repairs to its engine."
    recs = [
        PairRecord("1", 1, text, "Ferry service to the island resumed on Tuesday."),
        PairRecord("2", 2, text, "A storm closed the mountain pass on Friday."),
        PairRecord("3", 3, "A storm closed the mountain pass on Friday.", text),
        PairRecord("4", 4, text, text, lang1="en"),  # another language forced: analysed apart
    ]
    seen: list[tuple[str, str | None]] = []
    original = ss.analyzer.analyze_many

    def spy(articles, **kw):
        articles = list(articles)
        seen.extend((a.id, a.language) for a in articles)
        return original(articles, **kw)

    ss.analyzer.analyze_many = spy  # a spy: the real analysis still runs
    out = list(ss.score_pairs(recs))
    assert len(out) == 4 and len(seen) == len(set(seen)) == 4
    same = out[3][1]
    assert same.overall <= out[1][1].overall


def test_a_pair_whose_article_fails_is_rejected_and_the_rest_go_on():
    ss = light("test-fails-on-marker")
    try:
        recs = [
            PairRecord(
                "good-1", 2, "The council approved the bridge.", "Councillors voted for the bridge.", source="f"
            ),
            PairRecord("bad", 3, f"Some text. {FAIL}", "Another text.", source="f"),
            PairRecord("good-2", 4, "Rain flooded the old town.", "The old town was flooded.", source="f"),
        ]
        out = list(ss.score_pairs(recs))
    finally:
        ss.close()
    assert [type(o).__name__ for o in out] == ["tuple", "Rejected", "tuple"]
    bad = out[1]
    assert bad.source == "f:3" and bad.reason == "failed"
    assert "text1" in bad.message and "embedded" in bad.message and "cannot embed" in bad.message


def test_batch_size_comes_from_settings_and_is_checked(ss):
    with pytest.raises(ConfigError):
        list(ss.score_pairs([], batch_size=0))
    with pytest.raises(ConfigError):
        light(batch_size=0)
    assert light(batch_size=5).settings.compare.batch_size == 5
