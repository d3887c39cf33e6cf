"""Persisting an ``OnlineClusterer``: its whole state as one NumPy ``.npz`` (no pickle).

What is saved: every article's id and the story number it joined, the union-find of story
numbers (merges), the document frequencies, the clock, each live story (sizes, days, and the
sparse sum of its live articles' vectors exactly as held, so no rounding differs) and each live
article (story, day, terms with both weight vectors, MinHash signature, embedding). Closed stories
keep only their union-find entry. Loading rebuilds the window's indexes from the live articles in
arrival order; the window reads only what depends on the live set (``window.py``), so a loaded
clusterer continues exactly as the saved one would have.

A state saved by the first version (``format`` 1: average links over a neighbour graph, no
per-article days) still loads: its live articles are re-indexed with their story's last day and
its centroids are rebuilt with the current idf, so it continues close to, not exactly like, the
clusterer that saved it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np

from samestory.stories.features import DocumentFrequencies

if TYPE_CHECKING:
    from samestory.config import StoriesConfig
    from samestory.stories.online import OnlineClusterer

FORMAT = 2
_NONE = np.iinfo(np.int64).min  # an unknown day


def _day(d: int | None) -> int:
    return _NONE if d is None else d


def _undays(d: int) -> int | None:
    return None if d == _NONE else int(d)


def _cat(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)


def save_online(c: OnlineClusterer) -> bytes:
    win = c._w
    live = sorted(c._live)
    stories = [c._live[s] for s in live]
    arts = sorted(win.arts)
    vecs = [win.arts[i] for i in arts]
    emb_sids = [s.sid for s in stories if s.emb is not None]
    dim = next((len(s.emb) for s in stories if s.emb is not None), 0)
    emb_arts = [i for i in arts if i in win.emb_rows]
    arrays = {
        "format": np.array([FORMAT], np.int64),
        "ids": np.array(c.ids, dtype=str),
        "assigned": np.array(c.assigned, np.int64),
        "parent": np.array(c._parent, np.int64),
        "meta": np.array([_day(c.clock), c.merges, int(c.update_df)], np.int64),
        "live": np.array(live, np.int64),
        "story_int": np.array(
            [[s.size, s.live, _day(s.first_day), _day(s.last_day), s.sq_docs] for s in stories], np.int64
        ).reshape(-1, 5),
        "story_sq": np.array([s.sq for s in stories], np.float64),
        "story_len": np.array([len(s.terms) for s in stories], np.int64),
        "story_terms": _cat([s.terms for s in stories], np.int32),
        "story_sums": _cat([s.sums for s in stories], np.float64),
        "story_counts": _cat([s.counts for s in stories], np.int32),
        "emb_sids": np.array(emb_sids, np.int64),
        "story_emb": np.array([c._live[s].emb for s in emb_sids], np.float64).reshape(len(emb_sids), dim),
        "arts": np.array(arts, np.int64),
        "art_story": win.story[arts].astype(np.int64),
        "art_day": win.day[arts].astype(np.int64),
        "terms_len": np.array([len(v[0]) for v in vecs], np.int64),
        "terms": _cat([v[0] for v in vecs], np.int32),
        "weights": _cat([v[1] for v in vecs], np.float32),
        "unit_tf": _cat([v[2] for v in vecs], np.float32),
        "sig_arts": np.array([i for i in arts if i in win.sigs], np.int64),
        "sigs": np.array([win.sigs[i] for i in arts if i in win.sigs], np.uint32).reshape(-1, c.config.num_perm),
        "emb_arts": np.array(emb_arts, np.int64),
        "emb": np.array([win.emb[win.emb_rows[i]] for i in emb_arts], np.float32).reshape(
            len(emb_arts), win.emb.shape[1] if emb_arts else 0
        ),
        "df": np.frombuffer(c.df.to_bytes(), np.uint8),
    }
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def load_online(cls: type[OnlineClusterer], data: bytes, config: StoriesConfig | None) -> OnlineClusterer:
    from samestory.stories.online import _Story

    z = np.load(io.BytesIO(data), allow_pickle=False)
    if "format" not in z:
        return _load_v1(cls, z, config)
    if int(z["format"][0]) != FORMAT:
        raise ValueError(f"online clusterer state format {int(z['format'][0])} is not known here")
    clock, merges, update_df = z["meta"].tolist()
    c = cls(config=config, df=DocumentFrequencies.from_bytes(z["df"].tobytes()), update_df=bool(update_df))
    c.ids = z["ids"].tolist()
    c.assigned = z["assigned"].tolist()
    c._parent = z["parent"].tolist()
    c.merges = merges
    c.clock = _undays(clock)
    terms, sums, counts = z["story_terms"], z["story_sums"], z["story_counts"]
    start = 0
    rows = zip(z["live"].tolist(), z["story_int"].tolist(), z["story_sq"].tolist(), z["story_len"].tolist())
    for sid, (size, live, first, last, sq_docs), sq, n in rows:
        s = _Story(sid, None)
        s.size, s.live, s.first_day, s.last_day = size, live, _undays(first), _undays(last)
        s.sq, s.sq_docs = sq, sq_docs
        s.terms, s.sums, s.counts = (
            terms[start : start + n].copy(),
            sums[start : start + n].copy(),
            counts[start : start + n].copy(),
        )
        start += n
        c._live[sid] = s
    for sid, e in zip(z["emb_sids"].tolist(), z["story_emb"]):
        c._live[sid].emb = e.astype(np.float64)
    sigs = dict(zip(z["sig_arts"].tolist(), z["sigs"]))
    embs = dict(zip(z["emb_arts"].tolist(), z["emb"]))
    terms, weights, unit = z["terms"], z["weights"], z["unit_tf"]
    start = 0
    for idx, sid, day, n in zip(
        z["arts"].tolist(), z["art_story"].tolist(), z["art_day"].tolist(), z["terms_len"].tolist()
    ):
        vector = (terms[start : start + n], weights[start : start + n], unit[start : start + n])
        start += n
        c._live[sid].members[idx] = None
        c._w.add(idx, sid, day, vector, sigs.get(idx), embs.get(idx))
    return c


def _load_v1(cls: type[OnlineClusterer], z, config: StoriesConfig | None) -> OnlineClusterer:
    """A first-format state (see the module docstring), re-indexed approximately."""
    from samestory.stories.online import _Story
    from samestory.stories.window import NEVER

    c = cls(config=config, df=DocumentFrequencies.from_bytes(z["df"].tobytes()))
    c.ids = z["ids"].tolist()
    c.assigned = z["assigned"].tolist()
    c._parent = z["parent"].tolist()
    clock, c.merges, _ = z["meta"].tolist()
    c.clock = _undays(clock)
    for sid, (size, first, last) in zip(z["live"].tolist(), z["story_int"].tolist()):
        s = _Story(sid, None)
        s.size, s.first_day, s.last_day = size, _undays(first), _undays(last)
        c._live[sid] = s
    sigs = dict(zip(z["sig_arts"].tolist(), z["sigs"]))
    embs = dict(zip(z["emb_arts"].tolist(), z["emb"]))
    terms, weights = z["terms"], z["weights"]
    start = 0
    for idx, sid, n in zip(z["arts"].tolist(), z["art_story"].tolist(), z["terms_len"].tolist()):
        t, w = terms[start : start + n], weights[start : start + n]
        start += n
        u = (w / c.df.idf(t)).astype(np.float32)
        s = c._live[sid]
        s.live += 1
        s.members[idx] = None
        s.add_vector(t, u.astype(np.float64), np.ones(n, np.int32))
        if idx in embs:
            e = embs[idx].astype(np.float64)
            s.emb = e.copy() if s.emb is None else s.emb + e
        day = NEVER if s.last_day is None else s.last_day
        c._w.add(idx, sid, day, (t, w, u), sigs.get(idx), embs.get(idx))
    for sid in [s for s, st in c._live.items() if st.live == 0]:
        del c._live[sid]
    return c
