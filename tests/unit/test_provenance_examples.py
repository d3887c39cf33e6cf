"""Derivation and likely source on the bundled fictional examples and the real example pair
(../shared/examples, skipped where absent; the texts stay there)."""

from __future__ import annotations

import json
import timeit
from pathlib import Path

import pytest

from samestory.align.pair import align_articles
from samestory.api import Samestory
from samestory.ingest import read_file

BUNDLED = Path(__file__).resolve().parents[2] / "examples"


def _pair(a_path, b_path):
    a, b = read_file(a_path), read_file(b_path)
    return a, b, align_articles(a, b)


def _reasons(r, kind):
    return [x for x in r.provenance.reasons if x.kind == kind]


def test_wire_and_short_reprint_of_an_earlier_version():
    a, b, r = _pair(BUNDLED / "wire.txt", BUNDLED / "reprint_short.txt")
    assert (r.derivation.a.label, r.derivation.b.label) == ("partially", "wholly")
    p = r.provenance
    assert (p.verdict, p.common_source, p.earlier_version) == ("common", "AFP", "b")
    tense = _reasons(r, "tense")
    said = " | ".join(x.detail for x in tense)
    assert "were due to sign" in said and "were expected to sign" in said and "signed" in said
    assert all(x.favours == "b" for x in tense)
    assert [x.favours for x in _reasons(r, "date")] == ["a"]
    assert [x.favours for x in _reasons(r, "order")] == ["common"]
    for x in p.reasons:
        for c in x.cues:
            assert (a.text if c.side == "a" else b.text)[c.start : c.end] == c.text


def test_wire_and_edited_reprint():
    _, _, r = _pair(BUNDLED / "wire.txt", BUNDLED / "reprint_edited.txt")
    assert r.derivation.b.label == "wholly" and r.derivation.a.label == "partially"
    assert (r.provenance.verdict, r.provenance.common_source) == ("common", "AFP")
    assert not _reasons(r, "casualties")  # 20 -> 25 million people drinking the water is no death toll


def test_unrelated_story():
    _, _, r = _pair(BUNDLED / "wire.txt", BUNDLED / "unrelated.txt")
    assert r.derivation.a.label == r.derivation.b.label == "none"
    assert r.provenance.verdict == "unknown" and not r.provenance.reasons


def test_api_method_is_the_same_alignment():
    ss = Samestory(scorer="formula")
    got = ss.align_files(BUNDLED / "wire.txt", BUNDLED / "reprint_short.txt")
    a, b, want = _pair(BUNDLED / "wire.txt", BUNDLED / "reprint_short.txt")
    assert got.to_dict(a.text, b.text) == want.to_dict(a.text, b.text)


@pytest.mark.shared
def test_real_example_pair(shared_pair):
    a, b, r = _pair(*shared_pair)
    d = r.derivation
    assert d.b.label == "wholly" and 0.8 <= d.b.coverage < 0.9
    assert d.a.label == "partially" and 0.3 < d.a.coverage < 0.5
    p = r.provenance
    assert (p.verdict, p.common_source, p.earlier_version) == ("common", "AFP", "b")
    assert 0.5 < p.confidence < 0.9
    (date,) = _reasons(r, "date")
    assert date.favours == "a" and "2020-10-09" in date.detail and "one day earlier" in date.detail
    (credit,) = _reasons(r, "credit")
    assert credit.favours == "common" and "both credit AFP" in credit.detail and "Hervé Bar for AFP" in credit.detail
    (superset,) = _reasons(r, "superset")
    assert superset.favours == "a"
    tense = _reasons(r, "tense")
    assert all(x.favours == "b" for x in tense)
    cue_texts = [[c.text for c in x.cues] for x in tense]
    assert ["were due to hold", "held"] in cue_texts
    assert any("from 1200 GMT" in t for t in cue_texts)
    for x in tense:
        for c in x.cues:
            assert (a.text if c.side == "a" else b.text)[c.start : c.end] == c.text
    (order,) = _reasons(r, "order")
    assert order.favours == "common"
    json.dumps(r.to_dict(a.text, b.text))


@pytest.mark.shared
def test_real_example_pair_is_fast(shared_pair):
    a, b = read_file(shared_pair[0]), read_file(shared_pair[1])
    ss = Samestory(scorer="formula")
    ss.align(a, b)  # loads the language model
    per_call = min(timeit.repeat(lambda: ss.align(a, b), number=5, repeat=3)) / 5
    assert per_call < 0.05  # about 7 ms here; loose for shared machines
