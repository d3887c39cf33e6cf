"""The store against SQLite and a real PostgreSQL server (``store_url`` in conftest.py): the same
behaviour from both, through the ``Store`` protocol only."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from samestory.config import IngestConfig
from samestory.errors import ConfigError, MissingDependencyError, StoreError
from samestory.ingest.article import Article
from samestory.store import Store, open_store
from samestory.store.load import ingest
from samestory.store.sql import migrations

ROOT = Path(__file__).resolve().parents[2]


def art(n: int, *, text: str | None = None, **kw) -> Article:
    return Article(
        id=kw.pop("id", f"a{n}"), title=kw.pop("title", f"Title {n}"), text=text or f"Body of article {n}.", **kw
    )


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        yield s


def test_the_store_implements_the_protocol(store):
    assert isinstance(store, Store)
    assert store.stats() == {"articles": 0, "stories": 0, "rejected": 0}


def test_an_article_added_twice_is_stored_once(store):
    first = store.add_articles([art(1), art(2)])
    assert [(r.status, r.external_id) for r in first] == [("added", "a1"), ("added", "a2")]
    again = store.add_articles([art(2), art(3), art(3)])
    assert [r.status for r in again] == ["duplicate", "added", "duplicate"]
    assert again[0].id == first[1].id and again[1].id == again[2].id
    assert store.count() == 3
    # whitespace and Unicode form do not make another article; a changed text or another id does
    assert store.add_articles([art(1, text="Body  of\narticle 1.")])[0].status == "duplicate"
    changed = store.add_articles([art(1, text="Body of article 1, corrected."), art(1, id="copy-of-a1")])
    assert [r.status for r in changed] == ["added", "added"]
    assert [a.text for a in store.find(external_id="a1")] == ["Body of article 1.", "Body of article 1, corrected."]


def test_stored_articles_keep_every_attribute(store):
    aware = datetime(2024, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    articles = [
        art(
            1,
            url="https://vienna-ledger.example/danube",
            outlet="vienna-ledger.example",
            published=aware,
            language="en",
            source="wire.txt",
            subtitle="Sub",
            byline="By A. Writer",
            credits=("AFP",),
            metadata={"dateline": "VIENNA", "captions": ["a", "b"]},
        ),
        art(2, published=date(2024, 3, 15)),
        art(3, published=datetime(2024, 3, 16, 12, 0)),
        art(4),
    ]
    ids = [r.id for r in store.add_articles(articles)]
    got = store.get_many([*ids, 10_000])
    assert sorted(got) == ids  # unknown ids are left out
    a = got[ids[0]]
    assert (a.external_id, a.title, a.url, a.outlet, a.language, a.source) == (
        "a1",
        "Title 1",
        "https://vienna-ledger.example/danube",
        "vienna-ledger.example",
        "en",
        "wire.txt",
    )
    assert a.published == aware and a.day == date(2024, 3, 14) and len(a.content_hash) == 32
    assert a.metadata == {
        "subtitle": "Sub",
        "byline": "By A. Writer",
        "credits": ["AFP"],
        "dateline": "VIENNA",
        "captions": ["a", "b"],
    }
    assert got[ids[1]].published == date(2024, 3, 15) and type(got[ids[1]].published) is date
    assert got[ids[2]].published == datetime(2024, 3, 16, 12, 0)  # naive stays naive
    undated = got[ids[3]]
    assert undated.published is None and undated.day == undated.ingested_at.date()
    assert abs(undated.ingested_at - datetime.now(UTC)) < timedelta(minutes=5)
    assert store.get(ids[0]) == a and store.get(10_000) is None
    assert store.find(url="https://vienna-ledger.example/danube") == [a]
    assert store.find(external_id="nope") == []


def test_iter_articles_pages_in_id_order_from_a_cursor(store):
    ids = [r.id for r in store.add_articles(art(i) for i in range(7))]
    assert [a.id for a in store.iter_articles(batch=3)] == ids
    assert [a.id for a in store.iter_articles(after=ids[2], batch=2)] == ids[3:]
    assert list(store.iter_articles(after=ids[-1])) == []


def test_an_exception_inside_a_transaction_stores_nothing_and_a_rerun_completes(store):
    batch = [art(i) for i in range(5)]
    store.add_articles(batch[:2])
    with pytest.raises(KeyboardInterrupt), store.transaction():
        store.add_articles(batch)
        store.record_rejected("bad.txt", "empty", "empty file")
        store.mark_sources_done(["key"])
        raise KeyboardInterrupt  # Ctrl-C in the middle of a batch
    assert store.count() == 2 and store.rejected() == [] and store.sources_done(["key"]) == set()
    results = store.add_articles(batch)
    assert [r.status for r in results] == ["duplicate"] * 2 + ["added"] * 3
    assert store.count() == 5


def test_a_nested_transaction_rolls_back_alone(store):
    with store.transaction():
        store.add_articles([art(1)])
        with pytest.raises(RuntimeError), store.transaction():
            store.add_articles([art(2)])
            raise RuntimeError
        store.add_articles([art(3)])
    assert sorted(a.external_id for a in store.iter_articles()) == ["a1", "a3"]


def test_an_interrupted_ingest_keeps_whole_batches_and_a_rerun_completes(store, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(23):
        (corpus / f"{i:02d}.txt").write_text(f"Headline number {i}\n\nThe body of story {i} says something.\n")
    (corpus / "empty.txt").write_text("")

    def stop_at_file_17(done: int, total: int) -> None:
        if done == 17:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(store, [corpus], batch_size=5, on_file=stop_at_file_17)
    assert store.count() == 15  # three whole batches; the two articles of the open one are gone
    seen: list[int] = []
    summary = ingest(store, [corpus], batch_size=5, after_batch=lambda s, ids: seen.extend(ids))
    assert store.count() == 23 and len({a.external_id for a in store.iter_articles()}) == 23
    assert summary.unchanged == 15 and summary.added == 8 and summary.duplicates == 0
    assert sorted(seen) == sorted(a.id for a in store.iter_articles(after=15))  # the hook saw each new id once
    assert [(r.source.endswith("empty.txt"), r.reason) for r in store.rejected()] == [(True, "empty")]
    third = ingest(store, [corpus], batch_size=5)
    assert (third.files, third.unchanged, third.added, third.rejected) == (1, 23, 0, 1)  # only empty.txt again
    assert store.stats() == {"articles": 23, "stories": 0, "rejected": 1}


def test_ingest_rereads_a_changed_file_and_fills_the_language(store, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Mayor opens bridge\n\nThe mayor opened the new bridge over the river on Monday morning.\n")
    ingest(store, [f])
    f.write_text("Мэр открыл мост\n\nМэр открыл новый мост через реку в понедельник утром.\n")
    summary = ingest(store, [f])
    assert (summary.unchanged, summary.added) == (0, 1)
    assert [a.language for a in store.iter_articles()] == ["en", "ru"]
    # other reading options are another reading of the same file
    assert ingest(store, [f], config=IngestConfig(max_bytes=10_000)).files == 1


def test_features_round_trip_with_exact_dtype_and_shape(store):
    ids = [r.id for r in store.add_articles(art(i) for i in range(4))]
    rng = np.random.default_rng(0)
    values = {
        ids[0]: rng.standard_normal((2, 512)).astype(np.float32),
        ids[1]: rng.integers(0, 2**64 - 1, 128, dtype=np.uint64),
        ids[2]: np.arange(64, dtype=">u4"),  # big-endian stays big-endian
        ids[3]: np.float64(0.25) * np.ones(()),  # a 0-d array
    }
    store.put_features("mixed", values)
    got = store.get_features("mixed")
    assert sorted(got) == ids
    for i, v in values.items():
        assert got[i].dtype == v.dtype and got[i].shape == v.shape and np.array_equal(got[i], v)
    fortran = np.asfortranarray(rng.standard_normal((3, 4)).astype(np.float32))
    store.put_features("mixed", {ids[0]: fortran})  # replaces, and a non-C-order array reads back equal
    assert np.array_equal(store.get_features("mixed", [ids[0]])[ids[0]], fortran)
    assert store.get_features("mixed", [ids[1], 10_000]).keys() == {ids[1]}
    assert store.get_features("other", ids) == {}
    assert store.missing_features("mixed") == [] and store.missing_features("other") == ids
    store.put_features("other", {ids[2]: np.zeros(3, np.float32)})
    assert store.missing_features("other") == [ids[0], ids[1], ids[3]]
    assert store.drop_features("other") == 1 and store.missing_features("other") == ids
    with pytest.raises(StoreError, match="object arrays"):
        store.put_features("bad", {ids[0]: np.array([object()])})
    with pytest.raises(StoreError):
        store.put_features("orphan", {10_000: np.zeros(2)})  # no such article


def test_stories_assign_and_merge(store):
    days = [date(2024, 3, d) for d in (14, 15, 16, 20, 21)]
    ids = [r.id for r in store.add_articles(art(i, published=d) for i, d in enumerate(days))]
    s1, s2 = store.set_stories([[ids[0], ids[1]], [ids[3]]], labels=["Danube", None])
    assert [(s.id, s.label, s.size, s.first_seen, s.last_seen, s.version) for s in store.stories()] == [
        (s1, "Danube", 2, days[0], days[1], 1),
        (s2, None, 1, days[3], days[3], 1),
    ]
    assert store.story(s1).members == (ids[0], ids[1])
    assert store.unassigned() == [ids[2], ids[4]]
    assert store.stats()["stories"] == 2

    online = store.new_story(label="Busan")
    assert store.story(online).size == 0 and store.stats()["stories"] == 2  # an empty story is not counted
    store.assign({ids[2]: s1, ids[4]: online, ids[1]: online})  # ids[1] moves from s1
    assert store.story_of(ids) == {ids[0]: s1, ids[1]: online, ids[2]: s1, ids[3]: s2, ids[4]: online}
    one = store.story(s1)
    assert one.members == (ids[0], ids[2]) and (one.first_seen, one.last_seen, one.version) == (days[0], days[2], 2)
    assert store.story(online).first_seen == days[1] and store.unassigned() == []

    before = store.story(s2)
    store.merge_stories(s1, s2)
    kept, dropped = store.story(s1), store.story(s2)
    assert kept.members == (ids[0], ids[2], ids[3]) and kept.last_seen == days[3] and kept.label == "Danube"
    assert kept.version == 3 and kept.updated_at >= before.updated_at
    assert (dropped.merged_into, dropped.size, dropped.members) == (s1, 0, ())
    assert [s.id for s in store.stories()] == [s1, online]
    store.merge_stories(online, s1)  # a merge of a merge: s2 now points at the story s1 went into
    assert store.story(s2).merged_into == online and store.story(online).size == 5
    assert store.stats()["stories"] == 1

    with pytest.raises(StoreError, match=f"story {s1} was merged into story {online}"):
        store.assign({ids[0]: s1})
    with pytest.raises(StoreError, match="no story 99999"):
        store.merge_stories(online, 99999)
    with pytest.raises(ValueError):
        store.merge_stories(online, online)
    store.set_label(online, "Rivers and ports")
    assert store.story(online).label == "Rivers and ports" and store.story(99999) is None
    assert [len(s.members) for s in [store.story(online)]] == [5]
    fresh = store.set_stories([[ids[0]], [ids[1], ids[2]]])  # replaces everything, new ids
    assert not set(fresh) & {s1, s2, online}
    assert [s.size for s in store.stories()] == [1, 2] and store.story(s1) is None
    assert store.unassigned() == [ids[3], ids[4]]


def test_a_failed_assignment_changes_nothing(store):
    ids = [r.id for r in store.add_articles(art(i) for i in range(2))]
    (sid,) = store.set_stories([[ids[0]]])
    with pytest.raises(StoreError):
        store.assign({ids[1]: sid, 10_000: sid})  # one unknown article: the whole call is undone
    assert store.story(sid).members == (ids[0],) and store.story(sid).version == 1


def test_rejected_inputs_are_recorded_once_and_cleared_when_they_read(store):
    store.record_rejected("bad.txt", "empty", "empty (no text, or whitespace only)")
    store.record_rejected("bad.txt", "binary", "not text")
    store.record_rejected("big.txt", "too-large", "over the limit")
    assert [(r.source, r.reason, r.message) for r in store.rejected()] == [
        ("bad.txt", "binary", "not text"),
        ("big.txt", "too-large", "over the limit"),
    ]
    assert store.stats()["rejected"] == 2
    store.add_articles([art(1, source="big.txt")])  # read with a higher limit
    assert [r.source for r in store.rejected()] == ["bad.txt"]


def test_sources_done(store):
    assert store.sources_done(["a", "b"]) == set()
    store.mark_sources_done(["a", "a"])
    store.mark_sources_done(["a"])
    assert store.sources_done(["a", "b"]) == {"a"}


def test_migrations_are_applied_once(store_url):
    with open_store(store_url) as s:
        rows = s._all("SELECT version, name FROM schema_version ORDER BY version")
        assert [tuple(r) for r in rows] == [(v, name) for v, name, _ in migrations(s.dialect)]
        s.add_articles([art(1)])
    with open_store(store_url) as s:
        assert s.migrate() == [] and s.count() == 1
        assert len(s._all("SELECT version FROM schema_version")) == len(migrations(s.dialect))
        s._execute("INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future.sql', 'now')")
    with pytest.raises(StoreError, match="schema version 9999 is newer"):
        open_store(store_url)


def test_an_older_store_is_brought_up_to_date_in_order(store_url, monkeypatch):
    from samestory.store import sql

    every = migrations("sqlite")
    assert len(every) >= 2
    monkeypatch.setattr(sql, "migrations", lambda dialect: migrations(dialect)[:1])  # an older samestory
    with open_store(store_url) as s:
        s.add_articles([art(1)])
        assert [v for (v,) in s._all("SELECT version FROM schema_version")] == [1]
    monkeypatch.undo()
    with open_store(store_url) as s:  # this samestory: applies the rest, keeps the data
        assert [v for (v,) in s._all("SELECT version FROM schema_version ORDER BY version")] == [v for v, _, _ in every]
        assert s.count() == 1
        s.put_blob("state", b"x")


def test_blobs_round_trip_and_roll_back_with_their_transaction(store):
    assert store.get_blob("clusterer") is None
    store.put_blob("clusterer", b"\x00state one\xff")
    store.put_blob("clusterer", b"\x00state two\xff")
    (r,) = store.add_articles([art(1)])
    with pytest.raises(KeyboardInterrupt), store.transaction():
        store.assign({r.id: store.new_story()})
        store.put_blob("clusterer", b"three")
        raise KeyboardInterrupt
    assert store.get_blob("clusterer") == b"\x00state two\xff" and store.unassigned() == [r.id]
    blob = bytes(range(256)) * 10
    store.put_features("blob", {r.id: np.frombuffer(blob, np.uint8)})  # an opaque per-article blob
    assert store.get_features("blob")[r.id].tobytes() == blob


def test_both_dialects_have_the_same_migrations():
    sqlite, pg = migrations("sqlite"), migrations("postgresql")
    assert [(v, n) for v, n, _ in sqlite] == [(v, n) for v, n, _ in pg] and sqlite


def test_a_reader_reads_while_a_writer_writes(store_url):
    with open_store(store_url) as writer, open_store(store_url) as reader:
        writer.add_articles([art(0)])
        with writer.transaction():
            writer.add_articles(art(i) for i in range(1, 50))
            assert reader.count() == 1  # not blocked, and sees only committed articles
            assert [a.external_id for a in reader.iter_articles()] == ["a0"]
        assert reader.count() == 50


def test_a_second_writer_waits_for_the_first(store_url):
    with open_store(store_url) as one, open_store(store_url) as two:
        with one.transaction():
            one.add_articles([art(1)])
        two.add_articles([art(1), art(2)])  # the lock is free again: no "database is locked"
        assert one.count() == 2


def test_urls(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store() as s:
        s.add_articles([art(1)])
    assert (tmp_path / "samestory.db").is_file()
    with open_store("sqlite:///samestory.db") as s:  # three slashes: relative to the working directory
        assert s.count() == 1
    with open_store(f"sqlite:///{tmp_path}/samestory.db") as s:  # four: absolute
        assert s.count() == 1
    with open_store(str(tmp_path / "samestory.db")) as s:
        assert s.count() == 1
    with pytest.raises(ConfigError, match="unknown store backend 'mysql'"):
        open_store("mysql://localhost/db")
    with pytest.raises(StoreError, match="no store at"):
        open_store("missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        open_store("junk.db")
    with pytest.raises(StoreError, match="cannot open"):
        open_store(str(tmp_path / "no" / "such" / "dir.db"))


def test_postgres_errors_are_store_errors(monkeypatch):
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match=r"cannot connect to postgresql://u:\*\*\*@127.0.0.1:1/db"):
        open_store("postgresql://u:secret@127.0.0.1:1/db?connect_timeout=2")
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'samestory\[postgres\]'"):
        open_store("postgresql://localhost/db")


def test_the_postgres_store_hides_the_password_and_creates_only_when_asked(pg_url):
    from samestory.store.postgres import redact

    assert redact("postgresql://me:pw@h:5/db?x=1") == "postgresql://me:***@h:5/db?x=1"
    with pytest.raises(StoreError, match="no store in"):
        open_store(pg_url, create=False)
    with open_store(pg_url) as s:
        assert s.url == pg_url and s.stats()["articles"] == 0
    with open_store(pg_url, create=False) as s:
        assert s.count() == 0


def test_store_options_map_into_the_store_config(tmp_path):
    from samestory.cli import build_parser
    from samestory.cli.options import settings_from_args

    args = build_parser().parse_args(["ingest", "x", "--db", "postgresql:///news", "--batch-size", "50"])
    assert (settings_from_args(args).store.url, settings_from_args(args).store.batch_size) == ("postgresql:///news", 50)
    config = tmp_path / "s.toml"
    config.write_text('[store]\nurl = "from-file.db"\nbatch_size = 7\n')
    args = build_parser().parse_args(["stats", "--config", str(config)])
    assert settings_from_args(args).store.url == "from-file.db"
    with pytest.raises(ConfigError, match="batch_size must be at least 1, got 0"):
        settings_from_args(build_parser().parse_args(["ingest", "x", "--batch-size", "0"]))


def _open_together(url: str, n: int = 8) -> list[BaseException]:
    barrier, errors = threading.Barrier(n), []

    def one() -> None:
        barrier.wait()
        try:
            open_store(url).close()
        except BaseException as exc:  # every failure is the finding
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_connections_opening_a_new_store_at_once_all_succeed(store_url):
    assert _open_together(store_url) == []
    with open_store(store_url) as s:  # and the migrations ran once
        assert len(s._all("SELECT version FROM schema_version")) == len(migrations(s.dialect))


def test_threads_creating_a_new_sqlite_file_together_all_succeed(tmp_path):
    # SQLite refused one of eight such openers in about one round of 40 ("database is locked"
    # from turning the new file to WAL), as the service's per-thread stores did in CI
    for i in range(120):
        assert _open_together(f"sqlite:///{tmp_path}/new-{i}.db") == [], f"round {i}"
