"""What a reuse run writes: one JSON line per passage occurrence (passim's ``out`` shape), and
optionally one per aligned pair.

Occurrence lines, in cluster order and, within a cluster, earliest first::

    {"cluster": 1, "size": 3, "id": "...", "series": "outlet or null", "date": "YYYY-MM-DD or null",
     "begin": 120, "end": 987, "text": "...", "earliest": true}

``begin``/``end`` are character offsets (Python string indices, end exclusive) into the
article's clean text (``samestory read --json`` shows it; for JSON Lines and CSV records it is
the text field trimmed of surrounding whitespace), and ``text`` is that slice.

Pair lines (``--pairs-output``), ordered by ``a`` then ``b`` (``a < b`` by id)::

    {"a": "...", "b": "...", "a_series": ..., "b_series": ..., "a_date": ..., "b_date": ...,
     "a_coverage": 0.41, "b_coverage": 0.97,
     "passages": [{"a_begin": 0, "a_end": 800, "b_begin": 10, "b_end": 815, "similarity": 0.98}]}

``*_coverage`` is the share of each text's characters inside the pair's passages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

import numpy as np

from samestory.reuse.clusters import Clusters
from samestory.reuse.corpus import Corpus, Doc
from samestory.reuse.passages import PairPassages


def _day(d: Doc) -> str | None:
    return d.day.isoformat() if d.day else None


def occurrence_records(corpus: Corpus, clusters: Clusters) -> Iterator[dict[str, Any]]:
    """One record per occurrence (node) of each cluster, in output order."""
    docs = corpus.docs
    cols = zip(
        clusters.cluster.tolist(),
        clusters.size.tolist(),
        clusters.doc.tolist(),
        clusters.begin.tolist(),
        clusters.end.tolist(),
        clusters.earliest.tolist(),
    )
    for cluster, size, k, begin, end, earliest in cols:
        d = docs[k]
        yield {
            "cluster": cluster,
            "size": size,
            "id": d.id,
            "series": d.outlet,
            "date": _day(d),
            "begin": begin,
            "end": end,
            "text": d.text[begin:end],
            "earliest": earliest,
        }


def _coverage(spans: list[tuple[int, int]], length: int) -> float:
    covered, reach = 0, 0
    for s, e in sorted(spans):
        s = max(s, reach)
        if e > s:
            covered += e - s
            reach = e
    return round(covered / length, 4) if length else 0.0


def pair_records(corpus: Corpus, passages: PairPassages) -> Iterator[dict[str, Any]]:
    """One record per aligned pair with its passages, ordered by (a, b)."""
    if not len(passages):
        return
    docs = corpus.docs
    order = np.lexsort((passages.b_start, passages.b, passages.a))
    rows = zip(
        *(
            getattr(passages, f)[order].tolist()
            for f in ("a", "b", "a_start", "a_end", "b_start", "b_end", "similarity")
        )
    )
    current: tuple[int, int] | None = None
    spans: list[dict[str, Any]] = []

    def record() -> dict[str, Any]:
        assert current is not None
        a, b = docs[current[0]], docs[current[1]]
        return {
            "a": a.id,
            "b": b.id,
            "a_series": a.outlet,
            "b_series": b.outlet,
            "a_date": _day(a),
            "b_date": _day(b),
            "a_coverage": _coverage([(p["a_begin"], p["a_end"]) for p in spans], len(a.text)),
            "b_coverage": _coverage([(p["b_begin"], p["b_end"]) for p in spans], len(b.text)),
            "passages": spans,
        }

    for a, b, a0, a1, b0, b1, sim in rows:
        if (a, b) != current:
            if current is not None:
                yield record()
            current, spans = (a, b), []
        spans.append({"a_begin": a0, "a_end": a1, "b_begin": b0, "b_end": b1, "similarity": round(sim, 4)})
    yield record()


def write_jsonl(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    """Write records as JSON Lines (UTF-8 as is, keys in record order); returns how many."""
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
