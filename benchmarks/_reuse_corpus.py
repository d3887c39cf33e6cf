"""A seeded synthetic corpus for the reuse benchmark, with the true reused passages recorded.

Three kinds of article (the corpus is written to a temporary directory, never to the repository):

* **sources**: real articles, each kept only if it shares no 8-word run with a source kept
  before it (so the only reuse among sources is none): the full texts of news-story-chains
  first (English, about 480 words), then SemEval-2022 Task 8 texts (title and head of the body,
  about 160 words; en, de, es, it, pl, tr, fr, ru, ar);
* **background**: articles that are not copies of anything. A pool of 2-4-word chunks is cut
  from the sentences of the SemEval texts and the GoogleNews snippets of one language; each
  sentence of a background article is chunks from different sentences drawn at random, so
  words and short phrases are real but no run of more than 4 words comes from one place (chunks
  that the aligner reads as more than 6 words, such as URLs, are left out of the pool).
  Background text also carries 0-3 *stock sentences* (8-20 words) from a list of 300 per
  language, drawn with Zipf frequencies (the first in half the draws): boilerplate that many
  articles share, from a few to tens of thousands depending on the rank and corpus size;
* **derived**: background text around passages copied from one or two sources (1-3 runs of
  whole sentences, 12-200 words each, from each source), with the edits reprints make: runs
  cut out of the source (the sentences between them dropped), put in another order, a
  sentence inserted inside a run (which splits it into two true passages), and word edits at a
  rate drawn per article (0-10% of words: replaced, deleted, inserted, re-spelt, re-cased, a
  figure changed).

Each true passage records its character offsets in the derived article and in its source.
Derived articles are dated 0-10 days after their latest source and come from another outlet.
Copies per source average about 5 at every corpus size, so the true pairs grow linearly.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

from _common import CHAINS_TEXTS, SHARED, need

SEMEVAL = SHARED / "data/semeval2022-task8/pairs.csv"
GOOGLENEWS = SHARED / "data/googlenews-clusters/GoogleNews-TS.jsonl"
LANGS = ("en", "de", "es", "it", "pl", "tr", "fr", "ru", "ar")  # not zh: it has no spaces to cut chunks at
DERIVED_SHARE = 0.10
COPIES_PER_SOURCE = 5
MIN_RUN_WORDS, MAX_RUN_WORDS = 12, 200
EDIT_RATES = (0.0, 0.03, 0.08, 0.15)
STOCK_SENTENCES = 300  # per language

_SENTENCE = re.compile(r"\S(?:[^.!?\n]|[.!?](?=\S))*(?:[.!?]+[\"'’”)\]]*|$)", re.M)
_WORD = re.compile(r"\w+")
_ALIGNER_WORD = _WORD  # what the aligner counts as a word, near enough
MAX_CHUNK_TOKENS = 6


@dataclass(frozen=True, slots=True)
class SynDoc:
    id: str
    series: str
    date: str
    text: str
    kind: str  # source, background or derived
    stock: tuple[tuple[int, int, str], ...] = ()  # spans of stock sentences, with their keys


@dataclass(frozen=True, slots=True)
class Truth:
    """``derived[d_start:d_end]`` was copied (with edits) from ``source[s_start:s_end]``."""

    derived: str
    d_start: int
    d_end: int
    source: str
    s_start: int
    s_end: int
    edit_rate: float  # share of words edited in the derived article


@dataclass(frozen=True, slots=True)
class Pools:
    sources: list[tuple[str, str]]  # (text, language), independent of each other
    chunks: dict[str, list[str]]  # language -> 2-4-word chunks
    words: dict[str, list[str]]  # language -> words (for replacements)
    stock: dict[str, list[str]]  # language -> stock sentences, most common first


def sentence_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(text) if len(m.group().split()) >= 3]


def _grams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    w = _WORD.findall(text.lower())
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def load_pools(rng: random.Random) -> Pools:
    """Independent real sources, and chunk and word pools per language."""
    for p in (CHAINS_TEXTS, SEMEVAL, GOOGLENEWS):
        need(p)
    csv.field_size_limit(1 << 30)
    with CHAINS_TEXTS.open(encoding="utf-8") as fh:
        chains = [(row["text"].strip(), "en") for row in csv.DictReader(fh) if row["text"].strip()]
    semeval: dict[str, str] = {}
    with SEMEVAL.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for k in "12":
                if row[f"lang{k}"] in LANGS:
                    semeval.setdefault(row[f"text{k}"].strip(), row[f"lang{k}"])
    seen: set[tuple[str, ...]] = set()
    sources: list[tuple[str, str]] = []
    semeval_items = sorted(semeval.items())
    rng.shuffle(semeval_items)
    for text, lang in [*chains, *[(t, lg) for t, lg in semeval_items if len(t.split()) >= 80]]:
        g = _grams(text)
        if g & seen:
            continue  # shares a passage with a source kept already: not independent
        seen |= g
        sources.append((text, lang))
    chunks: dict[str, list[str]] = {lang: [] for lang in LANGS}
    words: dict[str, list[str]] = {lang: [] for lang in LANGS}
    pool_texts = [(t, lg) for t, lg in semeval.items()]
    with GOOGLENEWS.open(encoding="utf-8") as fh:
        pool_texts += [(json.loads(line)["text"], "en") for line in fh if line.strip()]
    for text, lang in sorted(pool_texts):
        for s, e in sentence_spans(text):
            ws = [w.strip(".,;:!?\"'“”«»()") for w in text[s:e].split()]
            ws = [w for w in ws if w]
            words[lang].extend(ws)
            k = 0
            while k < len(ws):
                n = rng.randint(2, 4)
                chunk = " ".join(ws[k : k + n])
                # a URL or an e-mail address is one "word" here but many to the aligner: drawn
                # into thousands of background texts it would be real shared text, not chance
                if len(ws[k : k + n]) >= 2 and len(_ALIGNER_WORD.findall(chunk)) <= MAX_CHUNK_TOKENS:
                    chunks[lang].append(chunk)
                k += n
    pools = Pools(sources, chunks, words, {})
    for lang in LANGS:
        pools.stock[lang] = [background_sentences(rng, pools, lang, 1, (8, 20))[0] for _ in range(STOCK_SENTENCES)]
    return pools


def background_sentences(
    rng: random.Random, pools: Pools, lang: str, n_words: int, length: tuple[int, int] = (10, 28)
) -> list[str]:
    out: list[str] = []
    total = 0
    chunks = pools.chunks[lang]
    while total < n_words:
        target = rng.randint(*length)
        parts: list[str] = []
        count = 0
        while count < target:
            c = rng.choice(chunks)
            parts.append(c)
            count += c.count(" ") + 1
        s = " ".join(parts)
        out.append(s[0].upper() + s[1:] + ".")
        total += count
    return out


def with_stock(sentences: list[str], rng: random.Random, pools: Pools, lang: str) -> list[tuple[str, str | None]]:
    """The sentences with 0-3 stock sentences put in at random places (each with its key), the
    first ones of the list far more often (Zipf): text many articles share, as boilerplate."""
    out: list[tuple[str, str | None]] = [(x, None) for x in sentences]
    stock = pools.stock[lang]
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        k = min(len(stock) - 1, int(rng.paretovariate(1.0)) - 1)
        out.insert(rng.randint(0, len(out)), (stock[k], f"stock:{lang}:{k}"))
    return out


def paragraphs(sentences: list[tuple[str, str | None]], rng: random.Random) -> tuple[str, list[tuple[int, int, str]]]:
    """Sentences in paragraphs of 2-5, and the spans of the stock ones (with their keys)."""
    text, spans, k = "", [], 0
    while k < len(sentences):
        n = rng.randint(2, 5)
        for j, (sentence, key) in enumerate(sentences[k : k + n]):
            if text:
                text += " " if j else "\n\n"
            if key is not None:
                spans.append((len(text), len(text) + len(sentence), key))
            text += sentence
        k += n
    return text, spans


def edit_words(text: str, rate: float, rng: random.Random, pool: list[str]) -> str:
    """The text with about ``rate`` of its words edited the ways reprints edit them."""
    if rate <= 0:
        return text
    out: list[str] = []
    for m in re.finditer(r"\S+|\s+", text):
        tok = m.group()
        if tok.isspace() or rng.random() >= rate:
            out.append(tok)
            continue
        kind = rng.random()
        core = tok.rstrip(".,;:!?\"'”)")
        tail = tok[len(core) :]
        if any(ch.isdigit() for ch in core):
            core = re.sub(r"\d", lambda d: str((int(d.group()) + rng.randint(1, 9)) % 10), core, count=1)
        elif kind < 0.35:
            core = rng.choice(pool)
        elif kind < 0.55:
            out.append(tok)
            out.append(" " + rng.choice(pool))
            continue
        elif kind < 0.7:
            if out and out[-1].isspace():
                out.pop()
            continue  # deleted
        elif kind < 0.85:
            for a, b in (("our", "or"), ("ise", "ize"), ("yse", "yze"), ("ll", "l"), ("re", "er")):
                if a in core:
                    core = core.replace(a, b, 1)
                    break
            else:
                core = core + "s"
        else:
            core = core.lower() if core[:1].isupper() else core.capitalize()
        out.append(core + tail)
    return "".join(out)


def _runs(rng: random.Random, text: str) -> list[tuple[int, int]]:
    """1-3 disjoint runs of whole sentences with 25-200 words each, in source order."""
    spans = sentence_spans(text)
    runs: list[tuple[int, int]] = []
    k = rng.randrange(max(1, len(spans) // 3))
    for _ in range(rng.randint(1, 3)):
        if k >= len(spans):
            break
        start, words = k, 0
        limit = rng.randint(MIN_RUN_WORDS, MAX_RUN_WORDS)
        while k < len(spans) and words < limit:
            words += len(text[spans[k][0] : spans[k][1]].split())
            k += 1
        if words >= MIN_RUN_WORDS:
            runs.append((spans[start][0], spans[k - 1][1]))
        k += rng.randint(1, 4)  # a cut: the next sentences are not copied
    return runs


def _split_run(rng: random.Random, text: str, run: tuple[int, int]) -> list[tuple[int, int]]:
    """A run split at a sentence boundary (where a sentence will be inserted), when both halves are long."""
    spans = [s for s in sentence_spans(text) if run[0] <= s[0] and s[1] <= run[1]]
    cuts = [
        k
        for k in range(1, len(spans))
        if len(text[run[0] : spans[k - 1][1]].split()) >= MIN_RUN_WORDS
        and len(text[spans[k][0] : run[1]].split()) >= MIN_RUN_WORDS
    ]
    if not cuts or rng.random() >= 0.3:
        return [run]
    k = rng.choice(cuts)
    return [(run[0], spans[k - 1][1]), (spans[k][0], run[1])]


def generate(size: int, seed: int, pools: Pools) -> tuple[list[SynDoc], list[Truth]]:
    """``size`` articles and the true passages, the same for the same seed and size."""
    rng = random.Random(f"{seed}:{size}")
    n_derived = max(1, round(size * DERIVED_SHARE))
    n_sources = min(len(pools.sources), max(2, round(n_derived * 1.3 / COPIES_PER_SOURCE)), size - n_derived)
    n_background = size - n_derived - n_sources
    outlets = [f"outlet{k:04d}.example" for k in range(max(20, size // 300))]
    weights = [1 / (k + 1) ** 0.8 for k in range(len(outlets))]
    base = date(2021, 1, 1)
    ids: set[str] = set()

    def new_id() -> str:
        while True:
            x = f"{rng.getrandbits(48):012x}"
            if x not in ids:
                ids.add(x)
                return x

    def outlet(avoid: set[str] = frozenset()) -> str:  # type: ignore[assignment]
        while True:
            o = rng.choices(outlets, weights)[0]
            if o not in avoid:
                return o

    lang_weights = {lg: len(pools.chunks[lg]) for lg in LANGS}
    docs: list[SynDoc] = []
    src: list[tuple[SynDoc, str]] = []
    for text, lang in pools.sources[:n_sources]:
        d = SynDoc(new_id(), outlet(), (base + timedelta(rng.randrange(365))).isoformat(), text, "source")
        docs.append(d)
        src.append((d, lang))
    for _ in range(n_background):
        lang = rng.choices(list(lang_weights), list(lang_weights.values()))[0]
        sentences = with_stock(background_sentences(rng, pools, lang, rng.randint(250, 900)), rng, pools, lang)
        text, stock = paragraphs(sentences, rng)
        day = (base + timedelta(rng.randrange(365))).isoformat()
        docs.append(SynDoc(new_id(), outlet(), day, text, "background", tuple(stock)))
    truth: list[Truth] = []
    for _ in range(n_derived):
        doc, made = _derived(rng, pools, src, new_id(), outlet)
        docs.append(doc)
        truth.extend(made)
    rng.shuffle(docs)
    return docs, truth


def _derived(rng, pools, src, doc_id, outlet) -> tuple[SynDoc, list[Truth]]:
    chosen = rng.sample(src, 2) if rng.random() < 0.3 and len(src) > 1 else [rng.choice(src)]
    lang = chosen[0][1]
    rate = rng.choice(EDIT_RATES)
    pieces: list[tuple[str, tuple[str, int, int] | None]] = []  # (text, copied from (source, start, end))
    for sdoc, _ in chosen:
        for run in _runs(rng, sdoc.text):
            parts = _split_run(rng, sdoc.text, run)
            block = []
            for i, (s, e) in enumerate(parts):
                if i:  # the inserted sentence
                    block.append((" ".join(background_sentences(rng, pools, lang, 8)[:1]), None))
                block.append((edit_words(sdoc.text[s:e], rate, rng, pools.words[lang]).strip(), (sdoc.id, s, e)))
            pieces.append(block)  # type: ignore[arg-type]
    rng.shuffle(pieces)  # reordering
    text, truth = "", []
    sentences = with_stock(background_sentences(rng, pools, lang, rng.randint(40, 200)), rng, pools, lang)
    filler, stock = paragraphs(sentences, rng)  # first in the text: the stock spans hold as they are
    body: list[tuple[str, tuple[str, int, int] | None]] = [(filler, None)]
    for block in pieces:
        body.extend(block)  # type: ignore[arg-type]
        if rng.random() < 0.6:
            body.append((" ".join(background_sentences(rng, pools, lang, rng.randint(10, 80))), None))
    for k, (piece, origin) in enumerate(body):
        if k:
            text += "\n\n" if origin is None or rng.random() < 0.5 else " "
        start = len(text)
        text += piece
        if origin is not None:
            truth.append(Truth(doc_id, start, len(text), *origin, rate))
    day = max(date.fromisoformat(s.date) for s, _ in chosen) + timedelta(rng.randint(0, 10))
    avoid = {s.series for s, _ in chosen}
    return SynDoc(doc_id, outlet(avoid), day.isoformat(), text, "derived", tuple(stock)), truth


def write_corpus(docs: list[SynDoc], directory: Path, per_file: int = 500) -> None:
    """passim's input shape: JSON Lines shards with id, series, date, text."""
    directory.mkdir(parents=True, exist_ok=True)
    for k in range(0, len(docs), per_file):
        with (directory / f"part-{k // per_file:05d}.jsonl").open("w", encoding="utf-8") as fh:
            for d in docs[k : k + per_file]:
                fh.write(json.dumps({"id": d.id, "series": d.series, "date": d.date, "text": d.text}) + "\n")


def truth_records(truth: list[Truth]) -> Iterator[dict]:
    return (asdict(t) for t in truth)
