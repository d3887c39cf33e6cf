"""Pairwise features in [0, 1] (1 = alike), computed from two analysed, embedded articles."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from samestory.align.types import Alignment
from samestory.analyze.types import Analysis
from samestory.compare.evidence import date_key, match_quotes, number_key
from samestory.embed.vectors import Vectors
from samestory.ingest.article import Article

# Where each encoder's cosine says "unrelated" (lo) and "same story" (hi): measured USE values
# are about 0.13 for different events and 0.73 for the same event (docs/offline-models.md).
COSINE_RANGE = {"use": (0.15, 0.75), "hashing": (0.05, 0.60)}


@dataclass(frozen=True, slots=True)
class Side:
    """One article as the scorer sees it."""

    article: Article
    analysis: Analysis
    vectors: Vectors | None


def _weights(keys: Iterable[str]) -> dict[str, float]:
    # a key mentioned often matters more, with diminishing returns
    return {k: 1.0 + math.log(c) for k, c in Counter(keys).items()}


def set_similarity(a_keys: Iterable[str], b_keys: Iterable[str]) -> float | None:
    """Mean of weighted Dice and weighted overlap coefficient; ``None`` when both sides are empty.

    Dice alone punishes a short reprint for what it cut; the overlap coefficient alone calls any
    article with one shared name a match; their mean sits between.
    """
    wa, wb = _weights(a_keys), _weights(b_keys)
    if not wa and not wb:
        return None
    if not wa or not wb:
        return 0.0
    shared = sum(min(wa[k], wb[k]) for k in wa.keys() & wb.keys())
    sa, sb = sum(wa.values()), sum(wb.values())
    return 0.5 * (2 * shared / (sa + sb)) + 0.5 * (shared / min(sa, sb))


def place_keys(an: Analysis) -> list[str]:
    """Places and the countries they lie in, plus the places demonyms name (``norp:AM`` ->
    ``country:AM``, ``norp:region:kurdistan`` -> ``region:kurdistan``)."""
    keys = [p.key for p in an.places]
    keys += [f"country:{p.country}" for p in an.places if p.country and p.kind != "country"]
    for e in an.entities:
        if e.label == "NORP" and e.source == "gazetteer":
            ref = e.key.split(":", 1)[1]
            keys.append(f"country:{ref}" if len(ref) == 2 and ref.isupper() else ref)
    return keys


def _cosine(u: np.ndarray, v: np.ndarray) -> float | None:
    nu, nv = float(np.linalg.norm(u)), float(np.linalg.norm(v))
    if nu == 0.0 or nv == 0.0:
        return None
    return float(u @ v) / (nu * nv)


def _scaled(cos: float | None, encoder: str) -> float | None:
    if cos is None:
        return None
    lo, hi = COSINE_RANGE.get(encoder, (0.0, 1.0))
    return min(1.0, max(0.0, (cos - lo) / (hi - lo)))


def _ratio(x: float, y: float) -> float:
    if x <= 0 and y <= 0:
        return 1.0
    return min(x, y) / max(x, y)


def style_profile(article: Article, an: Analysis) -> dict[str, float]:
    text = article.text
    n_sent = max(1, len(an.sentences))
    words = max(1, len(text.split()))
    paragraphs = max(1, len({s.paragraph for s in an.sentences}))
    quoted = sum(q.end - q.start for q in an.quotes)
    return {
        "sentence_words": words / n_sent,
        "paragraph_sentences": n_sent / paragraphs,
        "quote_share": quoted / max(1, len(text)),
        "number_rate": len(an.numbers) / words * 100,
        "name_rate": (len(an.entities) + len(an.places)) / words * 100,
    }


def pair_features(a: Side, b: Side, alignment: Alignment) -> dict[str, float]:
    """All features of a pair; a feature that cannot be computed (no dates on either side...) is absent."""
    f: dict[str, float] = {}
    ea, eb = a.analysis, b.analysis

    def put(name: str, value: float | None) -> None:
        if value is not None:
            f[name] = float(value)

    put(
        "people",
        set_similarity(
            [e.key for e in ea.entities if e.label == "PERSON"], [e.key for e in eb.entities if e.label == "PERSON"]
        ),
    )
    put(
        "organisations",
        set_similarity(
            [e.key for e in ea.entities if e.label == "ORG"], [e.key for e in eb.entities if e.label == "ORG"]
        ),
    )
    put(
        "entities",
        set_similarity(
            [e.key for e in ea.entities if e.label in ("PERSON", "ORG")],
            [e.key for e in eb.entities if e.label in ("PERSON", "ORG")],
        ),
    )
    put("places", set_similarity(place_keys(ea), place_keys(eb)))
    put("dates", set_similarity([date_key(d) for d in ea.dates], [date_key(d) for d in eb.dates]))
    nkey = number_key(ea, eb)
    put("numbers", set_similarity([nkey(n) for n in ea.numbers], [nkey(n) for n in eb.numbers]))
    if ea.quotes and eb.quotes:
        f["quotes"] = len(match_quotes(ea.quotes, eb.quotes)) / min(len(ea.quotes), len(eb.quotes))

    da, db = a.article.published_date, b.article.published_date
    if da and db:
        f["days_apart"] = float(abs((da - db).days))
        f["publication"] = math.exp(-abs((da - db).days) / 3.0)

    if a.vectors is not None and b.vectors is not None:
        enc = a.vectors.encoder
        put("body_cosine", _cosine(a.vectors.body, b.vectors.body))
        put("lead_cosine", _cosine(a.vectors.lead, b.vectors.lead))
        put("title_cosine", _cosine(a.vectors.title, b.vectors.title))
        put("body_semantic", _scaled(f.get("body_cosine"), enc))
        put("lead_semantic", _scaled(f.get("lead_cosine"), enc))
        put("title_semantic", _scaled(f.get("title_cosine"), enc))

    wa, wb = len(a.article.text.split()), len(b.article.text.split())
    f["a_coverage"], f["b_coverage"] = alignment.a_coverage, alignment.b_coverage
    f["reuse_shorter"] = alignment.a_coverage if wa <= wb else alignment.b_coverage
    f["reuse_longer"] = alignment.b_coverage if wa <= wb else alignment.a_coverage
    f["length_ratio"] = _ratio(wa, wb)
    f["same_language"] = 1.0 if ea.language == eb.language else 0.0

    sa, sb = style_profile(a.article, ea), style_profile(b.article, eb)
    f["style_profile"] = sum(_ratio(sa[k], sb[k]) for k in sa) / len(sa)
    return f
