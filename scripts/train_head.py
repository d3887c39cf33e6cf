"""Train the similarity head (``samestory.compare.head``) and write the committed artefact.

    python scripts/train_head.py [--labels ../shared/data/semeval2022-task8/semeval-2022_task8_train-data_batch_2.csv]

1. the pairs of SemEval's official training label file (URLs only) whose URLs carry headline
   words, except those sharing an article with ``pairs.csv`` (the scorer's training and held-out
   data); the official evaluation labels are not used;
2. the words of each URL are embedded with the multilingual USE encoder; a ridge regression over
   the elementwise product and absolute difference of the two vectors predicts Overall;
3. metrics: r of held-out predictions on the URL pairs (5 folds grouped by article) beside the
   cosine's, and r on ``pairs.csv`` (none of it seen) of the head and of the cosine, on the
   articles' titles and bodies; written with the command to ``src/samestory/data/head-use.json.gz``
   and ``head-use.metrics.json``. Train the scorer (``scripts/train_scorer.py``) afterwards.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SEMEVAL = ROOT.parent / "shared/data/semeval2022-task8"
OUT = ROOT / "src/samestory/data/head-use.json.gz"
METRICS = ROOT / "src/samestory/data/head-use.metrics.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", type=Path, default=SEMEVAL / "semeval-2022_task8_train-data_batch_2.csv")
    ap.add_argument("--pairs", type=Path, default=SEMEVAL / "pairs.csv")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--metrics", type=Path, default=METRICS)
    args = ap.parse_args(argv)
    for p in (args.labels, args.pairs):
        if not p.exists():
            sys.exit(f"training data missing: {p} (../shared is needed)")

    import sklearn

    from samestory.compare import train, train_head
    from samestory.config import EmbedConfig
    from samestory.embed import embed_articles, make_encoder

    t0 = time.time()
    scored = train.read_semeval(args.pairs)
    held = {a for p in scored for a in train.article_ids(p.pair_id)}
    pairs = train_head.read_url_pairs(args.labels, exclude_articles=held)
    encoder = make_encoder(EmbedConfig())
    texts = sorted({t for p in pairs for t in (p.words1, p.words2)})
    vec = dict(zip(texts, encoder.encode(texts)))
    u = np.array([vec[p.words1] for p in pairs])
    v = np.array([vec[p.words2] for p in pairs])
    y = np.array([p.overall for p in pairs])
    groups = train.groups_of(pairs)
    print(f"{len(pairs)} URL pairs ({len(held)} articles of {args.pairs.name} left out)", file=sys.stderr)

    metrics: dict[str, float] = {
        "url_pairs_cv_r_head": train_head.cross_validated_r(u, v, y, groups),
        "url_pairs_r_cosine": float(np.corrcoef(-(u * v).sum(1), y)[0, 1]),
    }
    info = {
        "trained_on": f"{args.labels.name} sha256:{train.file_digest(args.labels)}",
        "left_out": f"pairs sharing an article with {args.pairs.name} sha256:{train.file_digest(args.pairs)}",
        "pairs": len(pairs),
        "command": "python scripts/train_head.py",
        "model": f"Ridge(alpha={train_head.ALPHA}) over u*v and |u-v| of USE vectors of the URLs' words -> Overall",
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__},
    }
    head = train_head.fit_head(u, v, y, encoder=encoder.name, info=info)

    # how it carries over to article text: pairs.csv, none of which it was trained on
    keys = sorted({(t, lang) for p in scored for t, lang in ((p.text1, p.lang1), (p.text2, p.lang2))})
    vectors = dict(zip(keys, embed_articles(encoder, [None] * len(keys), [t.strip() or "." for t, _ in keys])))
    gold = np.array([p.labels[4] for p in scored])
    for part in ("title", "body"):
        a = [getattr(vectors[(p.text1, p.lang1)], part) for p in scored]
        b = [getattr(vectors[(p.text2, p.lang2)], part) for p in scored]
        metrics[f"pairs_csv_{part}_r_head"] = float(np.corrcoef([head.score(x, z) for x, z in zip(a, b)], gold)[0, 1])
        metrics[f"pairs_csv_{part}_r_cosine"] = float(np.corrcoef([-float(x @ z) for x, z in zip(a, b)], gold)[0, 1])
    info["metrics"] = {k: round(v, 4) for k, v in metrics.items()}  # the head keeps this same dict
    head.save(args.out)
    args.metrics.write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for k, val in info["metrics"].items():
        print(f"  {k:<28} {val:+.4f}")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB) in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
