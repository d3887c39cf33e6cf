"""Figures with what they count: ``find_numbers``.

"some 400 lives" -> value 400, approx, counted "lives", key ``count:400:life``. Like ``dates.py``
this scans for cheap anchors (digit runs, English number words, vague quantities) and parses
around each with small anchored patterns.

Decisions (see also the tests):
* ``kind``: ``money`` (a currency symbol, code or word), ``percent``, ``quantity`` (a unit: km,
  tonnes, and time units, so "six hours" is ``quantity`` with unit ``hour``; "a 25-year-old" is
  unit ``age``), ``ordinal`` (digit forms only, "3rd", "1er", "2-й"; "first" is too generic) and
  ``count`` otherwise.
* ``key`` is ``kind:value:head``. The head is language-independent where it can be: the unit or
  currency code for quantities and money, a concept from ``lexicon.CONCEPTS`` ("lives" and
  "жизней" -> ``life``), else the stem of the counted head noun. ``value_key`` drops the noun, for
  matching across languages.
* ``counted`` is the noun phrase after the figure (up to three words, stopping at prepositions,
  conjunctions, verbs and punctuation); its head is the last word, or the first in languages
  that put adjectives after the noun (fr, es, it, pt, ar). Money and quantities have none.
* A percentage counts what follows "of" (and its language's equivalent): "some 90 percent of its
  women" -> counted "women". "half/a third/a quarter of" are percentages (50, 33.33, 25).
* Vague quantities are approximate counts with a representative value: dozens 24,
  hundreds 200, thousands 2,000, tens of thousands 20,000, millions 2,000,000 (the same value in
  every language, so "dozens of" and "des dizaines de" share a key). They need their "of".
* ``approx`` for "some", "about", "more than", "up to", "around", "etwa", "около", "unos"...,
  for "or so", "-odd", "400+", for ranges ("300-400", value 300) and for vague quantities.
* Spelled-out numbers in English only ("six", "twenty-five", "a dozen", "two million"); "one"
  alone (a pronoun), "zero" and all-capital words ("TEN", an acronym) are skipped. Other
  languages: digits, multiplier words, percent, currency, units, vague quantities and fractions.
* Skipped: spans in ``exclude`` (the dates), URLs, handles, hashtags, clock times and scores
  ("12:00", "3:1"), dates and versions ("1.2.3"), fractions "24/7", phone numbers, list
  numbering at a line start, labels ("Article 5", "No. 10", "Flight 752") and identifiers
  ("G20", "COVID-19", "F-16", "5G").
* Thousands separators follow the language ("1.500" is 1500 in German, 1.5 in English; "1,500"
  the reverse) unless the form is unambiguous ("1,500,000", "1.234,5", "140 000").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import NamedTuple

from samestory.analyze import _numbers_lang as tables
from samestory.analyze._numbers_lang import NumLang
from samestory.analyze._numbers_langs import LANGS
from samestory.analyze.lexicon import CONCEPT_INDEX, SNOWBALL
from samestory.analyze.spans import SpanSet
from samestory.analyze.types import NumberMention

__all__ = ["NumberFinder", "find_numbers", "value_key"]

_MASK = "\x00"
_DIGITS = re.compile(r"\d+")
_GROUP = "[,.\u00a0\u202f\u2009'’ ٬]"
_NUMBER = re.compile(rf"(?:\d{{1,3}}(?:(?P<g>{_GROUP})\d{{3}}(?!\d))(?:(?P=g)\d{{3}}(?!\d))*|\d+)(?:[.,٫]\d+)?")
_SPACES = re.compile(r"[\u00a0\u202f\u2009'’ ٬]")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_HANDLE_OR_PHONE = re.compile(r"[@#][\w.]*\w|\+\d[\d ()./-]{6,}\d")
_CURRENCY_HINT = frozenset("$€£¥₽₺₹₴₩₦.ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # something worth a currency search
_SEPARATORS = frozenset(",.\u00a0\u202f\u2009'’ ٬٫")
_NO_TAIL = frozenset(',;:!?)]}"”’\n\x00')  # after these nothing (unit, percent...) can follow a figure
_CODES = frozenset(tables.CODES.split("|"))
# Word scans run on the lower-cased text padded with one space, each match starting with one of
# these: a literal first character lets ``re`` skip ahead fast, which an ``(?<!\w)`` would not.
_BOUND = "[\\s\"“‘'(\\[—–/-]"
_DATE_OR_VERSION = re.compile(r"\d+[./-]\d+[./-]\d+|\d+/\d+")
_PHONE = re.compile(r"\d{3}[-.]\d{3}[-.]\d{4}|\d{2,4}\)\s*\d{2,4}")
_RANGE = re.compile(r"\s*[-–]\s*(?=\d)")
_WORD = re.compile(r"[ \t\u00a0]*(?P<w>[^\W\d_](?:\w|['’-](?=\w))*['’]?)")  # "COVID-19", "countries'"
_WORD_AR = re.compile(r"[ \t\u00a0]*(?P<w>[^\W\d_]+)")  # no digits: "و2" is "and 2"
_CJK_HEAD = re.compile(r"的?[名个位次起架辆座家只条头户所例]?(?P<w>人|[\u4e00-\u9fff]{1,2})")
_EN_WORDNUM = re.compile(
    rf"{_BOUND}(?P<w>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|trillion|dozen)(?!\w)"
)
_EN_JOIN = re.compile(r"(?:[\s-]+|\s+and\s+)")
_EN_HYPHEN_UNIT = re.compile(
    r"-(?P<u>years?-old|year|day|week|month|hour|minute|mile|km|kilomet(?:er|re)|"
    r"met(?:er|re))(?!\w)",
    re.IGNORECASE,
)
_HYPHEN_AGE = {"de": re.compile(r"-[Jj]ährige\w*"), "ru": re.compile(r"-летн\w+")}
_RU_VERB = re.compile(r"\w{2,}(?:ли|ла|ло|ет|ют|ят|ит|ут|ал|ил|ел)$")


class _Cand(NamedTuple):
    start: int
    end: int
    mention: NumberMention


def _code(language: str | None) -> str:
    return (language or "en").replace("_", "-").split("-")[0].lower()


def _fmt(value: float) -> str:
    """A key-friendly value: ``400``, ``1500000000``, ``33.3333``."""
    if abs(value) < 1e18 and abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.6g}"


def value_key(n: NumberMention) -> str:
    """The key without the counted noun (``count:400``), for matching across languages; money and
    quantity keys are language-independent already and are returned whole."""
    return n.key if n.kind in ("money", "quantity") else f"{n.kind}:{_fmt(n.value)}"


def _parse(raw: str, decimal_comma: bool) -> float | None:
    """Digits with separators -> float, reading ambiguous "1,500"/"1.500" by the language."""
    s = _SPACES.sub("", raw).replace("٫", ".")
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        head, *rest = s.split(sep)
        if len(rest) > 1:
            dec = ""
        elif len(rest[0]) == 3 and head != "0" and len(head) <= 3:  # "1,500" / "1.500"
            dec = sep if (sep == ",") == decimal_comma else ""
        else:
            dec = sep
    else:
        dec = ""
    group = {",", "."} - {dec}
    s = "".join(ch for ch in s if ch not in group).replace(dec or "\x01", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _alt(pairs: tuple[tuple[str, object], ...]) -> str:
    return "|".join(f"(?:{rx})" for rx, _ in pairs) if pairs else "(?!x)x"


def _named(prefix: str, pairs: tuple[tuple[str, object], ...]) -> str:
    """``(?:(?P<u0>km)|(?P<u1>...))``: ``m.lastgroup`` then tells which entry matched."""
    return "(?:" + "|".join(f"(?P<{prefix}{i}>{rx})" for i, (rx, _) in enumerate(pairs)) + ")" if pairs else "(?!x)x"


def _picked(m: re.Match[str], prefix: str, pairs: tuple[tuple[str, object], ...]):
    """The value of the entry a ``_named`` alternation matched."""
    g = m.lastgroup or ""
    return pairs[int(g[len(prefix) :])][1] if g.startswith(prefix) and g[len(prefix) :].isdigit() else None


class _Lang:
    """One language's compiled patterns and lazily built head-noun normaliser."""

    def __init__(self, code: str, spec: NumLang) -> None:
        self.code, self.s, self.en, self.zh = code, spec, code == "en", code in ("zh", "ja")
        fl = re.IGNORECASE
        s = spec
        b = "" if self.zh else r"(?!\w)"  # word end (Chinese has no spaces)
        lb = "" if self.zh else r"(?<!\w)"
        symbols = _named("s", tables.SYMBOLS_BEFORE)
        self.cur_before = re.compile(
            rf"(?:{symbols}|(?<![^\W\d_])(?P<code>{tables.CODES})\s)"
            r"\s?\Z"
        )
        self.pct_before = re.compile(rf"{lb}(?:{s.percent_before})\s*\Z", fl) if s.percent_before else None
        self.approx_full = re.compile(rf"(?:{s.approx})", fl) if s.approx else None
        self.approx_end = re.compile(rf"(?:{s.approx})\s*\Z") if s.approx and self.zh else None
        self.label = re.compile(rf"(?:{s.labels})", 0 if self.en else fl) if s.labels else None
        self.ordinal = re.compile(rf"(?:{s.ordinal}){b}") if s.ordinal else None
        attached = r"(?P<ma>bn|mn|m|k|tn|b)(?!\w)|" if self.en else ""
        self.mult = re.compile(rf"(?:{attached}\s?{_named('m', s.mult)}{b})", fl)
        self.pct = re.compile(rf"\s?(?P<pct>%|٪|％|(?:{s.percent or '(?!x)x'}){b})", fl)
        self.cur_pairs = s.currency + tables.SYMBOLS_AFTER + (((f"(?-i:{tables.CODES})"), None),)
        conn = rf"(?:\s*(?:{s.connector})\s*|\s*d['’])?" if s.connector else ""
        self.cur = re.compile(rf"{conn}\s*{_named('c', self.cur_pairs)}{b}", fl)
        self.unit = re.compile(rf"\s*{_named('u', s.units)}{b}", fl)
        self.vague_id = re.compile(_named("v", s.vague), fl)
        self.frac_id = re.compile(_named("v", s.fractions), fl)
        self.after = re.compile(rf"\s*(?P<after>{s.approx_after})", fl) if s.approx_after else None
        self.conn = re.compile(rf"\s+(?:{s.connector})(?!\w)|\s*d['’]", fl) if s.connector else None
        self.vague_scan = self._scan([rx for rx, _ in s.vague], b)
        self.frac_scan = self._scan([rx for rx, _ in s.fractions], b)
        self.det = s.determiners
        self.stop = s.stop
        self._heads: dict[str, str] | None = None
        self._stemmer = None

    def _scan(self, frags: list[str], b: str) -> re.Pattern[str] | None:
        """A scan over the padded lower-cased text; the word is group ``w``."""
        if not frags:
            return None
        return re.compile(("" if self.zh else _BOUND) + "(?P<w>" + "|".join(f"(?:{f})" for f in frags) + ")" + b)

    def before(self, work: str, s: int) -> tuple[int, bool, str | None, str | None]:
        """What precedes a figure at ``s``: (start, approx, kind, currency) from "some $", "yüzde"."""
        start, approx, kind, unit = s, False, None, None
        hint = any(c in _CURRENCY_HINT for c in work[max(0, s - 2) : s])
        if hint and (m := self.cur_before.search(work, max(0, s - 6), s)) is not None:
            code = m["code"] or _picked(m, "s", tables.SYMBOLS_BEFORE)
            start, kind, unit = m.start(), "money", "CNY" if code == "RMB" or (code == "JPY" and self.zh) else code
        elif self.pct_before is not None and (m := self.pct_before.search(work, max(0, s - 8), s)) is not None:
            start, kind = m.start(), "percent"
        if self.approx_end is not None:
            if (m := self.approx_end.search(work, max(0, start - 4), start)) is not None:
                start, approx = m.start(), True
        elif self.approx_full is not None and start and work[start - 1].isspace():
            # the last one to three words before the figure: "some", "more than", "an estimated"
            lo = max(0, start - 32)
            seg = work[lo:start]
            end = len(seg.rstrip())
            words = seg.split()[-3:]
            starts, pos = [], end
            for w in reversed(words):
                pos = seg.rfind(w, 0, pos)
                starts.append(pos)
            if starts and starts[-1] == 0 and lo and not work[lo - 1].isspace():
                starts.pop()  # a word cut by the window
            for a in reversed(starts):
                if self.approx_full.fullmatch(seg, a, end):
                    start, approx = lo + a, True
                    break
        return start, approx, kind, unit

    # ---- head nouns ------------------------------------------------------------------------

    def head_key(self, word: str) -> str:
        """A concept ("life") when the word is in ``lexicon.CONCEPTS``, else its stem."""
        if self._heads is None:
            import Stemmer

            algo = SNOWBALL.get(self.code)
            self._stemmer = Stemmer.Stemmer(algo) if algo else None
            self._heads = CONCEPT_INDEX.get("zh" if self.zh else self.code, {})
        w = word.lower().strip("'’")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if self.code == "ar" and w.startswith("ال") and len(w) > 4:
            w = w[2:]  # the definite article is written on the word
        return self._heads.get(w) or self._heads.get(self._stem(w)) or self._stem(w)

    def _stem(self, w: str) -> str:
        return self._stemmer.stemWord(w) if self._stemmer else w

    # ---- counted noun phrase ---------------------------------------------------------------

    def phrase(self, work: str, pos: int, connector: bool) -> tuple[int, int, str] | None:
        """(start, end, head) of the noun phrase at ``pos``; after a connector ("of") when asked."""
        if self.zh:
            m = _CJK_HEAD.match(work, pos)
            return (m.start("w"), m.end("w"), m["w"]) if m else None
        if connector and self.conn is not None:
            c = self.conn.match(work, pos)
            if c is None and self.s.vague_needs_connector:
                return None
            pos = c.end() if c else pos
        words: list[re.Match[str]] = []
        skipped = 0
        while len(words) < self.s.max_words:
            m = (_WORD_AR if self.code == "ar" else _WORD).match(work, pos)
            if m is None or (m.start("w") > pos and work[pos] not in " \t\u00a0'’"):
                break
            w = m["w"]
            wl = w.lower().rstrip("'’")
            if (
                not words
                and skipped < 3
                and (
                    wl in self.det
                    or wl.endswith(("'s", "’s"))
                    or (self.en and wl in ("more", "additional", "other", "extra", "new"))
                )
            ):
                pos, skipped = m.end(), skipped + 1
                continue
            if wl in self.stop or (
                self.en and (wl in tables.EN_UNITS_WORDS or wl.endswith("ly") or (words and wl.endswith(("ed", "ing"))))
            ):
                break
            if self.code == "ru" and _RU_VERB.match(wl):
                break
            words.append(m)
            pos = m.end()
            if self._ends_phrase(w, wl):
                break
        if not words:
            return None
        head = words[0] if self.s.head_first else words[-1]
        end = words[-1].end("w")
        while work[end - 1] in "'’-":
            end -= 1
        return words[0].start("w"), end, head["w"]

    def _ends_phrase(self, w: str, wl: str) -> bool:
        """Whether the word closes the noun phrase (a plural noun in English, a noun in German)."""
        if self.en:
            return wl in tables.EN_PLURALS or (wl.endswith("s") and len(wl) > 2 and not wl.endswith(("ss", "us", "is")))
        if self.code == "de":
            return w[:1].isupper()
        if self.code == "nl":
            return wl.endswith(("en", "s"))
        return False


class NumberFinder:
    """Finds figures; keeps compiled patterns and stemmers per language for reuse (``finder=``)."""

    def __init__(self) -> None:
        self._langs: dict[str, _Lang] = {}

    def _lang(self, language: str) -> _Lang:
        code = _code(language)
        if code not in self._langs:
            spec = LANGS.get(code) or NumLang(decimal_comma=code in tables.DECIMAL_COMMA)
            self._langs[code] = _Lang(code, spec)
        return self._langs[code]

    def find(self, text: str, language: str = "en", exclude: Sequence[tuple[int, int]] = ()) -> list[NumberMention]:
        """Figures of ``text``, sorted and non-overlapping, none overlapping ``exclude``."""
        if not text:
            return []
        lg = self._lang(language)
        work = self._mask(text, exclude)
        low = work.lower()
        pad = " " + (low if len(low) == len(work) else work)
        cands: list[_Cand] = []
        last = 0
        for m in _DIGITS.finditer(work):
            if m.start() < last:
                continue
            c = self._digits(lg, text, work, m.start(), m.end())
            if c is not None:
                cands.append(c)
                last = c.end
        if lg.en:
            self._words(lg, text, work, pad, cands)
        for scan, ident, pairs, kind in (
            (lg.vague_scan, lg.vague_id, lg.s.vague, "count"),
            (lg.frac_scan, lg.frac_id, lg.s.fractions, "percent"),
        ):
            if scan is not None:
                for m in scan.finditer(pad):
                    v = ident.fullmatch(work, m.start("w") - 1, m.end("w") - 1)
                    if v is None:
                        continue
                    value = _picked(v, "v", pairs) or 0.0
                    c = self._vague(lg, text, work, m.start("w") - 1, m.end("w") - 1, value, kind)
                    if c is not None:
                        cands.append(c)
        return _select(cands)

    @staticmethod
    def _mask(text: str, exclude: Sequence[tuple[int, int]]) -> str:
        """The text with excluded spans and URLs/handles blanked out, offsets unchanged."""
        spans = [(max(0, s), min(len(text), e)) for s, e in exclude if e > s]
        spans += [m.span() for m in _HANDLE_OR_PHONE.finditer(text)]
        if "http" in text or "www." in text:
            spans += [m.span() for m in _URL.finditer(text)]
        spans.sort()
        if not spans:
            return text
        out, pos = [], 0
        for s, e in spans:
            if e <= pos:
                continue
            s = max(s, pos)
            out += [text[pos:s], _MASK * (e - s)]
            pos = e
        out.append(text[pos:])
        return "".join(out)

    def _digits(self, lg: _Lang, text: str, work: str, s: int, e: int) -> _Cand | None:
        prev = work[s - 1] if s else " "
        if lg.code == "ar" and prev in "وفب" and (s < 2 or not work[s - 2].isalnum()):
            prev = " "  # "and", "so", "by" written on the number: و2
        if prev == "_" or (prev.isalpha() and (not lg.zh or prev.isascii())):
            return None  # G20, MH17
        if prev in ("-", "‑") and s > 1 and (work[s - 2].isalnum()):
            return None  # COVID-19, F-16
        if prev in "+(" or (prev in ".,:/" and s > 1 and work[s - 2].isdigit()):
            return None  # phone numbers, the tail of something already seen
        nx = work[e : e + 1]
        if nx in (":", "/") and work[e + 1 : e + 2].isdigit():
            return None  # 12:00, 3:1, 24/7
        if nx in ("-", ".", ")") and _PHONE.match(work, s):
            return None
        if nx in _SEPARATORS:
            num = _NUMBER.match(work, s)
            raw, grouped, e = num.group(), num["g"] is not None, num.end()
        else:
            raw, grouped = work[s:e], False
        if (
            nx in ("-", ".", "/")
            and (dv := _DATE_OR_VERSION.match(work, s)) is not None
            and not (grouped and e >= dv.end())
        ):
            return None  # 10.10.2020, 1.2.3 (but 1.234.567 is a number)
        if (
            work[e : e + 1] in ".)"
            and work[e + 1 : e + 2] in (" ", "\t", "")
            and not work[work.rfind("\n", 0, s) + 1 : s].strip()
        ):
            return None  # list numbering: "1. Introduction"
        if lg.label is not None:
            before = work[max(0, s - 16) : s].split()
            if before and lg.label.fullmatch(before[-1]):
                return None  # Article 5, No. 10
        value = _parse(raw, lg.s.decimal_comma)
        if value is None:
            return None
        return self._figure(lg, text, work, s, e, value, approx=False)

    def _figure(self, lg: _Lang, text: str, work: str, s: int, e: int, value: float, approx: bool) -> _Cand | None:
        """Read around a figure at ``work[s:e]``: approximators and currency before it,
        multiplier, percent, currency, unit and the counted noun after it."""
        start, approx_before, kind, unit = lg.before(work, s)
        approx = approx or approx_before
        nx = work[e : e + 1]
        if lg.ordinal is not None and kind is None and nx and not nx.isspace() and (o := lg.ordinal.match(work, e)):
            ph = lg.phrase(work, o.end(), False)
            return self._make(lg, text, start, ph[1] if ph else o.end(), value, "ordinal", ph, approx, None)
        if nx == "-" and lg.en and kind is None and (hu := _EN_HYPHEN_UNIT.match(work, e)):
            u = hu["u"].lower()
            um = lg.unit.fullmatch(u)
            code = "age" if "old" in u else (_picked(um, "u", lg.s.units) if um else None) or u
            return self._make(lg, text, start, hu.end(), value, "quantity", None, approx, code)
        if nx == "-" and (age := _HYPHEN_AGE.get(lg.code)) is not None and (a := age.match(work, e)):
            return self._make(lg, text, start, a.end(), value, "quantity", None, approx, "age")
        if (
            nx in "-– "
            and (r := _RANGE.match(work, e)) is not None
            and (n2 := _NUMBER.match(work, r.end()))
            and (v2 := _parse(n2.group(), lg.s.decimal_comma)) is not None
            and v2 > value
        ):
            e, approx = n2.end(), True  # "300-400 people": the lower figure, approximate
        e0, glued, multiplied = e, work[e : e + 1].isalpha() and not lg.zh, False
        after = work[e + 1 : e + 2] if work[e : e + 1] in " \u00a0" else work[e : e + 1]
        if not after or after in _NO_TAIL or after.isdigit():  # nothing can follow: skip the tail patterns
            return self._make(lg, text, start, e, value, kind or "count", None, approx, unit)
        if (m := lg.mult.match(work, e)) is not None:
            ma = (m["ma"] or "").lower() if lg.en else ""
            if not ma or kind == "money" or ma == "bn":
                value *= (
                    {"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12}.get(ma)
                    or _picked(m, "m", lg.s.mult)
                    or 1
                )
                e, multiplied = m.end(), True
        if kind is None and (p := lg.pct.match(work, e)) is not None:
            kind, e = "percent", p.end()
            unit = "pp" if re.search(r"point|punkt|pun|пункт|pontos|puntos|punti", p["pct"], re.I) else None
        elif kind is None and (c := lg.cur.match(work, e)) is not None:
            kind, unit, e = "money", _picked(c, "c", lg.cur_pairs) or c[c.lastgroup], c.end()
        elif kind == "money" and (c := lg.cur.match(work, e)) is not None and c[c.lastgroup] in _CODES:
            e = c.end()  # "$ 5 USD" style duplication
        if kind is None and (u := lg.unit.match(work, e)) is not None:
            code = _picked(u, "u", lg.s.units)
            if code == "m" and work[e : e + 1].isspace() and lg.en:
                code = None  # "5 m" alone is too ambiguous (metres, million, minutes)
            if code:
                kind, unit, e = "quantity", code, u.end()
        if glued and e == e0:
            return None  # 5G, 3D, 4x4: an identifier, not a figure
        if lg.after is not None and (a := lg.after.match(work, e)) is not None:
            approx, e = True, a.end()
        if kind in ("money", "quantity"):
            return self._make(lg, text, start, e, value, kind, None, approx, unit)
        ph = lg.phrase(work, e, connector=kind == "percent" or multiplied) or (
            lg.phrase(work, e, False) if kind == "percent" or multiplied else None
        )
        return self._make(lg, text, start, ph[1] if ph else e, value, kind or "count", ph, approx, unit)

    def _words(self, lg: _Lang, text: str, work: str, pad: str, cands: list[_Cand]) -> None:
        """English number words: "six", "twenty-five", "two hundred and fifty", "a dozen"."""
        run: list[tuple[int, int, str]] = []
        for m in [*_EN_WORDNUM.finditer(pad), None]:
            w = (m.start("w") - 1, m.end("w") - 1, m["w"]) if m is not None else None
            if w is not None and run and _EN_JOIN.fullmatch(work, run[-1][1], w[0]):
                run.append(w)
                continue
            if run:
                c = self._word_run(lg, text, work, run)
                if c is not None:
                    cands.append(c)
            run = [w] if w is not None else []

    def _word_run(self, lg: _Lang, text: str, work: str, run: list[tuple[int, int, str]]) -> _Cand | None:
        words = [w for _, _, w in run]
        s = run[0][0]
        if len(run) == 1 and len(words[0]) > 2 and work[s : run[0][1]].isupper():
            return None  # "TEN" (an acronym more often than a shouted number)
        if words[0] in tables.EN_SCALES:
            a = re.search(r"(?<![^\W\d_])[Aa]n?\s+\Z", work[max(0, s - 4) : s])
            if a is None or re.search(r"\d\s*\Z", work[max(0, s - 8) : s - (a.end() - a.start())]):
                return None  # "1.5 million" is read from its digits
            s -= a.end() - a.start()
        elif words == ["one"]:
            return None
        total, current = 0.0, 0.0
        for w in words:
            if w in tables.EN_UNITS_WORDS:
                current += tables.EN_UNITS_WORDS[w]
            elif w == "hundred":
                current = (current or 1) * 100
            else:
                total += (current or 1) * tables.EN_SCALES[w]
                current = 0.0
        return self._figure(lg, text, work, s, run[-1][1], total + current, approx=False)

    def _vague(self, lg: _Lang, text: str, work: str, s: int, e: int, value: float, kind: str) -> _Cand | None:
        if re.search(r"\d\s*\Z", work[max(0, s - 6) : s]):
            return None  # "2 millions d'euros" is a figure with a multiplier
        start, approx, _kind, _unit = lg.before(work, s)
        if lg.s.vague_needs_connector and (lg.conn is None or lg.conn.match(work, e) is None):
            return None  # "thousands" alone, "half" without "of"
        ph = lg.phrase(work, e, connector=True)
        return self._make(
            lg, text, start, ph[1] if ph else e, value, kind, ph, approx=kind == "count" or approx, unit=None
        )

    def _make(
        self,
        lg: _Lang,
        text: str,
        s: int,
        e: int,
        value: float,
        kind: str,
        ph: tuple[int, int, str] | None,
        approx: bool,
        unit: str | None,
    ) -> _Cand | None:
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s or not math.isfinite(value):
            return None
        counted = text[ph[0] : ph[1]] if ph else None
        head = unit or "" if kind in ("money", "quantity") else lg.head_key(ph[2]) if ph else ""
        key = f"{kind}:{_fmt(value)}:{head}"
        return _Cand(s, e, NumberMention(text[s:e], s, e, float(value), kind, counted, key, approx, unit))


def _select(cands: list[_Cand]) -> list[NumberMention]:
    cands.sort(key=lambda c: (c.start - c.end, c.start))
    claimed = SpanSet()
    taken: list[_Cand] = []
    for c in cands:
        if claimed.free(c.start, c.end):
            claimed.add(c.start, c.end)
            taken.append(c)
    return [c.mention for c in sorted(taken, key=lambda c: c.start)]


def find_numbers(
    text: str, *, language: str = "en", exclude: Sequence[tuple[int, int]] = (), finder: NumberFinder | None = None
) -> list[NumberMention]:
    """Figures in ``text`` with what they count, sorted, non-overlapping and outside ``exclude``.

    ``finder`` lets a caller reuse compiled patterns and stemmers across calls.
    """
    return (finder or NumberFinder()).find(text, language, exclude)
