"""Online story clustering: each article joins the live story whose centroid it is closest to.

Per article, in arrival order:

1. the document frequencies take its terms and its TF-IDF vector is weighed with them (the idf
   of ``_idf``: lighter on words most articles have than scikit-learn's, see ``IDF_FLOOR``);
2. candidate stories are those of its ``neighbours`` most similar live articles, found through
   the window's indexes (``window.py``), never by scoring every article: term postings queried
   with its heaviest terms, with embeddings a dot product with the window's vectors, MinHash LSH
   buckets for near-duplicates;
3. each candidate is scored exactly: the cosine of the article with the story's centroid (the
   sum of its live articles' unit vectors), blended at ``embed_weight`` with the cosine of its
   title+lead vector with the story's mean vector. The centroid is re-weighed with the current
   idf, so articles that arrived while the idf was still noisy (the start of a stream) count with
   today's term weights; only their length is the one they had on arrival (relative to the idf
   weights of their time, ``_scale``). The article joins the best
   story when that reaches ``threshold`` (a near-duplicate joins its story outright), otherwise it
   starts a story;
4. the story it joined is compared with the other candidates the article is close to: two stories
   merge when the articles of the smaller one are on average at least ``merge_threshold`` close to
   the larger one's centroid, i.e. when they would have joined it.

A centroid, unlike average links to every member, does not fall as a story grows; it is also what
keeps a long story joinable when its first articles have left the window.

Expiry: an article whose day is more than ``window_days`` behind the latest day seen leaves the
indexes and its story's centroid; a story stays joinable through its recent articles and closes
when none is left. So memory and time per article depend on the articles of the last few days,
not on the stream's length. Labels are the id of each story's first article; a merge keeps the
older story's label and earlier assignments follow through a union-find (``labels``). Everything
is deterministic in the input order, and a saved and loaded clusterer (``state.py``) continues
exactly like one that was never interrupted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from samestory.config import StoriesConfig
from samestory.stories.base import clusterers, founder_labels
from samestory.stories.features import ArticleFeatures, DocumentFrequencies
from samestory.stories.window import BANDS, MAX_POSTINGS, NEVER, QUERY_TERMS, Window

__all__ = ["BANDS", "MAX_POSTINGS", "QUERY_TERMS", "OnlineClusterer", "cluster_online"]

CANDIDATES = 16  # stories scored exactly per article: those of its nearest articles, best first
MERGE_CHECKS = 4  # other candidate stories checked for a merge after an article joins
# idf = ln((1 + n) / (1 + df)) + IDF_FLOOR. With scikit-learn's 1, words most articles have keep
# enough weight for a centroid of unrelated articles (the same domain, early in a stream) to look
# like every article, and everything joins it; much lower, and a stream whose first articles are
# all one story finds that story's own words common. 0.7 was chosen between the two on story
# chains and the tuning half of GoogleNews (docs/benchmarks.md).
IDF_FLOOR = 0.7


class _Story:
    """A live story: sizes, days, live members, and the sparse sum of its live members' vectors."""

    __slots__ = (
        "counts",
        "emb",
        "first_day",
        "last_day",
        "live",
        "members",
        "sid",
        "size",
        "sq",
        "sq_docs",
        "sums",
        "terms",
    )

    def __init__(self, sid: int, day: int | None) -> None:
        self.sid = sid
        self.size = 0  # articles ever (merges included)
        self.live = 0  # articles in the window
        self.first_day = day
        self.last_day = day
        self.members: dict[int, None] = {}  # live articles (ordered set)
        self.terms = np.zeros(0, np.int32)  # sorted distinct terms of the live members...
        self.sums = np.zeros(0, np.float64)  # ...the sum of their unit vectors over their idf...
        self.counts = np.zeros(0, np.int32)  # ...and how many live members have each
        self.emb: np.ndarray | None = None  # sum of the live members' embeddings
        self.sq = -1.0  # squared length of the re-weighed centroid (-1: to compute)...
        self.sq_docs = 0  # ...fully computed with the idf of this many articles

    def at(self, t: np.ndarray) -> np.ndarray:
        """The sums at terms ``t`` (0 where the story lacks one)."""
        if not len(self.terms):
            return np.zeros(len(t))
        pos = np.minimum(np.searchsorted(self.terms, t), len(self.terms) - 1)
        return np.where(self.terms[pos] == t, self.sums[pos], 0.0)

    def add_vector(self, t: np.ndarray, v: np.ndarray, c: np.ndarray) -> None:
        """Add the sparse vector ``(t, v)`` (sorted distinct terms), each term counted ``c`` times."""
        pos = np.searchsorted(self.terms, t)
        hit = pos < len(self.terms)
        hit[hit] = self.terms[pos[hit]] == t[hit]
        self.sums[pos[hit]] += v[hit]
        self.counts[pos[hit]] += c[hit]
        if not hit.all():
            miss = ~hit
            at = pos[miss]
            self.terms = np.insert(self.terms, at, t[miss])
            self.sums = np.insert(self.sums, at, v[miss])
            self.counts = np.insert(self.counts, at, c[miss])

    def remove_vector(self, t: np.ndarray, v: np.ndarray) -> None:
        """Subtract a member's vector; terms no live member has any more leave exactly."""
        pos = np.searchsorted(self.terms, t)
        self.sums[pos] -= v
        self.counts[pos] -= 1
        if (self.counts[pos] == 0).any():
            keep = self.counts > 0
            self.terms, self.sums, self.counts = self.terms[keep], self.sums[keep], self.counts[keep]


@clusterers.register("online")
class OnlineClusterer:
    """Single-pass clustering with merges and a time window (see the module docstring).

    ``add`` takes one article and returns the story number it joined on arrival; ``labels``
    gives every article's current story label. ``save``/``load`` persist the whole state.
    ``df`` may carry document frequencies from earlier articles (they count in the idf).
    """

    name = "online"

    def __init__(
        self,
        *,
        config: StoriesConfig | None = None,
        df: DocumentFrequencies | None = None,
        update_df: bool = True,
    ) -> None:
        self.config = config or StoriesConfig()
        self.df = df or DocumentFrequencies(self.config.hash_bits)
        # False: ``df`` is given whole, e.g. a file's own document frequencies computed before a
        # one-shot clustering of that file (not possible for a live stream)
        self.update_df = update_df
        self.ids: list[str] = []  # every article, in arrival order
        self.assigned: list[int] = []  # story number each article joined on arrival
        self._parent: list[int] = []  # union-find over story numbers; merges point to the older
        self._live: dict[int, _Story] = {}
        self._w = Window(self.config.num_perm, self.config.window_days is not None)
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
        if self.update_df:
            self.df.add(f.terms)
        idf = self._idf(f.terms)
        w = f.tf * idf
        norm = float(np.sqrt(np.dot(w, w)))
        if norm > 0:
            w = w / norm
        u = (f.tf * (self._scale() / norm if norm > 0 else 0.0)).astype(np.float32)
        wi = w * idf
        w = w.astype(np.float32)
        candidates, dup = self._candidates(f, w)
        scored = sorted(((self._score(self._live[s], f, wi), s) for s in candidates), key=lambda x: (-x[0], x[1]))
        if dup is not None:
            story = self._live[dup]
        elif scored and scored[0][0] >= cfg.threshold:
            story = self._live[scored[0][1]]
        else:
            story = self._new_story(day)
        self._join(idx, story, day, f, w, u, idf)
        self.assigned.append(story.sid)
        limit = cfg.threshold if cfg.merge_threshold is None else cfg.merge_threshold
        others = [s for score, s in scored if s != story.sid and score >= limit / 2][:MERGE_CHECKS]
        sid = story.sid
        for other in others:
            if other != sid and other in self._live and self._link(self._live[sid], self._live[other]) >= limit:
                sid = self._merge(min(sid, other), max(sid, other))
        if day is not None and self._expired(day):
            self._expire(idx)  # a late article: clustered, but already behind the window
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
        return len(self._w.arts)

    # -- scoring --------------------------------------------------------------------------

    def _candidates(self, f: ArticleFeatures, w: np.ndarray) -> tuple[list[int], int | None]:
        """Live stories to score (those of the nearest articles by terms, then by vectors, at most
        ``CANDIDATES`` from each, best first) and the story of a near-duplicate (or None)."""
        win, k = self._w, self.config.neighbours
        found: dict[int, None] = {}
        lists = []
        if len(w):
            lists.append(win.nearest(f.terms, w, k)[0])
        if f.embedding is not None:
            lists.append(win.nearest_dense(f.embedding, k)[0])
        for arts in lists:
            picked: dict[int, None] = {}
            for s in win.story[arts].tolist():
                picked[s] = None
                if len(picked) == CANDIDATES:
                    break
            found.update(picked)
        dup = None
        if f.minhash is not None:
            j = win.duplicate(f.minhash, self.config.near_duplicate)
            if j is not None:
                dup = int(win.story[j])
                found[dup] = None
        return list(found), dup

    def _score(self, story: _Story, f: ArticleFeatures, wi: np.ndarray) -> float:
        """Cosine of the article with the story's re-weighed centroid, blended with vectors
        (``wi``: the article's unit weights times the idf, as the centroid's sums lack it)."""
        lex = 0.0
        if len(story.terms) and len(f.terms):
            norm = self._norm(story)
            if norm > 0:
                pos = np.minimum(np.searchsorted(story.terms, f.terms), len(story.terms) - 1)
                hit = story.terms[pos] == f.terms
                lex = float(np.dot(wi[hit], story.sums[pos[hit]])) / norm
        if f.embedding is None or story.emb is None:
            return lex
        en = float(np.sqrt(np.dot(story.emb, story.emb)))
        dense = float(np.dot(story.emb, f.embedding)) / en if en > 0 else 0.0
        a = self.config.embed_weight
        return (1.0 - a) * lex + a * dense

    def _idf(self, terms: np.ndarray) -> np.ndarray:
        df = self.df
        return np.log((1.0 + df.n_docs) / (1.0 + df.df[terms])) + IDF_FLOOR

    def _scale(self) -> float:
        """The idf of a term no other article has: the size of idf weights at this point."""
        return float(np.log(1.0 + self.df.n_docs)) + IDF_FLOOR

    def _norm(self, story: _Story) -> float:
        """Length of the story's re-weighed centroid. Computing it reads every term of the story,
        so it is updated as articles join and leave (with the idf of their terms), and computed
        afresh after merges and once the stream has grown by ~1.5% (the idf moves about as much)."""
        n = self.df.n_docs
        if story.sq < 0 or n > story.sq_docs + (story.sq_docs >> 6):
            cw = story.sums * self._idf(story.terms)
            story.sq, story.sq_docs = float(np.dot(cw, cw)), n
        return float(np.sqrt(story.sq))

    def _update_norm(self, story: _Story, terms: np.ndarray, u: np.ndarray, idf: np.ndarray, sign: float) -> None:
        """Keep the squared length as a member's vector ``u`` is added (+1) or taken out (-1);
        call before the sums change."""
        if story.sq < 0:
            return
        x = u * idf
        s = story.at(terms) * idf
        story.sq = max(0.0, story.sq + sign * 2.0 * float(np.dot(s, x)) + float(np.dot(x, x)))

    def _link(self, a: _Story, b: _Story) -> float:
        """How close the smaller story's articles are, on average, to the larger one's centroid."""
        small, big = (a, b) if (a.live, -a.sid) <= (b.live, -b.sid) else (b, a)
        if small.live == 0:
            return 0.0
        lex = 0.0
        norm = self._norm(big) if len(small.terms) and len(big.terms) else 0.0
        if norm > 0:
            if len(small.terms) <= len(big.terms):
                pos = np.minimum(np.searchsorted(big.terms, small.terms), len(big.terms) - 1)
                hit = big.terms[pos] == small.terms
                common, sv, bv = small.terms[hit], small.sums[hit], big.sums[pos[hit]]
            else:
                pos = np.minimum(np.searchsorted(small.terms, big.terms), len(small.terms) - 1)
                hit = small.terms[pos] == big.terms
                common, sv, bv = big.terms[hit], small.sums[pos[hit]], big.sums[hit]
            idf = self._idf(common)
            lex = float(np.dot(sv * idf, bv * idf)) / (self._scale() * small.live * norm)
        if small.emb is None or big.emb is None:
            return lex
        en = float(np.sqrt(np.dot(big.emb, big.emb)))
        dense = float(np.dot(small.emb, big.emb)) / (small.live * en) if en > 0 else 0.0
        a = self.config.embed_weight
        return (1.0 - a) * lex + a * dense

    # -- updates --------------------------------------------------------------------------

    def _new_story(self, day: int | None) -> _Story:
        sid = len(self._parent)
        self._parent.append(sid)
        story = _Story(sid, day)
        self._live[sid] = story
        return story

    def _join(self, idx: int, story: _Story, day: int | None, f: ArticleFeatures, w, u, idf) -> None:
        story.size += 1
        story.live += 1
        story.members[idx] = None
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        u64 = u.astype(np.float64)
        self._update_norm(story, f.terms, u64, idf, 1.0)
        story.add_vector(f.terms, u64, np.ones(len(f.terms), np.int32))
        if f.embedding is not None:
            e = f.embedding.astype(np.float64)
            story.emb = e.copy() if story.emb is None else story.emb + e
        vector = (f.terms, w.astype(np.float32), u)
        self._w.add(idx, story.sid, NEVER if day is None else day, vector, f.minhash, f.embedding)

    def _merge(self, keep_sid: int, gone_sid: int) -> int:
        keep, gone = self._live[keep_sid], self._live.pop(gone_sid)
        self._parent[gone_sid] = keep_sid
        self.merges += 1
        keep.add_vector(gone.terms, gone.sums, gone.counts)
        keep.sq = -1.0
        if gone.emb is not None:
            keep.emb = gone.emb.copy() if keep.emb is None else keep.emb + gone.emb
        keep.size += gone.size
        keep.live += gone.live
        keep.members.update(gone.members)
        if gone.members:
            self._w.story[np.fromiter(gone.members, np.int64, len(gone.members))] = keep_sid
        for d in (gone.first_day, gone.last_day):
            if d is not None:
                keep.first_day = d if keep.first_day is None else min(keep.first_day, d)
                keep.last_day = d if keep.last_day is None else max(keep.last_day, d)
        return keep_sid

    def _expired(self, day: int) -> bool:
        window = self.config.window_days
        return window is not None and self.clock is not None and self.clock - day > window

    def _advance(self, day: int | None) -> None:
        """Move the clock to ``day`` and expire the articles it leaves behind the window."""
        if day is None or (self.clock is not None and day <= self.clock):
            return
        self.clock = day
        if self.config.window_days is None:
            return
        for idx in self._w.expiring(day - self.config.window_days):
            self._expire(idx)

    def _expire(self, idx: int) -> None:
        story = self._live[int(self._w.story[idx])]
        terms, _, u, emb = self._w.expire(idx)
        u64 = u.astype(np.float64)
        self._update_norm(story, terms, u64, self._idf(terms), -1.0)
        story.remove_vector(terms, u64)
        if emb is not None and story.emb is not None:
            story.emb -= emb.astype(np.float64)
        story.live -= 1
        del story.members[idx]
        if story.live == 0:
            del self._live[story.sid]

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
