"""``samestory analyze FILE...``: what the analysis finds in each article."""

from __future__ import annotations

import argparse
from collections import Counter

from samestory.cli.commands._io import emit_json, note_encoding, report_rejected
from samestory.cli.options import add_analyze, add_common, add_ingest, settings_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "analyze",
        help="analyse articles: language, sentences, entities, places, dates, numbers, quotes, credits",
        description=(
            "Analyse articles: language, sentences, named entities (people, organisations), places "
            "normalised to a gazetteer with their country, dates and times (relative ones resolved against "
            "the dateline or publication day), numbers with what they count, direct quotes with their "
            "speaker, and wire credits. Every mention carries character offsets into the article's clean "
            "text. With --json: one object per article per line with 'article' and 'analysis'."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or glob patterns")
    add_common(p)
    add_ingest(p)
    add_analyze(p)
    p.set_defaults(run=run)


def _line(label: str, values: list[str]) -> None:
    if values:
        print(f"  {label:<10} " + "; ".join(values))


def run(args: argparse.Namespace) -> int:
    from samestory.analyze.pipeline import Analyzer
    from samestory.errors import AnalysisError, AnalysisTimeout
    from samestory.ingest import iter_articles
    from samestory.ingest.article import Article, Rejected

    settings = settings_from_args(args)
    status = 0
    articles: list[Article] = []
    for item in iter_articles(args.inputs, settings.ingest):
        if isinstance(item, Rejected):
            report_rejected(item)
            status = 2
        else:
            note_encoding(item)
            articles.append(item)
    analyzer = Analyzer(settings.analyze)
    for article, an in zip(articles, analyzer.analyze_many(articles, keep_going=True)):
        if isinstance(an, AnalysisError):  # this article alone failed or ran over the time limit
            reason = "time-limit" if isinstance(an, AnalysisTimeout) else "failed"
            report_rejected(Rejected(article.source or article.id, reason, str(an)))
            status = 2
            continue
        if args.json:
            emit_json({"article": article.to_dict(), "analysis": an.to_dict()}, lines=True)
            continue
        print(f"{article.source or article.id}  [{article.id}]  {article.title or ''}")
        print(
            f"  language   {an.language} ({an.language_score:.2f}); {len(an.sentences)} sentences; "
            f"reference date {an.reference_date}"
        )

        def counted(items, name) -> list[str]:
            c = Counter(name(i) for i in items)
            return [f"{k} ×{n}" if n > 1 else k for k, n in c.most_common()]

        _line("people", counted([e for e in an.entities if e.label == "PERSON"], lambda e: e.name))
        _line("orgs", counted([e for e in an.entities if e.label == "ORG"], lambda e: e.name))
        _line("places", counted(an.places, lambda p: f"{p.name} ({p.country})" if p.country else p.name))
        _line("dates", [f"{d.text!r} = {d.first}" + (f"..{d.last}" if d.last != d.first else "") for d in an.dates])
        _line("numbers", [f"{n.text!r} = {n.value:g} {n.counted or n.unit or ''}".strip() for n in an.numbers])
        _line("quotes", [f"“{q.text[:60]}” — {q.speaker or '?'}" for q in an.quotes])
        _line("credits", [f"{c.agency} ({c.where})" for c in an.credits])
        print()
    return status
