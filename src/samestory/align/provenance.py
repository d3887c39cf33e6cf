"""Who took text from whom: the derivation class of each article and the likely source.

Pure functions of the two articles' metadata (:class:`Facts`) and their :class:`Alignment`;
no I/O. Every offset indexes the article's ``text``.

**Derivation** (after the wholly/partially/non-derived scheme of the METER corpus, Clough et
al. 2002), for each article relative to the other, from the share of its words inside shared
passages (``coverage``):

* ``wholly`` when coverage >= ``WHOLLY_COVERAGE`` (0.8): all but a sentence or two in ten
  comes from the other text. Not 1.0: a reprint keeps its own dateline, may add a line of local
  context, and a wire story rewritten between versions leaves sentences in the reprint that the
  other version no longer has (the real example pair: the reprint is 82% covered, and its three
  unshared sentences are the earlier version's, not the outlet's own);
* ``partially`` when at least one passage has ``PARTIAL_PASSAGE_WORDS`` (20) of its words, or
  coverage >= ``PARTIAL_COVERAGE`` (0.15): a real stretch of reused text, longer than the stock
  phrases ("the international community") that unrelated stories share;
* ``none`` otherwise.

**Likely source.** Each piece of evidence is a :class:`Reason` favouring ``a`` (A is the source
of B), ``b``, or ``common`` (both derive from a third text, e.g. an agency's wire), with a
weight. The weights, strongest first, and why:

==================  ======  ===================================================================
reason              weight  why
==================  ======  ===================================================================
credit (agency)     4.0     one side IS the agency (its outlet) the other credits
credit (shared)     3.0     both credit the same agency: both print its wire; declared provenance
order               2.0     the side published first carries the LATER version: neither copied
                            the other's published text, so both go back to a common source
date                1.0     published on an earlier day (0.5 when only the time of day differs)
tense               1.0     future phrasing ("were due to hold") against the past tense of the
                            same verb ("held") at the same aligned place: the future-phrased side
                            is the earlier version; 0.75 with another verb; 0.5 for a future
                            sentence only one side has about an event the other reports as done
update              1.0     an update note ("UPDATE 2", "(Adds ...)") marks the later version
casualties          0.75    a higher death or injury count at the same aligned place: later
credit (one-sided)  1.0     one side credits an agency, the other none: the crediting side is the
                            wire's copy; the other ran it uncredited or copied it
credit (different)  1.0     different agencies credited: the text comes from outside the pair
superset            0.5     the fuller text contains the other's shared text: often the source,
                            but a later, longer version of a story is a superset too
==================  ======  ===================================================================

Version cues (tense, update, casualties) of one direction add up to at most ``VERSION_CAP``
(2.5), so a long list of small edits cannot outweigh a declared credit. The verdict is the
side with the largest total when that total is at least ``MIN_EVIDENCE`` (1.0) and beats the
runner-up; otherwise ``unknown``. Its confidence is ``best / (best + runner_up + PRIOR)`` with
``PRIOR`` = 1.0, one reason's worth of unseen evidence: a lone date gives 0.5, a shared credit
alone 0.75, and evidence on the other side lowers it. ``earlier_version`` says which side's text
the version cues show as the earlier one; it can differ from publication order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from samestory.align import cues
from samestory.align.tokens import Tokens, tokenize
from samestory.align.types import Alignment, Passage

WHOLLY_COVERAGE = 0.8
PARTIAL_COVERAGE = 0.15
PARTIAL_PASSAGE_WORDS = 20

W_CREDIT_AGENCY = 4.0
W_CREDIT_SHARED = 3.0
W_ORDER = 2.0
W_DATE = 1.0
W_DATE_SAME_DAY = 0.5
W_TENSE = 1.0
W_TENSE_OTHER_VERB = 0.75
W_TENSE_UNSHARED = 0.5
W_UPDATE = 1.0
W_CASUALTIES = 0.75
W_CREDIT_ONE_SIDED = 1.0
W_CREDIT_DIFFERENT = 1.0
W_SUPERSET = 0.5
VERSION_CAP = 2.5
MIN_EVIDENCE = 1.0
PRIOR = 1.0
VERSION_KINDS = frozenset(["tense", "update", "casualties"])
SUPERSET_MIN_COVERAGE = 0.5  # the contained side is mostly shared...
SUPERSET_MIN_GAP = 0.2  # ...and clearly more so than the containing side


@dataclass(frozen=True, slots=True)
class Facts:
    """What provenance needs to know of one article. ``agency`` is set when the article is an
    agency's own copy (its outlet is the agency); ``credit_notes`` say where each credit was
    read (``byline "Hervé Bar for AFP"``), for the reasons' details."""

    text: str
    published: date | datetime | None = None
    credits: tuple[str, ...] = ()
    outlet: str | None = None
    agency: str | None = None
    title: str | None = None
    credit_notes: tuple[str, ...] = ()
    credit_spans: tuple[tuple[int, int], ...] = ()  # credits read from the text itself


@dataclass(frozen=True, slots=True)
class Cue:
    """A span of evidence in one article's text (``side`` ``a`` or ``b``)."""

    side: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Reason:
    """One piece of evidence about the source: what it is, whom it favours, how much it weighs."""

    kind: str  # date, superset, credit, order, tense, update, casualties
    favours: str  # a, b or common
    weight: float
    detail: str
    cues: tuple[Cue, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "favours": self.favours,
            "weight": self.weight,
            "detail": self.detail,
            "cues": [c.to_dict() for c in self.cues],
        }


@dataclass(frozen=True, slots=True)
class SideDerivation:
    """How much of one article comes from the other."""

    label: str  # wholly, partially or none
    coverage: float
    words: int
    shared_words: int
    longest_passage_words: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "class": self.label,
            "coverage": round(self.coverage, 4),
            "words": self.words,
            "shared_words": self.shared_words,
            "longest_passage_words": self.longest_passage_words,
        }


@dataclass(frozen=True, slots=True)
class Derivation:
    """The derivation class of A relative to B and of B relative to A."""

    a: SideDerivation
    b: SideDerivation

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "thresholds": {
                "wholly_coverage": WHOLLY_COVERAGE,
                "partial_coverage": PARTIAL_COVERAGE,
                "partial_passage_words": PARTIAL_PASSAGE_WORDS,
            },
        }


@dataclass(frozen=True, slots=True)
class Provenance:
    """The likely source of the shared text, with every reason and the totals behind it."""

    verdict: str  # a, b, common or unknown
    confidence: float
    earlier_version: str | None  # the side whose text the version cues show as earlier
    common_source: str | None  # the agency both credit, when the verdict is common
    reasons: tuple[Reason, ...]
    totals: tuple[float, float, float]  # weight for a, b, common (version cues capped)
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "confidence": round(self.confidence, 4),
            "earlier_version": self.earlier_version,
            "common_source": self.common_source,
            "summary": self.summary,
            "totals": {k: round(v, 4) for k, v in zip(("a", "b", "common"), self.totals, strict=True)},
            "reasons": [r.to_dict() for r in self.reasons],
        }


# ---- derivation -----------------------------------------------------------------------------


def _words_in(starts: Sequence[int], start: int, end: int) -> int:
    return bisect_left(starts, end) - bisect_left(starts, start)


def _side(coverage: float, starts: Sequence[int], spans: Sequence[tuple[int, int]]) -> SideDerivation:
    words = len(starts)
    longest = max((_words_in(starts, s, e) for s, e in spans), default=0)
    if words and coverage >= WHOLLY_COVERAGE:
        label = "wholly"
    elif longest >= PARTIAL_PASSAGE_WORDS or (spans and coverage >= PARTIAL_COVERAGE):
        label = "partially"
    else:
        label = "none"
    return SideDerivation(label, coverage, words, round(coverage * words), longest)


def derive(
    alignment: Alignment, a_text: str, b_text: str, *, a_tokens: Tokens | None = None, b_tokens: Tokens | None = None
) -> Derivation:
    """The derivation class and coverage of each article relative to the other."""
    sa = (tokenize(a_text) if a_tokens is None else a_tokens).starts
    sb = (tokenize(b_text) if b_tokens is None else b_tokens).starts
    ps = alignment.passages
    return Derivation(
        _side(alignment.a_coverage, sa, [(p.a_start, p.a_end) for p in ps]),
        _side(alignment.b_coverage, sb, [(p.b_start, p.b_end) for p in ps]),
    )


# ---- reasons ---------------------------------------------------------------------------------


def _other(side: str) -> str:
    return "b" if side == "a" else "a"


def _day(d: date | datetime) -> date:
    return d.date() if isinstance(d, datetime) else d


def date_reason(a: Facts, b: Facts) -> Reason | None:
    """The earlier publication favours its side; unknown or equal dates say nothing."""
    if a.published is None or b.published is None:
        return None
    da, db = _day(a.published), _day(b.published)
    if da != db:
        first = "a" if da < db else "b"
        days = abs((db - da).days)
        gap = "one day" if days == 1 else f"{days} days"
        return Reason(
            "date", first, W_DATE, f"A published {da.isoformat()}, B {db.isoformat()}: {first.upper()} {gap} earlier"
        )
    pa, pb = a.published, b.published
    if (
        isinstance(pa, datetime)
        and isinstance(pb, datetime)
        and (pa.tzinfo is None) == (pb.tzinfo is None)
        and pa != pb
    ):
        first = "a" if pa < pb else "b"
        return Reason(
            "date",
            first,
            W_DATE_SAME_DAY,
            f"same day; A published {pa.isoformat()}, B {pb.isoformat()}: {first.upper()} earlier",
        )
    return None


def credit_reason(a: Facts, b: Facts) -> Reason | None:
    """What the agency credits say: one side is the agency, both credit it, or one or neither."""
    notes = {"a": "; ".join(a.credit_notes), "b": "; ".join(b.credit_notes)}
    spans = tuple(Cue("a", s, e, a.text[s:e]) for s, e in a.credit_spans) + tuple(
        Cue("b", s, e, b.text[s:e]) for s, e in b.credit_spans
    )

    def where(side: str) -> str:
        return f" ({notes[side]})" if notes[side] else ""

    def both() -> str:
        bits = [f"{k.upper()}: {notes[k]}" for k in ("a", "b") if notes[k]]
        return f" ({'; '.join(bits)})" if bits else ""

    for side, own, other in (("a", a, b), ("b", b, a)):
        if own.agency and own.agency in other.credits:
            return Reason(
                "credit",
                side,
                W_CREDIT_AGENCY,
                f"{side.upper()} is {own.agency}'s own copy ({own.outlet}), and {_other(side).upper()} credits "
                f"{own.agency}{where(_other(side))}",
                spans,
            )
    ca, cb = list(dict.fromkeys(a.credits)), list(dict.fromkeys(b.credits))
    shared = [c for c in ca if c in cb]
    if shared:
        names = ", ".join(shared)
        wire = f"{names}'s wire" if len(shared) == 1 else f"the wires of {names}"
        return Reason(
            "credit",
            "common",
            W_CREDIT_SHARED,
            f"both credit {names}{both()}: both print {wire}, so neither need have copied the other",
            spans,
        )
    if ca and cb:
        return Reason(
            "credit",
            "common",
            W_CREDIT_DIFFERENT,
            f"A credits {', '.join(ca)}{where('a')}, B credits {', '.join(cb)}{where('b')}: neither presents itself "
            "as the other's source; the shared text likely comes from outside the pair",
            spans,
        )
    if ca or cb:
        side, names = ("a", ca) if ca else ("b", cb)
        o = _other(side).upper()
        return Reason(
            "credit",
            "common",
            W_CREDIT_ONE_SIDED,
            f"{side.upper()} credits {', '.join(names)}{where(side)}, {o} credits no agency: {side.upper()} runs "
            f"{names[0]}'s wire copy; {o} either ran the same wire uncredited or copied {side.upper()}",
            spans,
        )
    return None


def superset_reason(a: Facts, b: Facts, der: Derivation) -> Reason | None:
    """The fuller text whose shared part contains most of the other favours itself, weakly."""
    for side, big, small in (("a", der.a, der.b), ("b", der.b, der.a)):
        own_big = big.words - big.shared_words
        own_small = small.words - small.shared_words
        if (
            small.coverage >= SUPERSET_MIN_COVERAGE
            and small.coverage - big.coverage >= SUPERSET_MIN_GAP
            and own_big > own_small
        ):
            s, o = side.upper(), _other(side).upper()
            return Reason(
                "superset",
                side,
                W_SUPERSET,
                f"{s}'s shared text is a superset: {small.coverage:.0%} of {o} ({small.shared_words} of {small.words} "
                f"words) lies in passages shared with {s}, while {s} has {own_big} words of its own to {o}'s "
                f"{own_small}; evidence, not proof: a later, longer version of a story contains the earlier one too",
            )
    return None


def _cue(side: str, text: str, start: int, end: int) -> Cue:
    return Cue(side, start, end, text[start:end])


def _tense_in_passage(p: Passage, a_text: str, b_text: str) -> list[Reason]:
    out: list[Reason] = []
    for e in p.edits:
        if e.op != "replace" or e.kind != "wording":
            continue
        fa = cues.future_cues(a_text, e.a_start, e.a_end)
        fb = cues.future_cues(b_text, e.b_start, e.b_end)
        if bool(fa) == bool(fb):
            continue
        fut_side = "a" if fa else "b"
        fut = (fa or fb)[0]
        past_text = b_text if fa else a_text
        ps, pe = (e.b_start, e.b_end) if fa else (e.a_start, e.a_end)
        past = cues.past_verbs(past_text, ps, pe)
        if not past:
            continue
        same = [v for v in past if v.lemmas & fut.lemmas]
        if fut.weak and not same:
            continue
        verb = (same or past)[0]
        fut_text = a_text if fa else b_text
        f, o = fut_side.upper(), _other(fut_side).upper()
        how = "the same verb" if same else "another verb"
        out.append(
            Reason(
                "tense",
                fut_side,
                W_TENSE if same else W_TENSE_OTHER_VERB,
                f"{f} {fut.start}-{fut.end} \u201c{fut.text}\u201d where {o} {verb.start}-{verb.end} has "
                f"\u201c{verb.text}\u201d ({how} in the past tense) at the same aligned place: {f} was written "
                "before the event, so it reflects an earlier version of the text",
                (
                    _cue(fut_side, fut_text, fut.start, fut.end),
                    _cue(_other(fut_side), past_text, verb.start, verb.end),
                ),
            )
        )
    return out


_STOP = frozenset(
    "the a an their its his her our your this that these those of in on at to for from with by and".split()
)


def _tense_unshared(side: str, facts: Facts, other: Facts, alignment: Alignment) -> list[Reason]:
    """A future sentence only ``side`` has about an event the other text reports as done."""
    out: list[Reason] = []
    spans = alignment.only_a if side == "a" else alignment.only_b
    for s in spans:
        for fut in cues.future_cues(facts.text, s.start, s.end, window=0):
            sched = cues.schedule_marker(facts.text, s.start, s.end)
            if fut.weak and sched is None:
                continue  # "would" alone is reported speech as often as an expectation
            objects = {w for w in cues.words_after(facts.text, fut.end, 4) if w not in _STOP}
            for v in cues.find_past(other.text, fut.lemmas):
                if v.lemmas & fut.lemmas and objects & set(cues.words_after(other.text, v.end, 6)):
                    f, o = side.upper(), _other(side).upper()
                    # quote the announcement up to the time it names, when that follows closely
                    stop = sched.end() if sched and 0 <= sched.start() - fut.end <= 60 else fut.end
                    said = " ".join(facts.text[fut.start : stop].split())
                    when = f", naming a time (\u201c{sched.group()}\u201d)" if sched else ""
                    cue_list = [_cue(side, facts.text, fut.start, fut.end)]
                    if sched:
                        cue_list.append(_cue(side, facts.text, sched.start(), sched.end()))
                    cue_list.append(_cue(_other(side), other.text, v.start, v.end))
                    out.append(
                        Reason(
                            "tense",
                            side,
                            W_TENSE_UNSHARED,
                            f"only {f} has the sentence at {s.start}-{s.end} announcing \u201c{said}\u201d"
                            f"{when}; {o} {v.start}-{v.end} reports it as done (\u201c{v.text}\u201d): "
                            f"{f} reflects an earlier version",
                            tuple(cue_list),
                        )
                    )
                    break
            else:
                continue
            break
    return out


def _update_reasons(a: Facts, b: Facts) -> list[Reason]:
    ma, mb = cues.update_markers(a.text), cues.update_markers(b.text)
    if bool(ma) == bool(mb):
        return []  # both or neither marked: nothing to tell them apart
    marked, text = ("a", a.text) if ma else ("b", b.text)
    s, e, t = (ma or mb)[0]
    earlier = _other(marked)
    return [
        Reason(
            "update",
            earlier,
            W_UPDATE,
            f"{marked.upper()} {s}-{e} carries an update note \u201c{t.strip()}\u201d: it is a later version, "
            f"so {earlier.upper()} reflects an earlier one",
            (_cue(marked, text, s, e),),
        )
    ]


def _casualty_reasons(p: Passage, a_text: str, b_text: str) -> list[Reason]:
    out: list[Reason] = []
    for e in p.edits:
        if e.op != "replace" or e.kind not in ("number", "wording"):
            continue
        na, nb = cues.parse_count(e.a_text), cues.parse_count(e.b_text)
        if na is None or nb is None or na == nb:
            continue
        ca = cues.casualty_near(a_text, e.a_start, e.a_end)
        cb = cues.casualty_near(b_text, e.b_start, e.b_end)
        if ca is None or cb is None:
            continue  # be conservative: both sides must be counting casualties
        later = "a" if na > nb else "b"
        earlier = _other(later)
        out.append(
            Reason(
                "casualties",
                earlier,
                W_CASUALTIES,
                f"a casualty count at the same aligned place: A {e.a_start}-{e.a_end} \u201c{e.a_text}\u201d "
                f"({ca.group()}) vs B {e.b_start}-{e.b_end} \u201c{e.b_text}\u201d ({cb.group()}); counts grow as a "
                f"story is updated, so {later.upper()} looks later and {earlier.upper()} earlier",
                (_cue("a", a_text, e.a_start, e.a_end), _cue("b", b_text, e.b_start, e.b_end)),
            )
        )
    return out


def version_reasons(a: Facts, b: Facts, alignment: Alignment) -> list[Reason]:
    """Tense, update-note and casualty cues, each favouring the side that reflects the earlier version."""
    out: list[Reason] = []
    for p in alignment.passages:
        out.extend(_tense_in_passage(p, a.text, b.text))
        out.extend(_casualty_reasons(p, a.text, b.text))
    out.extend(_tense_unshared("a", a, b, alignment))
    out.extend(_tense_unshared("b", b, a, alignment))
    out.extend(_update_reasons(a, b))
    return out


def earlier_version(reasons: Sequence[Reason]) -> str | None:
    """The side the version cues show as earlier: the one with more version weight, if any."""
    wa = sum(r.weight for r in reasons if r.kind in VERSION_KINDS and r.favours == "a")
    wb = sum(r.weight for r in reasons if r.kind in VERSION_KINDS and r.favours == "b")
    if wa == wb:
        return None
    return "a" if wa > wb else "b"


# ---- verdict ---------------------------------------------------------------------------------


def totals(reasons: Sequence[Reason]) -> tuple[float, float, float]:
    """Weight for a, b and common; version cues of one direction capped at ``VERSION_CAP``."""
    acc = {"a": 0.0, "b": 0.0, "common": 0.0}
    version = {"a": 0.0, "b": 0.0, "common": 0.0}
    for r in reasons:
        if r.kind in VERSION_KINDS:
            version[r.favours] += r.weight
        else:
            acc[r.favours] += r.weight
    for k in acc:
        acc[k] += min(version[k], VERSION_CAP)
    return acc["a"], acc["b"], acc["common"]


def verdict(reasons: Sequence[Reason]) -> tuple[str, float, tuple[float, float, float]]:
    """The favoured side, its confidence and the totals (see the module docstring)."""
    t = totals(reasons)
    ranked = sorted(zip(t, ("a", "b", "common"), strict=True), reverse=True)
    (best, side), (second, _) = ranked[0], ranked[1]
    if best < MIN_EVIDENCE or best == second:
        return "unknown", 0.0, t
    return side, best / (best + second + PRIOR), t


def _summary(v: str, conf: float, earlier: str | None, common_source: str | None) -> str:
    head = {
        "a": "A is the likely source of B",
        "b": "B is the likely source of A",
        "common": "both likely derive from a common source" + (f" ({common_source}'s wire)" if common_source else ""),
        "unknown": "no clear source",
    }[v]
    if v != "unknown":
        head += f" (confidence {conf:.2f})"
    if earlier:
        head += f"; {earlier.upper()} reflects the earlier version of the shared text"
    return head[0].upper() + head[1:]


def provenance(a: Facts, b: Facts, alignment: Alignment, derivation: Derivation | None = None) -> Provenance:
    """The likely source of the text ``a`` and ``b`` share, with its reasons.

    Without a shared passage there is nothing to trace: the verdict is ``unknown`` and no reason
    is given.
    """
    if not alignment.passages:
        return Provenance("unknown", 0.0, None, None, (), (0.0, 0.0, 0.0), "No shared passage: nothing to trace")
    der = derivation or derive(alignment, a.text, b.text)
    reasons: list[Reason] = []
    date_r = date_reason(a, b)
    credit_r = credit_reason(a, b)
    for r in (date_r, credit_r, superset_reason(a, b, der)):
        if r is not None:
            reasons.append(r)
    version = version_reasons(a, b, alignment)
    reasons.extend(version)
    earlier = earlier_version(version)
    if date_r is not None and earlier is not None and date_r.favours != earlier:
        first = date_r.favours.upper()
        reasons.append(
            Reason(
                "order",
                "common",
                W_ORDER,
                f"{first} was published first, yet {earlier.upper()} carries the earlier version of the shared "
                f"text: {earlier.upper()} did not copy {first}'s published text, and {first} could not copy a text "
                "published after it; both go back to a common source, in different versions",
            )
        )
    v, conf, t = verdict(reasons)
    common_source = None
    if v == "common" and credit_r is not None and credit_r.favours == "common":
        shared = [c for c in a.credits if c in b.credits]
        common_source = shared[0] if shared else None
    return Provenance(v, conf, earlier, common_source, tuple(reasons), t, _summary(v, conf, earlier, common_source))
