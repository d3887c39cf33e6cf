"""Script- and language-independent keys for names, so one entity matches across articles.

``Vladimir Putin``, ``Putin``, ``Путин`` and ``President Putin's`` all get ``person:putin``;
``the Minsk Group`` and ``Minsk Group`` get one organisation key.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

# words before a name that are roles, not part of it (several languages)
TITLES = frozenset(
    """
    president vice prime minister foreign defence defense interior finance secretary general chancellor
    king queen prince princess emperor pope cardinal bishop archbishop sheikh emir sultan
    mr mrs ms miss dr prof sir dame lord lady mayor governor senator sen rep representative congressman
    congresswoman judge justice chief ceo chairman chairwoman chair director spokesman spokeswoman
    spokesperson ambassador envoy commander colonel col general gen lieutenant lt captain capt major
    sergeant sgt admiral adm officer minister's president's premier deputy leader opposition former
    late ex acting interim rights ombudsman human foreign-affairs state federal national
    président présidente ministre premier chancelier porte-parole m mme mlle
    präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin ministerpräsident außenminister
    herr frau
    presidente presidenta ministro ministra canciller señor señora sr sra don doña portavoz
    primo signor signora
    prezydent premier minister pan pani
    cumhurbaşkanı başbakan bakan
    президент премьер премьер-министр министр глава спикер канцлер госсекретарь генсек
    """.split()
)
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")
_EDGE = " \t\n\"'“”‘’«»„()[]{}.,;:!?-–—"


def fold(text: str) -> str:
    """ASCII, lower case, words joined by ``-``: ``Nagorno-Karabakh`` -> ``nagorno-karabakh``,
    ``Путин`` -> ``putin``."""
    ascii_ = anyascii(unicodedata.normalize("NFC", text)).lower()
    return _NON_WORD.sub("-", ascii_).strip("-")


def clean_span(text: str) -> str:
    """A mention without surrounding punctuation, a leading article or a possessive ending."""
    t = text.strip(_EDGE)
    if _DOTTED.fullmatch(text.strip(_EDGE.replace(".", "")) or ""):
        return text.strip(_EDGE.replace(".", ""))  # "U.S." keeps its last dot
    t = re.sub(r"^(?:the|The|THE)\s+", "", t)
    t = _POSSESSIVE.sub("", t).strip(_EDGE)
    return " ".join(t.split())


def strip_titles(name: str) -> str:
    """``President Emmanuel Macron`` -> ``Emmanuel Macron``; a name made only of titles stays as is."""
    words = name.split()
    i = 0
    while i < len(words) - 1 and words[i].lower().strip(".,") in TITLES:
        i += 1
    return " ".join(words[i:])


def person_key(name: str) -> str | None:
    """``person:<surname>``: the last word of the name that is not a suffix (``Jr.``)."""
    words = [w for w in strip_titles(clean_span(name)).split() if w.lower() not in SUFFIXES]
    while words and not any(ch.isalpha() for ch in words[-1]):
        words.pop()
    if not words:
        return None
    surname = fold(words[-1])
    return f"person:{surname}" if surname else None


def org_key(name: str) -> str | None:
    """``org:<folded name>`` for an organisation without a known alias."""
    folded = fold(clean_span(name))
    return f"org:{folded}" if folded else None


def alias_form(text: str) -> str:
    """How names are looked up in the gazetteer and alias tables: case-folded, one space for
    hyphens and runs of spaces, typographic apostrophes made plain."""
    t = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    t = re.sub(r"[\s\-‐‑–]+", " ", t)
    return t.strip().casefold()
