"""The stories stage: features, online and batch clustering, persistence, summaries."""

from __future__ import annotations

import random
from datetime import date

import numpy as np
import pytest

from samestory.config import StoriesConfig
from samestory.errors import ConfigError
from samestory.stories import FeatureExtractor, make_clusterer
from samestory.stories.batch import BatchClusterer
from samestory.stories.features import ArticleFeatures, DocumentFrequencies, day_number, jaccard
from samestory.stories.online import OnlineClusterer
from samestory.stories.records import iter_records
from samestory.stories.summary import summarize

TOPICS = {
    "quake": "earthquake magnitude rescue rubble aftershock epicentre collapsed buildings survivors turkey".split(),
    "vote": "election ballot parliament coalition minister votes polling turnout opposition candidate".split(),
    "solar": "solar panels photovoltaic gigawatt module installation tariff inverter utility capacity".split(),
    "match": "football striker goal league champions penalty coach stadium fans referee".split(),
}
FILLER = "the a of in on and to said was were has have for with by at from this that after".split()


def article(rng: random.Random, topic: str, k: int, day: date | None = None, words: int = 40) -> dict:
    vocab = TOPICS[topic]
    body = [rng.choice(vocab) if rng.random() < 0.5 else rng.choice(FILLER) for _ in range(words)]
    title = " ".join(rng.sample(vocab, 5))
    return {"id": f"{topic}-{k}", "title": title, "text": " ".join(body), "published": day}


def corpus(seed: int = 1, per_topic: int = 6) -> list[dict]:
    rng = random.Random(seed)
    recs = [article(rng, t, k) for k in range(per_topic) for t in TOPICS]
    return recs


def features(recs, **cfg) -> list[ArticleFeatures]:
    return FeatureExtractor(StoriesConfig(**cfg)).extract(recs)


def topic_of(label: str) -> str:
    return label.split("-")[0]


CFG: dict = {}


# -- features ---------------------------------------------------------------------------------


def test_features_are_deterministic_and_round_trip_as_blobs():
    recs = corpus()
    a, b = features(recs), features(recs)
    for x, y in zip(a, b):
        assert np.array_equal(x.terms, y.terms) and np.array_equal(x.tf, y.tf)
        assert np.array_equal(x.minhash, y.minhash)
    f = a[0]
    g = ArticleFeatures.from_blob(f.to_blob(), id=f.id)
    assert np.array_equal(f.terms, g.terms) and np.allclose(f.tf, g.tf) and np.array_equal(f.minhash, g.minhash)
    assert g.embedding is None


def test_blob_keeps_an_embedding_as_float16():
    f = ArticleFeatures("x", np.array([3, 9], np.int32), np.ones(2, np.float32), None, np.full(4, 0.5, np.float32))
    g = ArticleFeatures.from_blob(f.to_blob(), id="x")
    assert g.minhash is None and np.allclose(g.embedding, 0.5)


def test_title_words_weigh_more_and_headlines_alone_work():
    (f,) = features([{"id": "1", "title": "Solar tariff", "text": "solar module"}])
    (h,) = features([{"id": "2", "title": "Solar tariff"}])
    assert len(h.terms) == 2 and h.minhash is None  # too few shingles for a signature
    tariff = FeatureExtractor(StoriesConfig()).terms("tariff", None)[0][0]
    module = FeatureExtractor(StoriesConfig()).terms("module", None)[0][0]
    tf = dict(zip(f.terms.tolist(), f.tf.tolist()))
    assert tf[tariff] > tf[module]


def test_minhash_estimates_jaccard():
    rng = random.Random(3)
    base = article(rng, "quake", 0, words=200)
    near = dict(base, id="near", text=base["text"] + " and one more sentence")
    other = article(rng, "vote", 1, words=200)
    fa, fn, fo = features([base, near, other])
    assert jaccard(fa.minhash, fn.minhash) > 0.8
    assert jaccard(fa.minhash, fo.minhash) < 0.2


def test_document_frequencies_persist():
    df = DocumentFrequencies(12)
    df.add(np.array([1, 5], np.int32))
    df.add(np.array([5], np.int32))
    back = DocumentFrequencies.from_bytes(df.to_bytes())
    assert back.n_docs == 2 and back.df[5] == 2 and back.df[1] == 1
    assert back.idf(np.array([1], np.int32))[0] > back.idf(np.array([5], np.int32))[0]


def test_day_number():
    assert day_number("2021-06-24T10:00:00Z") == date(2021, 6, 24).toordinal()
    assert day_number(date(2021, 6, 24)) == date(2021, 6, 24).toordinal()
    assert day_number(None) is None and day_number("soon") is None


# -- online -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["online", "batch"])
def test_topics_become_stories(mode):
    recs = corpus()
    labels = make_clusterer(StoriesConfig(mode=mode, **CFG)).cluster(features(recs))
    by_topic: dict[str, set[str]] = {}
    for r, lab in zip(recs, labels):
        by_topic.setdefault(topic_of(r["id"]), set()).add(lab)
    assert all(len(v) == 1 for v in by_topic.values()), by_topic
    assert len(set(labels)) == len(TOPICS)
    # a story's label is the id of its first article
    assert {topic_of(lab) for lab in labels} == set(TOPICS)
    assert all(lab.endswith("-0") for lab in labels)


@pytest.mark.parametrize("mode", ["online", "batch"])
def test_clustering_is_deterministic(mode):
    feats = features(corpus(seed=7))
    a = make_clusterer(StoriesConfig(mode=mode, **CFG)).cluster(feats)
    b = make_clusterer(StoriesConfig(mode=mode, **CFG)).cluster(feats)
    assert a == b


def test_near_duplicate_joins_its_story_even_below_the_threshold():
    rng = random.Random(5)
    wire = article(rng, "quake", 0, words=120)
    reprint = dict(wire, id="reprint", title="A different headline entirely")
    c = OnlineClusterer(config=StoriesConfig(threshold=1.0))  # nothing joins on similarity alone
    fw, fr = features([wire, reprint])
    assert c.add(fw) == c.add(fr)
    assert c.labels() == [wire["id"], wire["id"]]


def test_unrelated_article_starts_a_story():
    rng = random.Random(2)
    c = OnlineClusterer(config=StoriesConfig(**CFG))
    for f in features([article(rng, "quake", k) for k in range(4)]):
        c.add(f)
    (f,) = features([article(rng, "match", 9)])
    sid = c.add(f)
    assert c.labels()[-1] == "match-9" and sid not in c.assigned[:-1]


def test_window_closes_old_stories():
    rng = random.Random(4)
    old = [article(rng, "vote", k, day=date(2024, 1, 1)) for k in range(3)]
    late = article(rng, "vote", 9, day=date(2024, 1, 10))
    c = OnlineClusterer(config=StoriesConfig(window_days=3, **CFG))
    for f in features(old):
        c.add(f)
    assert c.live_stories() == 1
    (f,) = features([late])
    c.add(f)
    assert c.labels()[-1] == "vote-9"  # the old story closed: the same topic starts anew
    assert c.live_stories() == 1 and c.live_articles() == 1  # the closed story left the indexes
    # without a window the late article joins
    c = OnlineClusterer(config=StoriesConfig(window_days=None, **CFG))
    for f in features([*old, late]):
        c.add(f)
    assert c.labels()[-1] == "vote-0"


def test_stories_merge_when_evidence_accumulates():
    # two halves of one topic start as two stories (their vocabularies do not overlap), then
    # articles using both vocabularies link them until their average link reaches the threshold
    left = "alpha bravo charlie delta echo".split()
    right = "kilo lima mike november oscar".split()
    rng = random.Random(8)

    def rec(k, vocab):
        return {"id": str(k), "title": " ".join(rng.sample(vocab, 4)), "text": " ".join(rng.choices(vocab, k=30))}

    recs = [rec(0, left), rec(1, left), rec(2, right), rec(3, right)]
    recs += [rec(k, left + right) for k in range(4, 12)]
    c = OnlineClusterer(config=StoriesConfig(threshold=0.2))
    for f in features(recs):
        c.add(f)
    assert c.assigned[0] != c.assigned[2]  # they started apart
    assert c.merges >= 1
    assert len(set(c.labels())) == 1 and c.labels()[2] == "0"  # merged, keeping the older label


def test_saved_state_continues_identically(tmp_path):
    rng = random.Random(11)
    recs = [article(rng, t, k, day=date(2024, 1, 1 + k)) for k in range(8) for t in TOPICS]
    feats = features(recs)
    cfg = StoriesConfig(window_days=2, **CFG)
    whole = OnlineClusterer(config=cfg)
    for f in feats:
        whole.add(f)
    first = OnlineClusterer(config=cfg)
    for f in feats[:13]:
        first.add(f)
    path = tmp_path / "state.npz"
    path.write_bytes(first.save())
    second = OnlineClusterer.load(path.read_bytes(), config=cfg)
    for f in feats[13:]:
        second.add(f)
    assert second.labels() == whole.labels()
    assert second.live_articles() == whole.live_articles()


def test_old_articles_leave_the_window_but_their_story_stays_joinable():
    # one article a day on the same topic: each expires two days after its day, yet the story
    # goes on through its recent articles, keeping its first article's label
    rng = random.Random(12)
    recs = [article(rng, "solar", k, day=date(2024, 3, 1 + k)) for k in range(10)]
    c = OnlineClusterer(config=StoriesConfig(window_days=2))
    for f in features(recs):
        c.add(f)
    assert set(c.labels()) == {"solar-0"}
    assert c.live_articles() == 3 and c.live_stories() == 1  # days 8, 9 and 10 only
    assert not c._w.alive[0] and 0 not in c._w.arts


def test_postings_keep_only_what_a_read_can_return():
    from samestory.stories.window import CAP, MAX_POSTINGS

    # undated articles never expire; a term every article has keeps only the latest entries
    c = OnlineClusterer(config=StoriesConfig(window_days=None, threshold=1.0, near_duplicate=1.0))
    common = np.array([7], np.int32)
    for k in range(3 * CAP):
        terms = np.concatenate([common, np.array([1000 + k], np.int32)])
        c.add(ArticleFeatures(f"a{k}", terms, np.ones(2, np.float32)))
    assert c._w.post_n[7] <= CAP
    ids, _ = c._w.read(7)
    assert ids.tolist() == list(range(3 * CAP - MAX_POSTINGS, 3 * CAP))


@pytest.mark.parametrize("vectors", [False, True])
def test_saved_state_continues_identically_through_expiry_and_merges(vectors):
    import dataclasses

    rng = random.Random(22)
    recs = []
    for k in range(60):
        topic = rng.choice(list(TOPICS))
        recs.append(article(rng, topic, k, day=date(2024, 5, 1 + k // 5), words=rng.choice([6, 12, 40])))
    feats = features(recs)
    if vectors:  # title+lead vectors: a direction per topic, plus noise
        gen = np.random.default_rng(0)
        axis = {t: gen.normal(size=16) for t in TOPICS}
        for k, f in enumerate(feats):
            v = axis[topic_of(f.id)] + gen.normal(size=16)
            feats[k] = dataclasses.replace(f, embedding=(v / np.linalg.norm(v)).astype(np.float32))
    cfg = StoriesConfig(window_days=3, threshold=0.5, merge_threshold=0.2)  # short articles start apart
    whole = OnlineClusterer(config=cfg)
    for f in feats:
        whole.add(f)
    assert whole.merges >= 2
    for cut in (7, 24, 41, 55):
        first = OnlineClusterer(config=cfg)
        for f in feats[:cut]:
            first.add(f)
        second = OnlineClusterer.load(first.save(), config=cfg)
        numbers = [second.add(f) for f in feats[cut:]]
        assert numbers == whole.assigned[cut:]
        assert second.labels() == whole.labels() and second.merges == whole.merges
        assert second.live_articles() == whole.live_articles() < len(feats)


def test_a_first_format_state_still_loads():
    import io

    rng = random.Random(3)
    feats = features([article(rng, "vote", k, day=date(2024, 6, 3)) for k in range(3)])
    df = DocumentFrequencies(StoriesConfig().hash_bits)
    df.add_many([f.terms for f in feats])
    day = date(2024, 6, 3).toordinal()
    weights = [df.weigh(f) for f in feats]
    v1 = {  # what the first OnlineClusterer.save wrote: one live story of three articles
        "ids": np.array([f.id for f in feats]),
        "assigned": np.zeros(3, np.int64),
        "parent": np.zeros(1, np.int64),
        "meta": np.array([day, 0, 0], np.int64),
        "live": np.zeros(1, np.int64),
        "story_int": np.array([[3, day, day]], np.int64),
        "members_len": np.array([3], np.int64),
        "members": np.arange(3, dtype=np.int64),
        "link_pairs": np.zeros((0, 2), np.int64),
        "link_sums": np.zeros(0),
        "arts": np.arange(3, dtype=np.int64),
        "art_story": np.zeros(3, np.int64),
        "terms_len": np.array([len(f.terms) for f in feats], np.int64),
        "terms": np.concatenate([f.terms for f in feats]),
        "weights": np.concatenate(weights).astype(np.float32),
        "sig_arts": np.arange(3, dtype=np.int64),
        "sigs": np.stack([f.minhash for f in feats]),
        "emb_arts": np.zeros(0, np.int64),
        "emb": np.zeros((0, 1), np.float32),
        "df": np.frombuffer(df.to_bytes(), np.uint8),
    }
    buf = io.BytesIO()
    np.savez_compressed(buf, **v1)
    c = OnlineClusterer.load(buf.getvalue())
    assert c.live_articles() == 3 and c.clock == day
    (late,) = features([article(rng, "vote", 9, day=date(2024, 6, 4))])
    c.add(late)
    assert c.labels() == ["vote-0"] * 4


def test_unknown_clusterer_and_bad_config():
    with pytest.raises(ConfigError, match="unknown clusterer 'nope'"):
        make_clusterer(StoriesConfig(mode="nope"))
    with pytest.raises(ConfigError, match="threshold must be in"):
        StoriesConfig(threshold=1.5)
    with pytest.raises(ConfigError, match="window_days"):
        StoriesConfig(window_days=0)


def test_batch_links_only_neighbours():
    from samestory.stories.batch import knn_edges

    feats = features(corpus(per_topic=10))
    a, b, sim = knn_edges(feats, StoriesConfig(neighbours=3))
    assert len(a) <= 3 * len(feats) * 2 and np.all(a < b) and np.all(sim <= 1.0 + 1e-6)
    assert BatchClusterer(config=StoriesConfig(**CFG)).cluster([]) == []


# -- summaries and records --------------------------------------------------------------------


def test_summary_has_label_outlets_days_and_timeline():
    recs = [
        {"id": "a", "title": "Quake hits Turkey", "text": "quake rubble rescue", "published": "2024-02-06"},
        {"id": "b", "title": "Quake rescue goes on", "text": "quake rescue", "published": "2024-02-06"},
        {"id": "c", "title": "Quake toll rises", "text": "quake toll", "published": "2024-02-08"},
    ]
    outlets = ["Reuters", "AFP", "Reuters"]
    feats = [
        ArticleFeatures(f.id, f.terms, f.tf, f.minhash, None, f.day, f.title, o, "en")
        for f, o in zip(features(recs), outlets)
    ]
    (s,) = summarize(feats, ["a", "a", "a"])
    d = s.to_dict()
    assert d["size"] == 3 and d["label"] in {r["title"] for r in recs}
    assert d["outlets"] == [{"outlet": "Reuters", "articles": 2}, {"outlet": "AFP", "articles": 1}]
    assert d["languages"] == [{"language": "en", "articles": 3}]
    assert (d["first_seen"], d["last_seen"]) == ("2024-02-06", "2024-02-08")
    assert d["timeline"] == [{"day": "2024-02-06", "articles": 2}, {"day": "2024-02-08", "articles": 1}]


def test_records_need_an_id_and_a_title_or_text():
    lines = [
        '{"id": 1, "title": "Headline only"}',
        '{"title": "no id"}',
        '{"id": "x", "url": "https://www.reuters.com/a"}',
        "not json",
        "",
        '{"id": "y", "text": "Body only", "url": "https://www.reuters.com/a", "published": "2024-01-02"}',
    ]
    out = list(iter_records(lines, "in.jsonl"))
    good = [r for r in out if isinstance(r, dict)]
    bad = [r for r in out if not isinstance(r, dict)]
    assert [r["id"] for r in good] == ["1", "y"]
    assert [r.source for r in bad] == ["in.jsonl:2", "in.jsonl:3", "in.jsonl:4"]
    assert good[1]["outlet"] == "Reuters" and good[1]["published"] is not None
