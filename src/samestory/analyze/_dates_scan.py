"""The per-language date scanner behind ``dates.find_dates``: anchors and their extensions.

See ``dates`` for what is found and the decisions on how it is resolved.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from samestory.analyze import _dates_lang as tables
from samestory.analyze._dates_calendar import day, monday, month_last, narrow, nearest, relative_range
from samestory.analyze._dates_lang import DateLang
from samestory.analyze._numbers_lang import EN_UNITS_WORDS
from samestory.analyze.types import DateMention

_NEVER = r"(?!x)x"
_ZONES = tables.ZONES
_DIGITS = re.compile(r"\d+")
# "a week ago", "three days ago": the English number words up to twelve
_NUMBER_WORDS = {"a": 1, "an": 1, **{w: n for w, n in EN_UNITS_WORDS.items() if n <= 12}}
# what may follow a bare 4-digit number that is then a count or measure, not a year
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:[%‰$€£¥₽₺]|(?:km|kg|mi|t|MW|GW|kW|mln|bn|m|euros?|dollars?|USD|EUR|tonnes?|tons?|barrels?|"
    r"руб\w*|тыс\w*|млн|млрд|Mio|Mrd|Euro|человек|людей|Menschen|Personen|personnes|personas|persone|"
    r"pessoas|osób|kişi|mensen|people|persons|percent|per\s+cent|prozent|процент\w*|pour\s?cent|por\s+ciento|"
    r"per\s?cento|por\s+cento|procent\w*)(?!\w))",
    re.IGNORECASE,
)
_EN_NEXT_WORD = re.compile(r"\s+([a-z][a-z'’-]*)")
_EN_PREV_WORD = re.compile(r"([A-Za-z]+)[\s-]*\Z")
_EN_NOT_PLURAL = frozenset(
    "was has is as this its his hers ours yours theirs thus plus versus whereas towards afterwards perhaps "
    "besides always unless across less news series species politics economics analysis crisis basis "
    "sometimes nevertheless".split()
)
_EN_STRONG_YEAR = frozenset(
    "since until till during before after between through circa year early late mid spring summer autumn "
    "fall winter end start beginning middle".split()
)
_EN_NOT_WEEKDAY_BEFORE = frozenset("black good cyber ash holy easter palm super giving bloody".split())
_EN_NOT_WEEKDAY_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Mail|Post|Herald|Independent|Star|"
    r"Night\s+Live|Sport|Service|Prayers?|School)\b"
)
_SENTENCE_END = re.compile(r"[.!?。！？]\s|\n")
_BOUND = "[\\s\"“‘'(\\[—–/-]"  # what may precede a word-scan hit (the text is padded with one space)
_MERGE_GAP = re.compile(r"\s+(?:(?:on|at|am|um|le|el|à|às|a|в|во|o|om|alle|saat)\s+)?", re.IGNORECASE)
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)"
    r"(?::\d\d(?:\.\d+)?)?(?P<z>Z)?)?(?![\w-]|[.:]\d)"
)
_YMD = re.compile(r"(?P<y>\d{4})[/.](?P<mo>\d{1,2})[/.](?P<d>\d{1,2})(?![\w/]|[.]\d)")
_DMY_DOTS = re.compile(r"(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})(?!\w|[.]\d)")
_SLASH = re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\w/])")
_HHMM_ZONE = re.compile(rf"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<z>{_ZONES})(?!\w)")
_AMPM = re.compile(
    rf"(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm))(?!\w)"
    rf"(?:\s*(?P<z>{_ZONES})(?!\w))?"
)
_ZH_DAY = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<mo>1[0-2]|0?[1-9])\s*月\s*(?P<d>\d{1,2})\s*[日号]")
_ZH_PART = "|".join(f"(?P<t{i}>{rx})" for i, (rx, _) in enumerate(tables.ZH_PARTS))
_ZH_MONTH = re.compile(rf"(?:(?P<y>\d{{4}})\s*年\s*)?(?P<mo>1[0-2]|0?[1-9])\s*月份?(?:{_ZH_PART})?(?!\s*\d)")
_ZH_YEAR = re.compile(rf"(?P<y>\d{{4}})\s*年(?:{_ZH_PART})?(?!代|\s*\d)")
_ZH_DECADE = re.compile(r"(?:(?P<y>\d{3}0)|(?P<yy>\d0))年代")
_ZH_CLOCK = re.compile(r"(?P<h>[01]?\d|2[0-3])\s*(?:[时時]|点(?=\s*[0-5]?\d\s*分|钟))(?:\s*(?P<mi>[0-5]?\d)\s*分)?")


class _Cand(NamedTuple):
    start: int
    end: int
    mention: DateMention
    needs_day: bool  # a clock time still waiting for its day


def _code(language: str | None) -> str:
    code = (language or "en").replace("_", "-").split("-")[0].lower()
    return "zh" if code == "ja" else code


def _isword(c: str) -> bool:
    return c.isalnum() or c == "_"


def _lower(text: str) -> str:
    """Lower-cased text with the same offsets (a few characters lower-case to two)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[0] for c in text)


def _lower_rx(rx: str) -> str:
    """Lower-case a regex's letters, not its escapes (``\\S`` must stay ``\\S``)."""
    if rx == rx.lower():
        return rx
    return re.sub(
        r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[^\\(]+|\(",
        lambda m: m.group() if m.group().startswith(("\\", "(?P")) else m.group().lower(),
        rx,
    )


def _tagged(prefix: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``(?:(?P<p0>...)|(?P<p1>...))`` so the handler can tell which alternative matched."""
    return "(?:" + "|".join(f"(?P<{prefix}{i}>{rx})" for i, (rx, _) in enumerate(pairs)) + ")" if pairs else _NEVER


def _part(m: re.Match[str] | None, prefix: str, pairs: tuple[tuple[str, str], ...]) -> str | None:
    if m is None:
        return None
    for i, (_, part) in enumerate(pairs):
        if f"{prefix}{i}" in m.re.groupindex and m.group(f"{prefix}{i}") is not None:
            return part or None
    return None


def _mention(
    text: str,
    s: int,
    e: int,
    first: date,
    last: date,
    gran: str,
    rel: bool = False,
    part: str | None = None,
    time: str | None = None,
    needs_day: bool = False,
) -> _Cand:
    return _Cand(s, e, DateMention(text[s:e], s, e, first, last, gran, rel, part, time), needs_day)


class _Lang:
    """One language's patterns: scans that find anchors fast (plain case-sensitive alternations,
    on lower-cased text outside English) and small anchored patterns that extend an anchor."""

    def __init__(self, code: str, spec: DateLang) -> None:
        self.code, self.s, self.en, self.zh = code, spec, code == "en", code == "zh"
        s = spec
        fl = 0 if s.case_sensitive or self.zh else re.IGNORECASE

        def c(rx: str) -> re.Pattern[str]:
            return re.compile(rx, fl)

        def scan(frags: list[str], boundary: bool = True, lower: bool = False) -> re.Pattern[str] | None:
            keep_case = (s.case_sensitive or self.zh) and not lower
            frags = [f if keep_case else _lower_rx(f) for f in frags if f and f != _NEVER]
            if not frags:
                return None
            alternation = "|".join(sorted(frags, key=len, reverse=True))
            return re.compile(f"(?:{alternation})" + (r"(?!\w)" if boundary else ""))

        sep = r"\s*" if self.zh else r"\s+"
        self.proclitics = "وفب" if code == "ar" else ""
        lb = "" if self.zh else r"(?<!\w)"  # Chinese has no spaces: every character is a word character
        if code == "ar":  # "and", "so", "by" are written on the next word: وأمس
            lb = r"(?:(?<!\w)|(?<=(?<!\w)[وفب]))"
        wds = "|".join(f"(?:{w})" for w in s.weekdays)
        mods = (
            rf"(?:(?:(?P<ml>{s.wd_last or _NEVER})|(?P<mn>{s.wd_next or _NEVER})"
            rf"|(?P<mt>{s.wd_this or _NEVER})){sep})?"
        )
        part, tod = _tagged("p", s.parts), _tagged("t", s.tod)
        ysuf = s.year_suffix
        self.month_scan = scan([f"(?:{m})" for m in s.months] + [f"(?:{a})" for a in s.abbr if a])
        # which month, weekday or relative word an anchor is: one alternation, read with ``lastgroup``
        self.month_id = c(
            "|".join(f"(?P<f{i}>{m})" for i, m in enumerate(s.months))
            + "".join(f"|(?P<a{i}>{a})" for i, a in enumerate(s.abbr) if a)
        )
        self.day_before = c(
            rf"(?<!\w)(?:(?:{wds}),?\s+(?:(?i:the)\s+)?)?"
            rf"(?P<d>\d{{1,2}})(?:\s*[-–]\s*(?P<d2>\d{{1,2}}))?"
            rf"{s.day_suffix}{s.dm_sep}\Z"
        )
        self.wd_before_date = c(rf"(?<!\w)(?:{wds}),?\s+\Z")
        self.year_after = c(rf"{s.my_sep}(?P<y>\d{{4}}){ysuf}(?!\w)")
        self.day_after = c(
            r"\s*(?P<d>\d{1,2})(?:\s*[-–]\s*(?P<d2>\d{1,2}))?(?:st|nd|rd|th)?(?!\d|[:.,]\d)"
            r"(?:,?\s*(?P<y>\d{4})(?!\d))?(?!\w)"
        )
        self.month_before = c(rf"(?<!\w)(?:(?P<pre>{s.month_pre or _NEVER})\s+)?(?P<x>(?:{part}[\s-]*)?{mods})\Z")
        self.month_post = c(s.month_post) if s.month_post else None
        self.part_before = c(rf"{lb}(?P<x>{part}[\s-]*)\Z") if s.parts else None

        self.wd_scan = scan([f"(?:{w})" for w in s.weekdays], boundary=False)
        self.wd_id = c("|".join(f"(?P<w{i}>{w})" for i, w in enumerate(s.weekdays)))
        on_ = r"(?:(?i:on)\s+)?" if self.en else ""
        self.wd_before = c(rf"{lb}(?:(?P<pre>{s.wd_pre or _NEVER})\s+)?(?P<x>(?:{part}\s+{on_})?{mods})\Z")
        self.wd_after = c(
            rf"(?:\s+(?:(?P<ml2>{s.wd_last_post or _NEVER})|(?P<mn2>{s.wd_next_post or _NEVER})))?"
            rf"(?:\s*{tod})?" + ("" if self.zh else r"(?!\w)")
        )
        rel = sorted(enumerate(s.relative), key=lambda p: -len(p[1][0]))
        # relative words are scanned on the lower-cased text padded with a space, each hit starting at a
        # space or punctuation: a one-character-class prefix lets ``re`` skip ahead fast
        rel_frags = [rx for _, (rx, *_r) in rel]
        self.rel_scan = (
            scan(rel_frags, boundary=False, lower=True)
            if self.zh
            else (
                re.compile(_BOUND[:-1] + self.proclitics + "](?P<w>" + scan(rel_frags, lower=True).pattern + ")")
                if rel_frags
                else None
            )
        )
        self.rel_id = re.compile("|".join(f"(?P<r{i}>{rx})" for i, (rx, *_r) in rel), re.IGNORECASE) if rel else None
        self.tod_after = c(rf"(?:\s*{tod})?") if s.tod else None
        self.decades_digit: list[tuple[int, re.Pattern[str]]] = []
        self.decades_word: list[tuple[re.Pattern[str], re.Pattern[str]]] = []
        for dec in s.decades:
            if dec.startswith(("(?P<y", "(?<!")):
                self.decades_digit.append((0, c(dec + r"(?!\w)")))
            elif dec.startswith("['’]"):
                self.decades_digit.append((1, c(dec + r"(?!\w)")))
            else:
                self.decades_word.append((scan([dec]), c(dec + r"(?!\w)")))
        self.year = c(rf"(?P<y>1[89]\d\d|20\d\d)(?P<suf>{ysuf})(?![\w%‰]|[.,:]\d|\s\d{{3}}(?!\d))")
        self.clock = c(
            r"(?P<h>[01]?\d|2[0-3])(?P<sep>[:.：])(?P<mi>[0-5]\d)"
            + (r"(?:\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm))(?!\w))?" if self.en else "")
            + rf"(?:\s*(?P<z>{_ZONES})(?!\w))?"
            + (rf"(?:\s*(?P<post>{s.clock_post}))?" if s.clock_post else "")
            + (r"(?![\d:%]|[.,]\d)" if self.zh else r"(?![\w:%]|[.,]\d)")
        )
        self.clock_post = (
            c(
                rf"(?P<h>[01]?\d|2[0-3])\s*(?P<post>{s.clock_post})(?:\s*(?P<mi>[0-5]\d))?"
                rf"(?:\s*(?P<z>{_ZONES}))?(?!\w)"
            )
            if s.clock_post
            else None
        )
        self.clock_pre = c(rf"(?<!\w)(?:{s.clock_pre})\s+\Z") if s.clock_pre else None
        self.future = re.compile(rf"(?<!\w)(?:{s.future})(?!\w)", re.IGNORECASE) if s.future else None
        if self.en:
            self.ago_scan = re.compile(r"(?:day|week|month|year|decade)s?\s+ago(?!\w)")
            self.ago_before = re.compile(
                r"(?<!\w)(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
                r"eleven|twelve)\s+\Z"
            )
            self.noon_scan = re.compile(r"(?:noon|midnight|midday)(?!\w)")
            self.noon_before = re.compile(r"(?<!\w)(?:at|by|until|till|before|after|around|from|since|about|past)\s+\Z")

    # ---- the scan ----------------------------------------------------------------------------

    def find(self, text: str, ref: date | None) -> list[_Cand]:
        low = _lower(text)
        src = text if self.s.case_sensitive or self.zh else low  # where names are scanned
        out: list[_Cand] = []

        def guard(fn: Callable, *args) -> None:
            # a year outside datetime's range (a hostile text or reference) skips that anchor only
            with contextlib.suppress(ValueError, OverflowError):
                fn(*args)

        for m in _DIGITS.finditer(text):
            guard(self._digits, text, m.start(), m.end(), ref, out)
        scans = [(self.month_scan, src, self._month, True), (self.wd_scan, src, self._weekday, ref is not None)]
        for scan, where, handler, wanted in scans:
            if scan is not None and wanted:
                for m in scan.finditer(where):
                    if self._word_start(text, m.start()):
                        guard(handler, text, m.start(), m.end(), ref, out)
        if self.rel_scan is not None and ref is not None:
            if self.zh:
                for m in self.rel_scan.finditer(low):
                    guard(self._relative, text, m.start(), m.end(), ref, out)
            else:
                for m in self.rel_scan.finditer(" " + low):
                    s, e = m.start("w") - 1, m.end("w") - 1
                    if self._word_start(text, s):
                        guard(self._relative, text, s, e, ref, out)
        for sc, rx in self.decades_word:
            for m in sc.finditer(low):
                if (full := rx.match(text, m.start())) and self._word_start(text, m.start()):
                    guard(self._decade, text, full, ref, out)
        if self.en and ref is not None:
            guard(self._english_extras, text, low, ref, out)
        return out

    def _word_start(self, text: str, i: int) -> bool:
        if self.zh or i == 0 or not _isword(text[i - 1]):
            return True
        return text[i - 1] in self.proclitics and (i == 1 or not _isword(text[i - 2]))

    def _prefix(self, rx: re.Pattern[str] | None, text: str, s: int, width: int = 48) -> re.Match[str] | None:
        return rx.search(text, max(0, s - width), s) if rx else None

    def _digits(self, text: str, s: int, e: int, ref: date | None, out: list[_Cand]) -> None:
        if s > 0 and not self.zh and (text[s - 1].isalpha() or text[s - 1] == "_"):
            return  # inside an identifier: G20, F-16 is fine, COVID19 not
        if (s > 0 and text[s - 1] in "/#@$€£¥₽") or (s > 1 and text[s - 1] in ".,:" and text[s - 2].isdigit()):
            return  # a URL path, a handle, money, or the tail of a number or date seen from its start
        n, nxt = e - s, text[e : e + 1]
        if self.zh and (m := _ZH_DAY.match(text, s) or _ZH_MONTH.match(text, s) or _ZH_YEAR.match(text, s)):
            return self._zh(text, m, ref, out)
        if self.zh and (m := _ZH_DECADE.match(text, s)):
            return self._decade(text, m, ref, out)
        if nxt == "-" and n == 4 and (m := _ISO.match(text, s)):
            return self._numeric(text, m, out)
        if nxt in ("/", ".") and n == 4 and (m := _YMD.match(text, s)):
            return self._numeric(text, m, out)
        if nxt == "." and n <= 2 and (m := _DMY_DOTS.match(text, s)):
            return self._numeric(text, m, out)
        if nxt == "/" and n <= 2 and (m := _SLASH.match(text, s)):
            return self._slash(text, m, out)
        if nxt in (":", ".", "：") and n <= 2 and (m := self.clock.match(text, s)):
            return self._time(text, m, ref, out)
        if self.zh and (m := _ZH_CLOCK.match(text, s)):
            return self._time(text, m, ref, out)
        if n == 4 and (m := _HHMM_ZONE.match(text, s)):
            out.append(self._clock(text, m, ref))
        if n <= 2 and self.en and (m := _AMPM.match(text, s)):
            return self._time(text, m, ref, out)
        if n <= 2 and self.clock_post and (m := self.clock_post.match(text, s)):
            return self._time(text, m, ref, out)
        for back, rx in self.decades_digit if nxt.isalpha() or nxt in "-'’" else ():
            if (not back or (s > 0 and text[s - 1] in "'’")) and (m := rx.match(text, s - back)):
                return self._decade(text, m, ref, out)
        if n == 4 and (m := self.year.match(text, s)):
            self._year(text, m, out)

    # ---- handlers ----------------------------------------------------------------------------

    def _month(self, text: str, ms: int, me: int, ref: date | None, out: list[_Cand]) -> None:
        word = text[ms:me]
        if (which := self.month_id.fullmatch(word)) is None or not which.lastgroup:
            return
        mo, full = int(which.lastgroup[1:]) + 1, which.lastgroup[0] == "f"
        if not full and text[me : me + 1] == ".":
            me += 1
        # day before the month: "9 October", "Friday, 9. Oktober"
        if (db := self._prefix(self.day_before, text, ms)) is not None:
            y = self.year_after.match(text, me)
            self._dm(text, db.start(), y.end() if y else me, mo, db["d"], db["d2"], y["y"] if y else None, ref, out)
        # day after the month: "October 9, 2020", "Friday, Oct. 9"
        if self.s.order == "MDY" and (da := self.day_after.match(text, me)):
            wb = self._prefix(self.wd_before_date, text, ms, 12)
            self._dm(text, wb.start() if wb else ms, da.end(), mo, da["d"], da["d2"], da["y"], ref, out)
        ya = self.year_after.match(text, me)
        mb = self._prefix(self.month_before, text, ms)
        start = mb.start("x") if mb and mb.group("x") else ms
        part = _part(mb, "p", self.s.parts)
        if ya:
            y = int(ya["y"])
            first, last = narrow(date(y, mo, 1), month_last(y, mo), "month", part)
            out.append(_mention(text, start, ya.end(), first, last, "month", False, part))
            return
        post = self.month_post.match(text, me) if self.month_post else None
        if not full or ref is None or not (post or (mb and (mb["pre"] or mb.group("x")))):
            return
        if mb and mb["ml"]:
            y = ref.year if mo < ref.month else ref.year - 1
        elif mb and mb["mn"]:
            y = ref.year if mo > ref.month else ref.year + 1
        elif mb and mb["mt"]:
            y = ref.year
        else:
            y = nearest(ref, lambda yy: (date(yy, mo, 1), month_last(yy, mo)))[0].year
        first, last = narrow(date(y, mo, 1), month_last(y, mo), "month", part)
        out.append(_mention(text, start, post.end() if post else me, first, last, "month", True, part))

    def _dm(
        self,
        text: str,
        s: int,
        e: int,
        mo: int,
        d: str,
        d2: str | None,
        y: str | None,
        ref: date | None,
        out: list[_Cand],
    ) -> None:
        a, b = int(d), int(d2) if d2 else int(d)
        if not 1 <= a <= b <= 31:
            return
        if y:
            first, last = day(int(y), mo, a), day(int(y), mo, b)
            if first and last:
                out.append(_mention(text, s, e, first, last, "day"))
        elif ref is not None:
            r = nearest(ref, lambda yy: (lambda x, z: (x, z) if x and z else None)(day(yy, mo, a), day(yy, mo, b)))
            if r:
                out.append(_mention(text, s, e, r[0], r[1], "day", True))

    def _year(self, text: str, m: re.Match[str], out: list[_Cand]) -> None:
        pb = self._prefix(self.part_before, text, m.start(), 32)
        part = _part(pb, "p", self.s.parts)
        s = m.start()
        if s > 1 and text[s - 1] in " \u00a0\u202f" and text[s - 2].isdigit():
            return  # "1 2000": a digit group of a bigger number
        if pb is None and not m["suf"] and not self._looks_like_year(text, s, m.end()):
            return
        y = int(m["y"])
        first, last = narrow(date(y, 1, 1), date(y, 12, 31), "year", part)
        out.append(_mention(text, pb.start("x") if pb else s, m.end(), first, last, "year", False, part))

    def _looks_like_year(self, text: str, s: int, e: int) -> bool:
        """A bare 4-digit number is a year unless what follows makes it a count or measure."""
        if _NOT_YEAR_AFTER.match(text, e):
            return False
        if not self.en:
            return True
        nxt = _EN_NEXT_WORD.match(text, e)
        if not nxt:
            return True
        w = nxt.group(1)
        plural = (
            w.endswith("s")
            and len(w) > 3
            and not w.endswith(("ss", "us", "is", "'s", "’s"))
            and w not in _EN_NOT_PLURAL
        )
        if not plural:
            return True
        before = _EN_PREV_WORD.search(text, max(0, s - 20), s)
        return bool(before and before.group(1).lower() in _EN_STRONG_YEAR)

    def _decade(self, text: str, m: re.Match[str], ref: date | None, out: list[_Cand]) -> None:
        if y := m.groupdict().get("y"):
            y = int(y)
        else:
            yy, now = int(m["yy"]), ref.year if ref else 2030
            y = 2000 + yy if 2000 + yy <= now else 1900 + yy
        pb = self._prefix(self.part_before, text, m.start(), 32)
        part = _part(pb, "p", self.s.parts)
        first, last = narrow(date(y, 1, 1), date(y + 9, 12, 31), "decade", part)
        out.append(_mention(text, pb.start("x") if pb else m.start(), m.end(), first, last, "decade", False, part))

    def _weekday(self, text: str, ws: int, we: int, ref: date, out: list[_Cand]) -> None:
        # match in context: some names look around them ("pazar" only before "günü")
        which = self.wd_id.match(text, ws)
        if which is None or which.end() != we:
            which = self.wd_id.fullmatch(text, ws, we)
        wd = int(which.lastgroup[1:]) if which is not None and which.lastgroup else None
        after = self.wd_after.match(text, we)
        if wd is None or after is None:
            return  # "Fridays", "freitags"
        before = self._prefix(self.wd_before, text, ws)
        g = before.groupdict() if before else {}
        last, nxt, this = bool(g.get("ml") or after["ml2"]), bool(g.get("mn") or after["mn2"]), bool(g.get("mt"))
        if self.s.wd_pre_required and not (g.get("pre") or last or nxt or this):
            return
        if self.en and not (last or nxt or this):
            prev = _EN_PREV_WORD.search(text, max(0, ws - 15), ws)
            if (prev and prev.group(1).lower() in _EN_NOT_WEEKDAY_BEFORE) or _EN_NOT_WEEKDAY_AFTER.match(text, we):
                return
        back = (ref.weekday() - wd) % 7
        if last:
            d = ref - timedelta(back or 7)
        elif nxt:
            d = ref + timedelta((wd - ref.weekday()) % 7 or 7)
        elif this:
            d = monday(ref) + timedelta(wd)
        elif back and self._future_cue(text, ws):
            d = ref + timedelta((wd - ref.weekday()) % 7)
        else:
            d = ref - timedelta(back)
        part = _part(before, "p", self.s.parts) or _part(after, "t", self.s.tod)
        start = before.start("x") if before and before.group("x") else ws
        out.append(_mention(text, start, after.end(), d, d, "day", True, part))

    def _future_cue(self, text: str, pos: int) -> bool:
        if self.future is None:
            return False
        window = text[max(0, pos - 150) : pos]
        ends = list(_SENTENCE_END.finditer(window))
        return self.future.search(window, ends[-1].end() if ends else 0) is not None

    def _relative(self, text: str, s: int, e: int, ref: date, out: list[_Cand]) -> None:
        which = self.rel_id.fullmatch(text, s, e) if self.rel_id is not None else None
        idx = int(which.lastgroup[1:]) if which is not None and which.lastgroup else None
        if idx is None:
            return  # "Morgen" (morning) is not "morgen" (tomorrow)
        _rx, unit, k, fixed = self.s.relative[idx]
        first, last, gran = relative_range(ref, unit, k)
        pb = self._prefix(self.part_before, text, s, 32)
        ta = self.tod_after.match(text, e) if self.tod_after and (unit == "day" or self.zh) else None
        part = fixed or _part(pb, "p", self.s.parts) or _part(ta, "t", self.s.tod)
        first, last = narrow(first, last, gran, part)
        end = ta.end() if ta and ta.end() > e else e
        out.append(_mention(text, pb.start("x") if pb else s, end, first, last, gran, True, part))

    def _english_extras(self, text: str, low: str, ref: date, out: list[_Cand]) -> None:
        for m in self.ago_scan.finditer(low) if " ago" in low else ():
            nb = self.ago_before.search(low, max(0, m.start() - 12), m.start())
            if nb is None:
                continue
            n = int(nb["n"]) if nb["n"].isdigit() else _NUMBER_WORDS[nb["n"]]
            unit = low[m.start() : m.end()].split()[0].rstrip("s")
            if unit == "day":
                first = last = ref - timedelta(n)
                gran = "day"
            elif unit == "week":
                first, last, gran = relative_range(ref - timedelta(7 * n), "week", 0)
            else:
                first, last, gran = relative_range(
                    ref, unit if unit != "decade" else "year", -n * (10 if unit == "decade" else 1)
                )
            out.append(_mention(text, nb.start(), m.end(), first, last, gran, True))
        noon = "noon" in low or "midnight" in low or "midday" in low
        for m in self.noon_scan.finditer(low) if noon else ():
            if self.noon_before.search(low, max(0, m.start() - 10), m.start()):
                t = "00:00" if low.startswith("midnight", m.start()) else "12:00"
                out.append(_mention(text, m.start(), m.end(), ref, ref, "time", True, time=t, needs_day=True))

    def _numeric(self, text: str, m: re.Match[str], out: list[_Cand]) -> None:
        d = day(int(m["y"]), int(m["mo"]), int(m["d"]))
        if d is None or not 1000 <= d.year <= 2999:
            return
        if "h" in m.re.groupindex and m["h"]:
            t = f"{m['h']}:{m['mi']}" + (" UTC" if m["z"] else "")
            out.append(_mention(text, m.start(), m.end(), d, d, "time", time=t))
        else:
            out.append(_mention(text, m.start(), m.end(), d, d, "day"))

    def _slash(self, text: str, m: re.Match[str], out: list[_Cand]) -> None:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if self.en:  # US and British orders both occur: only unambiguous ones
            if a > 12:
                d, mo = a, b
            elif b > 12 or a == b:
                d, mo = b, a
            else:
                return
        else:
            d, mo = (b, a) if self.s.order == "MDY" else (a, b)
        if found := day(y, mo, d):
            out.append(_mention(text, m.start(), m.end(), found, found, "day"))

    def _time(self, text: str, m: re.Match[str], ref: date | None, out: list[_Cand]) -> None:
        gi = m.re.groupindex
        ap = (m["ap"] or "").lower().replace(".", "") if "ap" in gi else ""
        post = (m["post"] or "").lower() if "post" in gi else ""
        z = m["z"] if "z" in gi else None
        pre = self.clock_pre is not None and self._prefix(self.clock_pre, text, m.start(), 30) is not None
        if "post" in gi and "sep" not in gi and not (post == "uhr" or m["mi"] or pre):
            return  # "12 heures" is as often a duration as a clock time
        if "sep" in gi and m["sep"] == "." and not (ap or z or post or (pre and not self.en)):
            return  # "12.50" is more often a price than a time (English writes "12:50")
        out.append(self._clock(text, m, ref))

    @staticmethod
    def _clock(text: str, m: re.Match[str], ref: date | None) -> _Cand:
        gi = m.re.groupindex
        h, mi = int(m["h"]), int(m["mi"] or 0)
        ap = (m["ap"] or "").lower().replace(".", "") if "ap" in gi else ""
        if ap:
            h = h % 12 + (12 if ap == "pm" else 0)
        z = m["z"] if "z" in gi else None
        t = f"{h:02d}:{mi:02d}" + (f" {z.upper()}" if z else "")
        d = ref or date.min
        return _mention(text, m.start(), m.end(), d, d, "time", True, time=t, needs_day=True)

    def _zh(self, text: str, m: re.Match[str], ref: date | None, out: list[_Cand]) -> None:
        gi = m.re.groupindex
        y = int(m["y"]) if m["y"] else None
        part = _part(m, "t", tables.ZH_PARTS)
        if "mo" not in gi:
            first, last = narrow(date(y, 1, 1), date(y, 12, 31), "year", part)
            out.append(_mention(text, m.start(), m.end(), first, last, "year", False, part))
            return
        mo = int(m["mo"])
        if "d" in gi:
            self._dm(text, m.start(), m.end(), mo, m["d"], None, m["y"], ref, out)
            return
        if y is None:
            if ref is None:
                return
            y = nearest(ref, lambda yy: (date(yy, mo, 1), month_last(yy, mo)))[0].year
        first, last = narrow(date(y, mo, 1), month_last(y, mo), "month", part)
        out.append(_mention(text, m.start(), m.end(), first, last, "month", m["y"] is None, part))
