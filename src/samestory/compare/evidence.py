"""Evidence: which people, organisations, places, dates, numbers and quotes two articles share."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from samestory.analyze.numbers import value_key
from samestory.analyze.types import Analysis, DateMention, NumberMention, Quote
from samestory.compare.types import Evidence, EvidenceGroup, EvidenceItem

T = TypeVar("T")
_WORD = re.compile(r"\w+", re.UNICODE)

QUOTE_MATCH = 0.7  # share of the shorter quote's words found in the other: same quote, edited


def _group(items: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    out: dict[str, list[T]] = {}
    for it in items:
        out.setdefault(key(it), []).append(it)
    return out


def _spans(items: Sequence[object]) -> tuple[tuple[int, int], ...]:
    return tuple((i.start, i.end) for i in items)  # type: ignore[attr-defined]


def _by_key(a: dict[str, list], b: dict[str, list], label: str, name: Callable[[list], str]) -> EvidenceGroup:
    shared, only_a, only_b = [], [], []
    for k, items in a.items():
        if k in b:
            shared.append(EvidenceItem(k, name(items), label, _spans(items), _spans(b[k]), b_name=name(b[k])))
        else:
            only_a.append(EvidenceItem(k, name(items), label, a=_spans(items)))
    for k, items in b.items():
        if k not in a:
            only_b.append(EvidenceItem(k, name(items), label, b=_spans(items)))

    def order(i: EvidenceItem) -> tuple[int, int]:  # most mentioned first, then first seen
        spans = i.a or i.b
        return (-(len(i.a) + len(i.b)), spans[0][0] if spans else 0)

    return EvidenceGroup(
        tuple(sorted(shared, key=order)), tuple(sorted(only_a, key=order)), tuple(sorted(only_b, key=order))
    )


def number_key(a: Analysis, b: Analysis) -> Callable[[NumberMention], str]:
    """How numbers of two articles are matched: with what they count in one language, by value
    alone across languages (the counted nouns' stems differ; a ``count:400`` is still evidence)."""
    if a.language == b.language:
        return lambda n: n.key
    return value_key


def date_key(d: DateMention) -> str:
    """A date's day range as text: ``2020-10-09`` or ``2020-09-21/2020-09-30``."""
    return d.first.isoformat() if d.first == d.last else f"{d.first.isoformat()}/{d.last.isoformat()}"


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def match_quotes(qa: Sequence[Quote], qb: Sequence[Quote]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of quotes that are the same words, allowing cuts and small edits."""
    wa = [_words(q.text) for q in qa]
    wb = [_words(q.text) for q in qb]
    pairs, used = [], set()
    for i, x in enumerate(wa):
        best, best_j = 0.0, -1
        for j, y in enumerate(wb):
            if j in used or not x or not y:
                continue
            score = len(x & y) / min(len(x), len(y))
            if score > best:
                best, best_j = score, j
        if best >= QUOTE_MATCH:
            pairs.append((i, best_j))
            used.add(best_j)
    return pairs


def _quotes(qa: Sequence[Quote], qb: Sequence[Quote]) -> EvidenceGroup:
    pairs = match_quotes(qa, qb)
    ia, ib = {i for i, _ in pairs}, {j for _, j in pairs}

    def label(q: Quote) -> str:
        return q.speaker or "unattributed"

    shared = tuple(
        EvidenceItem(
            f"quote:{i}:{j}",
            qa[i].text,
            label(qa[i]),
            ((qa[i].start, qa[i].end),),
            ((qb[j].start, qb[j].end),),
            b_name=qb[j].text,
        )
        for i, j in pairs
    )
    only_a = tuple(
        EvidenceItem(f"quote:{i}:", q.text, label(q), a=((q.start, q.end),)) for i, q in enumerate(qa) if i not in ia
    )
    only_b = tuple(
        EvidenceItem(f"quote::{j}", q.text, label(q), b=((q.start, q.end),)) for j, q in enumerate(qb) if j not in ib
    )
    return EvidenceGroup(shared, only_a, only_b)


def gather_evidence(a: Analysis, b: Analysis) -> Evidence:
    """Group each kind of mention by its language-independent key and split shared / only-in."""

    def fullest(items: list) -> str:
        return max((getattr(i, "name", None) or i.text for i in items), key=len)

    def first_text(items: list) -> str:
        return items[0].text

    people = _by_key(
        _group((e for e in a.entities if e.label == "PERSON"), lambda e: e.key),
        _group((e for e in b.entities if e.label == "PERSON"), lambda e: e.key),
        "PERSON",
        fullest,
    )
    orgs = _by_key(
        _group((e for e in a.entities if e.label == "ORG"), lambda e: e.key),
        _group((e for e in b.entities if e.label == "ORG"), lambda e: e.key),
        "ORG",
        fullest,
    )
    places = _by_key(_group(a.places, lambda p: p.key), _group(b.places, lambda p: p.key), "PLACE", fullest)
    dates = _by_key(_group(a.dates, date_key), _group(b.dates, date_key), "DATE", lambda items: date_key(items[0]))
    nkey = number_key(a, b)
    numbers = _by_key(_group(a.numbers, nkey), _group(b.numbers, nkey), "NUMBER", first_text)
    return Evidence(people, orgs, places, dates, numbers, _quotes(a.quotes, b.quotes))
