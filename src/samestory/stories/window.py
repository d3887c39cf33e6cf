"""The live window of online clustering: indexes over the articles of the last ``window_days``.

Articles are numbered by arrival. A live article keeps its hashed terms with its TF-IDF weights as
weighed on arrival, its MinHash signature and its embedding. The indexes:

* term postings: per term, the articles that have it with their weights, as NumPy arrays in
  arrival order. A read returns the ``MAX_POSTINGS`` most recent *live* articles, a function of
  the live set alone: a posting drops entries only when they can never be read again (expired,
  or older than ``MAX_POSTINGS`` newer entries that will outlive them), so a posting holds at most
  about ``2 * MAX_POSTINGS`` entries whatever the stream's length, and a window rebuilt from its
  live articles (``state.py``) reads the same as the one it was saved from;
* MinHash LSH buckets: per band key, the live articles with that band, in arrival order;
* embedding rows: a matrix of the live articles' vectors, rows reused as articles expire.

Per-article arrays over all arrival numbers (story, day, live) make the reads vectorised.
"""

from __future__ import annotations

import numpy as np

QUERY_TERMS = 64  # heaviest terms of an article looked up: they carry most of a cosine
MAX_POSTINGS = 400  # most recent live articles read per term: a common term's long list says little
CAP = 2 * MAX_POSTINGS  # a posting this long is trimmed of entries no read can reach
BANDS = 16  # MinHash LSH bands (rows = num_perm // BANDS): Jaccard 0.5 collides with p ~ 0.6
BUCKET_READS = 8  # most recent live articles compared per LSH bucket (boilerplate fills some)
NEVER = np.iinfo(np.int64).max  # the day of an article that never expires (no clock yet)


class Window:
    """Indexes over live articles; see the module docstring. ``add`` and ``expire`` keep them."""

    def __init__(self, num_perm: int, expires: bool) -> None:
        self.rows_per_band = num_perm // BANDS
        self.expires = expires  # whether articles ever expire (a window is set)
        self.arts: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}  # live: (terms, w, u)
        self.story = np.zeros(1024, np.int64)  # article -> its story number (relabelled on merges)
        self.day = np.zeros(1024, np.int64)
        self.alive = np.zeros(1024, bool)
        self.by_day: dict[int, list[int]] = {}  # day -> live articles of that day
        self.post_ids: dict[int, np.ndarray] = {}
        self.post_w: dict[int, np.ndarray] = {}
        self.post_n: dict[int, int] = {}
        self.entries = 0  # postings entries held
        self.dead = 0  # ...of them, about how many are of expired articles
        self.sigs: dict[int, np.ndarray] = {}
        self.buckets: dict[bytes, list[int]] = {}
        self.emb = np.zeros((0, 0), np.float32)
        self.emb_rows: dict[int, int] = {}
        self.row_article: list[int] = []  # -1 for a free row
        self.free_rows: list[int] = []

    # -- updates --------------------------------------------------------------------------

    def add(
        self,
        idx: int,
        story: int,
        day: int,
        vector: tuple[np.ndarray, np.ndarray, np.ndarray],
        minhash: np.ndarray | None,
        embedding: np.ndarray | None,
    ) -> None:
        """Index article ``idx``: ``vector`` is (terms, weights, weights without the idf)."""
        terms, w, _ = vector
        if idx >= len(self.story):
            n = max(2 * len(self.story), idx + 1)
            self.story = _grown(self.story, n)
            self.day = _grown(self.day, n)
            self.alive = _grown(self.alive, n)
        self.story[idx], self.day[idx], self.alive[idx] = story, day, True
        self.arts[idx] = vector
        self.by_day.setdefault(day, []).append(idx)
        ids, ws, ns = self.post_ids, self.post_w, self.post_n
        for t, v in zip(terms.tolist(), w.tolist()):
            n = ns.get(t, 0)
            if n == 0:
                ids[t], ws[t] = np.empty(4, np.int64), np.empty(4, np.float32)
            elif n == len(ids[t]):
                n = self._make_room(t, n)
            ids[t][n] = idx
            ws[t][n] = v
            ns[t] = n + 1
        self.entries += len(terms)
        if minhash is not None:
            self.sigs[idx] = minhash
            for key in self.band_keys(minhash):
                self.buckets.setdefault(key, []).append(idx)
        if embedding is not None:
            self._add_row(idx, embedding)

    def expire(self, idx: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
        """Take article ``idx`` out of the window; returns its (terms, w, u, embedding)."""
        art = self.arts.pop(idx)
        self.alive[idx] = False
        lst = self.by_day.get(int(self.day[idx]))
        if lst is not None:  # not when its whole day is expiring (``expiring`` took the list)
            lst.remove(idx)
            if not lst:
                del self.by_day[int(self.day[idx])]
        self.dead += len(art[0])
        sig = self.sigs.pop(idx, None)
        if sig is not None:
            for key in self.band_keys(sig):
                lst = self.buckets[key]
                lst.remove(idx)
                if not lst:
                    del self.buckets[key]
        row = self.emb_rows.pop(idx, None)
        emb = None
        if row is not None:
            emb = self.emb[row].copy()
            self.emb[row] = 0.0
            self.row_article[row] = -1
            self.free_rows.append(row)
        if self.dead > 100_000 and 2 * self.dead > self.entries:
            self.compact()
        return (*art, emb)

    def expiring(self, before: float) -> list[int]:
        """Live articles of days before ``before``, in arrival order, to be expired (each with
        ``expire``) at once."""
        days = sorted(d for d in self.by_day if d < before)
        return sorted(i for d in days for i in self.by_day.pop(d))

    def compact(self) -> None:
        """Drop expired articles' entries from every posting (in bulk: when they are most entries)."""
        alive = self.alive
        for t in list(self.post_n):
            n = self.post_n[t]
            ids = self.post_ids[t][:n]
            keep = alive[ids]
            if not keep.any():
                del self.post_ids[t], self.post_w[t], self.post_n[t]
            elif not keep.all():
                k = int(keep.sum())
                self.post_ids[t][:k] = ids[keep]
                self.post_w[t][:k] = self.post_w[t][:n][keep]
                self.post_n[t] = k
        self.entries = sum(self.post_n.values())
        self.dead = 0

    def _make_room(self, t: int, n: int) -> int:
        """Room for one more entry in a full posting: trimmed at ``CAP``, else grown. Returns its length."""
        ids, ws = self.post_ids[t], self.post_w[t]
        if n >= CAP:
            keep = self._readable(ids[:n])
            k = int(keep.sum())
            dropped_dead = n - k - int((~keep & self.alive[ids[:n]]).sum())
            self.dead = max(0, self.dead - dropped_dead)
            self.entries -= n - k
            ids[:k] = ids[:n][keep]
            ws[:k] = ws[:n][keep]
            n = k
            if n < len(ids):
                self.post_n[t] = n
                return n
        size = min(CAP, 2 * len(ids)) if len(ids) < CAP else 2 * len(ids)
        self.post_ids[t], self.post_w[t] = _grown(ids, size), _grown(ws, size)
        return n

    def _readable(self, ids: np.ndarray) -> np.ndarray:
        """Which entries a read may still return: live ones not behind ``MAX_POSTINGS`` newer live
        entries of days at least theirs (those will be live as long as they are)."""
        keep = self.alive[ids].copy()
        live = np.flatnonzero(keep)
        if len(live) > MAX_POSTINGS:
            older = live[:-MAX_POSTINGS]
            if self.expires:
                newest_min = self.day[ids[live[-MAX_POSTINGS:]]].min()
                keep[older] = self.day[ids[older]] > newest_min
            else:
                keep[older] = False
        return keep

    def _add_row(self, idx: int, emb: np.ndarray) -> None:
        if self.free_rows:
            row = self.free_rows.pop()
        else:
            row = len(self.row_article)
            self.row_article.append(-1)
            if row >= len(self.emb):
                grown = np.zeros((max(64, 2 * len(self.emb)), len(emb)), np.float32)
                if len(self.emb):
                    grown[: len(self.emb)] = self.emb
                self.emb = grown
        self.row_article[row] = idx
        self.emb_rows[idx] = row
        self.emb[row] = emb

    # -- reads ----------------------------------------------------------------------------

    def read(self, t: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The ``MAX_POSTINGS`` most recent live articles with term ``t`` and their weights."""
        n = self.post_n.get(t)
        if not n:
            return None
        ids, ws = self.post_ids[t][:n], self.post_w[t][:n]
        keep = self.alive[ids]
        if not keep.all():
            ids, ws = ids[keep], ws[keep]
        return ids[-MAX_POSTINGS:], ws[-MAX_POSTINGS:]

    def nearest(self, terms: np.ndarray, w: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Up to ``k`` live articles with the largest dot products over the article's heaviest
        terms, best first (ties to the earlier article), with those dot products."""
        top = np.argsort(-w, kind="stable")[:QUERY_TERMS]
        ids, vals = [], []
        for t, wt in zip(terms[top].tolist(), w[top].tolist()):
            got = self.read(t)
            if got is not None:
                ids.append(got[0])
                vals.append(got[1] * wt)
        if not ids:
            return np.zeros(0, np.int64), np.zeros(0)
        arts, inv = np.unique(np.concatenate(ids), return_inverse=True)
        acc = np.bincount(inv, weights=np.concatenate(vals).astype(np.float64), minlength=len(arts))
        return _best(arts, acc, k)

    def nearest_dense(self, emb: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Up to ``k`` live articles with the largest embedding dot products, best first."""
        if not self.emb_rows:
            return np.zeros(0, np.int64), np.zeros(0)
        rows = np.array(self.row_article, np.int64)
        sims = (self.emb[: len(rows)] @ emb).astype(np.float64)
        used = rows >= 0
        return _best(rows[used], sims[used], k)

    def duplicate(self, sig: np.ndarray, near: float) -> int | None:
        """The live article most similar to ``sig`` by MinHash with Jaccard at least ``near``
        (the earliest on ties), looked up through the LSH buckets."""
        best, best_j = None, 0.0
        seen = set()
        for key in self.band_keys(sig):
            for j in self.buckets.get(key, ())[-BUCKET_READS:]:
                if j in seen:
                    continue
                seen.add(j)
                jac = float(np.count_nonzero(self.sigs[j] == sig)) / len(sig)
                if jac >= near and (jac > best_j or (jac == best_j and j < best)):
                    best, best_j = j, jac
        return best

    def band_keys(self, sig: np.ndarray) -> list[bytes]:
        r = self.rows_per_band
        raw = sig.tobytes()
        return [bytes((b,)) + raw[4 * r * b : 4 * r * (b + 1)] for b in range(BANDS)]


def _grown(a: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n, a.dtype)
    out[: len(a)] = a
    return out


def _best(ids: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` best ``(ids, scores)``, highest score first, ties to the lower id (deterministic
    whatever order they came in)."""
    if len(ids) > k:
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        pick = np.flatnonzero(scores >= kth)
        ids, scores = ids[pick], scores[pick]
    order = np.lexsort((ids, -scores))[:k]
    return ids[order], scores[order]
