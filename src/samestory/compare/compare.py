"""Compare two analysed articles: align, gather evidence, score."""

from __future__ import annotations

from samestory.align import align_texts
from samestory.compare.evidence import gather_evidence
from samestory.compare.features import FeatureContext, Side, pair_features
from samestory.compare.scorers import Scorer, scorers
from samestory.compare.types import ArticleSummary, Comparison
from samestory.config import AlignConfig, CompareConfig


def summarize(side: Side) -> ArticleSummary:
    art, an = side.article, side.analysis
    credits = list(art.credits)
    for c in an.credits:
        if c.where == "credit" and c.agency not in credits:
            credits.append(c.agency)
    return ArticleSummary(
        id=art.id,
        title=art.title,
        outlet=art.outlet,
        published=art.published.isoformat() if art.published else None,
        language=an.language,
        credits=tuple(credits),
        url=art.url,
        byline=art.byline,
        source=art.source,
        words=len(art.text.split()),
        furniture=side.vectors.furniture if side.vectors is not None else None,
    )


def compare_sides(
    a: Side,
    b: Side,
    *,
    scorer: Scorer | None = None,
    config: CompareConfig | None = None,
    align_config: AlignConfig | None = None,
    context: FeatureContext | None = None,
) -> Comparison:
    """The full comparison of two prepared articles (analysis and vectors already computed).
    ``context`` keeps stemmers and the similarity heads between calls: pass one when comparing
    many pairs."""
    config = config or CompareConfig()
    scorer = scorer or scorers.create("formula")
    alignment = align_texts(
        a.article.text,
        b.article.text,
        config=align_config,
        a_sentences=[(s.start, s.end) for s in a.analysis.sentences],
        b_sentences=[(s.start, s.end) for s in b.analysis.sentences],
    )
    features = pair_features(a, b, alignment, context)
    dims = scorer.score(features)
    return Comparison(
        same_story=dims.overall <= config.same_story_max,
        dimensions=dims,
        a=summarize(a),
        b=summarize(b),
        evidence=gather_evidence(a.analysis, b.analysis),
        alignment=alignment,
        features=features,
        scorer=scorer.name,
    )
