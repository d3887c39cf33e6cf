"""News agencies (wire services) and the names they go by, for credits and bylines."""

from __future__ import annotations

import re

# canonical name -> spellings seen in bylines, datelines and trailers (matched case-sensitively
# for short acronyms so "ap" in running text is not a credit, case-insensitively for long names)
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "AFP-Jiji", "АФП"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters", "Рейтер"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "EFE": ("EFE", "Agencia EFE"),
    "ANSA": ("ANSA",),
    "Europa Press": ("Europa Press",),
    "Xinhua": ("Xinhua", "XINHUA", "新华社"),
    "TASS": ("TASS", "ТАСС", "Tass"),
    "RIA Novosti": ("RIA Novosti", "РИА Новости"),
    "Interfax": ("Interfax", "Интерфакс"),
    "Anadolu": ("Anadolu Agency", "Anadolu Ajansı", "AA"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap",),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS",),
    "UNB": ("UNB", "United News of Bangladesh"),
    "BSS": ("BSS", "Bangladesh Sangbad Sangstha"),
    "Bloomberg": ("Bloomberg",),
    "PAP": ("PAP", "Polska Agencja Prasowa"),
    "APA": ("APA",),
    "Belga": ("Belga",),
    "ANP": ("ANP",),
    "KUNA": ("KUNA",),
    "WAM": ("WAM",),
    "SPA": ("SPA",),
    "IRNA": ("IRNA",),
    "Ukrinform": ("Ukrinform",),
    "Armenpress": ("Armenpress",),
    "APA (Azerbaijan)": ("APA.az",),
    "CNA": ("CNA",),
    "Bernama": ("Bernama",),
    "Antara": ("Antara",),
    "AAP": ("AAP", "Australian Associated Press"),
    "Canadian Press": ("Canadian Press", "The Canadian Press", "CP"),
    "SDA": ("SDA", "Keystone-SDA"),
    "Lusa": ("Lusa",),
    "Agência Brasil": ("Agência Brasil",),
    "NTB": ("NTB",),
    "TT": ("TT",),
    "Ritzau": ("Ritzau",),
    "STT": ("STT",),
    "CTK": ("ČTK", "CTK"),
    "MTI": ("MTI",),
    "BTA": ("BTA",),
    "Agerpres": ("Agerpres",),
    "HINA": ("HINA", "Hina"),
    "Tanjug": ("Tanjug",),
    "MENA": ("MENA",),
    "NAN": ("NAN", "News Agency of Nigeria"),
    "Notimex": ("Notimex",),
    "Télam": ("Télam", "Telam"),
}

_LOOKUP: dict[str, str] = {}
for _canon, _names in AGENCIES.items():
    for _n in _names:
        _LOOKUP[_n if len(_n) <= 4 else _n.casefold()] = _canon


def canonical_agency(name: str) -> str | None:
    """The canonical agency for a spelling (``Agence France-Presse`` -> ``AFP``), else ``None``."""
    name = name.strip().strip(".()[]-–—/")
    if not name:
        return None
    return _LOOKUP.get(name) or _LOOKUP.get(name.casefold()) if len(name) > 4 else _LOOKUP.get(name)


def agency_pattern() -> re.Pattern[str]:
    """A regex matching any agency spelling as a whole word (longest spellings first)."""
    names = sorted({n for ns in AGENCIES.values() for n in ns}, key=len, reverse=True)
    return re.compile(r"(?<![\w@])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
