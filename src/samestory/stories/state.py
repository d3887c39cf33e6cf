"""Persisting an ``OnlineClusterer``: its whole state as one NumPy ``.npz`` (no pickle).

What is saved: every article's id and the story number it joined, the union-find of story
numbers (merges), the document frequencies, the clock, and the live window: each live story
(size, days, members, cross-story similarity sums) and each live article (its TF-IDF terms and
weights as weighed on arrival, MinHash signature, embedding). Closed stories keep only their
union-find entry. Loading rebuilds the indexes from the live articles in arrival order, so a
loaded clusterer continues exactly as the saved one would have.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np

from samestory.stories.features import DocumentFrequencies

if TYPE_CHECKING:
    from samestory.config import StoriesConfig
    from samestory.stories.online import OnlineClusterer

_NONE = np.iinfo(np.int64).min  # an unknown day


def _day(d: int | None) -> int:
    return _NONE if d is None else d


def _undays(d: int) -> int | None:
    return None if d == _NONE else int(d)


def save_online(c: OnlineClusterer) -> bytes:
    # compacted first, so the saved clusterer's postings are the ones a loaded one rebuilds
    c._compact()
    win = c._w
    live = sorted(c._live)
    stories = [c._live[s] for s in live]
    arts = sorted(win.vectors)
    links = sorted((a, b, s) for a in live for b, s in c._live[a].links.items() if a < b)
    dim = win.emb.shape[1] if win.emb_rows else 1
    arrays = {
        "ids": np.array(c.ids, dtype=str),
        "assigned": np.array(c.assigned, np.int64),
        "parent": np.array(c._parent, np.int64),
        "meta": np.array([_day(c.clock), c.merges, win.dead], np.int64),
        "live": np.array(live, np.int64),
        "story_int": np.array([[s.size, _day(s.first_day), _day(s.last_day)] for s in stories], np.int64).reshape(
            -1, 3
        ),
        "members_len": np.array([len(s.members) for s in stories], np.int64),
        "members": np.array([m for s in stories for m in s.members], np.int64),
        "link_pairs": np.array([[a, b] for a, b, _ in links], np.int64).reshape(-1, 2),
        "link_sums": np.array([s for _, _, s in links], np.float64),
        "arts": np.array(arts, np.int64),
        "art_story": np.array([win.story[i] for i in arts], np.int64),
        "terms_len": np.array([len(win.vectors[i][0]) for i in arts], np.int64),
        "terms": np.concatenate([win.vectors[i][0] for i in arts] or [np.zeros(0, np.int32)]).astype(np.int32),
        "weights": np.concatenate([win.vectors[i][1] for i in arts] or [np.zeros(0, np.float32)]).astype(np.float32),
        "sig_arts": np.array([i for i in arts if i in win.sigs], np.int64),
        "sigs": np.array([win.sigs[i] for i in arts if i in win.sigs], np.uint32).reshape(-1, c.config.num_perm),
        "emb_arts": np.array([i for i in arts if i in win.emb_rows], np.int64),
        "emb": np.array([win.emb[win.emb_rows[i]] for i in arts if i in win.emb_rows], np.float32).reshape(-1, dim),
        "df": np.frombuffer(c.df.to_bytes(), np.uint8),
    }
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def load_online(cls: type[OnlineClusterer], data: bytes, config: StoriesConfig | None) -> OnlineClusterer:
    from samestory.stories.online import _Story

    z = np.load(io.BytesIO(data), allow_pickle=False)
    c = cls(config=config, df=DocumentFrequencies.from_bytes(z["df"].tobytes()))
    c.ids = z["ids"].tolist()
    c.assigned = z["assigned"].tolist()
    c._parent = z["parent"].tolist()
    clock, c.merges, _ = z["meta"].tolist()
    c.clock = _undays(clock)
    members = z["members"].tolist()
    start = 0
    for sid, (size, first, last), n in zip(z["live"].tolist(), z["story_int"].tolist(), z["members_len"].tolist()):
        s = _Story(sid, None)
        s.size, s.first_day, s.last_day = size, _undays(first), _undays(last)
        s.members = members[start : start + n]
        start += n
        c._live[sid] = s
    for (a, b), v in zip(z["link_pairs"].tolist(), z["link_sums"].tolist()):
        c._live[a].links[b] = v
        c._live[b].links[a] = v
    win = c._w
    sigs = dict(zip(z["sig_arts"].tolist(), z["sigs"]))
    embs = dict(zip(z["emb_arts"].tolist(), z["emb"]))
    terms, weights = z["terms"], z["weights"]
    start = 0
    for idx, sid, n in zip(z["arts"].tolist(), z["art_story"].tolist(), z["terms_len"].tolist()):
        t, w = terms[start : start + n], weights[start : start + n]
        start += n
        win.story[idx] = sid
        win.vectors[idx] = (t, w)
        for term, v in zip(t.tolist(), w.tolist()):
            win.postings.setdefault(term, []).append(idx)
            win.weights.setdefault(term, []).append(v)
        if idx in sigs:
            win.sigs[idx] = sigs[idx]
            for key in c._band_keys(sigs[idx]):
                win.bands[key] = idx
        if idx in embs:
            c._add_row(idx, embs[idx])
    return c
