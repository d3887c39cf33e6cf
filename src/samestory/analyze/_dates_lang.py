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

DE = DateLang(
    months=(
        "Januar|Jänner",
        "Februar|Feber",
        "März|Maerz",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    abbr=("Jan", "Feb", "Mär|Mrz", "Apr", "", "Jun", "Jul", "Aug", "Sept|Sep", "Okt", "Nov", "Dez"),
    weekdays=("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag|Sonnabend", "Sonntag"),
    month_pre=r"im|seit|bis|ab|vor|nach|von|zum",
    wd_pre=r"am|seit|bis|ab|vom|zum",
    wd_last=r"letzten|vergangenen|vorigen",
    wd_next=r"nächsten|kommenden",
    wd_this=r"diesen",
    tod=(
        (r"(?<=\w)(?:morgen|vormittag)", EARLY),
        (r"(?<=\w)(?:mittag|nachmittag)", MID),
        (r"(?<=\w)(?:abend|nacht)", LATE),
    ),
    parts=((r"Anfang(?:\s+de[rs])?", EARLY), (r"Mitte(?:\s+de[rs])?", MID), (r"Ende(?:\s+de[rs])?", LATE)),
    relative=(
        (r"heute", "day", 0, None),
        (r"heute\s+(?:Morgen|früh)", "day", 0, EARLY),
        (r"heute\s+(?:Abend|Nacht)", "day", 0, LATE),
        (r"gestern", "day", -1, None),
        (r"gestern\s+(?:Abend|Nacht)", "day", -1, LATE),
        (r"vorgestern", "day", -2, None),
        (r"(?-i:morgen)", "day", 1, None),
        (r"übermorgen", "day", 2, None),
        (r"(?:in\s+)?diese[rn]?\s+Woche", "week", 0, None),
        (
            r"(?:in\s+der\s+)?(?:letzten|vergangenen|vorigen)\s+Woche|(?:letzte|vergangene|vorige)\s+Woche",
            "week",
            -1,
            None,
        ),
        (r"(?:in\s+der\s+)?(?:nächsten|kommenden)\s+Woche|(?:nächste|kommende)\s+Woche", "week", 1, None),
        (r"(?:in\s+)?diese[mn]\s+Monat|dieses\s+Monats", "month", 0, None),
        (
            r"(?:im\s+)?(?:letzten|vergangenen|vorigen)\s+Monat|(?:letzten|vergangenen|vorigen)\s+Monats",
            "month",
            -1,
            None,
        ),
        (r"(?:im\s+)?(?:nächsten|kommenden)\s+Monat|(?:nächsten|kommenden)\s+Monats", "month", 1, None),
        (r"(?:in\s+)?diesem\s+Jahr|dieses\s+Jahr(?:es)?|diesen\s+Jahres", "year", 0, None),
        (
            r"(?:im\s+)?(?:letzten|vergangenen|vorigen)\s+Jahr|(?:letztes|vergangenes|voriges)\s+Jahr"
            r"|(?:letzten|vergangenen|vorigen)\s+Jahres|im\s+Vorjahr",
            "year",
            -1,
            None,
        ),
        (
            r"(?:im\s+)?(?:nächsten|kommenden)\s+Jahr|(?:nächstes|kommendes)\s+Jahr|(?:nächsten|kommenden)\s+Jahres",
            "year",
            1,
            None,
        ),
    ),
    decades=(r"(?P<y>1[5-9]\d0|20\d0)er(?:\s+Jahren?\b|\s+Jahre\b)?", r"(?<!\d)(?P<yy>\d0)er\s+Jahren?\b"),
    year_pre=r"im|seit|bis|von|ab|vor|nach|Jahr|Jahres|zwischen|und|Anfang|Mitte|Ende|aus|für|Sommer|Winter",
    clock_pre=r"um|gegen|ab|bis|seit",
    clock_post=r"Uhr",
    future=r"wird|werden|soll|sollen|geplant",
)

FR = DateLang(
    months=(
        "janvier",
        "février|fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août|aout",
        "septembre",
        "octobre",
        "novembre",
        "décembre|decembre",
    ),
    abbr=("janv", "févr|fevr", "", "avr", "", "", "juil", "", "sept", "oct", "nov", "déc|dec"),
    weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    day_suffix=r"(?:er|e|ème)?",
    month_pre=r"en|depuis|jusqu['’]en|dès|avant|après",
    wd_pre=r"le|ce|depuis|jusqu['’]à|dès",
    wd_this=r"ce",
    wd_last_post=r"dernier",
    wd_next_post=r"prochain",
    tod=((r"matin", EARLY), (r"après-midi", MID), (r"soir", LATE)),
    parts=(
        (r"(?:au\s+|en\s+)?début\s+(?:d[eu]\s+|d['’]\s*|des\s+)?", EARLY),
        (r"(?:à\s+la\s+)?mi-|au\s+milieu\s+(?:d[eu]\s+|des\s+)?", MID),
        (r"(?:à\s+la\s+|en\s+)?fin\s+(?:d[eu]\s+|d['’]\s*|des\s+)?", LATE),
    ),
    relative=(
        (r"aujourd['’]hui", "day", 0, None),
        (r"ce\s+matin", "day", 0, EARLY),
        (r"ce\s+soir", "day", 0, LATE),
        (r"hier", "day", -1, None),
        (r"hier\s+soir", "day", -1, LATE),
        (r"avant-hier", "day", -2, None),
        (r"demain", "day", 1, None),
        (r"après-demain", "day", 2, None),
        (r"cette\s+semaine", "week", 0, None),
        (r"(?:la\s+)?semaine\s+(?:dernière|passée)", "week", -1, None),
        (r"(?:la\s+)?semaine\s+prochaine", "week", 1, None),
        (r"ce\s+mois-ci", "month", 0, None),
        (r"(?:le\s+|du\s+)?mois\s+(?:dernier|passé)", "month", -1, None),
        (r"(?:le\s+|du\s+)?mois\s+prochain", "month", 1, None),
        (r"cette\s+année", "year", 0, None),
        (r"(?:l['’]\s*)?(?:année\s+(?:dernière|passée)|an\s+(?:dernier|passé))", "year", -1, None),
        (r"(?:l['’]\s*)?(?:année\s+prochaine|an\s+prochain)", "year", 1, None),
    ),
    decades=(r"années\s+(?P<y>1[5-9]\d0|20\d0)", r"années\s+['’]?(?P<yy>\d0)\b"),
    year_pre=r"en|depuis|jusqu['’]en|dès|avant|après|année|an|début|fin|entre|et",
    clock_pre=r"à|vers|dès|depuis|jusqu['’]à",
    clock_post=r"h(?:eures?)?",
    future=r"sera|seront|aura|auront|doit|doivent|prévue?s?",
)

ES = DateLang(
    months=(
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre|setiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    abbr=("ene", "feb", "", "abr", "", "jun", "jul", "ago", "sept?", "oct", "nov", "dic"),
    weekdays=("lunes", "martes", "miércoles|miercoles", "jueves", "viernes", "sábado|sabado", "domingo"),
    dm_sep=r"\s*(?:de\s+)?",
    my_sep=r",?\s*(?:de(?:l)?\s+)?",
    month_pre=r"en|desde|hasta|de",
    wd_pre=r"el|este|del|al|desde\s+el|hasta\s+el",
    wd_pre_required=True,
    wd_last=r"pasado",
    wd_next=r"próximo|proximo",
    wd_last_post=r"pasado",
    tod=((r"por\s+la\s+mañana", EARLY), (r"por\s+la\s+tarde", MID), (r"por\s+la\s+noche", LATE)),
    parts=(
        (r"(?:a\s+)?(?:principios|comienzos|inicios)\s+de(?:l)?", EARLY),
        (r"(?:a\s+)?mediados\s+de(?:l)?", MID),
        (r"(?:a\s+)?(?:finales|fines)\s+de(?:l)?", LATE),
    ),
    relative=(
        (r"hoy", "day", 0, None),
        (r"esta\s+mañana", "day", 0, EARLY),
        (r"esta\s+tarde", "day", 0, MID),
        (r"esta\s+noche", "day", 0, LATE),
        (r"ayer", "day", -1, None),
        (r"anoche", "day", -1, LATE),
        (r"anteayer|antier", "day", -2, None),
        (r"(?<!esta\s)(?<!la\s)mañana", "day", 1, None),
        (r"pasado\s+mañana", "day", 2, None),
        (r"esta\s+semana", "week", 0, None),
        (r"(?:la\s+)?semana\s+pasada", "week", -1, None),
        (r"(?:la\s+)?(?:próxima\s+semana|semana\s+(?:próxima|que\s+viene))", "week", 1, None),
        (r"este\s+mes", "month", 0, None),
        (r"(?:el\s+)?mes\s+pasado", "month", -1, None),
        (r"(?:el\s+)?(?:próximo\s+mes|mes\s+(?:próximo|que\s+viene))", "month", 1, None),
        (r"este\s+año", "year", 0, None),
        (r"(?:el\s+)?año\s+pasado", "year", -1, None),
        (r"(?:el\s+)?(?:próximo\s+año|año\s+(?:próximo|que\s+viene))", "year", 1, None),
    ),
    decades=(
        r"(?:años|década\s+de)\s+(?:los\s+)?(?P<y>1[5-9]\d0|20\d0)",
        r"(?:años|década\s+de(?:\s+los)?)\s+['’]?(?P<yy>\d0)\b",
    ),
    year_pre=r"en|desde|hasta|año|de|del|entre|y|antes|después",
    clock_pre=r"a\s+las|desde\s+las|hasta\s+las|a\s+la",
    clock_post=r"horas|hs?",
    future=r"será|serán|se\s+celebrará|prevista?s?|debe|deben",
)

IT = DateLang(
    months=(
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ),
    abbr=("genn?", "febb?", "", "apr", "magg?", "giu", "lug", "ago", "sett", "ott", "nov", "dic"),
    weekdays=(
        "lunedì|lunedi",
        "martedì|martedi",
        "mercoledì|mercoledi",
        "giovedì|giovedi",
        "venerdì|venerdi",
        "sabato",
        "domenica",
    ),
    day_suffix=r"(?:°|º)?",
    month_pre=r"a|in|da|dal|fino\s+a|entro|di",
    wd_pre=r"il|di|da|entro|fino\s+a",
    wd_last=r"(?:lo\s+)?scorso",
    wd_next=r"(?:il\s+)?prossimo",
    wd_this=r"questo",
    wd_last_post=r"scorso",
    wd_next_post=r"prossimo",
    tod=((r"mattina", EARLY), (r"pomeriggio", MID), (r"sera", LATE)),
    parts=(
        (r"(?:all['’]\s*)?inizio\s+(?:di\s+|del(?:l['’]\s*)?\s*)?", EARLY),
        (r"(?:a\s+)?metà\s+(?:di\s+|del(?:l['’]\s*)?\s*)?", MID),
        (r"(?:alla\s+)?fine\s+(?:di\s+|del(?:l['’]\s*)?\s*)?", LATE),
    ),
    relative=(
        (r"oggi", "day", 0, None),
        (r"stamattina|questa\s+mattina", "day", 0, EARLY),
        (r"stasera|questa\s+sera", "day", 0, LATE),
        (r"ieri", "day", -1, None),
        (r"ieri\s+sera", "day", -1, LATE),
        (r"l['’]altro\s*ieri|altroieri", "day", -2, None),
        (r"domani", "day", 1, None),
        (r"dopodomani", "day", 2, None),
        (r"questa\s+settimana", "week", 0, None),
        (r"(?:la\s+)?(?:settimana\s+scorsa|scorsa\s+settimana)", "week", -1, None),
        (r"(?:la\s+)?(?:settimana\s+prossima|prossima\s+settimana)", "week", 1, None),
        (r"questo\s+mese", "month", 0, None),
        (r"(?:il\s+|lo\s+)?(?:mese\s+scorso|scorso\s+mese)", "month", -1, None),
        (r"(?:il\s+)?(?:mese\s+prossimo|prossimo\s+mese)", "month", 1, None),
        (r"quest['’]\s*anno", "year", 0, None),
        (r"(?:l['’]\s*|lo\s+)?(?:anno\s+scorso|scorso\s+anno)", "year", -1, None),
        (r"(?:l['’]\s*|il\s+)?(?:anno\s+prossimo|prossimo\s+anno)", "year", 1, None),
    ),
    decades=(r"anni\s+(?P<y>1[5-9]\d0|20\d0)", r"anni\s+['’]?(?P<yy>\d0)\b"),
    year_pre=r"nel|dal|fino\s+al|anno|del|tra|e|prima|dopo",
    clock_pre=r"alle|dalle|verso\s+le|entro\s+le",
    clock_post=r"ore",
    future=r"sarà|saranno|si\s+terrà|prevista?|previsti|deve|devono",
)

PT = DateLang(
    months=(
        "janeiro",
        "fevereiro",
        "março|marco",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
    abbr=("jan", "fev", "", "abr", "", "jun", "jul", "ago", "", "", "nov", "dez"),
    weekdays=(
        "segunda-feira",
        "terça-feira|terca-feira",
        "quarta-feira",
        "quinta-feira",
        "sexta-feira",
        "sábado|sabado",
        "domingo",
    ),
    day_suffix=r"(?:°|º)?",
    dm_sep=r"\s*(?:de\s+)?",
    my_sep=r",?\s*(?:de\s+)?",
    month_pre=r"em|desde|até|de",
    wd_pre=r"na|no|nesta|neste|desta|deste|esta|este|até|da|do",
    wd_pre_required=True,
    wd_last=r"última|último|passada|passado",
    wd_next=r"próxima|próximo",
    wd_last_post=r"passad[ao]",
    tod=((r"de\s+manhã", EARLY), (r"à\s+tarde", MID), (r"à\s+noite", LATE)),
    parts=(
        (r"(?:no\s+)?início\s+d[eoa]s?", EARLY),
        (r"(?:em\s+)?meados\s+d[eoa]s?", MID),
        (r"(?:no\s+)?(?:final|fim)\s+d[eoa]s?", LATE),
    ),
    relative=(
        (r"hoje", "day", 0, None),
        (r"esta\s+manhã|hoje\s+de\s+manhã", "day", 0, EARLY),
        (r"esta\s+noite|hoje\s+à\s+noite", "day", 0, LATE),
        (r"ontem", "day", -1, None),
        (r"ontem\s+à\s+noite", "day", -1, LATE),
        (r"anteontem", "day", -2, None),
        (r"amanhã", "day", 1, None),
        (r"depois\s+de\s+amanhã", "day", 2, None),
        (r"(?:n?esta)\s+semana", "week", 0, None),
        (r"(?:n?a\s+)?semana\s+passada", "week", -1, None),
        (r"(?:n?a\s+)?(?:próxima\s+semana|semana\s+que\s+vem)", "week", 1, None),
        (r"(?:n?este)\s+mês", "month", 0, None),
        (r"(?:n?o\s+)?mês\s+passado", "month", -1, None),
        (r"(?:n?o\s+)?(?:próximo\s+mês|mês\s+que\s+vem)", "month", 1, None),
        (r"(?:n?este)\s+ano", "year", 0, None),
        (r"(?:n?o\s+)?ano\s+passado", "year", -1, None),
        (r"(?:n?o\s+)?(?:próximo\s+ano|ano\s+que\s+vem)", "year", 1, None),
    ),
    decades=(r"(?:anos|década\s+de)\s+(?P<y>1[5-9]\d0|20\d0)", r"(?:anos|década\s+de)\s+['’]?(?P<yy>\d0)\b"),
    year_pre=r"em|desde|até|ano|de|entre|e|antes|depois",
    clock_pre=r"às|as|a\s+partir\s+das|até\s+às",
    clock_post=r"h|horas",
    future=r"será|serão|prevista?s?|deve|devem",
)

RU = DateLang(
    months=(
        "январ(?:ь|я|е)",
        "феврал(?:ь|я|е)",
        "март(?:а|е)?",
        "апрел(?:ь|я|е)",
        "ма(?:й|я|е)",
        "июн(?:ь|я|е)",
        "июл(?:ь|я|е)",
        "август(?:а|е)?",
        "сентябр(?:ь|я|е)",
        "октябр(?:ь|я|е)",
        "ноябр(?:ь|я|е)",
        "декабр(?:ь|я|е)",
    ),
    abbr=("янв", "февр?", "", "апр", "", "", "", "авг", "сент?", "окт", "нояб?", "дек"),
    weekdays=("понедельник", "вторник", "среду|среда", "четверг", "пятницу|пятница", "субботу|суббота", "воскресенье"),
    year_suffix=r"(?:\s*(?:г\.|гг\.|года|году|год)(?!\w))?",
    month_pre=r"в|с|до|к",
    wd_pre=r"в|во",
    wd_pre_required=True,
    wd_last=r"прошл(?:ую|ый|ое)",
    wd_next=r"следующ(?:ую|ий|ее)|ближайш(?:ую|ий|ее)",
    wd_this=r"эт(?:у|от|о)",
    tod=((r"утром", EARLY), (r"днём|днем", MID), (r"вечером|ночью", LATE)),
    parts=((r"(?:в\s+)?начале", EARLY), (r"(?:в\s+)?середине", MID), (r"(?:в\s+)?конце", LATE)),
    relative=(
        (r"сегодня", "day", 0, None),
        (r"сегодня\s+утром", "day", 0, EARLY),
        (r"сегодня\s+(?:вечером|ночью)", "day", 0, LATE),
        (r"вчера", "day", -1, None),
        (r"вчера\s+(?:вечером|ночью)", "day", -1, LATE),
        (r"позавчера", "day", -2, None),
        (r"завтра", "day", 1, None),
        (r"послезавтра", "day", 2, None),
        (r"(?:на\s+)?этой\s+неделе", "week", 0, None),
        (r"(?:на\s+)?прошлой\s+неделе", "week", -1, None),
        (r"(?:на\s+)?следующей\s+неделе", "week", 1, None),
        (r"(?:в\s+)?этом\s+месяце|этого\s+месяца", "month", 0, None),
        (r"(?:в\s+)?прошлом\s+месяце|прошлого\s+месяца", "month", -1, None),
        (r"(?:в\s+)?следующем\s+месяце|следующего\s+месяца", "month", 1, None),
        (r"(?:в\s+)?(?:этом|текущем)\s+году|(?:этого|текущего)\s+года", "year", 0, None),
        (r"(?:в\s+)?прошлом\s+году|прошлого\s+года", "year", -1, None),
        (r"(?:в\s+)?следующем\s+году|следующего\s+года", "year", 1, None),
    ),
    decades=(
        r"(?P<y>1[5-9]\d0|20\d0)-(?:х|е)(?:\s+(?:годов|годах|годы|гг\.))?",
        r"(?<!\d)(?P<yy>\d0)-(?:х|е)(?:\s+(?:годов|годах|годы|гг\.))?",
    ),
    year_pre=r"в|с|до|года|год|году|начале|конце|середине|между|и|по",
    clock_pre=r"в|с|до|около",
    clock_post=r"ч\.|часов|мск|по\s+московскому\s+времени",
    future=r"будет|будут|состоится|пройд[её]т|планируется|намечен[аоы]?",
)

PL = DateLang(
    months=(
        "stycz(?:eń|nia|niu)",
        "lut(?:y|ego|ym)",
        "mar(?:zec|ca|cu)",
        "kwie(?:cień|tnia|tniu)",
        "maj(?:a|u)?",
        "czerw(?:iec|ca|cu)",
        "lip(?:iec|ca|cu)",
        "sierp(?:ień|nia|niu)",
        "wrze(?:sień|śnia|śniu)",
        "październik(?:a|u)?",
        "listopad(?:a|zie)?",
        "grud(?:zień|nia|niu)",
    ),
    abbr=("sty", "lut", "", "kwi", "", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"),
    weekdays=("poniedziałek", "wtorek", "środę|środa", "czwartek", "piątek", "sobotę|sobota", "niedzielę|niedziela"),
    year_suffix=r"(?:\s*(?:r\.|roku|rok)(?!\w))?",
    month_pre=r"w|we|od|do",
    wd_pre=r"w|we|od|do",
    wd_pre_required=True,
    wd_last=r"ostatni(?:ą)?|zeszły|zeszłą|ubiegły|ubiegłą",
    wd_next=r"przyszły|przyszłą|najbliższy|najbliższą",
    tod=((r"rano", EARLY), (r"po\s+południu", MID), (r"wieczorem|w\s+nocy", LATE)),
    parts=((r"na\s+początku", EARLY), (r"w\s+połowie", MID), (r"(?:pod|na)\s+koniec", LATE)),
    relative=(
        (r"dzisiaj|dziś", "day", 0, None),
        (r"(?:dzisiaj|dziś)\s+wieczorem", "day", 0, LATE),
        (r"wczoraj", "day", -1, None),
        (r"wczoraj\s+wieczorem", "day", -1, LATE),
        (r"przedwczoraj", "day", -2, None),
        (r"jutro", "day", 1, None),
        (r"pojutrze", "day", 2, None),
        (r"(?:w\s+)?tym\s+tygodniu", "week", 0, None),
        (r"(?:w\s+)?(?:zeszłym|ubiegłym|poprzednim)\s+tygodniu", "week", -1, None),
        (r"(?:w\s+)?(?:przyszłym|następnym)\s+tygodniu", "week", 1, None),
        (r"(?:w\s+)?tym\s+miesiącu", "month", 0, None),
        (r"(?:w\s+)?(?:zeszłym|ubiegłym|poprzednim)\s+miesiącu|(?:zeszłego|ubiegłego)\s+miesiąca", "month", -1, None),
        (r"(?:w\s+)?przyszłym\s+miesiącu|przyszłego\s+miesiąca", "month", 1, None),
        (r"(?:w\s+)?tym\s+roku|tego\s+roku", "year", 0, None),
        (r"(?:w\s+)?(?:zeszłym|ubiegłym|poprzednim)\s+roku|(?:zeszłego|ubiegłego)\s+roku", "year", -1, None),
        (r"(?:w\s+)?przyszłym\s+roku|przyszłego\s+roku", "year", 1, None),
    ),
    decades=(r"lat(?:ach|a)?\s+(?P<y>1[5-9]\d0|20\d0)\.?", r"lat(?:ach|a)?\s+(?P<yy>\d0)\.?(?!\d)"),
    year_pre=r"w|od|do|roku|rok|między|i|na\s+początku|pod\s+koniec",
    clock_pre=r"(?:o\s+)?godz\.|o\s+godzinie|o|od|do|około",
)

TR = DateLang(
    months=(
        "ocak",
        "şubat",
        "mart",
        "nisan",
        "mayıs",
        "haziran",
        "temmuz",
        "ağustos",
        "eylül",
        "ekim",
        "kasım",
        "aralık",
    ),
    abbr=("oca", "şub", "", "nis", "may", "haz", "tem", "ağu", "eyl", "eki", "kas", "ara"),
    weekdays=("pazartesi", "salı", "çarşamba", "perşembe", "cuma(?!rtesi)", "cumartesi", "pazar(?=\\s+gün)"),
    year_suffix=r"(?:['’](?:de|da|te|ta|den|dan|ten|tan|e|a|ye|ya|in|ın|un|ün|nin|nın))?(?:\s+yılı\w*)?",
    month_post=r"\s+ay[ıi]\w*|['’](?:de|da|te|ta|den|dan|ten|tan|e|a|ye|ya)(?!\w)",
    wd_last=r"geçen|geçtiğimiz",
    wd_next=r"gelecek|önümüzdeki",
    wd_this=r"bu",
    tod=(
        (r"(?:günü\s+)?sabah(?:ı)?", EARLY),
        (r"(?:günü\s+)?öğleden\s+sonra", MID),
        (r"(?:günü\s+)?(?:akşam(?:ı)?|gece(?:si)?)", LATE),
        (r"günü", ""),
    ),
    relative=(
        (r"bugün(?:kü)?", "day", 0, None),
        (r"bu\s+sabah", "day", 0, EARLY),
        (r"bu\s+(?:akşam|gece)", "day", 0, LATE),
        (r"dün(?:kü)?", "day", -1, None),
        (r"dün\s+(?:akşam|gece)", "day", -1, LATE),
        (r"evvelsi\s+gün", "day", -2, None),
        (r"yarın(?:ki)?", "day", 1, None),
        (r"bu\s+hafta", "week", 0, None),
        (r"geçen\s+hafta|geçtiğimiz\s+hafta", "week", -1, None),
        (r"gelecek\s+hafta|önümüzdeki\s+hafta|haftaya", "week", 1, None),
        (r"bu\s+ay", "month", 0, None),
        (r"geçen\s+ay|geçtiğimiz\s+ay", "month", -1, None),
        (r"gelecek\s+ay|önümüzdeki\s+ay", "month", 1, None),
        (r"bu\s+(?:yıl|sene)", "year", 0, None),
        (r"geçen\s+(?:yıl|sene)|geçtiğimiz\s+yıl", "year", -1, None),
        (r"gelecek\s+(?:yıl|sene)|önümüzdeki\s+yıl|seneye", "year", 1, None),
    ),
    decades=(r"(?P<y>1[5-9]\d0|20\d0)['’]?l[ıi]\s+yıllar\w*", r"(?P<y>1[5-9]\d0|20\d0)['’]?l[ae]r\w*"),
    clock_pre=r"saat",
)

NL = DateLang(
    months=(
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    abbr=("jan", "feb", "mrt", "apr", "", "jun", "jul", "aug", "sept?", "okt", "nov", "dec"),
    weekdays=("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    month_pre=r"in|sinds|tot|vanaf",
    wd_pre=r"op|sinds|tot|vanaf",
    wd_last=r"vorige|afgelopen",
    wd_next=r"volgende|komende",
    wd_this=r"deze",
    tod=((r"(?<=\w)(?:ochtend|morgen)", EARLY), (r"(?<=\w)middag", MID), (r"(?<=\w)(?:avond|nacht)", LATE)),
    parts=((r"begin", EARLY), (r"half|medio|midden", MID), (r"eind(?:e)?|(?:aan\s+het\s+)?einde?\s+van", LATE)),
    relative=(
        (r"vandaag", "day", 0, None),
        (r"vanochtend|vanmorgen", "day", 0, EARLY),
        (r"vanavond|vannacht", "day", 0, LATE),
        (r"gisteren", "day", -1, None),
        (r"gisteravond", "day", -1, LATE),
        (r"eergisteren", "day", -2, None),
        (r"morgen", "day", 1, None),
        (r"overmorgen", "day", 2, None),
        (r"deze\s+week", "week", 0, None),
        (r"vorige\s+week|afgelopen\s+week", "week", -1, None),
        (r"volgende\s+week|komende\s+week", "week", 1, None),
        (r"deze\s+maand", "month", 0, None),
        (r"vorige\s+maand|afgelopen\s+maand", "month", -1, None),
        (r"volgende\s+maand|komende\s+maand", "month", 1, None),
        (r"dit\s+jaar", "year", 0, None),
        (r"vorig\s+jaar|afgelopen\s+jaar|verleden\s+jaar", "year", -1, None),
        (r"volgend\s+jaar|komend\s+jaar", "year", 1, None),
    ),
    decades=(r"jaren\s+(?P<y>1[5-9]\d0|20\d0)", r"jaren\s+['’]?(?P<yy>\d0)\b"),
    year_pre=r"in|sinds|tot|vanaf|jaar|van|tussen|en|begin|eind|medio",
    clock_pre=r"om|rond|vanaf|tot",
    clock_post=r"uur",
)

AR = DateLang(
    months=(
        "يناير|كانون\\s+الثاني",
        "فبراير|شباط",
        "مارس|آذار",
        "أبريل|ابريل|إبريل|نيسان",
        "مايو|أيار",
        "يونيو|يونيه|حزيران",
        "يوليو|يوليه|تموز",
        "أغسطس|اغسطس|آب",
        "سبتمبر|أيلول",
        "أكتوبر|اكتوبر|تشرين\\s+الأول",
        "نوفمبر|تشرين\\s+الثاني",
        "ديسمبر|كانون\\s+الأول",
    ),
    weekdays=(
        "الاثنين|الإثنين",
        "الثلاثاء",
        "الأربعاء|الاربعاء",
        "الخميس",
        "الجمعة|الجمعه",
        "السبت",
        "(?<=يوم\\s)(?:الأحد|الاحد)",
    ),
    my_sep=r"\s*(?:من\s+)?(?:عام\s+)?",
    month_pre=r"في|منذ|حتى|خلال|شهر",
    wd_pre=r"يوم",
    wd_last_post=r"الماضي(?:ة)?",
    wd_next_post=r"المقبل(?:ة)?|القادم(?:ة)?",
    parts=((r"أوائل|مطلع|بداية|صباح|فجر", EARLY), (r"منتصف|ظهر", MID), (r"أواخر|نهاية|مساء|ليل(?:ة)?", LATE)),
    relative=(
        (r"اليوم", "day", 0, None),
        (r"الليلة", "day", 0, LATE),
        (r"أمس|الأمس|امس", "day", -1, None),
        (r"أول\s+(?:من\s+)?أمس", "day", -2, None),
        (r"غدا|غدًا|غداً", "day", 1, None),
        (r"هذا\s+الأسبوع", "week", 0, None),
        (r"الأسبوع\s+الماضي", "week", -1, None),
        (r"الأسبوع\s+(?:المقبل|القادم)", "week", 1, None),
        (r"هذا\s+الشهر", "month", 0, None),
        (r"الشهر\s+الماضي", "month", -1, None),
        (r"الشهر\s+(?:المقبل|القادم)", "month", 1, None),
        (r"هذا\s+العام|هذه\s+السنة|العام\s+الحالي", "year", 0, None),
        (r"العام\s+الماضي|السنة\s+الماضية", "year", -1, None),
        (r"العام\s+(?:المقبل|القادم)|السنة\s+المقبلة", "year", 1, None),
    ),
    year_pre=r"عام|سنة|منذ|في|حتى",
    clock_pre=r"الساعة",
)

LANGS: dict[str, DateLang] = {
    "en": EN,
    "de": DE,
    "fr": FR,
    "es": ES,
    "it": IT,
    "pt": PT,
    "ru": RU,
    "pl": PL,
    "tr": TR,
    "nl": NL,
    "ar": AR,
}

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
