"""Pairwise features computed from two analysed, embedded articles.

Every feature is symmetric (``f(a, b) == f(b, a)``): where a quantity belongs to one side it
enters as the smaller and the larger of the two values. So a scorer built on them gives the
same score whichever article comes first. A feature that cannot be computed (no dates on
either side, no vectors) is left out; the trained scorer reads an absent feature as missing.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from samestory.align.types import Alignment
from samestory.analyze.types import Analysis
from samestory.compare import lexical
from samestory.compare.evidence import date_key, match_quotes, number_key
from samestory.compare.head import SimilarityHead
from samestory.embed.vectors import Vectors
from samestory.ingest.article import Article

# Where each encoder's cosine says "unrelated" (lo) and "same story" (hi): measured USE values
# are about 0.13 for different events and 0.73 for the same event (docs/offline-models.md).
COSINE_RANGE = {"use": (0.15, 0.75), "hashing": (0.05, 0.60)}
SENTENCE_MATCH = (0.5, 0.7)  # sentence cosines counted as "about the same" and "saying the same"


@dataclass(frozen=True, slots=True)
class Side:
    """One article as the scorer sees it."""

    article: Article
    analysis: Analysis
    vectors: Vectors | None


@dataclass(slots=True)
class FeatureContext:
    """What feature extraction keeps between pairs (stemmers, the similarity heads by encoder
    name); create one per worker."""

    stemmers: lexical.Stemmers = field(default_factory=lexical.Stemmers)
    heads: dict[str, SimilarityHead] = field(default_factory=SimilarityHead.shipped)


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


def country_keys(an: Analysis) -> list[str]:
    return [k for k in place_keys(an) if k.startswith("country:")]


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


def _min_max(f: dict[str, float], name: str, x: float, y: float) -> None:
    f[f"{name}_min"], f[f"{name}_max"] = min(x, y), max(x, y)


def _sentence_features(f: dict[str, float], sa: np.ndarray, sb: np.ndarray) -> None:
    """How well the sentences of one article find a counterpart in the other (BERTScore-like)."""
    if not len(sa) or not len(sb):
        return
    sim = sa @ sb.T
    best_a, best_b = sim.max(axis=1), sim.max(axis=0)
    _min_max(f, "sent_best", float(best_a.mean()), float(best_b.mean()))
    for t in SENTENCE_MATCH:
        _min_max(f, f"sent_share_{int(t * 10)}", float((best_a > t).mean()), float((best_b > t).mean()))
    flat = np.sort(sim.ravel())
    f["sent_max"] = float(flat[-1])
    f["sent_top3"] = float(flat[-3:].mean())
    f["sent_mean"] = float(flat.mean())


def _title_coherence(v: Vectors) -> tuple[float, float]:
    """How well an article's title fits its own text: cosine with the body, and with the closest
    other sentence. A scraper that kept the headline but took a forum thread, a list of teasers
    or a notice for the body gives a low value, and then the text says little about the story
    the reader saw."""
    body = float(v.title @ v.body)
    rest = v.sentences[1:] if len(v.sentences) and np.array_equal(v.title, v.sentences[0]) else v.sentences
    return body, float((rest @ v.title).max()) if len(rest) else body


def _vector_features(f: dict[str, float], va: Vectors, vb: Vectors, ctx: FeatureContext) -> None:
    enc = va.encoder

    def put(name: str, value: float | None) -> None:
        if value is not None:
            f[name] = float(value)

    put("body_cosine", _cosine(va.body, vb.body))
    put("lead_cosine", _cosine(va.lead, vb.lead))
    put("title_cosine", _cosine(va.title, vb.title))
    put("body_semantic", _scaled(f.get("body_cosine"), enc))
    put("lead_semantic", _scaled(f.get("lead_cosine"), enc))
    put("title_semantic", _scaled(f.get("title_cosine"), enc))
    # a headline against the other article's lead: rewritten headlines still name the event
    cross = [c for c in (_cosine(va.title, vb.lead), _cosine(vb.title, va.lead)) if c is not None]
    if len(cross) == 2:
        _min_max(f, "title_lead", *cross)
    _sentence_features(f, va.sentences, vb.sentences)
    if va.lead2 is not None and vb.lead2 is not None and va.lead2_encoder == vb.lead2_encoder:
        put("lead2_cosine", _cosine(va.lead2, vb.lead2))
    head = ctx.heads.get(enc)
    if head is not None:  # the learned similarity (compare.head): lower = more alike, like the scores
        for part in ("title", "lead", "body"):
            f[f"learned_{part}"] = head.score(getattr(va, part), getattr(vb, part))
    (body_a, rest_a), (body_b, rest_b) = _title_coherence(va), _title_coherence(vb)
    _min_max(f, "title_body", body_a, body_b)
    _min_max(f, "title_rest", rest_a, rest_b)
    # how much of each text is a site's notices: the scorer trusts a pair less as it grows
    if va.furniture is not None and vb.furniture is not None:
        _min_max(f, "furniture", va.furniture, vb.furniture)


def _lexical_features(f: dict[str, float], a: Side, b: Side, ctx: FeatureContext) -> None:
    ta, tb = a.article.text, b.article.text
    la, lb = a.analysis.language, b.analysis.language
    if la == lb:  # stems only compare within a language
        value = lexical.cosine(lexical.content_words(ta, la, ctx.stemmers), lexical.content_words(tb, lb, ctx.stemmers))
        if value is not None:
            f["content_cosine"] = value
    for name, value in (
        ("names_dice", lexical.dice(lexical.names(ta), lexical.names(tb))),
        ("ngram_cosine", lexical.cosine(lexical.char_ngrams(ta), lexical.char_ngrams(tb))),
    ):
        if value is not None:
            f[name] = value


def pair_features(a: Side, b: Side, alignment: Alignment, ctx: FeatureContext | None = None) -> dict[str, float]:
    """All features of a pair (see the module docstring)."""
    ctx = ctx or FeatureContext()
    f: dict[str, float] = {}
    ea, eb = a.analysis, b.analysis

    def put(name: str, value: float | None) -> None:
        if value is not None:
            f[name] = float(value)

    def keys(an: Analysis, labels: tuple[str, ...]) -> list[str]:
        return [e.key for e in an.entities if e.label in labels]

    put("people", set_similarity(keys(ea, ("PERSON",)), keys(eb, ("PERSON",))))
    put("organisations", set_similarity(keys(ea, ("ORG",)), keys(eb, ("ORG",))))
    put("entities", set_similarity(keys(ea, ("PERSON", "ORG")), keys(eb, ("PERSON", "ORG"))))
    put("places", set_similarity(place_keys(ea), place_keys(eb)))
    put("countries", set_similarity(country_keys(ea), country_keys(eb)))
    put("dates", set_similarity([date_key(d) for d in ea.dates], [date_key(d) for d in eb.dates]))
    nkey = number_key(ea, eb)
    put("numbers", set_similarity([nkey(n) for n in ea.numbers], [nkey(n) for n in eb.numbers]))
    if ea.quotes and eb.quotes:
        f["quotes"] = len(match_quotes(ea.quotes, eb.quotes)) / min(len(ea.quotes), len(eb.quotes))
    _min_max(f, "n_names", math.log1p(len(ea.entities) + len(ea.places)), math.log1p(len(eb.entities) + len(eb.places)))
    _min_max(f, "n_dates", math.log1p(len(ea.dates)), math.log1p(len(eb.dates)))

    da, db = a.article.published_date, b.article.published_date
    if da and db:
        f["days_apart"] = float(abs((da - db).days))
        f["publication"] = math.exp(-abs((da - db).days) / 3.0)

    if a.vectors is not None and b.vectors is not None:
        _vector_features(f, a.vectors, b.vectors, ctx)
    _lexical_features(f, a, b, ctx)

    wa, wb = len(a.article.text.split()), len(b.article.text.split())
    cover = (alignment.a_coverage, alignment.b_coverage)
    if wa == wb:  # a tie must not depend on the order of the two articles
        cover = (max(cover), min(cover))
    f["reuse_shorter"], f["reuse_longer"] = cover if wa <= wb else cover[::-1]
    # only the ratio of the lengths: absolute lengths would let a model trained on SemEval's
    # 1,000-character extracts extrapolate on whole articles
    f["length_ratio"] = _ratio(wa, wb)
    f["same_language"] = 1.0 if ea.language == eb.language else 0.0

    sa, sb = style_profile(a.article, ea), style_profile(b.article, eb)
    for k in sa:
        f[f"style_{k}"] = _ratio(sa[k], sb[k])
    f["style_profile"] = sum(_ratio(sa[k], sb[k]) for k in sa) / len(sa)
    return f
