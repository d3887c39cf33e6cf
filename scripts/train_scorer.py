"""Train the seven-dimension scorer on SemEval-2022 Task 8 and write the committed model.

    python scripts/train_head.py       # first, when the similarity head changes
    python scripts/train_scorer.py [--data ../shared/data/semeval2022-task8/pairs.csv]
                                   [--cache .cache/scorer-features.pkl] [--n-process 2]

1. every pair's articles go through the real pipeline (analysis, embedding, alignment,
   ``compare.features.pair_features``), features cached in ``--cache`` (not committed);
2. five-fold cross-validation grouped by article gives held-out predictions and their Pearson
   correlations (per dimension, per language pair, same- vs cross-language);
3. the models of each dimension (gradient-boosted trees, a ridge regression and an additive
   spline model; their mean is the score, pulled to the mean for texts of site notices) are
   fitted on all pairs but three scraping failures and written as gzipped JSON to
   ``src/samestory/data/scorer.json.gz``, with the command, the data digest and the metrics
   in ``src/samestory/data/scorer.metrics.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared/data/semeval2022-task8/pairs.csv"
OUT = ROOT / "src/samestory/data/scorer.json.gz"
METRICS = ROOT / "src/samestory/data/scorer.metrics.json"


def make_featurizer(n_process: int):
    """A function from labelled pairs to their feature dicts, through the real pipeline."""
    from samestory.align import align_texts
    from samestory.api import Samestory
    from samestory.compare.features import FeatureContext, pair_features
    from samestory.config import AnalyzeConfig, Settings
    from samestory.ingest.article import Article, content_id

    ss = Samestory(Settings(analyze=AnalyzeConfig(n_process=n_process, batch_size=32)))
    ctx = FeatureContext()

    def featurize(pairs: Sequence) -> list[dict[str, float]]:
        articles: dict[tuple[str, str | None], Article] = {}
        for p in pairs:
            for text, lang in ((p.text1, p.lang1), (p.text2, p.lang2)):
                key = (text, lang)
                if key not in articles:
                    body = text.strip() or "."  # a few SemEval texts are empty after scraping
                    articles[key] = Article(id=content_id(None, body), text=body, language=lang or None)
        keys = list(articles)
        sides = dict(zip(keys, ss.prepare([articles[k] for k in keys])))
        out = []
        for p in pairs:
            a, b = sides[(p.text1, p.lang1)], sides[(p.text2, p.lang2)]
            sents = ([(s.start, s.end) for s in a.analysis.sentences], [(s.start, s.end) for s in b.analysis.sentences])
            alignment = align_texts(a.article.text, b.article.text, a_sentences=sents[0], b_sentences=sents[1])
            out.append(pair_features(a, b, alignment, ctx))
        return out

    return featurize


def head_version() -> str:
    """The features include the similarity head's scores: new weights mean new features."""
    from samestory.compare.head import SimilarityHead

    return f"head-use:{SimilarityHead.load(ROOT / 'src/samestory/data/head-use.json.gz').digest()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--cache", type=Path, default=ROOT / ".cache/scorer-features.pkl")
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--metrics", type=Path, default=METRICS)
    ap.add_argument(
        "--drop",
        action="append",
        default=[],
        metavar="FEATURE",
        help="leave a feature out (repeatable); the model for lead_encoder = 'none' is trained with "
        "--drop lead2_cosine --out src/samestory/data/scorer-without-lead2.json.gz "
        "--metrics src/samestory/data/scorer-without-lead2.metrics.json",
    )
    args = ap.parse_args(argv)
    if not args.data.exists():
        sys.exit(f"training data missing: {args.data} (../shared is needed)")

    import sklearn

    from samestory.compare import train
    from samestory.compare.types import DIMENSIONS

    t0 = time.time()
    pairs = train.read_semeval(args.data)
    groups = train.groups_of(pairs)
    version = head_version()
    feats = train.compute_features(pairs, make_featurizer(args.n_process), cache=args.cache, version=version)
    names, X = train.feature_matrix(feats)
    unknown = sorted(set(args.drop) - set(names))
    if unknown:
        sys.exit(f"no such feature: {', '.join(unknown)}")
    kept = [i for i, n in enumerate(names) if n not in args.drop]
    names, X = [names[i] for i in kept], X[:, kept]
    Y = np.array([p.labels for p in pairs])
    langs = [f"{p.lang1}-{p.lang2}" for p in pairs]
    print(f"{len(pairs)} pairs, {len(set(groups.tolist()))} article groups, {len(names)} features", file=sys.stderr)

    oof = train.cross_validate(X, Y, groups, names)
    metrics = train.correlations(oof, Y, langs)
    info = {
        "trained_on": f"{args.data.name} sha256:{train.file_digest(args.data)}",
        "pairs": len(pairs),
        "article_groups": len(set(groups.tolist())),
        "command": " ".join(["python scripts/train_scorer.py", *(sys.argv[1:] if argv is None else argv)]),
        "features_dropped": sorted(args.drop),
        "model": {
            "kind": "per dimension, the mean of HistGradientBoostingRegressor (raw features), Ridge "
            "(standardised features, median-imputed, missing-value indicators, clipped to the training range) "
            "and Ridge over those and their cubic spline basis (an additive model); then pulled towards the "
            "training mean by the furniture share",
            "params": train.HGB_PARAMS,
            "ridge_alpha": train.RIDGE_ALPHA,
            "spline_knots": train.SPLINE_KNOTS,
            "shrink": {"feature": train.SHRINK_FEATURE, "weight": train.SHRINK_WEIGHT, "offset": train.SHRINK_OFFSET},
            "left_out_of_training": f"pairs with reuse_longer >= {train.FURNITURE_REUSE} (scraping failures)",
            "monotonic_decreasing_in": [n for n, c in zip(names, train.monotonic_constraints(names)) if c < 0],
            "monotonic_increasing_in": [n for n, c in zip(names, train.monotonic_constraints(names)) if c > 0],
        },
        "features_version": train.FEATURES_VERSION,
        "similarity_head": version,
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__},
        "cv": {"folds": train.FOLDS, "grouped_by": "article (pairs sharing an article or translations of one pair)"},
        "metrics": metrics,
    }
    model = train.fit(X, Y, names, info=info)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    args.metrics.write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    print(f"\nheld-out Pearson r ({train.FOLDS}-fold, grouped by article):")
    for d in DIMENSIONS:
        print(f"  {d:<10} {metrics['dimensions'][d]:.4f}")
    for k, v in metrics["overall_same_vs_cross"].items():
        print(f"  Overall, {k:<15} {v:.4f}")
    print(f"\nwrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB) and {args.metrics} in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
