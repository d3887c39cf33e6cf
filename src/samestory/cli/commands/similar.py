"""``samestory similar ARTICLE``: the articles telling the same story as one, ranked with scores."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samestory.cli.commands._io import emit_json, note_encoding
from samestory.cli.options import add_common, add_ingest, add_store, add_stories, settings_from_args
from samestory.config import Settings
from samestory.ingest.article import Article

if TYPE_CHECKING:  # the store imports numpy: not at the start of every command
    from samestory.store.base import Store, StoredArticle


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "similar",
        help="the stored articles telling the same story as one article, ranked with scores",
        description=(
            "Rank the stored articles that tell the same story as ARTICLE: a store id, an external id, a URL, "
            "or a file (one article; a file not in the store is read and compared without being stored). "
            "Articles of its story come first, then other close ones, each with its score and the components: "
            "TF-IDF cosine of the clustering features, vector cosine (when the features have vectors) and the "
            "MinHash estimate of shared word shingles (near-duplicates). Candidates come from its story and the "
            "stories seen within --window-days of its day through a term index and LSH, never the whole store. "
            "With --json: {article, stored, story, story_link, pool, candidates, similar: [{article, story, "
            "same_story, score, cosine, jaccard, vector, near_duplicate}]}."
        ),
    )
    p.add_argument("article", metavar="ARTICLE", help="a store id, an external id, a URL or a file")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N articles (10)")
    add_common(p)
    add_store(p)
    add_ingest(p, fields=False)
    add_stories(p, mode=False)
    p.set_defaults(run=run)


def resolve(store: Store, ref: str, settings: Settings) -> StoredArticle | Article:
    """The stored article ``ref`` names (store id, file with stored content, URL, external id),
    else the article read from the file ``ref``."""
    from samestory.errors import InputError
    from samestory.ingest.reader import read_file
    from samestory.store.base import content_hash

    if ref.isdigit() and (a := store.get(int(ref))) is not None:
        return a
    path = Path(ref)
    if path.is_file():
        article = read_file(path, settings.ingest)
        note_encoding(article)
        h = content_hash(article.title, article.text)
        same = [s for s in store.find(external_id=article.id) if s.content_hash == h]
        return same[0] if same else article
    found = store.find(url=ref) if "://" in ref else store.find(external_id=ref)
    if not found:
        raise InputError(f"no stored article {ref!r} (give a store id, an external id, a URL or a file)")
    return found[0]


def _describe(a: Article, ref: str) -> dict[str, Any]:
    day = a.published_date
    return {
        "id": None,
        "external_id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "language": a.language,
        "day": day.isoformat() if day else None,
        "published": a.published.isoformat() if a.published else None,
        "url": a.url,
        "source": ref,
    }


def run(args: argparse.Namespace) -> int:
    from samestory.errors import ConfigError
    from samestory.store import open_store
    from samestory.store.base import StoredArticle
    from samestory.stories.features import FeatureExtractor
    from samestory.stories.persist import check_features, load_features, record_of
    from samestory.stories.similar import find_similar

    if args.limit < 1:
        raise ConfigError("--limit must be at least 1")
    settings = settings_from_args(args)
    cfg = settings.stories
    with open_store(settings.store.url, create=False) as store:
        check_features(store, cfg)
        target = resolve(store, args.article, settings)
        extractor = FeatureExtractor(cfg)
        if isinstance(target, StoredArticle):
            feats = load_features(store, [target.id]).get(target.id)
            if feats is None:  # stored without features (ingest --no-cluster): computed, not stored
                feats = extractor.extract([record_of(target)])[0]
            result = find_similar(store, feats, stored=target, config=cfg, limit=args.limit)
        else:
            rec = {"id": target.id, "title": target.title, "text": target.text, "published": target.published_date,
                   "outlet": target.outlet, "language": target.language}  # fmt: skip
            feats = extractor.extract([rec])[0]
            described = _describe(target, args.article)
            result = find_similar(store, feats, described=described, config=cfg, limit=args.limit)
    if args.json:
        emit_json(result.to_dict())
        return 0
    t = result.target
    where = f"[{t['id']}]" if result.stored else f"{t['source']} (not stored)"
    print(f"{where} {t['title'] or '(no headline)'}  {t['outlet'] or '-'}  {t['day'] or '-'}")
    if result.story is None:
        print("in no story" if result.stored else "would start a story of its own")
    else:
        joined = "in" if result.stored else f"would join (average link {result.story_link:.3f})"
        print(f"{joined} story {result.story}")
    print(f"{result.candidates:,} candidates from {result.pool:,} articles searched")
    if not result.similar:
        print("no similar articles")
        return 0
    print(f"{'score':>6} {'cosine':>6} {'jaccard':>7} {'vector':>6}  {'story':>6}  article")
    for s in result.similar:
        a = s.article
        vector = "-" if s.vector is None else f"{s.vector:.3f}"
        mark = "=" if s.same_story else " "
        dup = "  (near-duplicate)" if s.near_duplicate else ""
        print(
            f"{s.score:6.3f} {s.cosine:6.3f} {s.jaccard:7.3f} {vector:>6}  {s.story:>5}{mark}  [{a.id}] {a.day} "
            f"{a.outlet or '-'}  {a.title or '(no headline)'}{dup}"
        )
    return 0
