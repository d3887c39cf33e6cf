"""News agencies named in an article's text: credits for the copy, or sources it cites.

``credit``: the agency is given as the article's source, in a dateline at the start
("PARIS (AFP) -"), a trailer at the end ("-AFP", "(Reuters)"), or a "with AFP" / "Source:"
phrase. ``mention``: anything else ("told AFP", "an AFP journalist", "a statement to AFP").
"""

from __future__ import annotations

import re

from samestory.analyze.types import CreditMention
from samestory.ingest.agencies import agency_pattern, canonical_agency

_AGENCY = agency_pattern()  # compiled once: a constant built from a constant table
HEAD_CHARS = 80  # a dateline credit sits in the first line
TAIL_CHARS = 60  # a trailer credit in the last characters
_CREDIT_CONTEXT = re.compile(
    r"(?:\bwith\s+|\bsource:?\s*|\bsources:?\s*|\bcredit:?\s*|\bby\s+|\bfor\s+|avec\s+|mit\s+|con\s+|\bсо?\s+)$",
    re.IGNORECASE,
)


def find_credits(text: str) -> list[CreditMention]:
    """Every agency name in ``text`` with whether it credits or is only cited."""
    out: list[CreditMention] = []
    n = len(text.rstrip())
    for m in _AGENCY.finditer(text):
        agency = canonical_agency(m.group(1))
        if agency is None:
            continue
        s, e = m.span(1)
        before = text[max(0, s - 20) : s]
        after = text[e : e + 3]
        in_parens = before.endswith("(") and after.startswith(")")
        at_head = s < HEAD_CHARS and (in_parens or before.rstrip().endswith(("-", "–", "—")))
        apart = before.endswith(("\n", "  ")) and not text[e:n].strip(" .)")  # a trailer on its own
        at_tail = e >= n - TAIL_CHARS and (in_parens or apart or before.rstrip().endswith(("-", "–", "—", "/")))
        where = "credit" if at_head or at_tail or _CREDIT_CONTEXT.search(before) else "mention"
        out.append(CreditMention(agency, text[s:e], s, e, where))
    return out
