"""Command-line options shared by the subcommands, and their one mapping into ``Settings``."""

from __future__ import annotations

import argparse

from samestory.config import Settings, build_settings


def add_common(p: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    g = p.add_argument_group("general")
    g.add_argument(
        "--config", metavar="FILE", help="TOML file with [ingest], [analyze], [embed], [align], [compare] tables"
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
    """Reading options; a command reading one kind of file narrows ``formats`` and may drop the field map."""
    g = p.add_argument_group("reading input")
    g.add_argument("--format", choices=list(formats), help="input format (default: by extension and content)")
    g.add_argument("--encoding", help="force a text encoding instead of detecting one")
    g.add_argument("--max-bytes", type=int, metavar="N", help="size limit per article in bytes (default 5000000)")
    if not fields:
        return
    for name in ("id", "title", "text", "url", "published", "outlet", "language"):
        g.add_argument(
            f"--field-{name}", metavar="NAME", help=f"JSONL/CSV field holding the article's {name} (default {name!r})"
        )


def add_analyze(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("analysis")
    g.add_argument("--language", help="force the language (ISO 639-1) instead of detecting it")
    g.add_argument("--ner", help="entity recogniser: auto (default), spacy, natasha or gazetteer")
    g.add_argument("--n-process", type=int, metavar="N", help="worker processes for NER in batches (default 1)")


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


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The single place where command-line flags become stage configs."""
    a = vars(args)
    fields = {k[len("field_") :]: v for k, v in a.items() if k.startswith("field_")}
    overrides = {
        "ingest": {
            "format": a.get("format"),
            "encoding": a.get("encoding"),
            "max_bytes": a.get("max_bytes"),
            "fields": fields,
        },
        "analyze": {"language": a.get("language"), "ner": a.get("ner"), "n_process": a.get("n_process")},
        "embed": {"encoder": a.get("encoder")},
        "compare": {
            "same_story_max": a.get("same_story_max"),
            "batch_size": a.get("pair_batch_size"),
            "scorer": a.get("scorer"),
            "model": a.get("model"),
        },
    }
    return build_settings(file=a.get("config"), overrides=overrides)
