"""Scorers turn pair features into the seven SemEval dimensions (1 = most similar ... 4 = least)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from samestory.compare.types import DIMENSIONS, Dimensions
from samestory.registry import Registry


class Scorer(Protocol):
    name: str

    def score(self, features: Mapping[str, float]) -> Dimensions:
        """Dimensions for one pair from ``compare.features.pair_features`` output."""
        ...


scorers: Registry[Scorer] = Registry("scorer")

REUSE_FULL = 0.8  # when 80% of the shorter article is copied from the other, it is a reprint


def to_scale(similarity: float) -> float:
    """Map a similarity in [0, 1] to the SemEval scale: 1.0 -> 1 (most similar), 0.0 -> 4."""
    return 1.0 + 3.0 * (1.0 - min(1.0, max(0.0, similarity)))


def _first(f: Mapping[str, float], *names: str, default: float = 0.0) -> float:
    for n in names:
        if n in f:
            return f[n]
    return default


def _mean(*vals: float | None) -> float:
    xs = [v for v in vals if v is not None]
    return sum(xs) / len(xs) if xs else 0.0


@scorers.register("formula")
class FormulaScorer:
    """A transparent, hand-set formula; every weight is written here.

    * reuse = share of the shorter article inside shared passages, reaching 1 at ``REUSE_FULL``;
    * meaning = semantic similarity of the bodies (encoder cosine rescaled to 0-1), the leads
      and titles counting less;
    * Geography, Entities, Time = overlap of places (with their countries), of people and
      organisations, of dates (with the publication gap), falling back on meaning when neither
      article names any;
    * Narrative = the larger of reuse and meaning; Overall = the larger of reuse and a blend of
      the other dimensions;
    * Style and Tone are proxies: reuse (copied text keeps style and tone) against meaning and
      the match of simple style statistics.
    """

    name = "formula"

    def __init__(self, **_: object) -> None:
        pass

    def score(self, features: Mapping[str, float]) -> Dimensions:
        f = features
        reuse = min(1.0, f.get("reuse_shorter", 0.0) / REUSE_FULL)
        meaning = _mean(f.get("body_semantic"), f.get("body_semantic"), f.get("lead_semantic"), f.get("title_semantic"))
        geo = max(_first(f, "places", default=meaning), reuse)
        ent = max(_first(f, "entities", default=meaning), reuse)
        dates = f.get("dates")
        pub = f.get("publication")
        time = max(_mean(dates, pub) if (dates is not None or pub is not None) else meaning, reuse)
        narrative = max(reuse, meaning)
        blend = 0.4 * meaning + 0.2 * ent + 0.2 * geo + 0.2 * time
        overall = max(reuse, blend)
        style = max(reuse, 0.5 * meaning + 0.5 * f.get("style_profile", 0.0))
        tone = max(reuse, 0.7 * meaning + 0.3 * f.get("style_profile", 0.0))
        return Dimensions(
            geography=to_scale(geo),
            entities=to_scale(ent),
            time=to_scale(time),
            narrative=to_scale(narrative),
            overall=to_scale(overall),
            style=to_scale(style),
            tone=to_scale(tone),
        )


@scorers.register("trained")
class TrainedScorer:
    """The gradient-boosted model trained on SemEval-2022 Task 8 (``scripts/train_scorer.py``).

    ``model`` is a path to another model file in the same format, used for every pair; by
    default the one shipped in ``samestory/data/scorer.json.gz``, whose training command and
    held-out metrics are in ``scorer.metrics.json`` beside it. Pairs without ``lead2_cosine``
    (articles embedded with ``lead_encoder = "none"``) then go to the model shipped for them,
    trained without that feature (``scorer-without-lead2.json.gz``: held-out Overall 0.794,
    against 0.784 for the main model reading the feature as missing). Models load on first use.
    """

    name = "trained"

    def __init__(self, *, model: str | None = None, **_: object) -> None:
        self._path = model
        self._model = None
        self._without_lead2 = None

    @property
    def model(self):
        """The main model (or the one given as ``model``)."""
        if self._model is None:
            from samestory.compare.model import ScorerModel

            self._model = ScorerModel.load(self._path)
        return self._model

    def model_for(self, features: Mapping[str, float]):
        """The model that scores these features."""
        if self._path is not None or "lead2_cosine" in features:
            return self.model
        if self._without_lead2 is None:
            from samestory.compare.model import SHIPPED_WITHOUT_LEAD2, ScorerModel

            self._without_lead2 = ScorerModel.load(shipped=SHIPPED_WITHOUT_LEAD2)
        return self._without_lead2

    def score(self, features: Mapping[str, float]) -> Dimensions:
        model = self.model_for(features)
        pred = model.predict(model.vector(features))
        return Dimensions(*(float(pred[d][0]) for d in DIMENSIONS))
