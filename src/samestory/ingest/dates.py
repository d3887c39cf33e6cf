"""Publication dates as scrapes and records write them, parsed without heavy dependencies.

Understands ISO 8601, English month names and abbreviations (``October 09, 2020``,
``Sat, 10 Oct 2020 12:00 GMT``), the month names of French, German, Spanish, Italian,
Portuguese, Polish and Russian (``9 octobre 2020``, ``9 октября 2020 г.``), ``DD.MM.YYYY`` and
unambiguous slashed dates. The result is a ``date`` when only the day is known, a naive
``datetime`` when the clock time is known but not the zone, an aware ``datetime`` when the text
gives an offset or a zone name with a fixed offset (``GMT``, ``UTC``, ``+0300``, ``EDT``).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

Published = date | datetime

_MONTH_FORMS: dict[int, tuple[str, ...]] = {
    1: (
        "january",
        "jan",
        "janvier",
        "janv",
        "januar",
        "jän",
        "enero",
        "ene",
        "gennaio",
        "gen",
        "janeiro",
        "январь",
        "января",
        "янв",
    ),
    2: (
        "february",
        "feb",
        "févr",
        "février",
        "fevrier",
        "fev",
        "februar",
        "febrero",
        "febbraio",
        "fevereiro",
        "февраль",
        "февраля",
        "фев",
    ),
    3: ("march", "mar", "mars", "märz", "marzo", "março", "март", "марта", "мар"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "апрель", "апреля", "апр"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "май", "мая"),
    6: ("june", "jun", "juin", "juni", "junio", "giugno", "giu", "junho", "июнь", "июня", "июн"),
    7: ("july", "jul", "juillet", "juil", "juli", "julio", "luglio", "lug", "julho", "июль", "июля", "июл"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "август", "августа", "авг"),
    9: (
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "settembre",
        "set",
        "setembro",
        "сентябрь",
        "сентября",
        "сен",
        "сент",
    ),
    10: (
        "october",
        "oct",
        "octobre",
        "oktober",
        "okt",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "октябрь",
        "октября",
        "окт",
    ),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "ноябрь", "ноября", "ноя", "нояб"),
    12: (
        "december",
        "dec",
        "décembre",
        "decembre",
        "déc",
        "dezember",
        "dez",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "декабрь",
        "декабря",
        "дек",
    ),
}
_POLISH: dict[int, tuple[str, ...]] = {
    1: ("styczeń", "stycznia", "sty"),
    2: ("luty", "lutego", "lut"),
    3: ("marzec", "marca"),
    4: ("kwiecień", "kwietnia", "kwi"),
    5: ("maj", "maja"),
    6: ("czerwiec", "czerwca", "cze"),
    7: ("lipiec", "lipca", "lip"),
    8: ("sierpień", "sierpnia", "sie"),
    9: ("wrzesień", "września", "wrz"),
    10: ("październik", "października", "paź"),
    11: ("listopad", "listopada", "lis"),
    12: ("grudzień", "grudnia", "gru"),
}
MONTHS: dict[str, int] = {form: m for table in (_MONTH_FORMS, _POLISH) for m, forms in table.items() for form in forms}

# longest first so "sept" wins over "sep"; a trailing dot is allowed after any form
MONTH_RE = "(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")(?![\w])\.?"
_WEEKDAY_RE = (
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|urday|sday)?\.?"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
)
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?"
_YEAR = r"(?P<y>(?:19|20)\d\d)(?:\s*(?:г\.|года|год))?"
_DATE_RE = re.compile(
    r"(?:(?:" + _WEEKDAY_RE + r")\s*,?\s+)?"
    r"(?:"
    r"(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d))"
    r"|(?P<ymd>(?P<sy>(?:19|20)\d\d)/(?P<sm>[01]?\d)/(?P<sd>[0-3]?\d))"
    r"|(?P<dot>(?P<dd>[0-3]?\d)\.(?P<dm>[01]?\d)\.(?P<dy>(?:19|20)\d\d))"
    r"|(?P<sl>(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<sly>(?:19|20)\d\d))"
    r"|(?P<dmy>" + _DAY + r"\s*(?:de\s+|of\s+)?(?P<m>" + MONTH_RE + r")\s*,?\s*(?:de\s+)?" + _YEAR + ")"
    r"|(?P<mdy>(?P<m2>" + MONTH_RE + r")\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s*,?\s+(?P<y2>(?:19|20)\d\d))"
    r")(?![\d])",
    re.IGNORECASE,
)
_TIME_RE = re.compile(
    r"\s*(?:,|at|à|a las|um|в|-|–|—|\||T)?\s*"
    r"(?:(?P<h>[0-2]?\d)(?::|h|\.)(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d+)?)?(?:\s*(?P<ap>[ap]\.?\s?m\.?)(?![\w]))?"
    r"|(?P<h2>[01]?\d)\s*(?P<ap2>[ap]\.?\s?m\.?)(?![\w]))",
    re.IGNORECASE,
)
_TIME_FIRST_RE = re.compile(
    r"(?:(?P<h>[0-2]?\d)(?::|h)(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\s*(?P<ap>[ap]\.?\s?m\.?)(?![\w]))?"
    r"|(?P<h2>[01]?\d)\s*(?P<ap2>[ap]\.?\s?m\.?)(?![\w]))",
    re.IGNORECASE,
)
_TIME_DATE_SEP_RE = re.compile(r"\s*(?:,|on|\||-|–|—)?\s*", re.IGNORECASE)
# fixed-offset zone names only; ambiguous ones (CST, IST, BST in some regions) are left out on purpose
_ZONES: dict[str, int] = {
    "z": 0,
    "utc": 0,
    "gmt": 0,
    "wet": 0,
    "bst": 60,
    "cet": 60,
    "met": 60,
    "cest": 120,
    "mesz": 120,
    "mez": 60,
    "eet": 120,
    "eest": 180,
    "msk": 180,
    "edt": -240,
    "est": -300,
    "cdt": -300,
    "mdt": -360,
    "mst": -420,
    "pdt": -420,
    "pst": -480,
    "jst": 540,
    "kst": 540,
    "hkt": 480,
    "sgt": 480,
    "aest": 600,
    "aedt": 660,
    "nzst": 720,
    "nzdt": 780,
}
_ZONE_RE = re.compile(
    r"\s*\(?(?:(?P<name>" + "|".join(sorted(_ZONES, key=len, reverse=True)) + r")(?![\w])"
    r"(?:\s*(?P<zs>[+-])\s*(?P<zh>\d{1,2})(?::?(?P<zm>\d\d))?)?"
    r"|(?P<off>[+-])(?P<oh>\d\d):?(?P<om>\d\d)(?!\d))\)?",
    re.IGNORECASE,
)


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _match_day(m: re.Match[str]) -> date | None:
    g = m.group
    if g("iso"):
        return _day(int(g("iy")), int(g("im")), int(g("id")))
    if g("ymd"):
        return _day(int(g("sy")), int(g("sm")), int(g("sd")))
    if g("dot"):
        return _day(int(g("dy")), int(g("dm")), int(g("dd")))
    if g("sl"):
        a, b = int(g("a")), int(g("b"))
        # 03/04/2020 is March 4 in the US and 3 April elsewhere: only accept it when one side is > 12
        if a > 12 >= b:
            return _day(int(g("sly")), b, a)
        if b > 12 >= a:
            return _day(int(g("sly")), a, b)
        return None
    if g("dmy"):
        return _day(int(g("y")), MONTHS[g("m").lower().rstrip(".")], int(g("d")))
    return _day(int(g("y2")), MONTHS[g("m2").lower().rstrip(".")], int(g("d2")))


def _zone(m: re.Match[str]) -> timezone | None:
    if m.group("off"):
        minutes = int(m.group("oh")) * 60 + int(m.group("om"))
        sign = -1 if m.group("off") == "-" else 1
    else:
        minutes = _ZONES[m.group("name").lower()]
        sign = 1
        if m.group("zs"):  # GMT+3, UTC-05:00
            extra = int(m.group("zh")) * 60 + int(m.group("zm") or 0)
            minutes += extra if m.group("zs") == "+" else -extra
    minutes *= sign
    if not -14 * 60 <= minutes <= 14 * 60:
        return None
    return UTC if minutes == 0 else timezone(timedelta(minutes=minutes))


def _clock(t: re.Match[str]) -> tuple[int, int, int] | None:
    """Hour, minute, second of a time match (12-hour clock resolved), ``None`` when out of range."""
    if t.group("h") is not None:
        hour, minute, second = int(t.group("h")), int(t.group("mi")), int(t.group("s") or 0)
        ampm = t.group("ap")
    else:
        hour, minute, second, ampm = int(t.group("h2")), 0, 0, t.group("ap2")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = (hour % 12) + (12 if ampm.lower().startswith("p") else 0)
    return (hour, minute, second) if hour <= 23 else None


def _zone_at(s: str, pos: int) -> tuple[timezone | None, int]:
    z = _ZONE_RE.match(s, pos)
    if z:
        zone = _zone(z)
        if zone is not None:
            return zone, z.end()
    return None, pos


def parse_date_at(s: str, pos: int = 0) -> tuple[Published, int] | None:
    """Parse a date (and an optional time and zone) starting exactly at ``s[pos]``.

    The time may also come first (``3:14 PM EDT, October 9, 2020``). Returns the value and the
    offset just past the text used, or ``None`` when ``s[pos:]`` does not start with a date.
    """
    m = _DATE_RE.match(s, pos)
    if not m:
        return _time_first(s, pos)
    day = _match_day(m)
    if day is None:
        return None
    end = m.end()
    t = _TIME_RE.match(s, end)
    clock = _clock(t) if t else None
    if t is None or clock is None:
        return day, end
    zone, end = _zone_at(s, t.end())
    return datetime(day.year, day.month, day.day, *clock, tzinfo=zone), end


def _time_first(s: str, pos: int) -> tuple[Published, int] | None:
    t = _TIME_FIRST_RE.match(s, pos)
    clock = _clock(t) if t else None
    if t is None or clock is None:
        return None
    zone, end = _zone_at(s, t.end())
    sep = _TIME_DATE_SEP_RE.match(s, end)
    m = _DATE_RE.match(s, sep.end() if sep else end)
    day = _match_day(m) if m else None
    if m is None or day is None:
        return None
    return datetime(day.year, day.month, day.day, *clock, tzinfo=zone), m.end()


def search_date(s: str) -> tuple[Published, int, int] | None:
    """The first date anywhere in ``s``, with its start and end offsets."""
    for m in _DATE_RE.finditer(s):
        parsed = parse_date_at(s, m.start())
        if parsed is not None:
            return parsed[0], m.start(), parsed[1]
    return None


def parse_published(value: object) -> Published | None:
    """A record's ``published`` field: ISO 8601, a common written form or a Unix timestamp.

    Returns ``None`` when the value is empty or not understood (the caller records it).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    if re.fullmatch(r"\d{4}-\d\d-\d\d", s):
        try:
            return date.fromisoformat(s)
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(s)
    except ValueError:
        pass
    parsed = parse_date_at(s, 0)
    if parsed is None or s[parsed[1] :].strip(" ,.;|()"):
        return None
    return parsed[0]


_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([/_-])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?!\d)")


def date_from_url(url: str) -> date | None:
    """The day in a news URL's path (``/2020/10/09/``, ``-2024-03-14``), else ``None``."""
    path = url.split("://", 1)[-1].split("/", 1)[-1] if "/" in url else ""
    m = _URL_DATE.search(path)
    return _day(int(m.group(1)), int(m.group(3)), int(m.group(4))) if m else None
