"""Date and time expressions, resolved to day ranges: ``find_dates``.

Regexes only, no dateparser at analysis time. Speed comes from scanning the text with a few
cheap patterns that find *anchors* (month and weekday names, relative words, digit runs) and
extending each anchor left and right with small anchored patterns; a 3,000-character article
takes well under a millisecond. English is covered thoroughly; de, fr, es, it, pt, ru, pl, tr, nl,
ar and zh/ja have hand-written vocabularies (``_dates_lang``); other languages get month, weekday
and relative words derived from dateparser's translation data.

Decisions (see also the tests):
* A mention that needs the reference date (weekdays, "yesterday", "late last month", a month
  or day without a year, a bare clock time) is skipped when ``reference`` is ``None``.
* A bare weekday is the most recent such day on or before the reference (news is told in the
  past tense), unless a future cue ("will", "due to", "scheduled") precedes it in its sentence:
  then the next one on or after it. "last Friday" is strictly before, "next Monday" strictly after.
* A day or month without a year takes the year that puts it nearest the reference, a future
  date counting double (so "in March" read in October is the past March).
* "early/mid/late" narrow the range: a month to days 1-10/11-20/21-end, a year to Jan-Apr/May-Aug/
  Sep-Dec, a decade to years 0-3/4-6/7-9, a week to Mon-Wed/Wed-Fri/Fri-Sun; on a day they only set
  ``part`` (as do morning/afternoon/evening/night). "earlier/later this week" keep the whole range.
* "overnight" (as an adverb) is the night before the reference: ``[ref - 1, ref]``, granularity day.
* Durations ("for decades", "six hours", "two weeks") are not dates; "N days/weeks ago" is.
* A bare 4-digit number from 1800 to 2099 is a year unless a unit, currency or count noun follows
  (in English: a plural noun, "2000 households", unless "since/until/during..." precedes).
* A clock time takes the day of a date right next to it ("3 pm on Friday", merged into one
  mention), else the reference day.
* Numeric dates: ISO, Y/M/D and D.M.Y always; D/M/Y in English only when unambiguous.
* ``relative`` is ``True`` whenever the reference was needed, including a day without a year.
"""

from __future__ import annotations

from datetime import date

from samestory.analyze import _dates_lang as tables
from samestory.analyze._dates_lang import DateLang
from samestory.analyze._dates_langs import LANGS
from samestory.analyze._dates_scan import _MERGE_GAP, _NEVER, _Cand, _code, _Lang
from samestory.analyze.spans import SpanSet
from samestory.analyze.types import DateMention

__all__ = ["DateFinder", "find_dates"]


def _select(text: str, cands: list[_Cand], ref: date | None) -> list[DateMention]:
    """Longest candidates first, no overlaps; clock times join an adjacent day or take the reference."""
    cands.sort(key=lambda c: (c.start - c.end, c.start))
    claimed = SpanSet()
    taken: list[_Cand] = []
    for c in cands:
        if claimed.free(c.start, c.end):
            claimed.add(c.start, c.end)
            taken.append(c)
    taken.sort(key=lambda c: c.start)
    out: list[DateMention] = []
    i = 0
    while i < len(taken):
        c = taken[i]
        if not c.needs_day:
            out.append(c.mention)
            i += 1
            continue
        nxt = taken[i + 1].mention if i + 1 < len(taken) else None
        prev = out[-1] if out else None
        if nxt and nxt.granularity == "day" and nxt.first == nxt.last and _MERGE_GAP.fullmatch(text, c.end, nxt.start):
            out.append(_merge(text, c.mention, nxt, c.start, nxt.end))
            i += 2
            continue
        if (
            prev
            and prev.granularity == "day"
            and prev.first == prev.last
            and _MERGE_GAP.fullmatch(text, prev.end, c.start)
        ):
            out[-1] = _merge(text, c.mention, prev, prev.start, c.end)
        elif ref is not None:
            out.append(c.mention)
        i += 1
    return out


def _merge(text: str, t: DateMention, d: DateMention, start: int, end: int) -> DateMention:
    return DateMention(text[start:end], start, end, d.first, d.first, "time", d.relative, d.part, t.time)


class DateFinder:
    """Finds dates; keeps each language's compiled patterns for reuse.

    ``find_dates`` builds a throw-away finder per call (Python's ``re`` cache makes the recompile
    cheap, the pattern assembly still costs about 0.1 ms); callers analysing many articles can keep
    one finder and pass it as ``finder=``.
    """

    def __init__(self) -> None:
        self._langs: dict[str, _Lang] = {}

    def _lang(self, language: str) -> _Lang:
        code = _code(language)
        if code not in self._langs:
            spec = tables.ZH if code == "zh" else (LANGS.get(code) or tables.from_dateparser(code))
            self._langs[code] = _Lang(code, spec or DateLang(months=(_NEVER,) * 12, weekdays=(_NEVER,) * 7))
        return self._langs[code]

    def find(self, text: str, language: str = "en", reference: date | None = None) -> list[DateMention]:
        """Date and time mentions of ``text``, sorted and non-overlapping (see ``find_dates``)."""
        if not text:
            return []
        return _select(text, self._lang(language).find(text, reference), reference)


def find_dates(
    text: str, *, language: str = "en", reference: date | None = None, finder: DateFinder | None = None
) -> list[DateMention]:
    """Date and time mentions of ``text``, sorted and non-overlapping, resolved against ``reference``.

    ``finder`` lets a caller reuse compiled patterns across calls (see ``DateFinder``).
    """
    return (finder or DateFinder()).find(text, language, reference)
