"""Version cues in English news copy: future or expectation phrasing, past-tense verbs, update
notes and casualty counts, with their character offsets.

These are the small lexical facts :mod:`samestory.align.provenance` weighs. A wire story is
often filed before an event ("were due to hold talks") and updated after it ("held talks"); a
reprint of the first version and one of the second then differ at the same aligned place, and
the future-phrased side reflects the EARLIER version. The rules are English only and kept
deliberately narrow: a cue counts only where the other side has a past-tense verb at the same
place (see the provenance module), so a stray "will" in a quote decides nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Expectation phrases, each followed by the verb it governs (and the word after, for passives:
# "will be held"). "would" is weak (reported speech, conditionals) and only counts where the
# other side has the past tense of the very same verb.
_FUTURE = re.compile(
    r"(?<![\w'’])(?P<cue>"
    r"(?:(?:is|are|was|were|am|be|been|being)\s+)?(?:due|expected|set|scheduled|slated|poised|going|about)\s+to"
    r"|(?:plans?|planned|planning|intends?|intended)\s+to"
    r"|(?:is|are|was|were)\s+to"
    r"|will|shall|won['’]t|would|['’]ll"
    r")\s+(?:not\s+)?(?P<verb>[a-z]+)(?:\s+(?P<next>[a-z]+))?",
    re.IGNORECASE,
)
_WEAK = frozenset(["would"])
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# Irregular past tenses and participles -> the base form.
_IRREGULAR = {
    w: base
    for base, forms in {
        "hold": "held",
        "meet": "met",
        "begin": "began begun",
        "take": "took taken",
        "make": "made",
        "give": "gave given",
        "go": "went gone",
        "win": "won",
        "lead": "led",
        "send": "sent",
        "speak": "spoke spoken",
        "tell": "told",
        "say": "said",
        "fight": "fought",
        "strike": "struck stricken",
        "bring": "brought",
        "find": "found",
        "leave": "left",
        "see": "saw seen",
        "seek": "sought",
        "rise": "rose risen",
        "fall": "fell fallen",
        "write": "wrote written",
        "choose": "chose chosen",
        "break": "broke broken",
        "become": "became",
        "draw": "drew drawn",
        "keep": "kept",
        "sell": "sold",
        "build": "built",
        "pay": "paid",
        "lay": "laid",
        "fly": "flew flown",
        "stand": "stood",
        "withdraw": "withdrew withdrawn",
        "spend": "spent",
        "lose": "lost",
        "swear": "swore sworn",
        "shoot": "shot",
        "mean": "meant",
        "feel": "felt",
        "hear": "heard",
        "think": "thought",
        "buy": "bought",
        "catch": "caught",
        "teach": "taught",
        "understand": "understood",
        "overtake": "overtook overtaken",
        "undertake": "undertook undertaken",
        "freeze": "froze frozen",
        "hang": "hung",
        "sink": "sank sunk",
        "know": "knew known",
        "grow": "grew grown",
        "throw": "threw thrown",
        "blow": "blew blown",
        "do": "did done",
        "sit": "sat",
        "run": "ran",
        "come": "came",
        "get": "got gotten",
        "forbid": "forbade forbidden",
        "drive": "drove driven",
        "ride": "rode ridden",
        "wake": "woke woken",
        "bear": "bore borne",
        "tear": "tore torn",
        "wear": "wore worn",
        "bind": "bound",
        "deal": "dealt",
        "flee": "fled",
        "feed": "fed",
        "lend": "lent",
        "light": "lit",
        "slay": "slew slain",
        "steal": "stole stolen",
        "strive": "strove striven",
        "sweep": "swept",
        "weep": "wept",
        "hide": "hid hidden",
        "bite": "bit bitten",
        "shake": "shook shaken",
        "sing": "sang sung",
    }.items()
    for w in forms.split()
}
# Words ending in -ed that are not past tenses (or are too often adjectives to tell).
_NOT_PAST = frozenset(
    """need needs bed red shed seed speed feed weed breed steed bleed reed deed greed indeed hundred
    hundreds proceed exceed succeed united limited based related alleged so-called armed detailed
    advanced concerned supposed wicked naked sacred rugged ragged crooked beloved""".split()
)
# A time the future side names for the event: "from 1200 GMT", "at 3 pm", "later on Friday".
_SCHEDULE = re.compile(
    r"\b(?:(?:from|at|by|until|before)\s+\d{1,2}(?:[:.]?\d{2})?\s*(?:GMT|UTC|[ap]\.?m\.?|hours|local time)"
    r"|later\s+(?:on\s+)?(?:today|tonight|this\s+\w+|on\s+\w+day|\w+day)|tonight|tomorrow)\b",
    re.IGNORECASE,
)
_UPDATE = re.compile(
    r"\bUPDATE\s+\d+\b"
    r"|\((?:Updates|Adds|Recasts|Rewrites|Writes\s+through|Corrects|Refiles|Changes\s+dateline|Updated)\b[^)\n]{0,200}\)"
    r"|(?m:^[^\S\n]*(?:Updated|Last\s+updated)\b[^\n]{0,60}$)"
    r"|\b(?:[Aa]dds|[Rr]ecasts|[Uu]pdates)\s+with\b",
)
_CASUALTY = re.compile(
    r"\b(?:dead|deaths?|died|dying|killed|kill(?:ing|s)?|lives|casualt(?:y|ies)|fatalit(?:y|ies)|victims?"
    r"|(?:death\s+)?toll|bodies|injured|wounded|injur(?:y|ies))\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|[A-Za-z]+")
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}


@dataclass(frozen=True, slots=True)
class FutureCue:
    """An expectation phrase and the verb it governs: ``were due to hold`` (``lemma`` hold)."""

    start: int
    end: int
    text: str
    lemmas: frozenset[str]  # the verb's base form; for "be held" the participle's candidates
    weak: bool  # "would": only with the same verb in the past on the other side


@dataclass(frozen=True, slots=True)
class PastVerb:
    """A past-tense verb or a perfect/passive participle, with its candidate base forms."""

    start: int
    end: int
    text: str
    lemmas: frozenset[str]


def past_lemmas(word: str) -> frozenset[str]:
    """Candidate base forms of a past tense or participle (``held`` -> hold, ``planned`` -> plan);
    empty when ``word`` does not look like one."""
    w = word.lower().replace("’", "'")
    if w in _IRREGULAR:
        return frozenset([_IRREGULAR[w]])
    if len(w) < 4 or not w.endswith("ed") or w in _NOT_PAST or not w.isalpha():
        return frozenset()
    out = {w[:-2], w[:-1]}  # signed -> sign, agreed -> agree
    if w.endswith("ied"):
        out.add(w[:-3] + "y")  # carried -> carry
    if len(w) > 4 and w[-3] == w[-4]:
        out.add(w[:-3])  # planned -> plan
    return frozenset(out)


def _lemmas(verb: str, nxt: str | None) -> frozenset[str]:
    """The verb a future phrase is about: ``hold``; for ``be held``/``have signed`` the participle's."""
    v = verb.lower()
    if v in ("be", "have") and nxt:
        forms = past_lemmas(nxt)
        if forms:
            return forms
    return frozenset([v])


def future_cues(text: str, start: int, end: int, *, window: int = 40) -> list[FutureCue]:
    """Expectation phrases that START in ``text[start:end]``; the verb after one may lie up to
    ``window`` characters further."""
    out = []
    for m in _FUTURE.finditer(text, start, min(len(text), end + window)):
        if m.start() >= end:
            break
        weak = m["cue"].lower() in _WEAK
        verb_end = m.end("next") if m["verb"].lower() in ("be", "have") and m["next"] else m.end("verb")
        out.append(FutureCue(m.start(), verb_end, text[m.start() : verb_end], _lemmas(m["verb"], m["next"]), weak))
    return out


def past_verbs(text: str, start: int, end: int) -> list[PastVerb]:
    """Past tenses and participles in ``text[start:end]``: lower-case words only (a capitalised
    ``United`` or ``Ahmed`` is a name), and no ``-ed`` adjective from a short stop list."""
    out = []
    for m in _WORD.finditer(text, start, end):
        w = m.group()
        if not w[0].islower():
            continue
        lem = past_lemmas(w)
        if lem:
            out.append(PastVerb(m.start(), m.end(), w, lem))
    return out


def past_forms(lemma: str) -> frozenset[str]:
    """The past tenses and participles a base form may take (``hold`` -> held; ``sign`` -> signed)."""
    irregular = {w for w, base in _IRREGULAR.items() if base == lemma}
    if irregular:
        return frozenset(irregular)
    if lemma.endswith("e"):
        return frozenset([lemma + "d"])
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return frozenset([lemma[:-1] + "ied"])
    forms = {lemma + "ed"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms.add(lemma + lemma[-1] + "ed")  # plan -> planned (and a harmless "visitted")
    return frozenset(forms)


def find_past(text: str, lemmas: frozenset[str]) -> list[PastVerb]:
    """Every lower-case past form of the given verbs in ``text``."""
    forms = sorted({f for lem in lemmas for f in past_forms(lem)}, key=len, reverse=True)
    if not forms:
        return []
    pattern = re.compile(r"(?<![\w'’])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w'’])")
    return [PastVerb(m.start(), m.end(), m.group(), past_lemmas(m.group())) for m in pattern.finditer(text)]


def schedule_marker(text: str, start: int, end: int) -> re.Match[str] | None:
    """A time named for an event in ``text[start:end]`` (``from 1200 GMT``, ``later on Friday``)."""
    return _SCHEDULE.search(text, start, end)


def update_markers(text: str) -> list[tuple[int, int, str]]:
    """Notes that mark a later version of a story: ``UPDATE 2``, ``(Adds quotes ...)``, ``Updated ...``."""
    return [(m.start(), m.end(), m.group()) for m in _UPDATE.finditer(text)]


def words_after(text: str, pos: int, n: int) -> list[str]:
    """The next ``n`` words after ``pos``, lower-cased."""
    out = []
    for m in _WORD.finditer(text, pos):
        out.append(m.group().lower())
        if len(out) >= n:
            break
    return out


def casualty_near(text: str, start: int, end: int, *, reach: int = 50) -> re.Match[str] | None:
    """A casualty word within ``reach`` characters after ``text[start:end]`` (or just before it)."""
    m = _CASUALTY.search(text, end, min(len(text), end + reach))
    return m or _CASUALTY.search(text, max(0, start - 25), start)


def parse_count(s: str) -> float | None:
    """The one number in a short edit text (``400``, ``1,200``, ``twelve``), else ``None``."""
    values = []
    for m in _NUMBER.finditer(s):
        tok = m.group()
        if tok[0].isdigit():
            values.append(float(tok.replace(",", "")))
        elif tok.lower() in _NUMBER_WORDS:
            values.append(float(_NUMBER_WORDS[tok.lower()]))
    return values[0] if len(values) == 1 else None
