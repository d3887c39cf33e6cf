"""Places, demonyms and organisations by name, in many languages and scripts.

The tables live in ``samestory/data``: ``gazetteer.json.gz`` (built by
``scripts/build_gazetteer.py`` from GeoNames and ISO 3166 names), and the hand-written
``regions.tsv``, ``country_aliases.tsv``, ``demonyms.tsv`` and ``organisations.tsv``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from samestory.analyze.names import TITLES, alias_form, clean_span

MAX_NAME_WORDS = 6
MIN_SCAN_POPULATION = 50_000  # a small town found by scanning alone is more often a word than a place
_TOKEN = re.compile(r"\w+", re.UNICODE)  # "l'Autriche", "Moskova'da": the name is a token of its own
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
_SLAVIC_ENDINGS = (
    ("ии", "ия"),
    ("ией", "ия"),
    ("ию", "ия"),
    ("ой", "а"),
    ("ою", "а"),
    ("е", "а"),
    ("у", "а"),
    ("ы", "а"),
    ("и", "а"),
    ("е", ""),
    ("а", ""),
    ("у", ""),
    ("ом", ""),
    ("ым", ""),
    ("е", "ь"),
    ("и", "ь"),
    ("ю", "ь"),
)
_APOSTROPHE_SUFFIX = re.compile(r"['’]\w+$")  # Turkish "Moskova'da", "Ankara'nın"


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """A gazetteer place: ``kind`` is country, state, region, city, continent, sea or area;
    ``country`` the ISO 3166-1 alpha-2 code it lies in (``None`` for seas and continents)."""

    key: str
    name: str
    kind: str
    country: str | None
    population: int = 0


@dataclass(frozen=True, slots=True)
class OrgEntry:
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A name found by scanning a text: ``what`` is ``place``, ``org`` or ``norp`` (a demonym,
    ``ref`` then being a country code or a region key)."""

    start: int
    end: int
    what: str
    place: PlaceEntry | None = None
    org: OrgEntry | None = None
    ref: str | None = None


def _is_exact(alias: str) -> bool:
    """Acronyms (``US``, ``U.S.``, ``UN``) match only as written: ``us`` is a pronoun."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(alias) <= 6 and all(c.isupper() for c in letters)


def _may_inflect(word: str) -> bool:
    """Words the exact lookup misses but ``_inflected`` may find: Cyrillic or Arabic words, and
    words with an apostrophe suffix."""
    first = word[0]
    return "\u0400" <= first <= "\u04ff" or "\u0600" <= first <= "\u06ff"


def _in_capitalised_run(text: str, tokens: list[tuple[int, int]], i: int, what: str) -> bool:
    """True when token ``i`` is glued to a neighbour (``pro-Turkish``) or, for a place, sits in
    a run of capitalised words that is not itself a known name (``Vladimir Putin``; a title
    beside it is fine: ``Moscow Mayor``)."""
    s, e = tokens[i]
    if s > 0 and text[s - 1] in "-‐‑" and i > 0 and tokens[i - 1][1] == s - 1:
        return text[tokens[i - 1][0] : tokens[i - 1][1]].lower() in ("pro", "anti", "ex", "non")
    if what != "place":
        return False
    for k in (i - 1, i + 1):
        if 0 <= k < len(tokens):
            ks, ke = tokens[k]
            gap = text[min(e, ke) : max(s, ks)]
            first = text[ks]
            word = text[ks:ke].lower()
            if gap in (" ", "\u00a0") and first.isupper() and word not in _CONNECTORS and word not in TITLES:
                return True
    return False


_CONNECTORS = frozenset({"the", "and", "of", "de", "del", "la", "le", "von", "van"})


def _data_bytes(name: str) -> bytes:
    raw = resources.files("samestory").joinpath("data", name).read_bytes()
    return gzip.decompress(raw) if name.endswith(".gz") else raw


def _data_lines(name: str) -> Iterator[list[str]]:
    for line in _data_bytes(name).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


class Gazetteer:
    """Lookups of places, demonyms and organisations; build with ``Gazetteer.load()``."""

    def __init__(self) -> None:
        self._built: list[list] = []  # GeoNames/ISO places as stored; entries made on lookup
        self._curated: dict[str, PlaceEntry] = {}
        self._place_names: dict[str, str | int] = {}  # alias -> index into _built, or a curated key
        self._place_exact: dict[str, str | int] = {}
        self._key_index: dict[str, int] = {}
        self._demonyms: dict[str, str] = {}
        self._orgs: dict[str, OrgEntry] = {}
        self._org_names: dict[str, str] = {}
        self._org_exact: dict[str, str] = {}
        # the first word of every folded name, with the most words a name starting with it has:
        # the scan tries only spans that can match
        self._first_words: dict[str, int] = {}

    @classmethod
    def load(cls) -> Gazetteer:
        """Read every table from the package data (about 0.15 s)."""
        g = cls()
        built = json.loads(_data_bytes("gazetteer.json.gz"))
        g._built = built["places"]
        g._place_names = built["names"]
        g._first_words = built["first_words"]
        g._key_index = {rec[0]: i for i, rec in enumerate(g._built)}
        # hand-written tables override the generated one: they encode editorial choices
        for key, name, kind, country, *rest in _data_lines("regions.tsv"):
            g._curated[key] = PlaceEntry(key, name, kind, country or None)
            for alias in [name, *(rest[0].split("|") if rest and rest[0] else [])]:
                g._add_place_name(alias, key)
        for iso, *rest in _data_lines("country_aliases.tsv"):
            for alias in rest[0].split("|") if rest else []:
                g._add_place_name(alias, g._key_index[f"country:{iso}"])
        for ref, forms in _data_lines("demonyms.tsv"):
            for form in forms.split("|"):
                g._demonyms[form] = ref
                if not form.endswith(("s", "ese", "ish", "ch")):
                    g._demonyms.setdefault(form + "s", ref)  # "Armenians"
        for key, name, *rest in _data_lines("organisations.tsv"):
            g._orgs[key] = OrgEntry(key, name)
            for alias in [name, *(rest[0].split("|") if rest and rest[0] else [])]:
                if _is_exact(alias):
                    g._org_exact[alias] = key
                else:
                    g._org_names[alias_form(alias)] = key
                    g._add_first_word(alias_form(alias))
        return g

    def _add_first_word(self, name: str) -> None:
        words = name.split(" ")
        if self._first_words.get(words[0], 0) < len(words):
            self._first_words[words[0]] = len(words)

    def entry(self, ref: str | int | None) -> PlaceEntry | None:
        """The place an alias points to: an index into the built table or a key."""
        if ref is None:
            return None
        if isinstance(ref, int):
            key, name, kind, country, pop = self._built[ref]
            return PlaceEntry(key, name, kind, country or None, pop)
        if ref in self._curated:
            return self._curated[ref]
        i = self._key_index.get(ref)
        return self.entry(i) if i is not None else None

    def _ref(self, name: str) -> str | int | None:
        """What a name points to, exact acronyms first."""
        ref = self._place_exact.get(name)
        return ref if ref is not None else self._place_names.get(alias_form(name))

    def _add_place_name(self, alias: str, ref: str | int) -> None:
        alias = alias.strip()
        if not alias:
            return
        if _is_exact(alias):
            self._place_exact[alias] = ref
        else:
            self._place_names[alias_form(alias)] = ref
            self._add_first_word(alias_form(alias))

    # -- lookups -------------------------------------------------------------------------

    def place(self, text: str) -> PlaceEntry | None:
        """The place a mention names (``Karabakh`` -> Nagorno-Karabakh), else ``None``."""
        name = clean_span(text)
        ref = self._ref(name)
        if ref is None:
            ref = self._inflected(name)
        return self.entry(ref)

    def _inflected(self, name: str) -> str | int | None:
        """Try the base form of an inflected name: Turkish suffixes after an apostrophe,
        German genitive ``-s``, Arabic prefixes."""
        if _APOSTROPHE_SUFFIX.search(name):
            return self._place_names.get(alias_form(_APOSTROPHE_SUFFIX.sub("", name)))
        if name[:1] and "\u0400" <= name[0] <= "\u04ff" and len(name) > 4:
            return self._slavic_base(name)
        if name[:1] and "\u0600" <= name[0] <= "\u06ff":
            for p in _ARABIC_PREFIXES:
                if name.startswith(p) and len(name) - len(p) >= 3:
                    ref = self._place_names.get(alias_form(name[len(p) :]))
                    if ref is not None:
                        return ref
        return None

    def _slavic_base(self, name: str) -> str | int | None:
        """Russian and Ukrainian case endings: ``Москве`` -> ``Москва``, ``Армении`` -> ``Армения``,
        ``Азербайджана`` -> ``Азербайджан``. Crude, for texts Natasha does not lemmatise."""
        stems = []
        for ending, repl in _SLAVIC_ENDINGS:
            if name.endswith(ending):
                stems.append(name[: len(name) - len(ending)] + repl)
        for cand in stems:
            ref = self._place_names.get(alias_form(cand))
            if ref is not None:
                return ref
        return None

    def _demonym_prefix(self, text: str, tokens: list[tuple[int, int]], i: int) -> bool:
        """Two-word demonyms ("South African", "Saudi Arabian") start with a word that is no name."""
        if i + 1 >= len(tokens):
            return False
        return text[tokens[i][0] : tokens[i + 1][1]] in self._demonyms

    def demonym(self, text: str) -> str | None:
        """``Armenian`` -> ``AM``; ``Kurdish`` -> ``region:kurdistan``; else ``None``."""
        name = clean_span(text)
        for prefix in ("pro-", "anti-", "Pro-", "Anti-"):
            if name.startswith(prefix):
                return None  # "pro-Turkish fighters" are not Turkish
        return self._demonyms.get(name)

    def organisation(self, text: str) -> OrgEntry | None:
        """The known organisation a mention names (``ООН`` -> United Nations), else ``None``."""
        name = clean_span(text)
        key = self._org_exact.get(name) or self._org_names.get(alias_form(name))
        return self._orgs.get(key) if key else None

    # -- scanning ------------------------------------------------------------------------

    def scan(self, text: str, *, sentence_starts: frozenset[int] = frozenset()) -> list[NameMatch]:
        """Names found in ``text`` without a model: longest match first, no overlaps.

        In cased scripts a name must start with a capital letter. A single word at the start
        of a sentence counts only when it is a country, region or a well-known organisation,
        since any capitalised word may stand there.
        """
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        out: list[NameMatch] = []
        i, n = 0, len(tokens)
        while i < n:
            s, e = tokens[i]
            first = text[s]
            if _CJK.match(text, s):
                out.extend(self._scan_cjk(text, s, e))
                i += 1
                continue
            cased = first.lower() != first.upper()
            if cased and not first.isupper():
                i += 1
                continue
            word = text[s:e]
            longest = self._first_words.get(word.casefold(), 0)
            if not longest:
                known = word in self._demonyms or word in self._place_exact or word in self._org_exact
                dotted = len(word) == 1 and text[e : e + 1] == "."  # "U.S.", "U.N."
                if not (known or dotted or _may_inflect(word) or self._demonym_prefix(text, tokens, i)):
                    i += 1
                    continue
                longest = 3
            found = None
            for j in range(min(n, i + min(longest, MAX_NAME_WORDS)), i, -1):
                end = tokens[j - 1][1]
                if end - s > 60:
                    continue
                last = text[tokens[j - 1][0]]
                if j - 1 > i and last.lower() != last.upper() and not last.isupper():
                    continue  # a name ends on a capitalised word: "Gulf of Mexico", not "Gulf of"
                single = j == i + 1
                if text[end : end + 1] == "." and "." in text[s:end]:
                    end += 1  # the scan's words stop before the last dot of "U.S."
                found = self._match(text[s:end], s, end, single=single, at_start=s in sentence_starts)
                if found and single and found.what != "org" and _in_capitalised_run(text, tokens, i, found.what):
                    found = None  # "Vladimir" in "Vladimir Putin", "Turkish" in "pro-Turkish"
                if found:
                    out.append(found)
                    i = j
                    break
            if not found:
                i += 1
        return out

    def _match(self, span: str, s: int, e: int, *, single: bool, at_start: bool) -> NameMatch | None:
        ref = self._demonyms.get(span)
        if ref:
            return NameMatch(s, e, "norp", ref=ref)
        key = self._org_exact.get(span) or self._org_names.get(alias_form(span))
        if key and not (single and at_start and len(span) < 4):
            return NameMatch(s, e, "org", org=self._orgs[key])
        ref = self._ref(span)
        if ref is None:
            ref = self._inflected(span)
        place = self.entry(ref)
        if place is None:
            return None
        small = place.population < MIN_SCAN_POPULATION and place.key[5:].isdigit()  # curated ones are known
        if place.kind == "city" and single and (at_start or small):
            return None
        return NameMatch(s, e, "place", place=place)

    def _scan_cjk(self, text: str, s: int, e: int) -> list[NameMatch]:
        """Han, kana and hangul runs have no spaces: try every substring of 2-6 characters."""
        out, i = [], s
        while i < e:
            hit = None
            for j in range(min(e, i + 6), i + 1, -1):
                span = text[i:j]
                key = self._org_names.get(span)
                if key:
                    hit = NameMatch(i, j, "org", org=self._orgs[key])
                    break
                place = self.entry(self._place_names.get(span))
                if place is not None:
                    hit = NameMatch(i, j, "place", place=place)
                    break
            if hit:
                out.append(hit)
                i = hit.end
            else:
                i += 1
        return out
