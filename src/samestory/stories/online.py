"""Online story clustering: incremental average linkage over a graph of recent articles.

Per article, in arrival order:

1. the document frequencies take its terms and its TF-IDF vector is weighed with them;
2. its ``neighbours`` most similar *recent* articles are found through indexes, never by
   scoring all of them: an inverted index from terms to the articles of the live window,
   queried with the article's ``QUERY_TERMS`` heaviest terms (similarities accumulate along the
   postings); with embeddings, a dot product with the window's vectors; MinHash LSH buckets for
   near-duplicates. These become edges of a similarity graph;
3. the article joins the story with the highest average link, the sum of its edge similarities
   to the story's articles over the story's size, when that reaches ``threshold`` (a
   near-duplicate joins its story outright); otherwise it starts a story;
4. its edges to other stories add to their cross sums, and two stories merge as soon as the sum
   of similarities between them over the product of their sizes reaches ``merge_threshold``:
   average linkage as in batch mode, kept up to date one edge at a time, so evidence that
   accumulates merges stories.

A story not seen for ``window_days`` (by the latest publication day seen) closes: its articles
leave the indexes, which bounds memory on an endless stream. Labels are the id of each story's
first article; a merge keeps the older story's label and earlier assignments are relabelled
through a union-find (``labels``). Everything is deterministic in the input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from samestory.config import StoriesConfig
from samestory.stories.base import clusterers, founder_labels
from samestory.stories.features import ArticleFeatures, DocumentFrequencies

QUERY_TERMS = 64  # heaviest terms of an article looked up: they carry most of a cosine
MAX_POSTINGS = 400  # most recent articles read per term: a common term's long list says little
BANDS = 16  # MinHash LSH bands (rows = num_perm // BANDS): Jaccard 0.5 collides with p ~ 0.6
MIN_EDGE = 0.05  # similarities below this make no edge


class _Story:
    """A live story: its live articles, size, days, and similarity sums to the stories it touches."""

    __slots__ = ("first_day", "last_day", "links", "members", "sid", "size")

    def __init__(self, sid: int, day: int | None) -> None:
        self.sid = sid
        self.size = 0
        self.first_day = day
        self.last_day = day
        self.members: list[int] = []  # arrival indices of its articles still in the window
        self.links: dict[int, float] = {}  # other live story -> sum of edge similarities


class _Window:
    """The articles of live stories: term postings, vectors, MinHash bands, embeddings."""

    def __init__(self) -> None:
        self.postings: dict[int, list[int]] = {}  # term -> article indices, oldest first
        self.weights: dict[int, list[float]] = {}  # term -> the articles' weights, beside postings
        self.vectors: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # article -> (terms, weights)
        self.story: dict[int, int] = {}  # article -> story number on arrival
        self.sigs: dict[int, np.ndarray] = {}
        self.bands: dict[bytes, int] = {}  # band key -> latest article
        self.emb_rows: dict[int, int] = {}  # article -> row of ``emb``
        self.emb = np.zeros((0, 0), np.float32)
        self.row_article: list[int] = []  # -1 for a free row
        self.free_rows: list[int] = []
        self.dead = 0  # postings entries of removed articles not yet compacted


@clusterers.register("online")
class OnlineClusterer:
    """Single-pass clustering with merges and a time window (see the module docstring).

    ``add`` takes one article and returns the story number it joined on arrival; ``labels``
    gives every article's current story label. ``save``/``load`` persist the whole state.
    """

    name = "online"

    def __init__(self, *, config: StoriesConfig | None = None, df: DocumentFrequencies | None = None) -> None:
        self.config = config or StoriesConfig()
        self.df = df or DocumentFrequencies(self.config.hash_bits)
        self._rows = self.config.num_perm // BANDS
        self.ids: list[str] = []  # every article, in arrival order
        self.assigned: list[int] = []  # story number each article joined on arrival
        self._parent: list[int] = []  # union-find over story numbers; merges point to the older
        self._live: dict[int, _Story] = {}
        self._w = _Window()
        self.clock: int | None = None  # latest publication day seen
        self.merges = 0

    # -- public API -------------------------------------------------------------------------

    def cluster(self, features: Sequence[ArticleFeatures]) -> list[str]:
        """Add every article in order and return the labels of these articles."""
        start = len(self.ids)
        for f in features:
            self.add(f)
        return self.labels()[start:]

    def add(self, f: ArticleFeatures) -> int:
        """Assign one article; returns the story number it joined (its root may change later)."""
        cfg = self.config
        idx = len(self.ids)
        self.ids.append(f.id)
        day = f.day if f.day is not None else self.clock
        self._advance(day)
        self.df.add(f.terms)
        w = self.df.weigh(f)
        neighbours, dup = self._neighbours(f, w)
        sums: dict[int, float] = {}
        for j, s in neighbours:
            sid = self.find(self._w.story[j])
            sums[sid] = sums.get(sid, 0.0) + s
        best_sid, best = -1, -1.0
        for sid in sorted(sums):
            link = sums[sid] / self._live[sid].size
            if link > best:
                best_sid, best = sid, link
        if dup is not None:
            best_sid = self.find(self._w.story[dup])
        story = self._live[best_sid] if best_sid >= 0 and (best >= cfg.threshold or dup is not None) else None
        if story is None:
            story = self._new_story(day)
        self._index(idx, f, w, story, day)
        self.assigned.append(story.sid)
        # the new article's similarities to other stories are evidence that they are one
        touched = []
        for sid in sorted(sums):
            if sid != story.sid:
                story.links[sid] = story.links.get(sid, 0.0) + sums[sid]
                other = self._live[sid]
                other.links[story.sid] = other.links.get(story.sid, 0.0) + sums[sid]
                touched.append(sid)
        self._merge_from(story.sid, touched)
        return story.sid

    def find(self, sid: int) -> int:
        parent = self._parent
        root = sid
        while parent[root] != root:
            root = parent[root]
        while parent[sid] != root:
            parent[sid], sid = root, parent[sid]
        return root

    def labels(self) -> list[str]:
        """Every article's story label (the id of the story's first article), in arrival order."""
        return founder_labels(self.ids, [self.find(s) for s in self.assigned])

    def live_stories(self) -> int:
        return len(self._live)

    def live_articles(self) -> int:
        return len(self._w.vectors)

    # -- neighbours -----------------------------------------------------------------------

    def _neighbours(self, f: ArticleFeatures, w: np.ndarray) -> tuple[list[tuple[int, float]], int | None]:
        """The nearest window articles ``[(article, similarity)]`` and a near-duplicate (or None)."""
        cfg, win = self.config, self._w
        lex: dict[int, float] = {}
        if len(w) and win.postings:
            top = np.argsort(-w, kind="stable")[:QUERY_TERMS]
            ids, vals = [], []
            for t, wt in zip(f.terms[top].tolist(), w[top].tolist()):
                p = win.postings.get(t)
                if p:
                    ids.append(np.array(p[-MAX_POSTINGS:], np.int64))
                    vals.append(np.array(win.weights[t][-MAX_POSTINGS:], np.float32) * wt)
            if ids:
                a, v = np.concatenate(ids), np.concatenate(vals)
                u, inv = np.unique(a, return_inverse=True)
                acc = np.zeros(len(u), np.float64)
                np.add.at(acc, inv, v)
                live = win.vectors
                lex = {j: x for j, x in zip(u.tolist(), acc.tolist()) if j in live}
        emb = f.embedding
        dense: dict[int, float] = {}
        if emb is not None and win.emb_rows:
            sims = win.emb[: len(win.row_article)] @ emb
            k = min(cfg.neighbours, len(sims))
            for r in np.argpartition(-sims, k - 1)[:k].tolist():
                j = win.row_article[r]
                if j >= 0:
                    dense[j] = float(sims[r])
        dup, dup_j = None, 0.0
        if f.minhash is not None:
            for key in self._band_keys(f.minhash):
                j = win.bands.get(key)
                if j is None or j not in win.sigs:
                    continue
                jac = float(np.count_nonzero(win.sigs[j] == f.minhash)) / len(f.minhash)
                if jac >= cfg.near_duplicate and (jac > dup_j or (jac == dup_j and j < dup)):
                    dup, dup_j = j, jac
        if emb is not None and dense:
            a = cfg.embed_weight
            scores = {}
            for j in lex.keys() | dense.keys():
                d = dense[j] if j in dense else float(win.emb[win.emb_rows[j]] @ emb) if j in win.emb_rows else 0.0
                scores[j] = (1.0 - a) * lex.get(j, 0.0) + a * d
        else:
            scores = lex
        if dup is not None:
            scores[dup] = 1.0
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[: cfg.neighbours]
        return [(j, s) for j, s in best if s >= MIN_EDGE], dup

    def _band_keys(self, sig: np.ndarray) -> list[bytes]:
        r = self._rows
        raw = sig.tobytes()
        return [bytes((b,)) + raw[4 * r * b : 4 * r * (b + 1)] for b in range(BANDS)]

    # -- updates --------------------------------------------------------------------------

    def _new_story(self, day: int | None) -> _Story:
        sid = len(self._parent)
        self._parent.append(sid)
        story = _Story(sid, day)
        self._live[sid] = story
        return story

    def _index(self, idx: int, f: ArticleFeatures, w: np.ndarray, story: _Story, day: int | None) -> None:
        win = self._w
        story.size += 1
        story.members.append(idx)
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        win.story[idx] = story.sid
        win.vectors[idx] = (f.terms, w.astype(np.float32))
        for t, v in zip(f.terms.tolist(), w.tolist()):
            if t in win.postings:
                win.postings[t].append(idx)
                win.weights[t].append(v)
            else:
                win.postings[t] = [idx]
                win.weights[t] = [v]
        if f.minhash is not None:
            win.sigs[idx] = f.minhash
            for key in self._band_keys(f.minhash):
                win.bands[key] = idx
        if f.embedding is not None:
            self._add_row(idx, f.embedding)

    def _add_row(self, idx: int, emb: np.ndarray) -> None:
        win = self._w
        if win.free_rows:
            row = win.free_rows.pop()
        else:
            row = len(win.row_article)
            win.row_article.append(-1)
            if row >= len(win.emb):
                grown = np.zeros((max(64, 2 * len(win.emb)), len(emb)), np.float32)
                if len(win.emb):
                    grown[: len(win.emb)] = win.emb
                win.emb = grown
        win.row_article[row] = idx
        win.emb_rows[idx] = row
        win.emb[row] = emb

    def _merge_from(self, sid: int, touched: list[int]) -> None:
        """Merge ``sid`` with each touched story whose average link reaches ``merge_threshold``,
        best first, until none does."""
        limit = self.config.threshold if self.config.merge_threshold is None else self.config.merge_threshold
        while touched:
            story = self._live[sid]
            best, best_link = -1, -1.0
            for other in touched:
                o = self._live.get(other)
                if o is None:
                    continue
                link = story.links.get(other, 0.0) / (story.size * o.size)
                if link > best_link or (link == best_link and other < best):
                    best, best_link = other, link
            if best < 0 or best_link < limit:
                return
            sid = self._merge(min(sid, best), max(sid, best))
            touched = sorted(self._live[sid].links)

    def _merge(self, keep_sid: int, gone_sid: int) -> int:
        keep, gone = self._live[keep_sid], self._live.pop(gone_sid)
        self._parent[gone_sid] = keep_sid
        self.merges += 1
        keep.links.pop(gone_sid, None)
        for other, s in gone.links.items():
            if other == keep_sid:
                continue
            o = self._live[other]
            o.links[keep_sid] = o.links.get(keep_sid, 0.0) + o.links.pop(gone_sid)
            keep.links[other] = keep.links.get(other, 0.0) + s
        keep.size += gone.size
        keep.members.extend(gone.members)
        for d in (gone.first_day, gone.last_day):
            if d is not None:
                keep.first_day = d if keep.first_day is None else min(keep.first_day, d)
                keep.last_day = d if keep.last_day is None else max(keep.last_day, d)
        return keep_sid

    def _advance(self, day: int | None) -> None:
        """Move the clock to ``day`` and close the stories it leaves behind the window."""
        if day is None or (self.clock is not None and day <= self.clock):
            return
        self.clock = day
        window = self.config.window_days
        if window is None:
            return
        closing = [s for s, st in self._live.items() if st.last_day is not None and day - st.last_day > window]
        for sid in closing:
            self._close(sid)
        if self._w.dead > len(self._w.vectors) * 50:
            self._compact()

    def _close(self, sid: int) -> None:
        story = self._live.pop(sid)
        for other in story.links:
            o = self._live.get(other)
            if o is not None:
                o.links.pop(sid, None)
        win = self._w
        for idx in story.members:
            terms, _ = win.vectors.pop(idx)
            win.dead += len(terms)
            win.story.pop(idx, None)
            sig = win.sigs.pop(idx, None)
            if sig is not None:
                for key in self._band_keys(sig):
                    if win.bands.get(key) == idx:
                        del win.bands[key]
            row = win.emb_rows.pop(idx, None)
            if row is not None:
                win.emb[row] = 0.0
                win.row_article[row] = -1
                win.free_rows.append(row)
        story.members = []

    def _compact(self) -> None:
        """Drop closed articles from the postings (done in bulk, when they outnumber the live)."""
        win = self._w
        live = win.vectors
        for t in list(win.postings):
            p, v = win.postings[t], win.weights[t]
            keep = [k for k, j in enumerate(p) if j in live]
            if not keep:
                del win.postings[t], win.weights[t]
            elif len(keep) < len(p):
                win.postings[t] = [p[k] for k in keep]
                win.weights[t] = [v[k] for k in keep]
        win.dead = 0

    # -- persistence -----------------------------------------------------------------------

    def save(self) -> bytes:
        """The whole state as bytes (a NumPy ``.npz``, no pickle), for ``load``."""
        from samestory.stories.state import save_online

        return save_online(self)

    @classmethod
    def load(cls, data: bytes, *, config: StoriesConfig | None = None) -> OnlineClusterer:
        from samestory.stories.state import load_online

        return load_online(cls, data, config)


def cluster_online(features: Iterable[ArticleFeatures], config: StoriesConfig | None = None) -> list[str]:
    """Labels of a whole stream clustered online (a convenience over ``OnlineClusterer``)."""
    c = OnlineClusterer(config=config)
    for f in features:
        c.add(f)
    return c.labels()
