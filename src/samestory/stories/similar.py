"""``samestory similar``: the articles telling the same story as one article, ranked with scores.

Candidates never come from scoring the whole store: the pool is the article's own story plus
the stories seen within ``window_days`` of its day (at most ``MAX_POOL`` articles, nearest in
time first), and inside the pool an inverted index of the stored hashed terms gives the TF-IDF
cosine of every article sharing a term, MinHash LSH bands the near-duplicates. Each candidate's
score components are reported: ``cosine`` (TF-IDF, idf over the pool), ``vector`` (title+lead
vectors, when the features have them), ``jaccard`` (MinHash estimate of shared word shingles);
``score`` is the larger of the clustering similarity (the cosine, blended with the vector
cosine at ``embed_weight``) and the Jaccard estimate, so a cut reprint ranks at the top. Articles
of other stories are listed after the same-story ones when they score at least half ``threshold``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from samestory.config import StoriesConfig
from samestory.store.base import Store, StoredArticle
from samestory.stories.features import ArticleFeatures, DocumentFrequencies
from samestory.stories.views import ArticleRef

MAX_POOL = 20_000  # articles indexed for one query: bounds a search's time and memory on a big store
DEFAULT_DAYS = 3.0  # the search window when online clustering has none (window_days = None)


@dataclass(frozen=True, slots=True)
class SimilarArticle:
    """One ranked article: its ``story``, whether that is the target's, and the score components."""

    article: ArticleRef
    story: int | None
    same_story: bool
    score: float
    cosine: float
    jaccard: float
    vector: float | None
    near_duplicate: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "story": self.story,
            "same_story": self.same_story,
            "score": round(self.score, 4),
            "cosine": round(self.cosine, 4),
            "jaccard": round(self.jaccard, 4),
            "vector": None if self.vector is None else round(self.vector, 4),
            "near_duplicate": self.near_duplicate,
        }


@dataclass(frozen=True, slots=True)
class SimilarResult:
    """The target (``stored`` or read from a file), its ``story`` (for an article not stored: the
    story it would join, with the average ``story_link`` to it), how many articles were indexed
    (``pool``) and scored (``candidates``), and the ranking: same-story articles first."""

    target: dict[str, Any]
    stored: bool
    story: int | None
    story_link: float | None
    pool: int
    candidates: int
    similar: tuple[SimilarArticle, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.target,
            "stored": self.stored,
            "story": self.story,
            "story_link": None if self.story_link is None else round(self.story_link, 4),
            "pool": self.pool,
            "candidates": self.candidates,
            "similar": [s.to_dict() for s in self.similar],
        }


def _pool(store: Store, day: int | None, own: int | None, days: float) -> list[int]:
    """Story ids to search: the target's own, then the stories seen within ``days`` of ``day``,
    nearest first, until ``MAX_POOL`` articles (every story, most recent first, without a day)."""

    def distance(s) -> float:
        if s.first_seen is None or s.last_seen is None:
            return float("inf")
        if day is None:
            return -s.last_seen.toordinal()  # most recent first
        return max(0, s.first_seen.toordinal() - day, day - s.last_seen.toordinal())

    stories = [s for s in store.stories(min_size=1) if day is None or distance(s) <= days]
    stories.sort(key=lambda s: (s.id != own, distance(s), s.id))
    chosen, total = [], 0
    for s in stories:
        if total >= MAX_POOL and s.id != own:
            break
        chosen.append(s.id)
        total += s.size
    return chosen


def _band_keys(sig: np.ndarray, num_perm: int) -> list[bytes]:
    from samestory.stories.online import BANDS  # the clusterers' LSH banding

    rows = num_perm // BANDS
    raw = sig.astype("<u4").tobytes()
    return [bytes((b,)) + raw[4 * rows * b : 4 * rows * (b + 1)] for b in range(BANDS)]


def _lsh_hits(target: ArticleFeatures, pool: Sequence[ArticleFeatures], num_perm: int) -> set[int]:
    """Pool articles sharing a MinHash LSH band with the target: the near-duplicate candidates."""
    if target.minhash is None:
        return set()
    buckets: dict[bytes, list[int]] = {}
    for k, f in enumerate(pool):
        if f.minhash is not None and len(f.minhash) == num_perm:
            for key in _band_keys(f.minhash, num_perm):
                buckets.setdefault(key, []).append(k)
    return {k for key in _band_keys(target.minhash, num_perm) for k in buckets.get(key, ())}


def _cosines(target: ArticleFeatures, pool: Sequence[ArticleFeatures], df: DocumentFrequencies) -> np.ndarray:
    """TF-IDF cosine of the target with every pool article, through an inverted index of terms
    (only the postings of the target's terms are read)."""
    n = len(pool)
    if not n or not len(target.terms):
        return np.zeros(n)
    lens = np.array([len(f.terms) for f in pool])
    terms = np.concatenate([f.terms for f in pool])
    weights = np.concatenate([df.weigh(f) for f in pool])
    docs = np.repeat(np.arange(n), lens)
    order = np.argsort(terms, kind="stable")
    terms, weights, docs = terms[order], weights[order], docs[order]
    qw = df.weigh(target)
    lo = np.searchsorted(terms, target.terms, "left")
    hi = np.searchsorted(terms, target.terms, "right")
    acc = np.zeros(n)
    for a, b, w in zip(lo.tolist(), hi.tolist(), qw.tolist()):
        if b > a:
            np.add.at(acc, docs[a:b], w * weights[a:b])
    return acc


def find_similar(
    store: Store,
    target: ArticleFeatures,
    *,
    stored: StoredArticle | None = None,
    described: dict[str, Any] | None = None,
    config: StoriesConfig | None = None,
    limit: int = 10,
) -> SimilarResult:
    """Rank the articles telling the same story as ``target`` (the features of ``stored``, or of
    an article not in the store, ``described`` by a dict for the output)."""
    from samestory.stories.persist import load_features

    cfg = config or StoriesConfig()
    own = store.story_of([stored.id]).get(stored.id) if stored is not None else None
    days = cfg.window_days if cfg.window_days is not None else DEFAULT_DAYS
    story_ids = _pool(store, target.day, own, days)
    member_story: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for sid in story_ids:
        story = store.story(sid)
        if story is not None:
            member_story.update(dict.fromkeys(story.members, sid))
            sizes[sid] = len(story.members)
    if stored is not None:
        member_story.pop(stored.id, None)
    feats = load_features(store, member_story)
    ids = sorted(feats)
    pool = [feats[i] for i in ids]
    df = DocumentFrequencies(cfg.hash_bits)
    df.add_many([f.terms for f in pool] + [target.terms])
    cos = _cosines(target, pool, df)
    lsh = _lsh_hits(target, pool, cfg.num_perm)
    candidates = [k for k in range(len(pool)) if cos[k] > 0 or k in lsh or member_story[ids[k]] == own]
    jac = np.zeros(len(pool))
    vec = np.full(len(pool), np.nan)
    for k in candidates:
        f = pool[k]
        if target.minhash is not None and f.minhash is not None and len(f.minhash) == len(target.minhash):
            jac[k] = float(np.count_nonzero(f.minhash == target.minhash)) / len(f.minhash)
        if target.embedding is not None and f.embedding is not None:
            vec[k] = float(f.embedding @ target.embedding)
    blended = np.where(np.isnan(vec), cos, (1.0 - cfg.embed_weight) * cos + cfg.embed_weight * np.nan_to_num(vec))
    score = np.maximum(blended, jac)
    near = {k for k in lsh if jac[k] >= cfg.near_duplicate}
    story_link = None
    if stored is None:
        own, story_link = _would_join(candidates, ids, member_story, sizes, score, near, cfg)
    articles = store.get_many(ids[k] for k in candidates)
    ranked = []
    for k in candidates:
        sid = member_story[ids[k]]
        same = own is not None and sid == own
        if not same and score[k] < cfg.threshold / 2:  # another story's article, not close enough to list
            continue
        ranked.append(
            SimilarArticle(
                article=ArticleRef.of(articles[ids[k]]),
                story=sid,
                same_story=same,
                score=float(score[k]),
                cosine=float(cos[k]),
                jaccard=float(jac[k]),
                vector=None if np.isnan(vec[k]) else float(vec[k]),
                near_duplicate=k in near,
            )
        )
    ranked.sort(key=lambda s: (not s.same_story, -s.score, s.article.id))
    target_dict = ArticleRef.of(stored).to_dict() if stored is not None else dict(described or {})
    return SimilarResult(
        target=target_dict,
        stored=stored is not None,
        story=own,
        story_link=story_link,
        pool=len(pool),
        candidates=len(candidates),
        similar=tuple(ranked[:limit]),
    )


def _would_join(
    candidates: list[int],
    ids: list[int],
    member_story: dict[int, int],
    sizes: dict[int, int],
    score: np.ndarray,
    near: set[int],
    cfg: StoriesConfig,
) -> tuple[int | None, float | None]:
    """The story an article not in the store would join by the online rule: a near-duplicate's
    story, else the story with the highest average link (sum of similarities over its size)
    when that reaches ``threshold``."""
    sums: dict[int, float] = {}
    for k in candidates:
        sid = member_story[ids[k]]
        sums[sid] = sums.get(sid, 0.0) + float(score[k])
    if not sums:
        return None, None
    links = {sid: s / sizes[sid] for sid, s in sums.items()}
    if near:
        best = max(near, key=lambda k: (score[k], -ids[k]))
        sid = member_story[ids[best]]
        return sid, links[sid]
    sid = min(links, key=lambda s: (-links[s], s))
    return (sid, links[sid]) if links[sid] >= cfg.threshold else (None, links[sid])
