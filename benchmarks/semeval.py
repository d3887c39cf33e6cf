"""SemEval-2022 Task 8: held-out Pearson r of the trained scorer, beside baselines in the same run.

    python benchmarks/semeval.py [--data ../shared/data/semeval2022-task8/pairs.csv]
                                 [--cache .cache/scorer-features.pkl]

Five-fold cross-validation grouped by article (no article on both sides of a split), with the
model settings of ``scripts/train_scorer.py``; features come from the real pipeline (cached in
``--cache``, computed when absent). Baselines, scored on the same pairs:
  * TF-IDF cosine: word unigrams and bigrams, fitted on all texts of the file;
  * embedding cosine: the cosine of the two body vectors (USE), the model's strongest feature.
A cosine c is mapped to the 1-4 scale as 4 - 3c (more similar = lower), so every r is positive
when a method agrees with the annotators.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from _common import git_rev, machine
from train_scorer import DATA, ROOT, head_version, make_featurizer


def tfidf_cosines(pairs) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = sorted({t for p in pairs for t in (p.text1, p.text2)})
    index = {t: i for i, t in enumerate(texts)}
    m = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1).fit_transform(texts)
    a = m[[index[p.text1] for p in pairs]]
    b = m[[index[p.text2] for p in pairs]]
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()  # rows are L2-normalised


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--cache", type=Path, default=ROOT / ".cache/scorer-features.pkl")
    ap.add_argument("--n-process", type=int, default=2)
    args = ap.parse_args(argv)
    if not args.data.exists():
        sys.exit(f"benchmark data missing: {args.data} (../shared is needed)")

    from samestory.compare import train
    from samestory.compare.types import DIMENSIONS

    pairs = train.read_semeval(args.data)
    groups = train.groups_of(pairs)
    feats = train.compute_features(pairs, make_featurizer(args.n_process), cache=args.cache, version=head_version())
    names, X = train.feature_matrix(feats)
    Y = np.array([p.labels for p in pairs])
    langs = [f"{p.lang1}-{p.lang2}" for p in pairs]

    methods = {
        "samestory trained": train.cross_validate(X, Y, groups, names),
        "TF-IDF cosine": np.repeat((4 - 3 * tfidf_cosines(pairs))[:, None], len(DIMENSIONS), axis=1),
        "embedding cosine": np.repeat(
            (4 - 3 * np.nan_to_num(X[:, names.index("body_cosine")], nan=0.0))[:, None], len(DIMENSIONS), axis=1
        ),
    }
    results = {name: train.correlations(pred, Y, langs) for name, pred in methods.items()}

    print(f"machine: {machine()}; commit {git_rev()}")
    print(
        f"data: {args.data.name}, {len(pairs)} pairs, {len(set(groups.tolist()))} article groups; "
        f"{train.FOLDS}-fold CV grouped by article\n"
    )
    cols = list(methods)
    print(f"{'Pearson r':<22}" + "".join(f"{c:>20}" for c in cols))
    for d in DIMENSIONS:
        print(f"{d:<22}" + "".join(f"{results[c]['dimensions'][d]:>20.4f}" for c in cols))
    for k in ("same_language", "cross_language"):
        print(f"{'Overall, ' + k:<22}" + "".join(f"{results[c]['overall_same_vs_cross'][k]:>20.4f}" for c in cols))
    print("\nOverall by language pair")
    counts = results[cols[0]]["pairs_by_language"]
    for lp in sorted(counts):
        row = "".join(f"{results[c]['overall_by_language'][lp]:>20.4f}" for c in cols)
        print(f"{lp + f' ({counts[lp]})':<22}" + row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
