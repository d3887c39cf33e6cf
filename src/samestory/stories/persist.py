"""Stories in a store: features, online assignment and batch re-clustering, crash-safe.

``update_stories(store, config, mode)`` (or a ``StoryUpdater`` kept for a whole ingest run)
does whatever the store still lacks, found from the store itself, so a rerun after a crash
completes the work:

1. the clustering features of every article without them (``FEATURES``, one ``to_blob`` array
   per article), a chunk per transaction: they depend only on the article and the settings;
2. online: the unassigned articles in (day, id) order go through the ``OnlineClusterer`` kept in
   the store (``STATE_BLOB``), a chunk at a time; in *one* transaction per chunk the new stories,
   the assignments, the merges, the labels and the ids of the articles the clusterer took since
   its state was last saved (``PENDING_BLOB``, in the order it took them) are written. The state
   and the map from clusterer story numbers to store story ids (``MAP_BLOB``) are saved every
   ``SAVE_EVERY`` articles and at the end of a run (``checkpoint``), not every chunk: the state
   holds the whole live window, so saving it every chunk made a long stream's cost grow with
   the window. Loading replays the pending articles into the saved state; the clusterer is
   deterministic, so it is then the clusterer that took them, and state and stories never disagree;
3. batch: every article is clustered at once (``BatchClusterer``) and replaces all stories
   (``set_stories``); the online state is cleared in the same transaction.

Online updates on a store without online state (after a batch re-clustering, or whose stories
someone else replaced with ``set_stories``) first seed a clusterer from the store's stories: the
members of the stories still open (last seen within ``window_days`` of the latest day) are
replayed in (day, id) order, the rest only count in the document frequencies, and each clusterer
story maps to the store story most of its articles are in. Later articles then join those stories.
"""

from __future__ import annotations

import dataclasses
import json
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from samestory.config import StoriesConfig
from samestory.errors import ConfigError, StoreError
from samestory.store.base import Store, StoredArticle
from samestory.stories.features import ArticleFeatures, DocumentFrequencies, FeatureExtractor
from samestory.stories.summary import summarize

FEATURES = "story-features"  # per-article feature name: ArticleFeatures.to_blob() as uint8
STATE_BLOB = "stories:online"  # OnlineClusterer.save()
MAP_BLOB = "stories:online-map"  # clusterer story number -> store story id, int64 pairs
PENDING_BLOB = "stories:online-pending"  # article ids taken since STATE_BLOB was saved, in order (int64)
SAVE_EVERY = 20_000  # articles between two saves of the state: bounds what a load replays
META_BLOB = "stories:meta"  # JSON: feature settings, and a generation that changes on every write
CHUNK = 500  # articles per transaction: bounds what a crash throws away and the memory a step needs
LABEL_MEMBERS = 1000  # a larger story is labelled from its most recently stored articles (cost per batch)
RELABEL_GROWTH = 0.1  # a story is labelled again once it grew by this share since its label (and at a run's end)

Mode = Literal["auto", "online", "batch", "features"]
MODES = ("auto", "online", "batch", "features")


def feature_settings(config: StoriesConfig) -> dict[str, Any]:
    """The settings stored features depend on: features made with others cannot be mixed."""
    keys = ("hash_bits", "num_perm", "shingle_words", "min_shingles", "title_weight", "body_words", "bigrams")
    out: dict[str, Any] = {k: getattr(config, k) for k in keys}
    out["encoder"] = config.encoder
    if config.encoder is not None:
        out["embed_chars"] = config.embed_chars
    return out


@dataclass(frozen=True, slots=True)
class StoriesUpdate:
    """What one update did: ``features`` computed, articles ``assigned`` (online) or ``clustered``
    (batch), stories created (``new_stories``) and merged (``merges``). (``Store.stats`` counts
    the stories; counting them after every batch would cost a scan each time.)"""

    mode: str  # "online", "batch" or "features" (nothing clustered)
    features: int = 0
    assigned: int = 0
    clustered: int = 0
    new_stories: int = 0
    merges: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["seconds"] = round(self.seconds, 3)
        return d

    def plus(self, other: StoriesUpdate) -> StoriesUpdate:
        """The two updates' counts together (the later one's mode, unless it only computed features)."""
        return StoriesUpdate(
            mode=other.mode if other.mode != "features" else self.mode,
            features=self.features + other.features,
            assigned=self.assigned + other.assigned,
            clustered=self.clustered + other.clustered,
            new_stories=self.new_stories + other.new_stories,
            merges=self.merges + other.merges,
            seconds=self.seconds + other.seconds,
        )


def _chunks(items: Sequence[int], n: int = CHUNK) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def record_of(a: StoredArticle) -> dict[str, Any]:
    """The ``FeatureExtractor`` record of a stored article."""
    # the store's day (publication day, else ingestion day) is the day time windows use
    return {"id": str(a.id), "title": a.title, "text": a.text, "published": a.day, "outlet": a.outlet,
            "language": a.language}  # fmt: skip


def check_features(store: Store, config: StoriesConfig) -> None:
    """A ``ConfigError`` when the store's features were made with other settings than ``config``'s."""
    raw = store.get_blob(META_BLOB)
    stored = json.loads(raw).get("features") if raw else None
    mine = feature_settings(config)
    if stored is not None and stored != mine:
        changed = sorted(k for k in set(stored) | set(mine) if stored.get(k) != mine.get(k))
        raise ConfigError(
            f"the store's story features were made with other [stories] settings ({', '.join(changed)}); "
            "re-cluster with these settings (samestory ingest --batch) or go back to the old ones"
        )


def _features(blob: np.ndarray, a: StoredArticle) -> ArticleFeatures:
    return ArticleFeatures.from_blob(
        blob.tobytes(), id=str(a.id), day=a.day.toordinal(), title=a.title, outlet=a.outlet, language=a.language
    )


def load_features(store: Store, article_ids: Iterable[int]) -> dict[int, ArticleFeatures]:
    """The stored clustering features of these articles (those that have them), by id."""
    out: dict[int, ArticleFeatures] = {}
    for chunk in _chunks(sorted(set(article_ids))):
        blobs = store.get_features(FEATURES, chunk)
        for i, a in store.get_many(blobs).items():
            out[i] = _features(blobs[i], a)
    return out


def _map_bytes(mapping: dict[int, int]) -> bytes:
    return np.array(sorted(mapping.items()), dtype="<i8").reshape(-1, 2).tobytes()


def _map_from(data: bytes) -> dict[int, int]:
    pairs = np.frombuffer(data, dtype="<i8").reshape(-1, 2)
    return {int(a): int(b) for a, b in pairs.tolist()}


def _ids_bytes(ids: Sequence[int]) -> bytes:
    return np.asarray(ids, dtype="<i8").tobytes()


def _ids_from(data: bytes) -> list[int]:
    return np.frombuffer(data, dtype="<i8").tolist()


class _Stale(Exception):
    """The store's stories changed since the online state was read (another writer)."""


class StoryUpdater:
    """Keeps the store's stories up to date; one per run, so the online clusterer is loaded once.

    Before each update the store's generation (``META_BLOB``) is compared with the one this
    updater last wrote: another writer in between means the state is read again.
    """

    def __init__(
        self,
        store: Store,
        config: StoriesConfig | None = None,
        *,
        extractor: FeatureExtractor | None = None,
        note: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.config = config or StoriesConfig()
        self.extractor = extractor or FeatureExtractor(self.config)
        self.note = note or (lambda message: None)
        self._fp = feature_settings(self.config)
        self._clusterer: Any = None  # OnlineClusterer, loaded on first online step
        self._map: dict[int, int] = {}
        self._generation: str | None = None
        self._pending: list[int] = []  # article ids taken since the state was saved, in order
        # size of each story when this updater last labelled it, and articles it got since: a
        # story is labelled again when it grew by RELABEL_GROWTH (labelling reads its members)
        self._label_size: dict[int, int] = {}
        self._grown: Counter[int] = Counter()
        self._must_save = False  # a state was seeded: the stored one (if any) is not its ancestor

    # -- entry point ----------------------------------------------------------------------------
    def update(self, mode: Mode = "auto") -> StoriesUpdate:
        """Compute missing features, then cluster: ``online``, ``batch``, ``features`` (only
        features) or ``auto`` (online when the store has stories, else batch)."""
        if mode not in MODES:
            raise ConfigError(f"stories update mode must be one of {', '.join(MODES)}, got {mode!r}")
        start = time.perf_counter()
        if mode == "auto":
            mode = "online" if self.store.stats()["stories"] else "batch"
        computed = self.compute_features(rebuild=mode == "batch")
        if mode == "batch" and not self.store.count():
            mode = "features"  # an empty store: nothing to cluster
        if mode == "batch":
            done = self._batch()
        elif mode == "online":
            done = self._online()
        else:
            done = StoriesUpdate(mode="features")
        return dataclasses.replace(done, features=computed, seconds=time.perf_counter() - start)

    # -- features -------------------------------------------------------------------------------
    def _meta(self) -> dict[str, Any]:
        raw = self.store.get_blob(META_BLOB)
        return json.loads(raw) if raw else {}

    def _put_meta(self, generation: str | None) -> None:
        self.store.put_blob(META_BLOB, json.dumps({"features": self._fp, "generation": generation}).encode())

    def compute_features(self, *, rebuild: bool = False) -> int:
        """Features of the articles without them; returns how many were computed.

        Features stored with other settings are recomputed when ``rebuild`` (batch), else they
        are a ``ConfigError``: online state built on them cannot take different features.
        """
        meta = self._meta()
        stored = meta.get("features")
        if stored is not None and stored != self._fp:
            if not rebuild:
                check_features(self.store, self.config)
            self.note("story settings changed: recomputing every article's features")
            with self.store.transaction():
                self.store.drop_features(FEATURES)
                self.store.put_blob(STATE_BLOB, b"")  # state built on the old features is void
                self.store.put_blob(PENDING_BLOB, b"")
                self._put_meta(None)
            self._forget()
        elif stored is None:
            with self.store.transaction():
                self._put_meta(meta.get("generation"))
        missing = self.store.missing_features(FEATURES)
        for chunk in _chunks(missing):
            arts = self.store.get_many(chunk)
            feats = self.extractor.extract([record_of(arts[i]) for i in chunk if i in arts])
            self.store.put_features(FEATURES, {int(f.id): np.frombuffer(f.to_blob(), np.uint8) for f in feats})
        return len(missing)

    # -- online ---------------------------------------------------------------------------------
    def _forget(self) -> None:
        self._clusterer, self._map, self._generation = None, {}, None
        self._pending, self._must_save = [], False
        self._label_size, self._grown = {}, Counter()

    def checkpoint(self) -> bool:
        """Save the online state if articles were taken since it was saved; whether it was.

        Skipped when another writer updated the stories meanwhile: its state is the newer one
        (it replayed this updater's pending articles when it loaded).
        """
        if self._clusterer is None or not (self._pending or self._must_save or self._grown):
            return False
        with self.store.transaction():
            if self._meta().get("generation") != self._generation:
                self._forget()
                return False
            self._relabel(list(self._grown), {}, self._clusterer.df)  # every label exact at the end
            self._save()
        return True

    def _online(self) -> StoriesUpdate:
        total = StoriesUpdate(mode="online")
        for _ in range(3):
            todo = self.store.unassigned()
            if not todo:
                return total
            self._ensure_state()
            days: list[tuple[int, int]] = []
            for chunk in _chunks(todo):
                days += [(a.day.toordinal(), a.id) for a in self.store.get_many(chunk).values()]
            try:
                for chunk in _chunks([i for _, i in sorted(days)]):
                    total = total.plus(self._online_chunk(chunk))
                return total
            except _Stale:
                self._forget()  # someone else wrote stories since the state was read: read it again
            except BaseException:
                self._forget()  # the clusterer took articles the rolled-back transaction did not keep
                raise
        raise StoreError(f"{self.store.url}: the stories kept changing under this update (another writer?); run again")

    def _ensure_state(self) -> None:
        """The online clusterer and its story map as the store has them (or seeded from its stories)."""
        from samestory.stories.online import OnlineClusterer

        generation = self._meta().get("generation")
        if self._clusterer is not None and generation == self._generation:
            return
        self._forget()
        state, mapping = self.store.get_blob(STATE_BLOB), self.store.get_blob(MAP_BLOB)
        if state and mapping is not None:
            clusterer = OnlineClusterer.load(state, config=self.config)
            m = _map_from(mapping)
            pending = _ids_from(self.store.get_blob(PENDING_BLOB) or b"")
            if clusterer.df.hash_bits == self.config.hash_bits and self._replay(clusterer, m, pending):
                self._clusterer, self._map, self._generation = clusterer, m, generation
                self._pending = pending
                return
            self.note("the store's stories changed since the online state was saved: seeding it again")
        self._seed_from_store()
        self._generation = generation
        self._must_save = True

    def _replay(self, clusterer: Any, mapping: dict[int, int], pending: list[int]) -> bool:
        """Give the loaded clusterer the articles it took after its state was saved, in the same
        order, and map its stories onto the store's as they are now; whether that agrees with the
        store (else the stories were changed by someone else: seed again)."""
        feats = load_features(self.store, pending)
        story_of = self.store.story_of(pending)
        if any(i not in feats or i not in story_of for i in pending):
            return False
        for i in pending:
            mapping[clusterer.find(clusterer.add(feats[i]))] = story_of[i]
        live = {s.id for s in self.store.stories(min_size=1)}
        for number, sid in list(mapping.items()):
            if sid not in live:  # merged since the map was saved (the store keeps one hop)
                story = self.store.story(sid)
                if story is None or story.merged_into not in live:
                    return False
                mapping[number] = story.merged_into
        return True

    def _seed_from_store(self) -> None:
        blobs = self.store.get_features(FEATURES)
        story_of = self.store.story_of(blobs)
        feats = [_features(blobs[a.id], a) for a in self.store.iter_articles() if a.id in story_of]
        feats.sort(key=lambda f: (f.day, int(f.id)))
        if feats:
            self.note(f"seeding the online clusterer from {len(story_of):,} articles in stories")
        self._seed(feats, story_of)

    def _seed(self, ordered: Sequence[ArticleFeatures], story_of: dict[int, int]) -> None:
        """A fresh clusterer holding the open stories' articles, mapped onto the store's stories."""
        from samestory.stories.online import OnlineClusterer

        cfg = self.config
        last: dict[int, int] = {}
        for f in ordered:
            sid = story_of[int(f.id)]
            last[sid] = max(last.get(sid, f.day), f.day)
        clock = max(last.values(), default=0)
        cutoff = None if cfg.window_days is None else clock - cfg.window_days
        replay = [f for f in ordered if cutoff is None or last[story_of[int(f.id)]] >= cutoff]
        replayed = {f.id for f in replay}
        df = DocumentFrequencies(cfg.hash_bits)  # closed stories still count in the idf
        df.add_many([f.terms for f in ordered if f.id not in replayed])
        clusterer = OnlineClusterer(config=cfg, df=df)
        numbers = [clusterer.add(f) for f in replay]
        votes: dict[int, Counter[int]] = {}
        for f, n in zip(replay, numbers):
            votes.setdefault(clusterer.find(n), Counter())[story_of[int(f.id)]] += 1
        # each clusterer story goes to the store story most of its articles are in (lowest id on ties)
        self._clusterer = clusterer
        self._map = {r: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for r, c in votes.items()}

    def _online_chunk(self, chunk: Sequence[int]) -> StoriesUpdate:
        store, c = self.store, self._clusterer
        feats = load_features(store, chunk)
        merges_before = c.merges
        numbers = {i: c.add(feats[i]) for i in chunk if i in feats}
        created = merged = 0
        touched: set[int] = set()
        with store.transaction():
            # inside the transaction (SQLite holds the write lock): nobody wrote since the state was read
            if self._meta().get("generation") != self._generation or store.story_of(numbers):
                raise _Stale
            if c.merges != merges_before:
                merged, kept = self._apply_merges()
                touched |= kept
            assignments: dict[int, int] = {}
            for i, n in numbers.items():
                root = c.find(n)
                sid = self._map.get(root)
                if sid is None:
                    sid = self._map[root] = store.new_story()
                    created += 1
                assignments[i] = sid
            store.assign(assignments)
            self._grown.update(assignments.values())
            touched |= {
                sid
                for sid, grown in self._grown.items()
                if sid not in self._label_size or grown >= max(1.0, RELABEL_GROWTH * self._label_size[sid])
            }
            self._relabel(touched, feats, c.df)
            self._pending.extend(numbers)
            if self._must_save or len(self._pending) >= SAVE_EVERY:
                self._save()
            else:
                self.store.put_blob(PENDING_BLOB, _ids_bytes(self._pending))
                self._new_generation()
        return StoriesUpdate(mode="online", assigned=len(assignments), new_stories=created, merges=merged)

    def _apply_merges(self) -> tuple[int, set[int]]:
        """Merge the store stories of clusterer stories that merged; returns (merges, kept ids)."""
        c, store = self._clusterer, self.store
        merged, kept = 0, set()
        for number in list(self._map):
            root = c.find(number)
            if root == number:
                continue
            sid = self._map.pop(number)
            keep = self._map.get(root)
            if keep is None:
                self._map[root] = sid  # the older clusterer story was not mapped yet: same store story
            elif keep != sid:
                store.merge_stories(keep, sid)  # the older story keeps its id, as in the clusterer
                for k, v in self._map.items():
                    if v == sid:
                        self._map[k] = keep
                merged += 1
                kept.add(keep)
        return merged, kept

    def _relabel(self, story_ids: Iterable[int], known: dict[int, ArticleFeatures], df: DocumentFrequencies) -> None:
        """Label each story with its most central headline (``summarize``)."""
        for sid in sorted(story_ids):
            story = self.store.story(sid)
            self._grown.pop(sid, None)
            if story is None or story.merged_into is not None or not story.members:
                self._label_size.pop(sid, None)
                continue
            self._label_size[sid] = len(story.members)
            members = story.members[-LABEL_MEMBERS:]
            feats = load_features(self.store, [i for i in members if i not in known])
            feats.update({i: known[i] for i in members if i in known})
            group = [feats[i] for i in members if i in feats]
            if not group:
                continue
            (summary,) = summarize(group, ["story"] * len(group), df)
            if summary.label != story.label:
                self.store.set_label(sid, summary.label)

    def _save(self) -> None:
        """The clusterer state, its story map and a new generation (inside the caller's transaction)."""
        self.store.put_blob(STATE_BLOB, self._clusterer.save())
        self.store.put_blob(MAP_BLOB, _map_bytes(self._map))
        self.store.put_blob(PENDING_BLOB, b"")
        self._pending, self._must_save = [], False
        self._new_generation()

    def _new_generation(self) -> None:
        generation = uuid.uuid4().hex
        self._put_meta(generation)
        self._generation = generation

    # -- batch ----------------------------------------------------------------------------------
    def _batch(self) -> StoriesUpdate:
        from samestory.stories.batch import BatchClusterer

        blobs = self.store.get_features(FEATURES)
        feats = [_features(blobs[a.id], a) for a in self.store.iter_articles() if a.id in blobs]
        feats.sort(key=lambda f: (f.day, int(f.id)))
        self.note(f"clustering {len(feats):,} articles (batch)")
        labels = BatchClusterer(config=self.config).cluster(feats)
        df = DocumentFrequencies(self.config.hash_bits)
        df.add_many([f.terms for f in feats])
        position = {f.id: k for k, f in enumerate(feats)}
        # stories in order of their first article, so story ids follow time
        summaries = sorted(summarize(feats, labels, df), key=lambda s: position[s.story])
        clusters = [[int(a) for a in s.articles] for s in summaries]
        self._forget()
        with self.store.transaction():
            ids = self.store.set_stories(clusters, labels=[s.label for s in summaries])
            # no online state: the next online update seeds one from these stories (a cost only
            # online use pays); cleared in this transaction, so no state outlives its stories
            self.store.put_blob(STATE_BLOB, b"")
            self.store.put_blob(MAP_BLOB, b"")
            self.store.put_blob(PENDING_BLOB, b"")
            self._put_meta(uuid.uuid4().hex)
        return StoriesUpdate(mode="batch", clustered=len(feats), new_stories=len(ids))


def update_stories(
    store: Store, config: StoriesConfig | None = None, mode: Mode = "auto", *, note: Callable[[str], None] | None = None
) -> StoriesUpdate:
    """Bring the store's stories up to date (see the module docstring); safe to rerun at any time."""
    updater = StoryUpdater(store, config, note=note)
    done = updater.update(mode)
    updater.checkpoint()
    return done
