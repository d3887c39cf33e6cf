"""Stories in a store (SQLite and PostgreSQL): ``samestory ingest`` groups articles into stories
online or in batch, reruns and crashes lose and duplicate nothing, and ``stories``, ``story`` and
``similar`` show them. The corpus is invented (``story_corpus.py``)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from story_corpus import FIRST, FIRST_STORIES, LATER, UNSTORED_REPRINT, write_jsonl

from samestory.cli import main
from samestory.config import StoriesConfig
from samestory.errors import ConfigError
from samestory.store import open_store
from samestory.stories import persist
from samestory.stories.online import OnlineClusterer
from samestory.stories.persist import MAP_BLOB, update_stories


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def ingest(capsys, url: str, *paths: Path, flags: tuple[str, ...] = ()) -> dict:
    code, out, err = run(capsys, "ingest", *map(str, paths), "--db", url, "--json", *flags)
    assert code == 0, err
    return json.loads(out)


def grouping(url: str) -> dict[frozenset[str], int]:
    """Each story as the set of its articles' external ids, with its store id."""
    with open_store(url) as store:
        out = {}
        for s in store.stories():
            members = store.get_many(store.story(s.id).members)
            out[frozenset(a.external_id for a in members.values())] = s.id
        return out


def assert_consistent(url: str) -> None:
    """Every article in exactly one live story, no empty story, counts that agree, and the online
    clusterer's story map pointing at live stories only."""
    with open_store(url) as store:
        assert store.unassigned() == []
        live = store.stories(min_size=0)
        assert all(s.size > 0 for s in live), "an empty story"
        members = [m for s in live for m in store.story(s.id).members]
        assert len(members) == len(set(members)) == store.count()
        assert all(len(store.story(s.id).members) == s.size for s in live)
        assert store.stats()["stories"] == len(live)
        mapping = store.get_blob(MAP_BLOB)
        if mapping:
            assert set(persist._map_from(mapping).values()) <= {s.id for s in live}


@pytest.fixture
def corpus(tmp_path) -> dict[str, Path]:
    (tmp_path / "later").mkdir()
    reprint = tmp_path / "reprint.txt"
    reprint.write_text(UNSTORED_REPRINT, encoding="utf-8")
    return {
        "first": write_jsonl(tmp_path / "first.jsonl", FIRST),
        "later": write_jsonl(tmp_path / "later" / "later.jsonl", LATER),
        "reprint": reprint,
    }


def test_ingest_groups_stories_and_a_rerun_changes_nothing(store_url, corpus, capsys, tmp_path):
    summary = ingest(capsys, store_url, corpus["first"])
    update = summary["stories_update"]
    assert (update["mode"], update["features"], update["clustered"]) == ("batch", 16, 16)
    assert summary["store"] == {"articles": 16, "stories": 7, "rejected": 0}
    first = grouping(store_url)
    assert set(first) == {frozenset(s) for s in FIRST_STORIES}
    assert_consistent(store_url)
    with open_store(store_url) as store:  # labels are headlines of the stories' own articles
        labels = {s.label for s in store.stories(min_size=3)}
    assert labels <= {t for _, t, *_ in FIRST} and len(labels) == 3

    # the same file again (skipped as read), and a copy under another name (read, all duplicates)
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(corpus["first"].read_bytes())
    again = ingest(capsys, store_url, corpus["first"], copy)
    assert (again["added"], again["duplicates"], again["unchanged"]) == (0, 16, 1)
    assert again["stories_update"]["mode"] == "online" and again["stories_update"]["assigned"] == 0
    assert again["store"] == {"articles": 16, "stories": 7, "rejected": 0}
    assert grouping(store_url) == first  # the same stories, with the same ids


def test_later_articles_join_online_and_a_new_story_starts(store_url, corpus, capsys):
    ingest(capsys, store_url, corpus["first"])
    before = grouping(store_url)
    bridge = before[frozenset(FIRST_STORIES[0])]
    summary = ingest(capsys, store_url, corpus["later"])
    update = summary["stories_update"]
    assert (update["mode"], update["assigned"], update["new_stories"]) == ("online", 4, 2)
    after = grouping(store_url)
    assert after[frozenset(FIRST_STORIES[0] | {"bridge-reopens"})] == bridge  # joined the bridge story
    assert frozenset({"ferry-strike", "ferry-strike-2"}) in after  # a new story
    assert frozenset({"orchid"}) in after
    for members, sid in before.items():  # the other stories are as they were
        if sid != bridge:
            assert after[members] == sid
    assert summary["store"]["stories"] == 9
    assert_consistent(store_url)
    with open_store(store_url) as store:
        ferry = store.story(after[frozenset({"ferry-strike", "ferry-strike-2"})])
        assert ferry.label in {"Hollin Island ferry crews go on strike", "Strike halts Hollin Island ferries"}
        assert (str(ferry.first_seen), str(ferry.last_seen)) == ("2024-04-06", "2024-04-07")


def test_online_from_the_start_and_batch_reclustering_agree(store_url, corpus, capsys):
    ingest(capsys, store_url, corpus["first"], flags=("--online", "--batch-size", "4"))
    online = set(grouping(store_url))
    assert online == {frozenset(s) for s in FIRST_STORIES}
    summary = ingest(capsys, store_url, corpus["first"], corpus["later"], flags=("--batch",))
    assert summary["stories_update"]["mode"] == "batch" and summary["stories_update"]["clustered"] == 20
    batch = set(grouping(store_url))
    expected = {frozenset(s) for s in FIRST_STORIES[1:]} | {
        frozenset(FIRST_STORIES[0] | {"bridge-reopens"}),
        frozenset({"ferry-strike", "ferry-strike-2"}),
        frozenset({"orchid"}),
    }
    assert batch == expected
    assert_consistent(store_url)
    # after a re-clustering, online goes on from the new stories (the clusterer was seeded from them)
    more = corpus["later"].with_name("more.jsonl")
    text = (
        "The strike by ferry crews on the Hollin Island route ended on Monday when Hollin Ferries agreed to a pay "
        "rise, and the ferries to the island ran again. The Hollin seafarers' union called off the strike."
    )
    record = {"id": "ferry-strike-3", "title": "Hollin Island ferry strike ends", "text": text}
    more.write_text(json.dumps({**record, "published": "2024-04-08", "language": "en"}) + "\n")
    ingest(capsys, store_url, more)
    assert frozenset({"ferry-strike", "ferry-strike-2", "ferry-strike-3"}) in grouping(store_url)
    assert_consistent(store_url)


class Boom(RuntimeError):
    pass


def test_a_crash_inside_a_story_update_loses_and_duplicates_nothing(store_url, corpus, capsys, monkeypatch):
    saves = {"n": 0}
    real_save = persist.StoryUpdater._new_generation  # each chunk's last write

    def crash_on_second(self):
        saves["n"] += 1
        if saves["n"] == 2:
            raise Boom("crash after the assignments, before the commit")
        real_save(self)

    monkeypatch.setattr(persist.StoryUpdater, "_new_generation", crash_on_second)
    with pytest.raises(Boom):
        main(["ingest", str(corpus["first"]), "--db", store_url, "--online", "--batch-size", "5"])
    capsys.readouterr()
    with open_store(store_url) as store:
        assert store.count() == 10  # two batches stored
        assert store.missing_features(persist.FEATURES) == []  # the second batch's features were kept
        assert len(store.unassigned()) == 5  # its assignments were rolled back with the state
        assert store.stats()["stories"] == len(store.stories())  # no story left empty
    monkeypatch.setattr(persist.StoryUpdater, "_new_generation", real_save)
    summary = ingest(capsys, store_url, corpus["first"], flags=("--batch-size", "5"))
    assert summary["stories_update"]["mode"] == "online" and summary["stories_update"]["assigned"] == 11
    assert summary["store"]["articles"] == 16
    assert_consistent(store_url)
    assert set(grouping(store_url)) == {frozenset(s) for s in FIRST_STORIES}


def test_stories_story_and_similar_commands(corpus, capsys, tmp_path):
    url = str(tmp_path / "s.db")
    ingest(capsys, url, corpus["first"])
    ingest(capsys, url, corpus["later"])

    code, out, _ = run(capsys, "stories", "--db", url, "--json")
    stories = json.loads(out)
    assert code == 0 and [s["size"] for s in stories] == [6, 4, 3, 2, 1, 1, 1, 1, 1]
    bridge = stories[0]
    assert bridge["label"] == "Storm closes Port Elsen harbour bridge"
    assert (bridge["first_seen"], bridge["last_seen"]) == ("2024-04-02", "2024-04-06")
    per_day = (("2024-04-02", 2), ("2024-04-03", 2), ("2024-04-04", 1), ("2024-04-06", 1))
    assert bridge["timeline"] == [{"day": d, "articles": n} for d, n in per_day]
    assert {"outlet": "coastline-post.example", "articles": 2} in bridge["outlets"]
    assert bridge["languages"] == [{"language": "en", "articles": 6}]
    days = [a["day"] for a in bridge["articles"]]
    assert days == sorted(days) and bridge["articles"][-1]["external_id"] == "bridge-reopens"
    code, out, _ = run(capsys, "stories", "--db", url, "--min-size", "2", "--limit", "2")
    assert code == 0 and "Storm closes Port Elsen harbour bridge" in out and "Marlow" not in out
    assert "outlets: coastline-post.example 2" in out

    code, out, _ = run(capsys, "story", str(bridge["id"]), "--db", url, "--json")
    one = json.loads(out)
    assert code == 0 and one["articles"] == bridge["articles"] and one["merged_from"] is None
    code, out, _ = run(capsys, "story", str(bridge["id"]), "--db", url)
    assert "6 articles, 2024-04-02 to 2024-04-06" in out and "timeline:" in out
    code, _, err = run(capsys, "story", "999", "--db", url)
    assert code == 2 and "no story 999" in err

    code, out, _ = run(capsys, "similar", "bridge-wire", "--db", url, "--json")
    sim = json.loads(out)
    assert code == 0 and sim["stored"] and sim["story"] == bridge["id"]
    ranked = sim["similar"]
    assert [r["same_story"] for r in ranked[:5]] == [True] * 5
    assert ranked[0]["article"]["external_id"] == "bridge-reprint" and ranked[0]["near_duplicate"]
    assert ranked[0]["jaccard"] >= 0.7 and ranked[0]["score"] == max(r["score"] for r in ranked)
    same = [r["score"] for r in ranked if r["same_story"]]
    assert same == sorted(same, reverse=True) and len(same) == 5
    assert all(r["score"] < 0.2 for r in ranked if not r["same_story"])  # other stories, far below
    assert set(ranked[0]) >= {"score", "cosine", "jaccard", "vector"}

    # the same article named by store id and by URL; a file not in the store is compared unstored
    by_id = json.loads(run(capsys, "similar", str(sim["article"]["id"]), "--db", url, "--json")[1])
    by_url = json.loads(run(capsys, "similar", sim["article"]["url"], "--db", url, "--json")[1])
    assert by_id["similar"] == by_url["similar"] == ranked
    code, out, _ = run(capsys, "similar", str(corpus["reprint"]), "--db", url, "--json")
    unstored = json.loads(out)
    assert code == 0 and not unstored["stored"] and unstored["story"] == bridge["id"]
    assert unstored["similar"][0]["near_duplicate"] and unstored["similar"][0]["same_story"]
    with open_store(url) as store:
        assert store.count() == 20  # nothing was stored
    code, out, _ = run(capsys, "similar", str(corpus["reprint"]), "--db", url)
    assert code == 0 and "(not stored)" in out and "would join (average link" in out
    code, _, err = run(capsys, "similar", "no-such-article", "--db", url)
    assert code == 2 and "no stored article 'no-such-article'" in err


def test_a_merged_story_shows_where_it_went(corpus, capsys, tmp_path):
    url = str(tmp_path / "s.db")
    ingest(capsys, url, corpus["first"])
    ids = sorted(grouping(url).values())
    with open_store(url) as store:
        store.merge_stories(ids[0], ids[1])
    code, out, _ = run(capsys, "story", str(ids[1]), "--db", url, "--json")
    view = json.loads(out)
    assert code == 0 and view["id"] == ids[0] and view["merged_from"] == ids[1] and view["size"] == 9


def test_stories_changed_by_someone_else_are_taken_as_they_are(corpus, capsys, tmp_path):
    url = str(tmp_path / "s.db")
    ingest(capsys, url, corpus["first"])
    with open_store(url) as store:  # e.g. a curator regrouping by hand: every article one story
        arts = list(store.iter_articles())
        store.set_stories([[a.id for a in arts]], labels=["everything"])
    summary = ingest(capsys, url, corpus["later"])
    assert summary["stories_update"]["mode"] == "online"
    assert_consistent(url)
    groups = grouping(url)
    big = next(g for g in groups if "bridge-wire" in g)
    assert "bridge-reopens" in big  # online went on from the stories as they are now


def test_features_made_with_other_settings(corpus, capsys, tmp_path):
    url = str(tmp_path / "s.db")
    ingest(capsys, url, corpus["first"])
    other = StoriesConfig(hash_bits=18)
    with open_store(url) as store:
        with pytest.raises(ConfigError, match="hash_bits"):
            update_stories(store, other, "online")
        done = update_stories(store, other, "batch")  # a re-clustering recomputes them
        assert (done.features, done.clustered, done.new_stories, store.stats()["stories"]) == (16, 16, 7, 7)
    code, _, err = run(capsys, "similar", "bridge-wire", "--db", url)
    assert code == 2 and "hash_bits" in err
    code, _, _ = run(capsys, "ingest", str(corpus["later"]), "--db", url, "--no-cluster")
    assert code == 0
    with open_store(url) as store:
        assert len(store.unassigned()) == 4 and len(store.missing_features(persist.FEATURES)) == 4


def _synthetic(path: Path, topics: int = 40, per_topic: int = 8) -> dict[str, int]:
    """A stream of invented-word articles, ``per_topic`` on each topic; returns each id's topic."""
    rng = random.Random(5)
    syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vo", "dri", "pel", "zun", "ob", "ira"]
    recs, topic_of = [], {}
    for t in range(topics):
        vocab = ["".join(rng.sample(syllables, 3)) + str(t) for _ in range(14)]
        for j in range(per_topic):
            rid = f"t{t}-{j}"
            topic_of[rid] = t
            day = 1 + t // 5 + j % 2
            recs.append({"id": rid, "title": " ".join(rng.sample(vocab, 6)), "text": " ".join(rng.choices(vocab, k=60)),
                         "published": f"2024-01-{day:02d}", "language": "en"})  # fmt: skip
    recs.sort(key=lambda r: (r["published"], r["id"]))
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return topic_of


def _assigned(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM story_members").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def test_sigkill_during_online_ingest_then_rerun(tmp_path):
    src, db = tmp_path / "stream.jsonl", tmp_path / "s.db"
    topic_of = _synthetic(src)
    args = [sys.executable, "-m", "samestory.cli", "ingest", str(src), "--db", str(db), "--online", "--batch-size", "8"]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    while _assigned(db) < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    with open_store(str(db)) as store:
        assert 40 <= len(store.story_of(range(1, store.count() + 1))) < len(topic_of)  # killed mid-way

    rerun = subprocess.run([*args, "--json"], capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(rerun.stdout)["store"]["articles"] == len(topic_of)
    url = str(db)
    assert_consistent(url)
    expected = {}
    for rid, t in topic_of.items():
        expected.setdefault(t, set()).add(rid)
    assert set(grouping(url)) == {frozenset(s) for s in expected.values()}


def test_stories_merge_online_when_evidence_accumulates(store_url, capsys, tmp_path):
    # two stories start apart; reports that tell both (the flood that breached the levee) join them
    flood = "dam reservoir flood spillway valley villagers evacuated " * 4
    levee = "levee breach river barges harbour cargo stranded " * 4
    items = [
        ("flood", "Reservoir spillway opened as flood nears", flood, "2024-05-01", "a.example"),
        ("levee", "Levee breach strands river barges", levee, "2024-05-01", "b.example"),
        ("both-1", "Flood from reservoir breaches levee", flood + levee, "2024-05-02", "c.example"),
        ("both-2", "Spillway flood and levee breach strand barges", levee + flood, "2024-05-02", "d.example"),
    ]
    src = write_jsonl(tmp_path / "flood.jsonl", items)
    flags = ("--online", "--batch-size", "2", "--threshold", "0.3", "--merge-threshold", "0.1")
    summary = ingest(capsys, store_url, src, flags=flags)
    assert summary["stories_update"]["merges"] == 1 and summary["store"]["stories"] == 1
    assert_consistent(store_url)
    with open_store(store_url) as store:
        (live,) = store.stories()
        gone = [s for s in (store.story(i) for i in range(1, live.id + 3)) if s and s.merged_into == live.id]
        assert len(gone) == 1 and gone[0].members == () and live.size == 4
        assert store.story(live.id).label in {t for _, t, *_ in items}
    code, out, _ = run(capsys, "story", str(gone[0].id), "--db", store_url, "--json")
    assert code == 0 and json.loads(out)["id"] == live.id and json.loads(out)["merged_from"] == gone[0].id


def test_an_update_that_lost_a_race_reads_the_stories_again(store_url, corpus, capsys):
    ingest(capsys, store_url, corpus["first"])
    ingest(capsys, store_url, corpus["later"], flags=("--no-cluster",))
    with open_store(store_url) as mine, open_store(store_url) as theirs:
        late = persist.StoryUpdater(mine)
        load, raced = late._ensure_state, []

        def load_then_lose_the_race() -> None:
            load()
            if not raced:  # after the state is read, another writer puts every new article in a story
                raced.append(persist.StoryUpdater(theirs).update("online"))

        late._ensure_state = load_then_lose_the_race
        done = late.update("online")
    assert raced[0].assigned == 4
    assert done.assigned == 0  # the stale pass was rolled back; the reread found nothing left to do
    assert_consistent(store_url)
    assert frozenset({"ferry-strike", "ferry-strike-2"}) in grouping(store_url)


def _topic_stream(path: Path, start: int, stop: int) -> Path:
    """Invented articles on a few recurring topics, two days apart at most (merges happen)."""
    rng = random.Random(5)
    topics = [[f"t{t}w{k}" for k in range(12)] for t in range(9)]
    recs = []
    for k in range(stop):
        t = rng.randrange(len(topics))
        # mostly the topic's words, some of the next topic's: stories that grow towards each other
        words = [rng.choice(topics[t] if rng.random() < 0.8 else topics[(t + 1) % 9]) for _ in range(40)]
        recs.append(
            {
                "id": f"s{k}",
                "title": " ".join(rng.sample(topics[t], 4)),
                "text": " ".join(words),
                "published": f"2024-06-{1 + k // 12:02d}",
                "language": "en",
            }
        )
    path.write_text("".join(json.dumps(r) + "\n" for r in recs[start:stop]), encoding="utf-8")
    return path


def test_a_run_killed_between_state_saves_is_replayed_exactly(tmp_path, capsys, monkeypatch):
    first, second = _topic_stream(tmp_path / "a.jsonl", 0, 90), _topic_stream(tmp_path / "b.jsonl", 90, 150)
    flags = ("--online", "--batch-size", "10")
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    ingest(capsys, reference, first, flags=flags)
    ingest(capsys, reference, second, flags=flags)
    # the same feed, the state saved every 25 articles, and the first run dies before its end-of-run save
    monkeypatch.setattr(persist, "SAVE_EVERY", 25)
    monkeypatch.setattr(persist.StoryUpdater, "checkpoint", lambda self: (_ for _ in ()).throw(Boom("killed")))
    killed = f"sqlite:///{tmp_path / 'killed.db'}"
    with pytest.raises(Boom):
        main(["ingest", str(first), "--db", killed, "--online", "--batch-size", "10"])
    capsys.readouterr()
    monkeypatch.undo()
    with open_store(killed) as store:
        pending = np.frombuffer(store.get_blob(persist.PENDING_BLOB), "<i8")
        assert store.unassigned() == [] and 0 < len(pending) < 90  # saved mid-run, some taken since
    ingest(capsys, killed, second, flags=flags)
    assert set(grouping(killed)) == set(grouping(reference))
    assert 3 < len(grouping(reference)) < 150
    assert_consistent(killed)
    states = []
    for url in (reference, killed):
        with open_store(url) as store:
            assert store.get_blob(persist.PENDING_BLOB) == b""  # the run's end saved the state
            c = OnlineClusterer.load(store.get_blob(persist.STATE_BLOB))
            states.append((c.ids, c.assigned, [c.find(n) for n in c.assigned], c.merges))
    assert states[0] == states[1]  # the replayed clusterer is the one that never stopped
