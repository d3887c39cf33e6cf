"""Pair filters as data: which candidate pairs are worth aligning, decided on per-document arrays.

passim takes a SQL expression (``--filterpairs``); here the usual news constraints are options
applied to numpy arrays of codes, before any alignment: different outlets only, published at
most N days apart, same language. What is unknown (no outlet, no date, no language) never
excludes a pair: the filter can only tell two articles apart by what they say about themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

UNKNOWN = -1  # code of an unknown outlet or language
NO_DAY = np.iinfo(np.int32).min  # day number of an undated article


@dataclass(frozen=True, slots=True)
class DocMeta:
    """Per-document codes the filters compare: outlet and language codes (``UNKNOWN`` when not
    known) and the publication day as a proleptic ordinal (``NO_DAY`` when undated)."""

    outlets: np.ndarray  # int32
    days: np.ndarray  # int32
    languages: np.ndarray  # int32


def _codes(values: Sequence[str | None]) -> np.ndarray:
    """Equal strings get equal codes (in order of first appearance); ``None`` is ``UNKNOWN``."""
    table: dict[str, int] = {}
    return np.fromiter(
        (UNKNOWN if v is None else table.setdefault(v, len(table)) for v in values), dtype=np.int32, count=len(values)
    )


def doc_meta(outlets: Sequence[str | None], days: Sequence[date | None], languages: Sequence[str | None]) -> DocMeta:
    """Codes for the filters from each document's outlet, publication day and language.

    Outlets compare case-insensitively (``Reuters``/``reuters``), languages by their primary
    subtag (``en-GB``/``en``).
    """
    return DocMeta(
        outlets=_codes([o.casefold() if o else None for o in outlets]),
        days=np.fromiter((NO_DAY if d is None else d.toordinal() for d in days), dtype=np.int32, count=len(days)),
        languages=_codes([lang.split("-")[0].lower() if lang else None for lang in languages]),
    )


def pair_mask(
    a: np.ndarray,
    b: np.ndarray,
    meta: DocMeta,
    *,
    different_outlets: bool = False,
    max_days: int | None = None,
    same_language: bool = False,
) -> np.ndarray:
    """Which pairs ``(a[k], b[k])`` pass the filters (a boolean array)."""
    keep = np.ones(len(a), dtype=bool)
    if different_outlets:
        oa, ob = meta.outlets[a], meta.outlets[b]
        keep &= (oa == UNKNOWN) | (ob == UNKNOWN) | (oa != ob)
    if max_days is not None:
        da, db = meta.days[a].astype(np.int64), meta.days[b].astype(np.int64)
        keep &= (da == NO_DAY) | (db == NO_DAY) | (np.abs(da - db) <= max_days)
    if same_language:
        la, lb = meta.languages[a], meta.languages[b]
        keep &= (la == UNKNOWN) | (lb == UNKNOWN) | (la == lb)
    return keep
