"""Named entities and places of articles: recognisers' spans resolved against the gazetteer.

Every mention gets a key that is the same across articles, spellings, languages and scripts
(``person:putin``, ``org:un``, ``city:524901``, ``norp:AM``), so two articles can be compared
by what they name. Small models mislabel often (``Azerbaijani`` as a person, ``Karabakh`` as an
organisation); the gazetteer has the last word on places and demonyms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from samestory.analyze.gazetteer import Gazetteer, NameMatch
from samestory.analyze.names import clean_span, fold, org_key, person_key, strip_titles
from samestory.analyze.recognizers import RawMention, Recognizer, recognizers
from samestory.analyze.sentences import split_sentences
from samestory.analyze.spans import SpanSet
from samestory.analyze.types import Entity, Place
from samestory.errors import ConfigError

NER_CHOICES = ("auto", "spacy", "natasha", "heuristic", "gazetteer")


class EntityExtractor:
    """Finds people, organisations, groups and places; holds the loaded models.

    ``ner="auto"`` uses spaCy for English, French and Spanish, Natasha for Russian and the
    heuristic recogniser with the gazetteer elsewhere; a missing model is an error naming the
    package to install, never a quiet switch to the heuristic. ``"gazetteer"`` (alias
    ``"heuristic"``) forces the model-free path for every language.
    """

    def __init__(
        self, *, ner: str = "auto", n_process: int = 1, batch_size: int = 32, gazetteer: Gazetteer | None = None
    ) -> None:
        if ner not in NER_CHOICES:
            raise ConfigError(f"ner must be one of {', '.join(NER_CHOICES)}, got {ner!r}")
        self.ner = ner
        self.n_process = n_process
        self.batch_size = batch_size
        self._gazetteer = gazetteer
        self._recognizers: dict[str, Recognizer] = {}

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    def _recognizer(self, name: str) -> Recognizer:
        if name not in self._recognizers:
            self._recognizers[name] = recognizers.create(name, n_process=self.n_process, batch_size=self.batch_size)
        return self._recognizers[name]

    def recognizer_for(self, language: str) -> Recognizer:
        """The recogniser used for ``language`` under this extractor's ``ner`` setting."""
        if self.ner in ("heuristic", "gazetteer"):
            return self._recognizer("heuristic")
        if self.ner != "auto":
            rec = self._recognizer(self.ner)
            return rec if rec.supports(language) else self._recognizer("heuristic")
        for name in ("spacy", "natasha"):
            rec = self._recognizer(name)
            if rec.supports(language):
                return rec
        return self._recognizer("heuristic")

    def load(self, languages: Iterable[str]) -> None:
        """Load the gazetteer and the models for ``languages`` now rather than on first use."""
        _ = self.gazetteer
        for lang in languages:
            self.recognizer_for(lang).load(lang)

    def extract(self, text: str, language: str) -> tuple[list[Entity], list[Place]]:
        return self.extract_many([text], [language])[0]

    def extract_many(self, texts: Sequence[str], languages: Sequence[str]) -> list[tuple[list[Entity], list[Place]]]:
        """Entities and places of each text, batching texts of one language through one model."""
        if len(texts) != len(languages):
            raise ValueError(f"got {len(languages)} languages for {len(texts)} texts")
        by_lang: dict[str, list[int]] = defaultdict(list)
        for i, lang in enumerate(languages):
            by_lang[lang].append(i)
        raw: list[list[RawMention]] = [[] for _ in texts]
        for lang, idx in by_lang.items():
            found = self.recognizer_for(lang).recognize_many([texts[i] for i in idx], lang)
            for i, mentions in zip(idx, found):
                raw[i] = mentions
        gaz = self.gazetteer
        return [resolve_mentions(t, m, lang, gaz) for t, m, lang in zip(texts, raw, languages)]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of the cleaned mention (no article, quotes or possessive) inside ``[start, end)``."""
    cleaned = clean_span(text[start:end])
    if not cleaned:
        return None
    i = text.find(cleaned.split()[0], start, end)
    j = text.rfind(cleaned.split()[-1], start, end)
    if i < 0 or j < 0:
        return None
    return i, j + len(cleaned.split()[-1])


# models tag clock-time zones as organisations ("from 1200 GMT")
TIME_ZONES = frozenset("GMT UTC BST CET CEST EET EEST WET MSK IST JST KST EST EDT CST CDT MST MDT PST PDT AEST".split())


def _plausible_name(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 2 or s[0] in "@#" or "http" in s or s in TIME_ZONES:
        return False
    cased = [c for c in letters if c.lower() != c.upper()]
    return not cased or any(c.isupper() for c in cased)


def _place(text: str, s: int, e: int, gaz: Gazetteer, normal: str | None = None) -> Place | None:
    entry = gaz.place(normal or text[s:e]) or (gaz.place(text[s:e]) if normal else None)
    if entry is None:
        return None
    return Place(text[s:e], s, e, entry.key, entry.name, entry.kind, entry.country)


def _norp(text: str, s: int, e: int, ref: str) -> Entity:
    return Entity(text[s:e], "NORP", s, e, f"norp:{ref}", text[s:e], "gazetteer")


def resolve_mentions(
    text: str, mentions: Sequence[RawMention], language: str, gaz: Gazetteer
) -> tuple[list[Entity], list[Place]]:
    """Turn recognised spans into keyed entities and places, add what the gazetteer finds that
    the recogniser missed, and give each person the fullest name the article uses."""
    entities: list[Entity] = []
    places: list[Place] = []
    taken = SpanSet()
    free = taken.free

    def add_entity(ent: Entity) -> None:
        entities.append(ent)
        taken.add(ent.start, ent.end)

    def add_place(p: Place) -> None:
        places.append(p)
        taken.add(p.start, p.end)

    for m in sorted(mentions, key=lambda r: (r.start, -r.end)):
        span = _trim(text, m.start, m.end)
        if span is None or not free(*span):
            continue
        s, e = span
        surface = text[s:e]
        if not _plausible_name(surface):
            continue
        ref = gaz.demonym(surface)
        if ref and m.label in ("NORP", "PERSON", "MISC", "PLACE", "ORG") and len(surface.split()) <= 2:
            add_entity(_norp(text, s, e, ref))
            continue
        if m.label in ("PLACE", "FAC", "ORG", "PERSON", "MISC", "EVENT", "NORP"):
            place = _place(text, s, e, gaz, m.normal)
            # a person's name may be a town's ("Paris Hilton"): keep people with two or more words
            if place and not (m.label == "PERSON" and len(surface.split()) > 1 and place.kind == "city"):
                add_place(place)
                continue
        if m.label == "PERSON":
            key = person_key(m.normal or surface)
            if key:
                add_entity(Entity(surface, "PERSON", s, e, key, strip_titles(clean_span(m.normal or surface)), "model"))
            continue
        if m.label == "ORG":
            known = gaz.organisation(m.normal or surface)
            key = known.key if known else org_key(m.normal or surface)
            if key:
                add_entity(
                    Entity(surface, "ORG", s, e, key, known.name if known else clean_span(m.normal or surface), "model")
                )
            continue
        if m.label in ("PLACE", "FAC"):
            if _common_word(text, s, e):
                continue  # "Algae blooms ..." tagged as a place at the start of a sentence
            name = clean_span(m.normal or surface)
            add_place(Place(surface, s, e, f"place:{fold(name)}", name, "other", None))
            continue
        if m.label in ("NORP", "EVENT"):
            add_entity(
                Entity(surface, m.label, s, e, f"{m.label.lower()}:{fold(surface)}", clean_span(surface), "model")
            )
            continue
        # MISC: the heuristic's capitalised runs and the models' miscellany; kept as MISC unless
        # the gazetteer knows the name (above) or it reads like a person's name (below)
        org = gaz.organisation(surface)
        if org:
            add_entity(Entity(surface, "ORG", s, e, org.key, org.name, "gazetteer"))
        elif m.label == "MISC" and _looks_like_person(surface):
            key = person_key(surface)
            if key:
                add_entity(Entity(surface, "PERSON", s, e, key, strip_titles(clean_span(surface)), "heuristic"))

    starts = frozenset(s.start for s in split_sentences(text, language))
    for nm in gaz.scan(text, sentence_starts=starts):
        if free(nm.start, nm.end):
            _add_scanned(text, nm, add_entity, add_place)

    _propagate_surnames(text, entities, free, add_entity)
    return _fullest_names(entities), sorted(places, key=lambda p: p.start)


def _add_scanned(text: str, nm: NameMatch, add_entity, add_place) -> None:
    s, e = nm.start, nm.end
    span = _trim(text, s, e)
    if span is None:
        return
    s, e = span
    if nm.what == "place" and nm.place:
        p = nm.place
        add_place(Place(text[s:e], s, e, p.key, p.name, p.kind, p.country))
    elif nm.what == "org" and nm.org:
        add_entity(Entity(text[s:e], "ORG", s, e, nm.org.key, nm.org.name, "gazetteer"))
    elif nm.what == "norp" and nm.ref:
        add_entity(_norp(text, s, e, nm.ref))


def _common_word(text: str, s: int, e: int) -> bool:
    """A one-word name the gazetteer does not know, at a sentence start or also written in
    lower case in the text: more likely a capitalised common word than a name."""
    word = text[s:e]
    if " " in word or not word[:1].isupper():
        return False
    j = s - 1
    while j >= 0 and text[j] in " \t\"“«„'‘(":
        j -= 1
    at_start = j < 0 or text[j] in ".!?\n:;…"
    return at_start or re.search(r"(?<!\w)" + re.escape(word.lower()) + r"(?!\w)", text) is not None


def _looks_like_person(surface: str) -> bool:
    words = strip_titles(surface).split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and any(c.islower() for c in w[1:]) for w in words)


def _propagate_surnames(text: str, entities: list[Entity], free, add_entity) -> None:
    """A surname the article uses for a named person counts wherever it stands alone, even
    where the model missed it ("Pashinyan and Aliyev")."""
    surnames: dict[str, str] = {}
    for ent in entities:
        if ent.label == "PERSON":
            words = strip_titles(clean_span(ent.text)).split()
            if len(words) >= 2 and len(words[-1]) >= 3:
                surnames[words[-1]] = ent.key
    if not surnames:
        return
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(surnames, key=len, reverse=True)) + r")(?![\w-])"
    )
    for m in pattern.finditer(text):
        s, e = m.span()
        if free(s, e):
            add_entity(Entity(m.group(1), "PERSON", s, e, surnames[m.group(1)], m.group(1), "propagated"))


def _fullest_names(entities: list[Entity]) -> list[Entity]:
    """Give every mention of a person or organisation the longest name the article uses for it."""
    best: dict[str, str] = {}
    for ent in entities:
        if ent.label in ("PERSON", "ORG") and len(ent.name) > len(best.get(ent.key, "")):
            best[ent.key] = ent.name
    out = [Entity(e.text, e.label, e.start, e.end, e.key, best.get(e.key, e.name), e.source) for e in entities]
    return sorted(out, key=lambda e: e.start)
