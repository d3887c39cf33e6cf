"""The readable terminal report of a comparison."""

from __future__ import annotations

import textwrap

from samestory.compare.types import EVIDENCE_KINDS, Comparison, EvidenceGroup

WIDTH = 100
NOTICE_WARNING = 0.3  # a furniture share from which the report warns that a text is not an article


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _bar(score: float, width: int = 24) -> str:
    filled = round((4.0 - score) / 3.0 * width)  # 1 = full bar (most similar)
    return "█" * filled + "·" * (width - filled)


def _who(s) -> str:
    bits = [s.outlet or "(outlet unknown)", s.published or "(date unknown)", s.language]
    if s.credits:
        bits.append("credit " + ", ".join(s.credits))
    return " · ".join(bits)


def _names(group: EvidenceGroup, attr: str, limit: int = 12) -> str:
    items = getattr(group, attr)
    names = [
        i.name if attr != "shared" or not i.b_name or i.b_name == i.name else f"{i.name} = {i.b_name}" for i in items
    ]
    more = f" (+{len(names) - limit} more)" if len(names) > limit else ""
    return "; ".join(_short(n, 60) for n in names[:limit]) + more if names else "—"


def render(c: Comparison, a_text: str, b_text: str, *, max_passages: int = 30) -> str:
    out: list[str] = []
    verdict = "SAME STORY" if c.same_story else "DIFFERENT STORIES"
    out.append(f"{verdict}  (Overall {c.dimensions.overall:.2f} on 1 = most similar … 4 = least; scorer: {c.scorer})")
    out.append("")
    out.append(f"A  {c.a.title or '(no title)'}")
    out.append(f"   {_who(c.a)}   [{c.a.source or c.a.id}]")
    out.append(f"B  {c.b.title or '(no title)'}")
    out.append(f"   {_who(c.b)}   [{c.b.source or c.b.id}]")
    for label, s in (("A", c.a), ("B", c.b)):
        if s.furniture is not None and s.furniture >= NOTICE_WARNING:
            out.append(
                f"   note: {s.furniture:.0%} of {label}'s sentences read like a site's notices (cookie wall, "
                "captcha, paywall), not an article: the scores say little"
            )
    out.append("")
    out.append("Dimensions")
    for name, value in c.dimensions.to_dict().items():
        out.append(f"  {name:<10} {value:4.2f}  {_bar(value)}")
    al = c.alignment
    out.append("")
    out.append(
        f"Reused text: {len(al.passages)} shared passage(s) "
        f"covering {al.a_coverage:.0%} of A and {al.b_coverage:.0%} of B"
    )
    for i, p in enumerate(al.passages[:max_passages], 1):
        out.append(f"  [{i}] A {p.a_start}-{p.a_end}  ↔  B {p.b_start}-{p.b_end}   similarity {p.similarity:.2f}")
        out.append("      " + _short(b_text[p.b_start : p.b_end], 92))
        for e in p.edits:
            if e.op == "replace":
                out.append(f"      {e.kind:<11} A “{_short(e.a_text, 40)}” → B “{_short(e.b_text, 40)}”")
            elif e.op == "delete":
                out.append(f"      {'cut in B':<11} “{_short(e.a_text, 80)}”")
            else:
                out.append(f"      {'added in B':<11} “{_short(e.b_text, 80)}”")
    if len(al.passages) > max_passages:
        out.append(f"  … {len(al.passages) - max_passages} more (use --json for all)")
    for label, spans in (("Only in B", al.only_b), ("Only in A", al.only_a)):
        out.append("")
        out.append(f"{label}: {len(spans)} sentence(s)")
        for s in spans:
            out.append(textwrap.fill(_short(s.text, 300), WIDTH, initial_indent="  - ", subsequent_indent="    "))
    out.append("")
    out.append("Evidence")
    for kind in EVIDENCE_KINDS:
        g = getattr(c.evidence, kind)
        out.append(f"  {kind.capitalize()}")
        out.append(
            textwrap.fill(_names(g, "shared"), WIDTH, initial_indent="    shared:    ", subsequent_indent=" " * 15)
        )
        out.append(
            textwrap.fill(_names(g, "only_a"), WIDTH, initial_indent="    only in A: ", subsequent_indent=" " * 15)
        )
        out.append(
            textwrap.fill(_names(g, "only_b"), WIDTH, initial_indent="    only in B: ", subsequent_indent=" " * 15)
        )
    return "\n".join(out)
