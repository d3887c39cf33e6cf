"""The readable terminal report of ``samestory align``."""

from __future__ import annotations

import textwrap

from samestory.align.pair import ArticleInfo, PairAlignment
from samestory.align.types import Passage

WIDTH = 100
_DERIVED = {"wholly": "wholly derived from", "partially": "partially derived from", "none": "not derived from"}


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _who(s: ArticleInfo) -> str:
    bits = [s.outlet or "(outlet unknown)", s.published or "(date unknown)", s.language]
    if s.credits:
        bits.append("credit " + ", ".join(s.credits))
    return " · ".join(bits)


def _edits(p: Passage) -> list[str]:
    out = []
    for e in p.edits:
        if e.op == "replace":
            out.append(
                f"      {e.kind:<11} A {e.a_start} “{_short(e.a_text, 36)}” → B {e.b_start} “{_short(e.b_text, 36)}”"
            )
        elif e.op == "delete":
            out.append(f"      {'cut in B':<11} A {e.a_start} “{_short(e.a_text, 76)}”")
        else:
            out.append(f"      {'added in B':<11} B {e.b_start} “{_short(e.b_text, 76)}”")
    return out


def render(r: PairAlignment, a_text: str, b_text: str, *, max_passages: int = 30) -> str:
    """The report: who the articles are, derivation, likely source with reasons, passages with
    their offsets and edits, and the sentences each side has alone."""
    out: list[str] = []
    out.append(f"A  {r.a.title or '(no title)'}")
    out.append(f"   {_who(r.a)}   [{r.a.source or r.a.id}]")
    out.append(f"B  {r.b.title or '(no title)'}")
    out.append(f"   {_who(r.b)}   [{r.b.source or r.b.id}]")
    out.append("")
    d = r.derivation
    out.append("Derivation")
    for label, side, other in (("A", d.a, "B"), ("B", d.b, "A")):
        out.append(
            f"  {label} is {_DERIVED[side.label]} {other}: {side.coverage:.0%} of its {side.words} words in shared "
            f"passages, the longest {side.longest_passage_words} words"
        )
    pv = r.provenance
    out.append("")
    out.append(f"Likely source: {pv.verdict.upper()}")
    out.append(textwrap.fill(pv.summary, WIDTH, initial_indent="  ", subsequent_indent="  "))
    if pv.reasons:
        ta, tb, tc = pv.totals
        out.append(f"  Reasons (weights; totals A {ta:g}, B {tb:g}, common {tc:g}):")
    for reason in pv.reasons:
        head = f"  - {reason.kind:<10} favours {reason.favours:<6} {reason.weight:<4g} "
        out.append(textwrap.fill(reason.detail, WIDTH, initial_indent=head, subsequent_indent=" " * len(head)))
    al = r.alignment
    out.append("")
    out.append(
        f"Reused text: {len(al.passages)} shared passage(s) "
        f"covering {al.a_coverage:.0%} of A and {al.b_coverage:.0%} of B"
    )
    for i, p in enumerate(al.passages[:max_passages], 1):
        out.append(f"  [{i}] A {p.a_start}-{p.a_end}  ↔  B {p.b_start}-{p.b_end}   similarity {p.similarity:.2f}")
        out.append("      " + _short(b_text[p.b_start : p.b_end], 92))
        out.extend(_edits(p))
    if len(al.passages) > max_passages:
        out.append(f"  … {len(al.passages) - max_passages} more (use --json for all)")
    for label, spans in (("Only in A", al.only_a), ("Only in B", al.only_b)):
        out.append("")
        out.append(f"{label}: {len(spans)} sentence(s)")
        for s in spans:
            out.append(
                textwrap.fill(
                    f"{s.start}-{s.end}  {_short(s.text, 300)}", WIDTH, initial_indent="  - ", subsequent_indent="    "
                )
            )
    return "\n".join(out)
