"""Command-line options shared by the subcommands, and their one mapping into ``Settings``."""

from __future__ import annotations

import argparse
import os

from samestory.config import ALIGN_PRESETS, Settings, align_preset, build_settings


def add_common(p: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    g = p.add_argument_group("general")
    g.add_argument(
        "--config",
        metavar="FILE",
        help="TOML file with [ingest], [analyze], [embed], [align], [compare], [reuse], [store], [stories] tables",
    )
    if json_flag:
        g.add_argument("--json", action="store_true", help="print JSON instead of the readable report")
    g.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")


def add_ingest(
    p: argparse.ArgumentParser,
    *,
    formats: tuple[str, ...] = ("auto", "text", "jsonl", "csv", "html"),
    fields: bool = True,
) -> None:
    """Reading options; a command reading one kind of file narrows ``formats`` (none: no
    ``--format``) and may drop the field map."""
    g = p.add_argument_group("reading input")
    if formats:
        g.add_argument("--format", choices=list(formats), help="input format (default: by extension and content)")
    g.add_argument("--encoding", help="force a text encoding instead of detecting one")
    g.add_argument(
        "--max-bytes",
        type=int,
        metavar="N",
        help="size limit per article (a file, or a record's text) in bytes (default 5000000)",
    )
    g.add_argument(
        "--max-file-bytes",
        type=int,
        metavar="N",
        help="size limit of a JSON Lines or CSV file, which holds many articles (default 2000000000)",
    )
    if not fields:
        return
    for name in ("id", "title", "text", "url", "published", "outlet", "language"):
        g.add_argument(
            f"--field-{name}", metavar="NAME", help=f"JSONL/CSV field holding the article's {name} (default {name!r})"
        )


def add_analyze(p: argparse.ArgumentParser, *, time_limit: bool = True) -> None:
    """Analysis options (``AnalyzeConfig``); ``time_limit=False`` where the analysis runs off the
    main thread (the service), which the per-article limit cannot interrupt."""
    g = p.add_argument_group("analysis")
    g.add_argument("--language", help="force the language (ISO 639-1) instead of detecting it")
    g.add_argument("--ner", help="entity recogniser: auto (default), spacy, natasha or gazetteer")
    g.add_argument("--n-process", type=int, metavar="N", help="worker processes for NER in batches (default 1)")
    if not time_limit:
        return
    g.add_argument(
        "--article-time-limit",
        type=float,
        metavar="S",
        help="seconds the analysis of one article may take; over it the article is rejected with that "
        "reason and the rest go on (default 60; 0: no limit)",
    )


def add_compare(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("comparison")
    g.add_argument("--encoder", help="text encoder: use (default, multilingual) or hashing (no model, one language)")
    g.add_argument(
        "--same-story-max",
        type=float,
        metavar="X",
        help="Overall score at or below which a pair is the same story (default 2.0)",
    )
    g.add_argument(
        "--scorer",
        choices=["trained", "formula"],
        help="trained: the model trained on SemEval-2022 Task 8 (default); formula: a transparent hand-set formula",
    )
    g.add_argument("--model", metavar="FILE", help="another trained scorer model file (scripts/train_scorer.py --out)")


def add_reuse(p: argparse.ArgumentParser) -> None:
    """Options of ``samestory reuse``: engine, candidate index, pair filters, passages."""
    g = p.add_argument_group("engine")
    g.add_argument(
        "--engine",
        choices=["local", "spark"],
        help="local: worker processes on this machine (default); spark: PySpark at --spark-master "
        "(pip install 'samestory[spark]', Java 17+); both give the same output",
    )
    g.add_argument(
        "--n-process",
        dest="reuse_n_process",
        type=int,
        metavar="N",
        help="worker processes of --engine local (default: all cores)",
    )
    g.add_argument(
        "--spark-master",
        metavar="URL",
        help="where --engine spark runs: local[*] (default: this machine's cores), local[N], spark://HOST:7077, "
        "yarn, k8s://URL (samestory must be installed on the executors)",
    )
    g.add_argument("--work-dir", metavar="DIR", help="keep checkpoints of the stages here; a rerun resumes from them")
    g = p.add_argument_group("candidate pairs (an index of word n-grams; see docs/reuse.md)")
    g.add_argument("--ngram", type=int, metavar="N", help="words per n-gram (default 5)")
    g.add_argument("--window", type=int, metavar="W", help="winnowing window in n-grams; 1 keeps all (default 4)")
    g.add_argument(
        "--max-df", type=int, metavar="N", help="drop n-grams found in more than N articles: boilerplate (default 100)"
    )
    g.add_argument("--min-shared", type=int, metavar="N", help="n-grams a pair must share to be aligned (default 3)")
    g = p.add_argument_group("pair filters (unknown outlets, dates or languages never exclude a pair)")
    g.add_argument("--different-outlets", action="store_true", default=None, help="only pairs from different outlets")
    g.add_argument("--max-days", type=int, metavar="N", help="only pairs published at most N days apart")
    g.add_argument("--same-language", action="store_true", default=None, help="only pairs in the same language")
    g = p.add_argument_group("passages")
    g.add_argument(
        "--min-passage-words",
        dest="reuse_min_passage_words",
        type=int,
        metavar="N",
        help="drop passages with fewer matched words (default 15)",
    )
    g.add_argument(
        "--min-similarity",
        dest="reuse_min_similarity",
        type=float,
        metavar="X",
        help="drop passages with a smaller share of identical words: paraphrases, templates filled in with "
        "other facts (default 0.75)",
    )


def add_align(p: argparse.ArgumentParser) -> None:
    """Passage alignment options (``AlignConfig``); ``--preset`` names a set of them."""
    g = p.add_argument_group("alignment")
    g.add_argument(
        "--preset",
        dest="align_preset",
        choices=list(ALIGN_PRESETS),
        help="named settings: news (default) or verbatim (min passage 20 words: ground truth of whole copied "
        "paragraphs, like PAN); the flags below override it",
    )
    g.add_argument("--seed-words", type=int, metavar="N", help="words in a shared run that seeds a passage (default 3)")
    g.add_argument(
        "--max-gap-words", type=int, metavar="N", help="unmatched words allowed inside a passage, a side (default 12)"
    )
    g.add_argument(
        "--min-passage-words",
        dest="align_min_passage_words",
        type=int,
        metavar="N",
        help="drop passages with fewer matched words (default 6; verbatim 20)",
    )
    g.add_argument(
        "--min-similarity",
        dest="align_min_similarity",
        type=float,
        metavar="X",
        help="drop passages with a smaller share of identical words (default 0: show every shared passage)",
    )
    g.add_argument(
        "--sentence-shared",
        type=float,
        metavar="X",
        help="share of a sentence's characters in passages for it to count as shared (default 0.5)",
    )


def add_store(p: argparse.ArgumentParser, *, batch: bool = False) -> None:
    """Where the store is (``StoreConfig``); ``batch`` adds the articles-per-transaction option."""
    g = p.add_argument_group("store")
    g.add_argument(
        "--db",
        metavar="URL",
        help="the store: a SQLite file (default samestory.db; also sqlite:///FILE) or a postgresql:// URL",
    )
    if batch:
        g.add_argument(
            "--batch-size",
            dest="store_batch_size",
            type=int,
            metavar="N",
            help="articles stored per transaction; an interruption keeps every whole batch (default 200)",
        )


def add_stories(p: argparse.ArgumentParser, *, mode: bool = True, engine: bool = False) -> None:
    """Options of story clustering (``StoriesConfig``); ``mode`` adds ``--mode`` (``samestory cluster``),
    ``engine`` the batch engine's ``--engine`` and ``--spark-master``."""
    g = p.add_argument_group("stories")
    if mode:
        g.add_argument(
            "--mode",
            choices=["online", "batch"],
            help="online: one article at a time in input order, with a time window (default); batch: all at once",
        )
    g.add_argument(
        "--threshold",
        dest="stories_threshold",
        type=float,
        metavar="X",
        help="online: cosine with a story's centroid for an article to join it; batch: mean similarity between "
        "two clusters' articles for them to merge (default 0.2)",
    )
    g.add_argument(
        "--merge-threshold",
        type=float,
        metavar="X",
        help="online: mean cosine of the smaller story's articles with the larger one's centroid for two stories "
        "to merge (default: --threshold)",
    )
    g.add_argument("--neighbours", type=int, metavar="N", help="most similar articles each article is linked to (80)")
    g.add_argument(
        "--window-days",
        type=float,
        metavar="D",
        help="online: an article leaves the index D days after its day; a story with none left closes (default 14)",
    )
    g.add_argument(
        "--near-duplicate",
        type=float,
        metavar="X",
        help="MinHash Jaccard at which two articles are one story whatever else (default 0.7)",
    )
    g.add_argument(
        "--encoder",
        dest="stories_encoder",
        choices=["none", "use", "hashing"],
        help="also compare title+lead vectors: use (multilingual, slower), hashing; none (default): words only",
    )
    g.add_argument("--embed-weight", type=float, metavar="X", help="share of the vector cosine in similarity (0.5)")
    if not engine:
        return
    g.add_argument(
        "--engine",
        dest="stories_engine",
        choices=["local", "spark"],
        help="where batch clustering runs: local (default) or spark, PySpark at --spark-master "
        "(pip install 'samestory[spark]', Java 17+); both give the same stories",
    )
    g.add_argument(
        "--spark-master",
        dest="stories_spark_master",
        metavar="URL",
        help="where --engine spark runs: local[*] (default), local[N], spark://HOST:7077, yarn, k8s://URL "
        "(samestory must be installed on the executors)",
    )


def add_service(p: argparse.ArgumentParser) -> None:
    """Options of ``samestory serve`` (``ServiceConfig``)."""
    g = p.add_argument_group("service")
    g.add_argument(
        "--host", help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for every interface)"
    )
    g.add_argument("--port", type=int, help="port to listen on (default 8000; 0 picks a free one)")
    g.add_argument(
        "--token",
        help="writes (POST /articles) need 'Authorization: Bearer TOKEN'; also from $SAMESTORY_TOKEN, which keeps "
        "it out of the process list",
    )
    g.add_argument("--max-body-bytes", type=int, metavar="N", help="largest request body (default 12000000)")
    g.add_argument(
        "--time-limit", type=float, metavar="S", help="seconds a request may wait and run before a 504 (default 60)"
    )
    g.add_argument("--max-pending", type=int, metavar="N", help="comparisons queued before a 503 (default 16)")
    g.add_argument(
        "--lazy", action="store_true", default=None, help="load the models on the first request, not at startup"
    )


def _align_overrides(a: dict) -> dict:
    """A preset's values, then the explicit alignment flags over them."""
    out = align_preset(a.get("align_preset"))
    flags = {
        "seed_words": a.get("seed_words"),
        "max_gap_words": a.get("max_gap_words"),
        "min_passage_words": a.get("align_min_passage_words"),
        "min_similarity": a.get("align_min_similarity"),
        "sentence_shared": a.get("sentence_shared"),
    }
    out.update({k: v for k, v in flags.items() if v is not None})
    return out


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The single place where command-line flags become stage configs."""
    a = vars(args)
    fields = {k[len("field_") :]: v for k, v in a.items() if k.startswith("field_")}
    if a.get("passim"):  # passim's input shape; explicit --field-* flags still win
        fields["outlet"] = fields.get("outlet") or "series"
        fields["published"] = fields.get("published") or "date"
    overrides = {
        "ingest": {
            "format": a.get("format"),
            "encoding": a.get("encoding"),
            "max_bytes": a.get("max_bytes"),
            "max_file_bytes": a.get("max_file_bytes"),
            "fields": fields,
        },
        "analyze": {
            "language": a.get("language"),
            "ner": a.get("ner"),
            "n_process": a.get("n_process"),
            "time_limit": a.get("article_time_limit"),
        },
        "embed": {"encoder": a.get("encoder")},
        "align": _align_overrides(a),
        "compare": {
            "same_story_max": a.get("same_story_max"),
            "batch_size": a.get("pair_batch_size"),
            "scorer": a.get("scorer"),
            "model": a.get("model"),
        },
        "reuse": {
            "engine": a.get("engine"),
            "n_process": a.get("reuse_n_process"),
            "spark_master": a.get("spark_master"),
            "work_dir": a.get("work_dir"),
            "ngram": a.get("ngram"),
            "window": a.get("window"),
            "max_df": a.get("max_df"),
            "min_shared": a.get("min_shared"),
            "different_outlets": a.get("different_outlets"),
            "max_days": a.get("max_days"),
            "same_language": a.get("same_language"),
            "min_passage_words": a.get("reuse_min_passage_words"),
            "min_similarity": a.get("reuse_min_similarity"),
        },
        "store": {"url": a.get("db"), "batch_size": a.get("store_batch_size")},
        "service": {
            "host": a.get("host"),
            "port": a.get("port"),
            "token": a.get("token") or os.environ.get("SAMESTORY_TOKEN") or None,
            "max_body_bytes": a.get("max_body_bytes"),
            "time_limit": a.get("time_limit"),
            "max_pending": a.get("max_pending"),
            "preload": False if a.get("lazy") else None,
        },
        "stories": {
            "mode": a.get("mode"),
            "engine": a.get("stories_engine"),
            "spark_master": a.get("stories_spark_master"),
            "threshold": a.get("stories_threshold"),
            "merge_threshold": a.get("merge_threshold"),
            "neighbours": a.get("neighbours"),
            "window_days": a.get("window_days"),
            "near_duplicate": a.get("near_duplicate"),
            "encoder": a.get("stories_encoder"),
            "embed_weight": a.get("embed_weight"),
        },
    }
    if a.get("stories_encoder") == "none":  # words only; None would mean "not given"
        overrides["stories"]["encoder"] = None
    return build_settings(file=a.get("config"), overrides=overrides)
