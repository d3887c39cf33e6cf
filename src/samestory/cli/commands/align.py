"""``samestory align A B``: reused passages, edits, derivation and likely source of two articles;
``samestory align --pairs PAIRS.tsv``: passages of many file pairs, offsets into the raw files."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path

from samestory.cli.commands._io import emit_json, note_encoding
from samestory.cli.options import add_align, add_common, add_ingest, settings_from_args
from samestory.config import Settings
from samestory.errors import ConfigError, InputError

_CACHE_FILES = 32  # decoded files kept while reading --pairs: PAN-like lists reuse their sources


def _paragraphs(*paras: str) -> str:
    # wrapped here: the raw formatter keeps the blank line between the two modes' paragraphs
    return "\n\n".join(textwrap.fill(p, 100) for p in paras)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "align",
        help="reused text of two articles: passages, edits, derivation, likely source (or --pairs for many)",
        description=_paragraphs(
            "Align two articles (plain-text scrapes or HTML files). Prints the shared passages with character "
            "offsets into both clean texts and the word-level edits inside them (spelling, number, punctuation, "
            "case, wording), the sentences only in A and only in B, whether each article is wholly, partially "
            "or not derived from the other, and the likely source (a, b, common or unknown) with its reasons: "
            "publication dates, agency credits, which text is a superset, and version cues (future phrasing "
            "such as 'were due to hold' against 'held', update notes, growing casualty counts). With --json: "
            "one object with a, b, passages, only_a, only_b, reuse, derivation and provenance. No entity "
            "recognition or embedding runs, so it starts fast.",
            "With --pairs PAIRS.tsv: one pair a line, path_a<TAB>path_b (blank lines and lines starting with # "
            "are skipped; '-' reads the list from stdin). A relative path is taken as given (from the current "
            "directory) when that file exists, else from the TSV's directory. Each file's WHOLE decoded text is "
            "aligned, exactly as on disk (headers, CRLF and all: no scrape cleaning), so the offsets can be "
            "checked against external ground truth such as PAN's. Prints per pair a, b (the paths as given) and "
            "passages (a_start, a_end, b_start, b_end, similarity); with --json one JSON object a line. A bad "
            "line or an unreadable file is reported on stderr with its line number and the rest go on; the exit "
            "status is then 2. --preset verbatim suits ground truth of whole copied paragraphs.",
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("a", nargs="?", metavar="A", help="first article file")
    p.add_argument("b", nargs="?", metavar="B", help="second article file")
    p.add_argument("--pairs", metavar="PAIRS.tsv", help="align every path_a<TAB>path_b pair of this file instead")
    p.add_argument("--max-passages", type=int, default=30, metavar="N", help="passages shown in the readable report")
    add_common(p)
    add_ingest(p)
    add_align(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    if args.pairs is not None:
        if args.a is not None or args.b is not None:
            raise ConfigError("give either two files A B or --pairs PAIRS.tsv, not both")
        return _run_pairs(args.pairs, settings, as_json=args.json)
    if args.a is None or args.b is None:
        raise ConfigError("align needs two files A B, or --pairs PAIRS.tsv")
    # Deliberately not samestory.api.Samestory: importing it loads the comparison stack (numpy,
    # the scorer), a third of a second of a cold start this command does not need. The API's
    # Samestory.align runs this same function.
    from samestory.align.pair import align_articles
    from samestory.align.report import render
    from samestory.ingest import read_file

    a, b = read_file(args.a, settings.ingest), read_file(args.b, settings.ingest)
    note_encoding(a)
    note_encoding(b)
    result = align_articles(a, b, config=settings.align)
    if args.json:
        emit_json(result.to_dict(a.text, b.text))
    else:
        print(render(result, a.text, b.text, max_passages=args.max_passages))
    return 0


def resolve(path: str, base: Path) -> Path:
    """A path from a pairs file: absolute, or as given when it exists, else under ``base``."""
    p = Path(path)
    if p.is_absolute() or p.exists() or not (base / p).exists():
        return p
    return base / p


def _lines(pairs: str) -> tuple[Iterable[str], Path, str]:
    if pairs == "-":
        return sys.stdin, Path.cwd(), "<stdin>"
    path = Path(pairs)
    if not path.is_file():
        raise InputError("no such file" if not path.exists() else "not a regular file", source=pairs)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the pairs file: {exc}", source=pairs) from None
    return text.splitlines(), path.parent, pairs


def _run_pairs(pairs: str, settings: Settings, *, as_json: bool) -> int:
    from samestory.align.pair import align_raw, read_raw

    lines, base, name = _lines(pairs)
    cache: dict[Path, str] = {}

    def text_of(given: str) -> str:
        p = resolve(given, base)
        if p not in cache:
            if not p.exists():
                raise InputError(f"no such file (looked as given and in {base})", source=given, reason="missing")
            if len(cache) >= _CACHE_FILES:
                del cache[next(iter(cache))]
            cache[p] = read_raw(p, settings.ingest)
        return cache[p]

    status = 0
    for lineno, raw_line in enumerate(lines, 1):
        line = raw_line.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 2 or not all(fields):
            print(
                f"samestory: error: {name}:{lineno}: expected path_a<TAB>path_b, got {len(fields)} field(s)",
                file=sys.stderr,
            )
            status = 2
            continue
        path_a, path_b = fields
        try:
            text_a, text_b = text_of(path_a), text_of(path_b)
        except InputError as exc:
            print(f"samestory: error: {name}:{lineno}: {exc}", file=sys.stderr)
            status = 2
            continue
        passages = align_raw(text_a, text_b, settings.align)
        spans = [
            {
                "a_start": p.a_start,
                "a_end": p.a_end,
                "b_start": p.b_start,
                "b_end": p.b_end,
                "similarity": round(p.similarity, 4),
            }
            for p in passages
        ]
        if as_json:
            emit_json({"a": path_a, "b": path_b, "passages": spans}, lines=True)
        else:
            print(f"{path_a}\t{path_b}\t{len(spans)} passage(s)")
            for s in spans:
                print(
                    f"  A {s['a_start']}-{s['a_end']}  B {s['b_start']}-{s['b_end']}  similarity {s['similarity']:.2f}"
                )
    return status
