"""Rule-based sentence splitting with character offsets, for news text in any script.

A model-free splitter: it is fast (the analysis budget is a few milliseconds an article) and
behaves the same in every language. It knows the abbreviations that end in a period in news
copy (``Mr.``, ``Oct.``, ``U.S.``, ``z.B.``, ``г.``), initials (``J. K. Rowling``), closing quotes
after the stop, and the full-width stops of Chinese and Japanese.
"""

from __future__ import annotations

import re

from samestory.analyze.types import Sentence

# abbreviations after which a period does not end a sentence (lower case, without the final dot)
ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs dr prof gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp det
    st jr sr inc corp ltd co bros plc llc vs etc al approx dept est fig no nos vol pp ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    mt ft ave blvd rd e.g i.e a.m p.m u.s u.k u.n u.s.a e.u d.c
    mme mlle mgr me pr
    bzw usw z.b d.h ca nr str abs vgl sog evtl ggf hr fr
    sra srta dña ud uds av pág núm
    sig dott ing avv
    г гг т.е им ул млн млрд тыс руб др проф св
    """.split()
)
# a boundary: stop punctuation, optional closing quotes/brackets, whitespace, then what may start
# a sentence (not a lower-case letter of a cased script). Scraped text often loses the space
# between sentences ("...geladen.Die Polizei", "registrieren!Sie haben"); the group ``glued``
# admits such a stop, which ``_glued`` then checks letter by letter.
_BOUNDARY = re.compile(
    r"([.!?…]+|[。！？؟।]+)([\"”’»)\]」』]*)(\s+|(?<=[。！？」』])(?=\S)|(?P<glued>(?<=[.!?])(?=[^\W\d_]{2})))"
)
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_WORD_BEFORE = re.compile(r"(\S+)$")
_GAP = re.compile(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)")
_WORD_AFTER = re.compile(r"[^\W\d_]+\b")
_DOMAINS = frozenset("com org net edu gov info io".split())


def _starts_sentence(ch: str) -> bool:
    if ch.isdigit() or ch in "\"“‘«„'([¿¡—–-":
        return True
    if ch.isalpha():
        return not (ch.lower() != ch.upper() and ch.islower())  # uncased scripts always may
    return False


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the period at ``stop`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, stop - 40), stop)  # a window: words are short
    if not m:
        return False
    word = m.group(1).lstrip("\"“‘«„'([")
    if not word:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():  # an initial: "J. K. Rowling"
        return True
    return word.lower() in ABBREVIATIONS


def _line_breaks(block: str) -> list[int]:
    """Offsets in ``block`` of single newlines that end a sentence.

    Scraped news often has one paragraph a line; a line that stops mid-phrase and continues
    in lower case is a wrapped line instead.
    """
    cuts = []
    for m in re.finditer(r"\n", block):
        before = block[: m.start()].rstrip()
        after = block[m.end() :].lstrip()
        if not before or not after:
            continue
        wrapped = before[-1].isalpha() or before[-1] in ",;-–"
        if wrapped and after[0].isalpha() and after[0].islower():
            continue
        cuts.append(m.start())
    return cuts


def _gaps(block: str) -> list[int]:
    """Offsets in ``block`` of runs of two or more spaces that end an unpunctuated block.

    Scrapers join a headline, a caption or a teaser to the next text with a double space and no
    stop ("Dunja Hayali erhält Preis  Die Moderatorin ..."); after a stop the gap is already a
    boundary, and before a lower-case letter it is a typo inside a sentence.
    """
    return [
        m.start()
        for m in _GAP.finditer(block)
        if block[m.start() - 1] not in ".!?…,;:-–—(" and _starts_sentence(block[m.end()])
    ]


def _glued(text: str, m: re.Match) -> bool:
    """True when ``m`` is a stop with no space after it that still ends a sentence: a lower-case
    word, the stop, then a capitalised word ("bleiben.Die"), which neither a decimal number, a
    domain name ("example.com", "Example.Com") nor an acronym ("U.S.A") looks like."""
    stop, nxt = m.start(1), m.end()
    if not (
        stop >= 2
        and text[stop - 2 : stop].isalpha()
        and text[stop - 1].islower()
        and text[nxt].isupper()
        and text[nxt + 1].islower()
    ):
        return False
    word = _WORD_AFTER.match(text, nxt)
    return not (word and word.group(0).lower() in _DOMAINS)  # "Example.Com"


def _split_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``, a run with no paragraph break."""
    spans, s = [], start
    for m in _BOUNDARY.finditer(text, start, end):
        nxt = m.end()
        if m.group("glued") is not None and not _glued(text, m):
            continue
        if nxt < end and not _starts_sentence(text[nxt]):
            continue
        stop = m.start(1)
        if m.group(1) == "." and _is_abbreviation(text, stop):
            continue
        e = m.end(2)
        if e > s:
            spans.append((s, e))
        s = nxt
    if s < end:
        spans.append((s, end))
    return spans


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def split_sentences(text: str, language: str = "en") -> list[Sentence]:
    """Sentences of ``text`` with character offsets (whitespace trimmed) and paragraph numbers.

    Paragraphs are separated by blank lines, by single line breaks after a finished sentence,
    and by a double space after unpunctuated text (a scraped headline or caption). ``language``
    is accepted for symmetry with the other steps; the rules cover every language samestory
    reads.
    """
    out: list[Sentence] = []
    paragraph = 0
    pos = 0
    blocks = [*((m.start(), m.end()) for m in _BLANK.finditer(text)), (len(text), len(text))]
    for b_start, b_end in blocks:
        block_start, block_end = pos, b_start
        pos = b_end
        block = text[block_start:block_end]
        cuts = sorted(block_start + c for c in (*_line_breaks(block), *_gaps(block)))
        run_start = block_start
        any_here = False
        for run_end in [*cuts, block_end]:
            had = False
            for s, e in _split_run(text, run_start, run_end):
                s, e = _strip(text, s, e)
                if e > s:
                    out.append(Sentence(s, e, paragraph))
                    had = True
            if had and run_end != block_end:
                paragraph += 1
            any_here = any_here or had
            run_start = run_end + 1
        if any_here:
            paragraph += 1
    # paragraphs numbered consecutively even where a run produced nothing
    return _renumber(out)


def _renumber(sentences: list[Sentence]) -> list[Sentence]:
    out, last, n = [], None, -1
    for s in sentences:
        if s.paragraph != last:
            n += 1
            last = s.paragraph
        out.append(Sentence(s.start, s.end, n))
    return out
