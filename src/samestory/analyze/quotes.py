"""Direct quotes and who said them.

A quote is text inside quotation marks of any common style (“…”, "…", «…», „…“, 「…」) with at
least ``MIN_QUOTE_WORDS`` words: shorter quoted bits are names or scare quotes ("Minsk Group",
"terrorists"). The speaker is the subject of a speech verb next to the quote ("…," he said;
X said: "…"; according to X); a pronoun is resolved to the last person named before it, and a
quote that follows another in the same paragraph without attribution continues its speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from samestory.analyze.names import clean_span, strip_titles
from samestory.analyze.types import Entity, Quote, Sentence

MIN_QUOTE_WORDS = 3
MIN_QUOTE_CHARS_CJK = 6
ATTRIBUTION_WINDOW = 160  # characters around a quote where its speaker is looked for

_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“”", "‚": "‘’", "「": "」", "『": "』", "‹": "›", "”": "”"}
_OPEN = re.compile(r"[“\"«„「『‹]|(?<![\w])”")  # Swedish/Finnish quotes open with ”
_WORDS = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|declared|wrote|writes|tweeted|posted|asked|warned|insisted|"
    "explained|noted|argued|announced|claimed|replied|responded|continued|stressed|urged|recalled|"
    "acknowledged|admitted|conceded|confirmed|complained|cautioned|vowed|pledged|promised|predicted|"
    "a déclaré|a dit|a affirmé|a ajouté|a expliqué|a estimé|a souligné|déclare|affirme|ajoute|estime|dit|"
    "sagte|sagt|erklärte|erklärt|betonte|fügte hinzu|so|meinte|"
    "dijo|afirmó|declaró|añadió|explicó|aseguró|señaló|indicó|"
    "ha detto|ha dichiarato|ha affermato|ha aggiunto|"
    "disse|afirmou|declarou|"
    "powiedział|powiedziała|stwierdził|dodał|"
    "dedi|söyledi|açıkladı|"
    "сказал|сказала|заявил|заявила|отметил|отметила|добавил|добавила|подчеркнул|подчеркнула|сообщил|сообщила"
)
_VERB = re.compile(r"(?<![\w])(" + SPEECH_VERBS + r")(?![\w])", re.IGNORECASE)
_ACCORDING = re.compile(
    r"(?<![\w])(according to|selon|laut|según|secondo|segundo|według|по словам)(?![\w])", re.IGNORECASE
)
_PRONOUNS = re.compile(r"^(he|she|they|il|elle|ils|er|sie|él|ella|lui|lei|on|она|они)$", re.IGNORECASE)


def _find_pairs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the words inside each pair of quotation marks, within a paragraph."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while True:
        m = _OPEN.search(text, i)
        if not m:
            break
        opener = m.group()
        closers = _PAIRS.get(opener, opener)
        s = m.end()
        j = s
        end = -1
        while j < n:
            ch = text[j]
            if ch in closers and j > s:
                end = j
                break
            if ch == "\n" and j + 1 < n and text[j + 1] == "\n":
                break  # a quote left open at a paragraph's end closes there (news style)
            j += 1
        if end < 0:
            end = j
        if end > s:
            out.append((s, end))
        i = max(end + 1, s)
    return out


def _long_enough(q: str) -> bool:
    if _CJK.search(q):
        return len(q.strip()) >= MIN_QUOTE_CHARS_CJK
    return len(_WORDS.findall(q)) >= MIN_QUOTE_WORDS


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "…"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",…"):
        e -= 1
    return s, e


def _subject_entity(window_start: int, window_end: int, entities: Sequence[Entity], prefer_last: bool) -> Entity | None:
    inside = [e for e in entities if e.label in ("PERSON", "ORG") and e.start >= window_start and e.end <= window_end]
    if not inside:
        return None
    people = [e for e in inside if e.label == "PERSON"] or inside
    return people[-1] if prefer_last else people[0]


def _last_person_before(pos: int, entities: Sequence[Entity], floor: int) -> Entity | None:
    before = [e for e in entities if e.label == "PERSON" and floor <= e.end <= pos]
    return before[-1] if before else None


def _speaker(
    text: str, s: int, e: int, entities: Sequence[Entity], sentence: tuple[int, int] | None, prev_sentence_start: int
) -> tuple[str | None, Entity | None]:
    """Who says the quote ``text[s:e]``: look after it (``", he said``), then before it
    (``X said: "``), then for "according to X"."""
    lo = max(0, s - ATTRIBUTION_WINDOW)
    hi = min(len(text), e + ATTRIBUTION_WINDOW)
    if sentence:
        # the whole sentence before the quote: "The Kremlin said late on Thursday that … "quote""
        lo, hi = max(sentence[0], s - 3 * ATTRIBUTION_WINDOW), min(hi, sentence[1])
    after = text[e:hi]
    para_end = after.find("\n")
    if para_end >= 0:
        after = after[:para_end]
    m = _VERB.search(after)
    if m and m.start() < 60:
        # '…," he said' / '…," said Maria Zakharova' / '…," Macron's office said'
        around_end = e + min(len(after), m.end() + 60)
        subj_text = after[: m.start()].strip(" ,.;:—–-\"”»'’")
        if subj_text and _PRONOUNS.match(subj_text.split()[-1]):
            person = _last_person_before(s, entities, prev_sentence_start)
            return (person.name, person) if person else (subj_text, None)
        ent = _subject_entity(e, around_end if not subj_text else e + m.start(), entities, prefer_last=False)
        if ent is None and not subj_text:
            ent = _subject_entity(e + m.end(), around_end, entities, prefer_last=False)
        if ent:
            return _speaker_name(text, ent, subj_text), ent
        if subj_text and len(subj_text.split()) <= 6:
            return strip_titles(clean_span(subj_text)), None
    before = text[lo:s]
    verbs = list(_VERB.finditer(before))
    if verbs:
        v = verbs[-1]
        subj_start = lo + max(before.rfind(". ", 0, v.start()) + 1, 0)
        ent = _subject_entity(subj_start, lo + v.start(), entities, prefer_last=True)
        subj_text = text[subj_start : lo + v.start()].strip(" ,.;:—–-")
        if subj_text and _PRONOUNS.match(subj_text.split()[-1]):
            person = _last_person_before(lo + v.start(), entities, prev_sentence_start)
            if person:
                return person.name, person
        if ent:
            return _speaker_name(text, ent, subj_text), ent
    acc = list(_ACCORDING.finditer(text, lo, hi))
    if acc:
        a = acc[-1]
        ent = _subject_entity(a.end(), min(hi, a.end() + 80), entities, prefer_last=False)
        if ent:
            return ent.name, ent
    return None, None


def _speaker_name(text: str, ent: Entity, subject: str) -> str:
    """The entity's full name, with what follows it in the subject when it names a body the
    person leads ("Emmanuel Macron's office")."""
    tail = re.search(
        re.escape(ent.text)
        + r"['’]s\s+(office|spokesman|spokeswoman|spokesperson|ministry|government|team|camp|aides?)\b",
        subject,
    )
    return f"{ent.name}'s {tail.group(1)}" if tail else ent.name


def find_quotes(text: str, *, sentences: Sequence[Sentence] = (), entities: Sequence[Entity] = ()) -> list[Quote]:
    """Direct quotes of ``text`` with speakers where the text names them."""
    ents = sorted(entities, key=lambda e: e.start)
    sents = [(x.start, x.end, x.paragraph) for x in sentences]
    out: list[Quote] = []
    last_para, last_speaker, last_key = None, None, None
    for s, e in _find_pairs(text):
        s, e = _trim(text, s, e)
        if e <= s or not _long_enough(text[s:e]):
            continue
        k = next((i for i, (a, b, _) in enumerate(sents) if a <= s < b), None)
        sentence = None
        para = None
        prev_start = 0
        if k is not None:
            # a quote of several sentences spans them all
            k_end = next((i for i in range(k, len(sents)) if sents[i][1] >= e), k)
            sentence = (sents[k][0], sents[k_end][1])
            para = sents[k][2]
            prev_start = sents[k - 1][0] if k > 0 else 0
        name, ent = _speaker(text, s, e, ents, sentence, prev_start)
        key = ent.key if ent else None
        if name is None and para is not None and para == last_para:
            name, key = last_speaker, last_key  # "…," he said. "This is their last chance."
        out.append(Quote(text[s:e], s, e, name, key))
        last_para, last_speaker, last_key = para, name, key
    return out
