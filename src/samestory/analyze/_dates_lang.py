"""Per-language date vocabulary for ``dates.py``: regex fragments for months, weekdays, relative
words and the small words around them.

Tables are constants; ``dates.DateFinder`` compiles them lazily per language. Fragments are
regexes (not plain words) so one entry covers inflected forms (``октябр(?:ь|я|е)``). Languages
not listed here get a ``DateLang`` derived from dateparser's translation data (``from_dateparser``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EARLY, MID, LATE = "early", "mid", "late"
NOPART = ""  # a modifier kept in the span that does not narrow the range ("earlier this week")


@dataclass(frozen=True, slots=True)
class DateLang:
    """Regex fragments for one language. Empty strings switch a feature off."""

    months: tuple[str, ...]  # 12 full names (any case form), January first
    weekdays: tuple[str, ...]  # 7 names, Monday first
    abbr: tuple[str, ...] = ("",) * 12  # abbreviations, only trusted next to a day or a year
    case_sensitive: bool = False  # English: month/weekday names must be capitalised ("may" is a verb)
    order: str = "DMY"  # "DMY", "MDY" (also accepts DMY) or "YMD"
    day_suffix: str = r"\.?"  # after the day digits: "9." (de), "1er" (fr), "9th" (en)
    dm_sep: str = r"\s*"  # between day and month: "9 de octubre"
    my_sep: str = r",?\s*"  # between month and year: "octubre de 2020"
    year_suffix: str = ""  # after a year: "2020 года", "2020 r."
    month_pre: str = ""  # words that make a bare month a date ("im Oktober"), kept out of the span
    month_post: str = ""  # same after the month (Turkish "Ekim ayında")
    wd_pre: str = ""  # words before a weekday ("am", "в"), kept out of the span
    wd_pre_required: bool = False  # a bare weekday is too ambiguous without them (ru "среда")
    wd_last: str = ""  # "last Friday", "letzten Freitag"
    wd_next: str = ""
    wd_this: str = ""
    wd_last_post: str = ""  # "vendredi dernier"
    wd_next_post: str = ""
    tod: tuple[tuple[str, str], ...] = ()  # time of day after a day word -> part ("night" -> late)
    parts: tuple[tuple[str, str], ...] = ()  # prefixes -> part ("late", "Ende", "в конце")
    relative: tuple[tuple[str, str, int, str | None], ...] = ()  # (regex, unit, offset, part)
    decades: tuple[str, ...] = ()  # regexes with group y (1990) or yy (90)
    year_pre: str = ""  # words that make a bare 4-digit number a year
    clock_pre: str = ""  # "um 12:00", "à 12h"
    clock_post: str = ""  # "12 Uhr", "12 h"
    future: str = ""  # words before a bare weekday that point forward ("talks will be held on Friday")


def _en_case(*names: str) -> str:
    """``October`` -> ``October|OCTOBER``: English names are matched case-sensitively."""
    return "|".join(f"{n}|{n.upper()}" for n in names)


_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_EN_ABBR = ("Jan", "Feb", "Mar", "Apr", "", "Jun", "Jul", "Aug", "Sept|Sep", "Oct", "Nov", "Dec")
_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

EN = DateLang(
    months=tuple(_en_case(m) for m in _EN_MONTHS),
    abbr=tuple("|".join(f"{x}|{x.upper()}" for x in a.split("|")) if a else "" for a in _EN_ABBR),
    weekdays=tuple(_en_case(d) for d in _EN_DAYS),
    case_sensitive=True,
    order="MDY",
    day_suffix=r"(?:st|nd|rd|th)?",
    dm_sep=r"\s*(?:of\s+)?",
    my_sep=r",?\s*(?:of\s+)?",
    month_pre=r"(?i:in|since|until|till|by|from|during|through|before|after|between)",
    wd_pre=r"(?i:on|by|until|till|since|from|before|after|through)",
    wd_last=r"(?i:last|past)",
    wd_next=r"(?i:next|this\s+coming|coming)",
    wd_this=r"(?i:this)",
    tod=((r"(?i:morning)", EARLY), (r"(?i:afternoon)", MID), (r"(?i:evening|night)", LATE)),
    parts=(
        (r"(?i:early|at\s+the\s+(?:start|beginning)\s+of|the\s+(?:start|beginning)\s+of)", EARLY),
        (r"(?i:mid-?|in\s+the\s+middle\s+of|the\s+middle\s+of)", MID),
        (r"(?i:late|at\s+the\s+end\s+of|the\s+end\s+of)", LATE),
        (r"(?i:earlier|later)", NOPART),
    ),
    relative=(
        (r"today", "day", 0, None),
        (r"tonight", "day", 0, LATE),
        (r"this\s+morning", "day", 0, EARLY),
        (r"this\s+afternoon", "day", 0, MID),
        (r"this\s+evening", "day", 0, LATE),
        (r"yesterday", "day", -1, None),
        (r"last\s+night", "day", -1, LATE),
        (r"tomorrow", "day", 1, None),
        (r"the\s+day\s+before\s+yesterday", "day", -2, None),
        (r"the\s+day\s+after\s+tomorrow", "day", 2, None),
        # "overnight" only as an adverb: "clashes continued overnight and ...", not "an overnight stay"
        (
            r"overnight(?=\s*(?:[.,;:!?)\]\"'”’—–-]|$|(?:and|but|in|on|to|into|from|as|after|before|with|at|"
            r"while|when|amid|despite|near|across|the|a|an)\b))",
            "overnight",
            0,
            None,
        ),
        (r"this\s+week", "week", 0, None),
        (r"last\s+week", "week", -1, None),
        (r"next\s+week", "week", 1, None),
        (r"this\s+weekend", "weekend", 0, None),
        (r"last\s+weekend", "weekend", -1, None),
        (r"next\s+weekend", "weekend", 1, None),
        (r"this\s+month", "month", 0, None),
        (r"last\s+month", "month", -1, None),
        (r"next\s+month", "month", 1, None),
        (r"this\s+year", "year", 0, None),
        (r"last\s+year", "year", -1, None),
        (r"next\s+year", "year", 1, None),
    ),
    decades=(r"(?P<y>1[5-9]\d0|20\d0)['’]?s\b", r"['’](?P<yy>\d0)['’]?s\b"),
    year_pre=r"in|since|until|till|by|from|during|before|after|between|through|of|circa|year|early|late|mid",
    clock_pre=r"(?i:at|from|until|till|by|before|after|around|since|about)",
    future=r"(?i:will|shall|'ll|due\s+to|scheduled|set\s+to|expected\s+to|plans?\s+to|planned|to\s+be\s+held|going\s+to)",
)


# Chinese (and Japanese, which writes dates the same way) has no spaces and its own patterns.
ZH_WEEKDAYS = (
    "(?:星期|周|礼拜)一|月曜日",
    "(?:星期|周|礼拜)二|火曜日",
    "(?:星期|周|礼拜)三|水曜日",
    "(?:星期|周|礼拜)四|木曜日",
    "(?:星期|周|礼拜)五|金曜日",
    "(?:星期|周|礼拜)六|土曜日",
    "(?:星期|周|礼拜)[日天]|日曜日",
)
ZH_RELATIVE = (
    (r"今天|今日|本日", "day", 0, None),
    (r"今晚|今夜", "day", 0, LATE),
    (r"昨天|昨日", "day", -1, None),
    (r"昨晚|昨夜", "day", -1, LATE),
    (r"前天|一昨日", "day", -2, None),
    (r"明天|明日", "day", 1, None),
    (r"后天|明後日", "day", 2, None),
    (r"本周|这周|本星期|这个星期|今週", "week", 0, None),
    (r"上周|上星期|上个星期|先週", "week", -1, None),
    (r"下周|下星期|下个星期|来週", "week", 1, None),
    (r"本月|这个月|今月", "month", 0, None),
    (r"上月|上个月|先月", "month", -1, None),
    (r"下月|下个月|来月", "month", 1, None),
    (r"今年", "year", 0, None),
    (r"去年|昨年", "year", -1, None),
    (r"明年|来年", "year", 1, None),
)
# part suffixes after a month or year: 10月初, 9月底, 年底, 上旬/中旬/下旬
ZH_PARTS = ((r"初|上旬", EARLY), (r"中旬", MID), (r"底|末|下旬", LATE))
ZH = DateLang(
    months=("(?!x)x",) * 12,
    weekdays=ZH_WEEKDAYS,
    tod=ZH_PARTS,
    relative=ZH_RELATIVE,
    order="YMD",
    wd_last="上",
    wd_next="下",
    wd_this="这|本",
)

# Clock-time zones kept in DateMention.time ("12:00 GMT"); "local time" is dropped.
ZONES = r"GMT|UTC|CET|CEST|MEZ|MESZ|EST|EDT|CST|CDT|PST|PDT|MSK|BST|EET|EEST|JST|IST|TRT|AST"


def _alt(words: list[str]) -> str:
    """A regex alternation of literal words, longest first so prefixes don't win."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def from_dateparser(language: str) -> DateLang | None:
    """Build month, weekday and relative-word fragments from dateparser's translation data.

    Only full names of four letters or more are used: dateparser also lists two-letter
    abbreviations ("di" for Dienstag) that match ordinary words. ``None`` when dateparser has no
    data for the language.
    """
    import importlib

    try:
        info = importlib.import_module(f"dateparser.data.date_translation_data.{language}").info
    except (ImportError, AttributeError):
        return None

    def names(key: str) -> str:
        words = [w for w in info.get(key, []) if len(w) >= 4 and not any(c.isdigit() for c in w)]
        return _alt(words) if words else "(?!x)x"

    months = tuple(
        names(m)
        for m in (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
    weekdays = tuple(names(d) for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
    table = {
        "0 day ago": ("day", 0),
        "1 day ago": ("day", -1),
        "2 day ago": ("day", -2),
        "in 1 day": ("day", 1),
        "in 2 day": ("day", 2),
        "0 week ago": ("week", 0),
        "1 week ago": ("week", -1),
        "in 1 week": ("week", 1),
        "0 month ago": ("month", 0),
        "1 month ago": ("month", -1),
        "in 1 month": ("month", 1),
        "0 year ago": ("year", 0),
        "1 year ago": ("year", -1),
        "in 1 year": ("year", 1),
    }
    relative = []
    for key, words in info.get("relative-type", {}).items():
        if key in table:
            words = [w for w in words if len(w) >= 3]
            if words:
                relative.append((_alt(words), *table[key], None))
    order = info.get("date_order", "DMY")
    return DateLang(
        months=months,
        weekdays=weekdays,
        relative=tuple(relative),
        order="MDY" if order == "MDY" else ("YMD" if order.startswith("Y") else "DMY"),
    )
