"""The HTTP service's request and response shapes (pydantic), which make its OpenAPI spec.

Responses are built by the same ``to_dict`` methods as the CLI's ``--json`` output and sent as
they are; the response models here document them, and the tests check every answer against them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# what may go with each way of giving an article
_FORMS: dict[str, frozenset[str]] = {
    "text": frozenset({"title", "url", "published", "outlet", "language", "id"}),
    "raw": frozenset({"name"}),
    "raw_base64": frozenset({"name"}),
    "article_id": frozenset(),
}


class ArticleIn(BaseModel):
    """One article, given in one of four ways: its fields (``text`` required, the rest optional),
    ``raw`` file contents read exactly as the plain-text reader reads a file, ``raw_base64`` file
    bytes (the encoding is detected and ``name``'s extension tells the format, as for a file on
    disk), or ``article_id``, the store id of a stored article."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="the body text (fields form)")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="publication date or time, ISO 8601 or as written")
    outlet: str | None = Field(None, description="the outlet; found from url when not given")
    language: str | None = Field(None, description="ISO 639-1; detected when not given")
    id: str | int | None = Field(None, description="the article's own id (fields form); else a hash of the content")
    raw: str | None = Field(None, description="a file's contents, read as `samestory read` reads the file")
    raw_base64: str | None = Field(None, description="a file's bytes, base64-encoded")
    name: str | None = Field(None, description="file name of raw or raw_base64: the article's source")
    article_id: int | None = Field(None, description="the store id of a stored article", ge=1)

    @model_validator(mode="after")
    def _one_form(self) -> ArticleIn:
        given = [f for f in _FORMS if getattr(self, f) is not None]
        if len(given) != 1:
            raise ValueError(
                "an article needs exactly one of text (with optional title, url, published, outlet, language, "
                f"id), raw, raw_base64 or article_id; got {', '.join(given) or 'none'}"
            )
        form = given[0]
        extra = sorted(f for f in self.model_fields_set - _FORMS[form] - {form} if getattr(self, f) is not None)
        if extra:
            raise ValueError(f"{', '.join(extra)} cannot go with {form}")
        return self


class PairIn(BaseModel):
    """Two articles to compare or align."""

    model_config = ConfigDict(extra="forbid")

    a: ArticleIn
    b: ArticleIn


# -- responses -----------------------------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorOut(_Out):
    error: str = Field(description="a short code: invalid-input, not-found, unauthorized, too-large, ...")
    message: str
    details: list[dict[str, Any]] | None = None


class ArticleSummaryOut(_Out):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str
    credits: list[str]
    url: str | None
    byline: str | None
    source: str | None
    words: int
    furniture: float | None = Field(
        None,
        description="share of the sentences that read like a site's notices (cookie wall, captcha, paywall); "
        "null where the encoder cannot tell; absent where the texts were not embedded (align)",
    )


class EvidenceItemOut(_Out):
    key: str
    name: str
    label: str
    b_name: str | None = None
    a: list[list[int]] = Field(description="(start, end) spans in a's text")
    b: list[list[int]]


class EvidenceGroupOut(_Out):
    shared: list[EvidenceItemOut]
    only_a: list[EvidenceItemOut]
    only_b: list[EvidenceItemOut]


class EvidenceOut(_Out):
    people: EvidenceGroupOut
    organisations: EvidenceGroupOut
    places: EvidenceGroupOut
    dates: EvidenceGroupOut
    numbers: EvidenceGroupOut
    quotes: EvidenceGroupOut


class EditOut(_Out):
    op: str
    kind: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str


class PassageOut(_Out):
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float
    edits: list[EditOut]
    a_text: str
    b_text: str


class SentenceOut(_Out):
    start: int
    end: int
    text: str
    coverage: float


class ReuseOut(_Out):
    a_coverage: float
    b_coverage: float


class TextsOut(_Out):
    a: str
    b: str


Dimension = Literal["Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone"]


class CompareOut(_Out):
    """Exactly ``samestory compare --json``; ``texts`` only with ``?texts=true``."""

    same_story: bool
    dimensions: dict[Dimension, float] = Field(description="1 = most similar ... 4 = least")
    scorer: str
    a: ArticleSummaryOut
    b: ArticleSummaryOut
    evidence: EvidenceOut
    passages: list[PassageOut]
    only_a: list[SentenceOut]
    only_b: list[SentenceOut]
    reuse: ReuseOut
    features: dict[str, float]
    texts: TextsOut | None = Field(None, description="the clean texts the offsets index (?texts=true)")


class SideDerivationOut(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    class_: Literal["wholly", "partially", "none"] = Field(alias="class")
    coverage: float
    words: int
    shared_words: int
    longest_passage_words: int


class DerivationOut(_Out):
    a: SideDerivationOut
    b: SideDerivationOut
    thresholds: dict[str, float]


class CueOut(_Out):
    side: str
    start: int
    end: int
    text: str


class ReasonOut(_Out):
    kind: str
    favours: Literal["a", "b", "common"]
    weight: float
    detail: str
    cues: list[CueOut]


class ProvenanceOut(_Out):
    verdict: str = Field(description="a, b, common or unknown")
    confidence: float
    earlier_version: str | None
    common_source: str | None
    summary: str
    totals: dict[str, float]
    reasons: list[ReasonOut]


class AlignOut(_Out):
    """Exactly ``samestory align --json``; ``texts`` only with ``?texts=true``."""

    a: ArticleSummaryOut
    b: ArticleSummaryOut
    passages: list[PassageOut]
    only_a: list[SentenceOut]
    only_b: list[SentenceOut]
    reuse: ReuseOut
    derivation: DerivationOut
    provenance: ProvenanceOut
    texts: TextsOut | None = None


class StoredSummaryOut(_Out):
    id: int
    external_id: str
    title: str | None
    outlet: str | None
    published: str | None
    day: str
    language: str | None
    url: str | None


class StoredArticleOut(StoredSummaryOut):
    content_hash: str
    text: str
    source: str | None
    metadata: dict[str, Any]
    ingested_at: str
    story: int | None = Field(description="the story the article is in, if any")


class ArticleListOut(_Out):
    articles: list[StoredSummaryOut]
    total: int
    next_after: int | None = Field(description="pass as ?after= for the next page; null at the end")


class AddedOut(_Out):
    status: Literal["added", "duplicate"]
    id: int
    external_id: str


class IngestOut(_Out):
    results: list[AddedOut]
    added: int
    duplicates: int
    store: dict[str, int]


class SimilarItemOut(_Out):
    article: StoredSummaryOut
    story: int | None
    same_story: bool = Field(description="in the target's story")
    score: float = Field(description="the larger of the blended cosine and the MinHash Jaccard estimate")
    cosine: float = Field(description="TF-IDF cosine of the clustering features")
    jaccard: float = Field(description="MinHash estimate of shared word shingles")
    vector: float | None = Field(description="title+lead vector cosine, when the features have vectors")
    near_duplicate: bool
    dimensions: dict[Dimension, float] | None = Field(None, description="the seven dimensions (?dimensions=true)")


class SimilarOut(_Out):
    """Exactly ``samestory similar ID --json`` (with ``dimensions`` on request)."""

    article: StoredSummaryOut
    stored: bool
    story: int | None
    story_link: float | None
    pool: int = Field(description="articles searched")
    candidates: int = Field(description="articles scored")
    similar: list[SimilarItemOut]


class CountOut(_Out):
    outlet: str | None = None
    language: str | None = None
    articles: int


class DayOut(_Out):
    day: str
    articles: int


class StoryOut(_Out):
    """A story as ``samestory stories --json`` shows it, without its articles."""

    id: int
    label: str | None = Field(description="the headline of its most central article, set by the stories stage")
    size: int
    first_seen: str | None
    last_seen: str | None
    outlets: list[CountOut]
    languages: list[CountOut]
    timeline: list[DayOut] = Field(description="articles a day")


class StoryListOut(_Out):
    stories: list[StoryOut]
    total: int


class StoryDetailOut(StoryOut):
    """Exactly ``samestory story ID --json``."""

    articles: list[StoredSummaryOut] = Field(description="oldest first")
    merged_from: int | None = Field(description="the id asked for, when that story was merged into this one")


class HealthOut(_Out):
    status: Literal["ok"]
    version: str
    models: Literal["loaded", "loading", "lazy"]
    store: str
    articles: int
    stories: int
    pending: int = Field(description="comparisons queued or running")
