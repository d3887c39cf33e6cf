"""One validated, keyword-only config per stage, and the one place that builds them.

The CLI, the HTTP service and a TOML config file all map into ``Settings`` through
``build_settings``; no other module reads options.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samestory.errors import ConfigError


def _check(cond: bool, msg: str) -> None:
    if not cond:
        raise ConfigError(msg)


@dataclass(frozen=True, kw_only=True, slots=True)
class FieldMap:
    """Which field of a JSON Lines record or CSV row holds each article attribute."""

    id: str = "id"
    title: str = "title"
    text: str = "text"
    url: str = "url"
    published: str = "published"
    outlet: str = "outlet"
    language: str = "language"

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            _check(isinstance(v, str) and v != "", f"field map {f.name!r} must be a non-empty string, got {v!r}")


@dataclass(frozen=True, kw_only=True, slots=True)
class IngestConfig:
    """How inputs are read. ``format`` is ``auto`` (by extension and content), ``text``,
    ``jsonl``, ``csv`` or ``html``; ``encoding`` forces a codec instead of detecting one.
    ``max_bytes`` bounds one article: a text or HTML file, or one record's text; a records file
    (JSON Lines, CSV), which holds many, is bounded by ``max_file_bytes`` (it is read whole:
    memory is about three times its size)."""

    max_bytes: int = 5_000_000
    max_file_bytes: int = 2_000_000_000
    format: str = "auto"
    encoding: str | None = None
    fields: FieldMap = field(default_factory=FieldMap)
    csv_delimiter: str | None = None

    def __post_init__(self) -> None:
        _check(self.max_bytes > 0, f"max_bytes must be positive, got {self.max_bytes}")
        _check(self.max_file_bytes > 0, f"max_file_bytes must be positive, got {self.max_file_bytes}")
        _check(
            self.format in ("auto", "text", "jsonl", "csv", "html"),
            f"format must be auto, text, jsonl, csv or html, got {self.format!r}",
        )
        _check(
            self.csv_delimiter is None or len(self.csv_delimiter) == 1,
            f"csv_delimiter must be one character, got {self.csv_delimiter!r}",
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class AnalyzeConfig:
    """Article analysis. ``ner`` is ``auto`` (the shipped model for the language, else the
    gazetteer) or a registered recogniser name; ``language`` forces the language instead of
    detecting it; ``n_process`` > 1 runs NER in worker processes for batches. Only the first
    ``max_chars`` characters of a text are analysed, and an article whose analysis runs over
    ``time_limit`` seconds (0: no limit) is rejected with that reason while the rest go on (in
    the CLI and its worker processes; the service bounds whole requests with its own limit)."""

    ner: str = "auto"
    language: str | None = None
    n_process: int = 1
    batch_size: int = 32
    max_chars: int = 1_000_000
    time_limit: float = 60.0

    def __post_init__(self) -> None:
        _check(self.n_process >= 1, f"n_process must be at least 1, got {self.n_process}")
        _check(self.batch_size >= 1, f"batch_size must be at least 1, got {self.batch_size}")
        _check(self.max_chars > 0, f"max_chars must be positive, got {self.max_chars}")
        _check(self.time_limit >= 0, f"time_limit must be >= 0 (0: no limit), got {self.time_limit}")


PRECISIONS = ("int8", "float32")  # of the use encoder's pass over an article (EmbedConfig.precision)


@dataclass(frozen=True, kw_only=True, slots=True)
class EmbedConfig:
    """Text encoder: a registered name (``use`` = multilingual Universal Sentence Encoder, or
    ``hashing``, a dependency-free bag of words for tests and minimal installs).

    ``lead_encoder`` embeds each article's lead a second time (``Vectors.lead2``), with an
    encoder sharper on short texts; the trained scorer uses it. ``auto`` is ``e5-small``
    (multilingual-e5-small) beside ``use`` and none beside other encoders; ``none`` turns it off.

    ``precision`` is that of the ``use`` encoder's pass over an article: ``int8`` (faster, its
    vectors within cosine 0.998 of the float ones; the trained scorer was fitted on them) or
    ``float32`` (exactly the encoder's own arithmetic)."""

    encoder: str = "use"
    threads: int = 1
    lead_encoder: str = "auto"
    precision: str = "int8"

    def __post_init__(self) -> None:
        _check(self.threads >= 1, f"threads must be at least 1, got {self.threads}")
        _check(bool(self.lead_encoder), "lead_encoder must be an encoder name, 'auto' or 'none'")
        known = ", ".join(PRECISIONS)
        _check(self.precision in PRECISIONS, f"precision must be one of {known}, got {self.precision!r}")

    @property
    def lead_encoder_name(self) -> str | None:
        """The second encoder of the lead, or ``None``."""
        if self.lead_encoder == "auto":
            return "e5-small" if self.encoder == "use" else None
        return None if self.lead_encoder == "none" else self.lead_encoder


@dataclass(frozen=True, kw_only=True, slots=True)
class AlignConfig:
    """Passage alignment. Seeds are shared runs of ``seed_words`` words; seeds on nearby
    diagonals join while the gap is at most ``max_gap_words`` on both sides; passages shorter
    than ``min_passage_words`` are dropped, and so are those whose share of identical words
    (``Passage.similarity``) is under ``min_similarity``. A sentence counts as shared when at
    least ``sentence_shared`` of its characters lie in passages."""

    seed_words: int = 3
    max_gap_words: int = 12
    min_passage_words: int = 6
    min_similarity: float = 0.0
    sentence_shared: float = 0.5

    def __post_init__(self) -> None:
        _check(self.seed_words >= 1, f"seed_words must be at least 1, got {self.seed_words}")
        _check(self.max_gap_words >= 0, f"max_gap_words must be >= 0, got {self.max_gap_words}")
        _check(self.min_passage_words >= 1, f"min_passage_words must be >= 1, got {self.min_passage_words}")
        _check(0.0 <= self.min_similarity <= 1.0, f"min_similarity must be in [0, 1], got {self.min_similarity}")
        _check(0.0 < self.sentence_shared <= 1.0, f"sentence_shared must be in (0, 1], got {self.sentence_shared}")


# Named AlignConfig settings (``samestory align --preset NAME``); ``news`` is the defaults.
# ``verbatim`` suits ground truth that annotates whole copied paragraphs, like PAN's text
# alignment: there the short verbatim stretches documents also share (names, stock phrases) count
# as false detections; benchmarks/align_pan.py found plagdet 0.9935 with 20 against 0.921 with 6.
ALIGN_PRESETS: dict[str, dict[str, Any]] = {"news": {}, "verbatim": {"min_passage_words": 20}}


def align_preset(name: str | None) -> dict[str, Any]:
    """The ``AlignConfig`` values of a named preset (``{}`` for ``None``)."""
    if name is None:
        return {}
    if name not in ALIGN_PRESETS:
        raise ConfigError(f"unknown align preset {name!r}; known: {', '.join(ALIGN_PRESETS)}")
    return dict(ALIGN_PRESETS[name])


@dataclass(frozen=True, kw_only=True, slots=True)
class CompareConfig:
    """Pairwise comparison: two articles are the same story when Overall <= ``same_story_max``
    (SemEval scale, 1 = most similar, 4 = least). Scoring a file of pairs reads, analyses and
    embeds ``batch_size`` pairs at a time (memory holds one batch). ``scorer`` is ``trained``
    (the model trained on SemEval-2022 Task 8; ``model`` names another model file) or
    ``formula`` (a transparent hand-set formula)."""

    same_story_max: float = 2.0
    batch_size: int = 64
    scorer: str = "trained"
    model: str | None = None  # a scorer model file other than the shipped one (``trained`` only)

    def __post_init__(self) -> None:
        _check(1.0 <= self.same_story_max <= 4.0, f"same_story_max must be in [1, 4], got {self.same_story_max}")
        _check(self.batch_size >= 1, f"batch_size must be at least 1, got {self.batch_size}")
        _check(bool(self.scorer), "scorer must be a registered scorer name")


# Masters that run RDD jobs (a Spark Connect sc:// URL cannot); checked here so a typo fails
# before the ~10 s JVM start, not inside it
_SPARK_MASTER = re.compile(r"local(\[(\*|[1-9]\d*)(,\d+)?\])?|(spark|k8s)://\S+|yarn")


def _check_engine(engine: str, spark_master: object) -> None:
    """The ``engine`` and ``spark_master`` of a stage that runs locally or on Spark."""
    _check(engine in ("local", "spark"), f"engine must be local or spark, got {engine!r}")
    _check(
        isinstance(spark_master, str) and _SPARK_MASTER.fullmatch(spark_master) is not None,
        f"spark_master must be local[*], local[N], spark://HOST:PORT, yarn or k8s://URL, got {spark_master!r}",
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class ReuseConfig:
    """Text reuse across a corpus (``samestory reuse``).

    Candidate pairs come from an inverted index of word ``ngram``-grams (folded words), winnowed
    with a window of ``window`` n-grams (1 keeps every n-gram); n-grams in more than ``max_df``
    articles (boilerplate, stock phrases) are dropped, and a pair needs ``min_shared`` shared
    n-grams. Pair filters: ``different_outlets``, ``max_days`` apart, ``same_language`` (an
    unknown outlet, day or language never excludes a pair). Passages with fewer than
    ``min_passage_words`` matched words, or fewer than ``min_similarity`` of their words
    identical (a paraphrase, a template filled in with other facts), are dropped. ``engine`` is
    ``local`` (forked processes, ``n_process`` of them, default all cores) or ``spark`` (PySpark at ``spark_master``:
    ``local[*]``, ``local[N]``, or a cluster's ``spark://``, ``yarn`` or ``k8s://`` URL); both
    give the same output. ``work_dir`` keeps checkpoints of the candidate and alignment stages so
    a rerun resumes.
    See ``docs/reuse.md`` for how the defaults were chosen.
    """

    engine: str = "local"
    n_process: int | None = None
    spark_master: str = "local[*]"
    ngram: int = 5
    window: int = 4
    max_df: int = 100
    min_shared: int = 3
    min_passage_words: int = 15
    min_similarity: float = 0.75
    different_outlets: bool = False
    max_days: int | None = None
    same_language: bool = False
    work_dir: str | None = None

    def __post_init__(self) -> None:
        _check_engine(self.engine, self.spark_master)
        _check(self.n_process is None or self.n_process >= 1, f"n_process must be at least 1, got {self.n_process}")
        _check(1 <= self.ngram <= 32, f"ngram must be in [1, 32], got {self.ngram}")
        _check(1 <= self.window <= 64, f"window must be in [1, 64], got {self.window}")
        _check(self.max_df >= 2, f"max_df must be at least 2, got {self.max_df}")
        _check(self.min_shared >= 1, f"min_shared must be at least 1, got {self.min_shared}")
        _check(self.min_passage_words >= 1, f"min_passage_words must be at least 1, got {self.min_passage_words}")
        _check(0.0 <= self.min_similarity <= 1.0, f"min_similarity must be in [0, 1], got {self.min_similarity}")
        _check(self.max_days is None or self.max_days >= 0, f"max_days must be >= 0, got {self.max_days}")


@dataclass(frozen=True, kw_only=True, slots=True)
class StoriesConfig:
    """Story clustering (``samestory cluster``).

    ``mode`` is a registered clusterer: ``online`` (articles join stories as they arrive) or
    ``batch`` (the whole set at once). Similarity is the TF-IDF cosine of hashed words (and word
    bigrams with ``bigrams``) of the title, counted ``title_weight`` times, and the first
    ``body_words`` words, blended at ``embed_weight`` with the cosine of title+lead vectors from
    ``encoder`` (``None``: lexical only); a MinHash Jaccard estimate of at least
    ``near_duplicate`` puts two articles in one story. Both modes find each article's
    ``neighbours`` most similar articles through indexes.

    Online, an article joins the story whose centroid (its recent articles' mean vector) it is
    closest to when that cosine reaches ``threshold``, and two stories merge when the smaller
    one's articles are on average ``merge_threshold`` (``None``: ``threshold``) close to the
    larger one's centroid; an article leaves the indexes ``window_days`` after its day (``None``:
    never), and a story with no article left closes. Batch, clusters merge by average linkage
    (the mean similarity over all pairs of their articles) down to ``threshold``.

    The default threshold suits full news texts; short, stemmed texts without stop words
    (GoogleNews) need lower ones (``docs/benchmarks.md``).

    ``engine`` runs batch clustering here (``local``) or as Spark jobs at ``spark_master``
    (``spark``, as in ``ReuseConfig``); both give the same stories. Online clustering is one
    article at a time and always local.
    """

    mode: str = "online"
    engine: str = "local"
    spark_master: str = "local[*]"
    threshold: float = 0.2
    merge_threshold: float | None = None
    window_days: float | None = 14.0
    near_duplicate: float = 0.7
    encoder: str | None = None
    embed_weight: float = 0.5
    title_weight: float = 2.0
    body_words: int = 300
    bigrams: bool = False
    neighbours: int = 80
    hash_bits: int = 20
    num_perm: int = 64
    shingle_words: int = 3
    min_shingles: int = 5
    embed_chars: int = 400

    def __post_init__(self) -> None:
        _check(bool(self.mode), "mode must be a registered clusterer name")
        _check_engine(self.engine, self.spark_master)
        for name in ("threshold", "merge_threshold", "near_duplicate", "embed_weight"):
            v = getattr(self, name)
            _check((v is None and name == "merge_threshold") or 0.0 <= v <= 1.0, f"{name} must be in [0, 1], got {v}")
        _check(self.window_days is None or self.window_days > 0, f"window_days must be > 0, got {self.window_days}")
        _check(self.title_weight > 0, f"title_weight must be positive, got {self.title_weight}")
        _check(self.body_words >= 0, f"body_words must be >= 0, got {self.body_words}")
        _check(self.neighbours >= 1, f"neighbours must be at least 1, got {self.neighbours}")
        _check(10 <= self.hash_bits <= 26, f"hash_bits must be in [10, 26], got {self.hash_bits}")
        _check(8 <= self.num_perm <= 512, f"num_perm must be in [8, 512], got {self.num_perm}")
        _check(self.shingle_words >= 1, f"shingle_words must be at least 1, got {self.shingle_words}")
        _check(self.min_shingles >= 1, f"min_shingles must be at least 1, got {self.min_shingles}")
        _check(self.embed_chars >= 1, f"embed_chars must be at least 1, got {self.embed_chars}")


@dataclass(frozen=True, kw_only=True, slots=True)
class StoreConfig:
    """Where articles and stories are kept (``samestory ingest``, ``samestory stats``). ``url`` is
    a file path or ``sqlite:///FILE`` (``sqlite:////ABS/FILE`` for an absolute path) for SQLite,
    or a ``postgresql://`` URL; ``batch_size`` articles are stored per transaction, so an
    interrupted run keeps every whole batch."""

    url: str = "samestory.db"
    batch_size: int = 200

    def __post_init__(self) -> None:
        _check(isinstance(self.url, str) and self.url.strip() != "", f"url must be a non-empty string: {self.url!r}")
        _check(self.batch_size >= 1, f"batch_size must be at least 1, got {self.batch_size}")


@dataclass(frozen=True, kw_only=True, slots=True)
class ServiceConfig:
    """The HTTP service (``samestory serve``). It listens on ``host``:``port``, loopback unless
    told otherwise. With a ``token``, requests that write (``POST /articles``) must carry
    ``Authorization: Bearer TOKEN``. A request body over ``max_body_bytes`` is refused (413).
    Comparisons run ``compare_threads`` at a time; a request waiting or running longer than
    ``time_limit`` seconds is answered 504, and one arriving while ``max_pending`` are queued,
    503. ``similar_candidates`` bounds the story-mates an ``/articles/{id}/similar`` request compares."""

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    max_body_bytes: int = 12_000_000
    time_limit: float = 60.0
    compare_threads: int = 1
    max_pending: int = 16
    similar_candidates: int = 20
    preload: bool = True  # load the models at startup rather than on the first request

    def __post_init__(self) -> None:
        _check(isinstance(self.host, str) and self.host.strip() != "", f"host must not be empty: {self.host!r}")
        _check(0 <= self.port <= 65535, f"port must be in [0, 65535], got {self.port}")
        _check(self.token is None or len(self.token) >= 8, "token must be at least 8 characters")
        _check(self.max_body_bytes >= 1024, f"max_body_bytes must be at least 1024, got {self.max_body_bytes}")
        _check(self.time_limit > 0, f"time_limit must be positive, got {self.time_limit}")
        _check(1 <= self.compare_threads <= 64, f"compare_threads must be in [1, 64], got {self.compare_threads}")
        _check(self.max_pending >= 1, f"max_pending must be at least 1, got {self.max_pending}")
        _check(self.similar_candidates >= 1, f"similar_candidates must be at least 1, got {self.similar_candidates}")


@dataclass(frozen=True, kw_only=True, slots=True)
class Settings:
    """All stage configs together."""

    ingest: IngestConfig = field(default_factory=IngestConfig)
    analyze: AnalyzeConfig = field(default_factory=AnalyzeConfig)
    embed: EmbedConfig = field(default_factory=EmbedConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    compare: CompareConfig = field(default_factory=CompareConfig)
    reuse: ReuseConfig = field(default_factory=ReuseConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)
    service: ServiceConfig = field(default_factory=ServiceConfig)


_STAGES: dict[str, type] = {
    "ingest": IngestConfig,
    "analyze": AnalyzeConfig,
    "embed": EmbedConfig,
    "align": AlignConfig,
    "compare": CompareConfig,
    "reuse": ReuseConfig,
    "store": StoreConfig,
    "stories": StoriesConfig,
    "service": ServiceConfig,
}


def _build_stage(stage: str, values: Mapping[str, Any]) -> Any:
    cls = _STAGES[stage]
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(values) - known
    if unknown:
        raise ConfigError(
            f"unknown option(s) in [{stage}]: {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}"
        )
    values = dict(values)
    if stage == "ingest" and isinstance(values.get("fields"), Mapping):
        try:
            values["fields"] = FieldMap(**values["fields"])
        except TypeError as exc:
            raise ConfigError(f"[ingest.fields]: {exc}") from None
    try:
        return cls(**values)
    except TypeError as exc:
        raise ConfigError(f"[{stage}]: {exc}") from None


def load_config_file(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read a TOML file with one table per stage (``[ingest]``, ``[analyze]``...)."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {p}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {p} is not valid TOML: {exc}") from None
    unknown = set(data) - set(_STAGES)
    if unknown:
        raise ConfigError(f"unknown section(s) in {p}: {', '.join(sorted(unknown))}")
    return data


def build_settings(
    *, file: str | Path | None = None, overrides: Mapping[str, Mapping[str, Any]] | None = None
) -> Settings:
    """Settings from defaults, then a TOML file, then explicit overrides (CLI flags, HTTP options).

    ``overrides`` maps a stage name to option values; ``None`` values are ignored so callers can
    pass unset flags straight through.
    """
    merged: dict[str, dict[str, Any]] = {s: {} for s in _STAGES}
    if file is not None:
        for stage, values in load_config_file(file).items():
            merged[stage].update(values)
    for stage, values in (overrides or {}).items():
        if stage not in _STAGES:
            raise ConfigError(f"unknown stage {stage!r}")
        for k, v in values.items():
            if v is None:
                continue
            if k == "fields" and isinstance(v, Mapping):
                merged[stage].setdefault("fields", {}).update({fk: fv for fk, fv in v.items() if fv is not None})
            else:
                merged[stage][k] = v
    return Settings(**{stage: _build_stage(stage, vals) for stage, vals in merged.items()})
