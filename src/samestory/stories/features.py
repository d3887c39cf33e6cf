"""What clustering needs of one article, computed cheaply: hashed terms, a MinHash signature, a day.

Terms are case-folded words (and optionally word bigrams) hashed into ``2**hash_bits`` buckets
with the stable hashes of :mod:`samestory.candidates.shingles`, so a stored vector means the same
in every process. An article keeps its *term frequencies* (sublinear, title words counted
``title_weight`` times), not TF-IDF weights: the inverse document frequencies change as a
stream goes on (:class:`DocumentFrequencies`), and batch re-clustering weighs stored
frequencies with the idf of the whole store. Only the title, the lead and the first
``body_words`` words are read: a story is told at the top, and this keeps the stage fast.
"""

from __future__ import annotations

import dataclasses
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from samestory.candidates.shingles import ngram_hashes, word_hashes
from samestory.config import StoriesConfig

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_SEED = 0x5EED5EED5EED5EED
_BLOB_MAGIC = b"SSF1"


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser (a copy, uint64)."""
    z = z.copy()
    z ^= z >> np.uint64(30)
    z *= _M1
    z ^= z >> np.uint64(27)
    z *= _M2
    z ^= z >> np.uint64(31)
    return z


def words_of(text: str, limit: int | None = None) -> list[str]:
    """Case-folded words of ``text`` (at most ``limit``)."""
    out = _WORD.findall(text.casefold())
    return out if limit is None else out[:limit]


def day_number(published: date | datetime | str | None) -> int | None:
    """The publication day as a proleptic ordinal (``date.toordinal``), ``None`` when unknown."""
    if published is None or published == "":
        return None
    if isinstance(published, datetime):
        return published.date().toordinal()
    if isinstance(published, date):
        return published.toordinal()
    try:
        return date.fromisoformat(str(published)[:10]).toordinal()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True, eq=False)
class ArticleFeatures:
    """Per-article input of the clusterers (what a store keeps as a blob, see ``to_blob``).

    ``terms`` are sorted distinct hashed term ids (int32) with their sublinear frequencies
    ``tf`` (float32); ``minhash`` is a uint32 signature of word shingles (``None`` when too short);
    ``embedding`` an optional unit vector (float32) of title and lead; ``day`` the publication day
    (proleptic ordinal) or ``None``. ``title``, ``outlet`` and ``language`` feed story summaries.
    """

    id: str
    terms: np.ndarray
    tf: np.ndarray
    minhash: np.ndarray | None = None
    embedding: np.ndarray | None = None
    day: int | None = None
    title: str | None = None
    outlet: str | None = None
    language: str | None = None

    def to_blob(self) -> bytes:
        """Compact bytes of the arrays (the strings live in the store's columns)."""
        mh = self.minhash if self.minhash is not None else np.zeros(0, np.uint32)
        emb = self.embedding.astype(np.float16) if self.embedding is not None else np.zeros(0, np.float16)
        head = struct.pack("<4sIII", _BLOB_MAGIC, len(self.terms), len(mh), len(emb))
        arrays = (self.terms.astype("<i4"), self.tf.astype("<f4"), mh.astype("<u4"), emb.astype("<f2"))
        return head + b"".join(a.tobytes() for a in arrays)

    @classmethod
    def from_blob(
        cls,
        blob: bytes,
        *,
        id: str,
        day: int | None = None,
        title: str | None = None,
        outlet: str | None = None,
        language: str | None = None,
    ) -> ArticleFeatures:
        magic, n, m, d = struct.unpack_from("<4sIII", blob)
        if magic != _BLOB_MAGIC:
            raise ValueError("not a samestory stories feature blob")
        off = struct.calcsize("<4sIII")
        terms = np.frombuffer(blob, "<i4", n, off).astype(np.int32)
        off += 4 * n
        tf = np.frombuffer(blob, "<f4", n, off).astype(np.float32)
        off += 4 * n
        mh = np.frombuffer(blob, "<u4", m, off).astype(np.uint32) if m else None
        off += 4 * m
        emb = np.frombuffer(blob, "<f2", d, off).astype(np.float32) if d else None
        return cls(id, terms, tf, mh, emb, day, title, outlet, language)


class DocumentFrequencies:
    """In how many articles each hashed term occurs; updated as a stream goes on.

    ``idf(t) = ln((1 + n) / (1 + df(t))) + 1`` (scikit-learn's smooth idf). Persist it with
    ``to_bytes``/``from_bytes`` beside the stored features.
    """

    def __init__(self, hash_bits: int) -> None:
        self.hash_bits = hash_bits
        self.df = np.zeros(1 << hash_bits, dtype=np.int32)
        self.n_docs = 0

    def add(self, terms: np.ndarray) -> None:
        self.df[terms] += 1
        self.n_docs += 1

    def add_many(self, term_arrays: Sequence[np.ndarray]) -> None:
        if term_arrays:
            np.add.at(self.df, np.concatenate(term_arrays), 1)
        self.n_docs += len(term_arrays)

    def idf(self, terms: np.ndarray) -> np.ndarray:
        return (np.log((1.0 + self.n_docs) / (1.0 + self.df[terms])) + 1.0).astype(np.float32)

    def weigh(self, f: ArticleFeatures) -> np.ndarray:
        """The article's TF-IDF weights over ``f.terms``, of unit length (empty stays empty)."""
        w = f.tf * self.idf(f.terms)
        norm = float(np.sqrt(np.dot(w, w)))
        return w / norm if norm > 0 else w

    def to_bytes(self) -> bytes:
        return struct.pack("<IQ", self.hash_bits, self.n_docs) + self.df.astype("<i4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> DocumentFrequencies:
        bits, n = struct.unpack_from("<IQ", data)
        out = cls(bits)
        out.df = np.frombuffer(data, "<i4", 1 << bits, struct.calcsize("<IQ")).astype(np.int32)
        out.n_docs = n
        return out


def minhash(shingles: np.ndarray, num_perm: int) -> np.ndarray | None:
    """A ``num_perm`` MinHash signature (uint32) of distinct uint64 shingle hashes; ``None`` for none.

    Each permutation is the splitmix64 finaliser of the shingle xor a fixed seed, so signatures
    are the same in every process.
    """
    if len(shingles) == 0:
        return None
    seeds = _mix(np.arange(1, num_perm + 1, dtype=np.uint64) * np.uint64(_SEED))
    with np.errstate(over="ignore"):
        h = _mix(shingles[:, None] ^ seeds[None, :])
    return (h.min(axis=0) >> np.uint64(32)).astype(np.uint32)


def jaccard(a: np.ndarray | None, b: np.ndarray | None) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either is missing)."""
    if a is None or b is None:
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


class FeatureExtractor:
    """Computes ``ArticleFeatures``; an encoder (``StoriesConfig.encoder``) adds title+lead vectors.

    The encoder is built on first use, so lexical-only clustering never loads a model.
    """

    def __init__(self, config: StoriesConfig | None = None, *, encoder=None) -> None:
        self.config = config or StoriesConfig()
        self._encoder = encoder

    @property
    def encoder(self):
        if self._encoder is None and self.config.encoder is not None:
            from samestory.config import EmbedConfig
            from samestory.embed import make_encoder

            self._encoder = make_encoder(EmbedConfig(encoder=self.config.encoder))
        return self._encoder

    def terms(self, title: str | None, text: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(terms, sublinear tf, shingle hashes) of one article."""
        cfg = self.config
        mask = np.uint64((1 << cfg.hash_bits) - 1)
        parts: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        title_w = words_of(title) if title else []
        body_w = words_of(text, cfg.body_words) if text else []
        all_hashes = []
        for ws, weight in ((title_w, cfg.title_weight), (body_w, 1.0)):
            if not ws:
                continue
            h = word_hashes(ws)
            all_hashes.append(h)
            parts.append(h)
            weights.append(np.full(len(h), weight, np.float32))
            if cfg.bigrams and len(h) > 1:
                g = ngram_hashes(h, 2)
                parts.append(g)
                weights.append(np.full(len(g), weight, np.float32))
        if not parts:
            empty = np.zeros(0, np.int32)
            return empty, np.zeros(0, np.float32), np.zeros(0, np.uint64)
        ids = (np.concatenate(parts) & mask).astype(np.int32)
        terms, inverse = np.unique(ids, return_inverse=True)
        counts = np.zeros(len(terms), np.float32)
        np.add.at(counts, inverse, np.concatenate(weights))
        tf = (1.0 + np.log(counts)).astype(np.float32)
        # shingles of the title and the text read as one run of words
        words = np.concatenate(all_hashes)
        n = cfg.shingle_words if len(words) >= cfg.shingle_words else len(words)
        shingles = np.unique(ngram_hashes(words, n))
        return terms.astype(np.int32), tf, shingles

    def extract(self, records: Sequence[dict]) -> list[ArticleFeatures]:
        """Features of records with ``id`` and ``title`` and/or ``text`` (optional ``published``,
        ``outlet``, ``language``); embeds title+lead of them all in one encoder call."""
        cfg = self.config
        out = []
        for r in records:
            terms, tf, shingles = self.terms(r.get("title"), r.get("text"))
            out.append(
                ArticleFeatures(
                    id=str(r["id"]),
                    terms=terms,
                    tf=tf,
                    minhash=minhash(shingles, cfg.num_perm) if len(shingles) >= cfg.min_shingles else None,
                    day=day_number(r.get("published")),
                    title=r.get("title") or None,
                    outlet=r.get("outlet") or None,
                    language=r.get("language") or None,
                )
            )
        enc = self.encoder
        if enc is not None and out:
            vecs = enc.encode([_embed_text(r.get("title"), r.get("text"), cfg.embed_chars) for r in records])
            out = [dataclasses.replace(f, embedding=v.astype(np.float32)) for f, v in zip(out, vecs)]
        return out


def _embed_text(title: str | None, text: str | None, limit: int) -> str:
    """Title and lead: the gist an encoder needs, short enough to embed fast."""
    from samestory.embed.vectors import lead_of

    lead = lead_of(text, limit) if text else ""
    return f"{title}. {lead}".strip() if title else lead
