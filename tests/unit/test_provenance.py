"""Derivation classes and the likely source, on small texts written for these tests."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samestory.align import Alignment, align_texts
from samestory.align import provenance as pv
from samestory.align.cues import find_past, future_cues, parse_count, past_forms, past_lemmas, update_markers
from samestory.align.provenance import Facts, Reason, derive, provenance

# A wire story in two versions: filed before the signing, then after it.
BEFORE = (
    "Ten river states were due to sign a water treaty in Vienna on Thursday after two days of talks. "
    "The ministers were expected to sign a joint declaration that sets binding targets for sewage plants. "
    "The plan will cost some 1.2 billion euros over six years, according to the river commission."
)
AFTER = (
    "Ten river states signed a water treaty in Vienna on Thursday after two days of talks. "
    "The ministers signed a joint declaration that sets binding targets for sewage plants. "
    "The plan will cost some 1.2 billion euros over six years, according to the river commission. "
    "Environmental groups welcomed the deal but said the money was not enough to clean the delta."
)
UNRELATED = (
    "The harbour strike in Busan entered its third week as dock workers rejected a new pay offer from operators."
)


def facts(text: str, **kw) -> Facts:
    return Facts(text=text, **kw)


def run(a: Facts, b: Facts):
    al = align_texts(a.text, b.text)
    return al, provenance(a, b, al)


def kinds(p) -> list[tuple[str, str]]:
    return [(r.kind, r.favours) for r in p.reasons]


# ---- cues ------------------------------------------------------------------------------------


def test_future_cues_and_their_verbs():
    text = "They were due to hold talks. Ministers are expected to sign it. Talks will be held. It would rain."
    got = [(c.text, sorted(c.lemmas), c.weak) for c in future_cues(text, 0, len(text))]
    assert got == [
        ("were due to hold", ["hold"], False),
        ("are expected to sign", ["sign"], False),
        ("will be held", ["hold"], False),
        ("would rain", ["rain"], True),
    ]


@pytest.mark.parametrize(
    "word,lemma", [("held", "hold"), ("signed", "sign"), ("agreed", "agree"), ("planned", "plan"), ("carried", "carry")]
)
def test_past_lemmas(word, lemma):
    assert lemma in past_lemmas(word)
    assert word in past_forms(lemma)


@pytest.mark.parametrize("word", ["need", "hundred", "talks", "red", "led's"])
def test_not_past(word):
    assert not past_lemmas(word)


def test_find_past_skips_names_and_other_verbs():
    text = "Ahmed held talks. The United side signed. Holden spoke."
    assert [v.text for v in find_past(text, frozenset({"hold"}))] == ["held"]


def test_update_markers_and_counts():
    assert [t for _, _, t in update_markers("UPDATE 2-Talks end\n(Adds quotes from minister)\nBody")] == [
        "UPDATE 2",
        "(Adds quotes from minister)",
    ]
    assert update_markers("The updated plan was adopted.") == []
    assert parse_count("1,200") == 1200 and parse_count("twelve") == 12 and parse_count("3 or 4") is None


# ---- derivation ------------------------------------------------------------------------------


def test_derivation_wholly_partially_none():
    copy = AFTER.split(". Environmental")[0] + "."
    d = derive(align_texts(AFTER, copy), AFTER, copy)
    assert d.b.label == "wholly" and d.b.coverage >= pv.WHOLLY_COVERAGE
    assert d.a.label == "partially" and pv.PARTIAL_COVERAGE <= d.a.coverage < pv.WHOLLY_COVERAGE
    d2 = derive(align_texts(AFTER, UNRELATED), AFTER, UNRELATED)
    assert d2.a.label == d2.b.label == "none" and d2.a.coverage == 0.0
    assert d.to_dict()["thresholds"]["wholly_coverage"] == pv.WHOLLY_COVERAGE


def test_derivation_one_long_passage_is_partial_however_long_the_text():
    shared = AFTER.split(". ")[0] + "."  # about 16 words: under the passage rule...
    long_a = shared + " " + " ".join(f"filler{i} words here" for i in range(200))
    d = derive(align_texts(long_a, shared + " " + UNRELATED), long_a, shared + " " + UNRELATED)
    assert d.a.coverage < pv.PARTIAL_COVERAGE and d.a.longest_passage_words < pv.PARTIAL_PASSAGE_WORDS
    assert d.a.label == "none"  # ...and under the coverage rule
    twice = AFTER.split(". Environmental")[0]  # over 20 words in one passage
    long_b = twice + ". " + " ".join(f"other{i} text again" for i in range(200))
    d = derive(align_texts(long_b, twice), long_b, twice)
    assert d.a.coverage < pv.PARTIAL_COVERAGE and d.a.longest_passage_words >= pv.PARTIAL_PASSAGE_WORDS
    assert d.a.label == "partially"


def test_derivation_of_empty_alignment_text():
    d = derive(Alignment((), 0.0, 0.0), "", "")
    assert d.a.label == d.b.label == "none" and d.a.words == 0


# ---- reasons ---------------------------------------------------------------------------------


def test_dates():
    a, b = facts("x", published=date(2020, 10, 9)), facts("y", published=datetime(2020, 10, 10, 0, 0))
    r = pv.date_reason(a, b)
    assert r.favours == "a" and r.weight == pv.W_DATE and "2020-10-09" in r.detail and "one day" in r.detail
    same_day = pv.date_reason(
        facts("x", published=datetime(2020, 10, 9, 15, 0)), facts("y", published=datetime(2020, 10, 9, 9, 30))
    )
    assert same_day.favours == "b" and same_day.weight == pv.W_DATE_SAME_DAY
    assert pv.date_reason(facts("x", published=date(2020, 10, 9)), facts("y", published=date(2020, 10, 9))) is None
    # naive and aware times of one day cannot be ordered: nothing is said
    aware = datetime(2020, 10, 9, 9, 0, tzinfo=UTC)
    assert pv.date_reason(facts("x", published=datetime(2020, 10, 9, 15, 0)), facts("y", published=aware)) is None


def test_missing_dates_give_no_date_reason():
    _, p = run(facts(AFTER), facts(BEFORE, published=date(2024, 3, 14)))
    assert "date" not in [k for k, _ in kinds(p)]
    assert pv.date_reason(facts("x"), facts("y")) is None


def test_shared_credit_is_a_common_source():
    a = facts(AFTER, credits=("AFP",), credit_notes=("byline \u201cBy A. Writer for AFP\u201d",))
    b = facts(AFTER, credits=("AFP", "Reuters"))
    r = pv.credit_reason(a, b)
    assert (r.favours, r.weight) == ("common", pv.W_CREDIT_SHARED)
    assert "both credit AFP" in r.detail and "By A. Writer for AFP" in r.detail


def test_one_sided_credit():
    r = pv.credit_reason(facts(AFTER), facts(AFTER, credits=("Reuters",)))
    assert (r.favours, r.weight) == ("common", pv.W_CREDIT_ONE_SIDED)
    assert r.detail.startswith("B credits Reuters") and "A credits no agency" in r.detail


def test_different_credits_and_no_credits():
    r = pv.credit_reason(facts(AFTER, credits=("AFP",)), facts(AFTER, credits=("Reuters",)))
    assert (r.favours, r.weight) == ("common", pv.W_CREDIT_DIFFERENT)
    assert pv.credit_reason(facts(AFTER), facts(AFTER)) is None


def test_the_agency_itself_is_the_source():
    r = pv.credit_reason(facts(AFTER, outlet="AFP", agency="AFP", credits=("AFP",)), facts(AFTER, credits=("AFP",)))
    assert (r.favours, r.weight) == ("a", pv.W_CREDIT_AGENCY)


def test_credit_spans_become_cues():
    text = "PARIS (AFP) - " + AFTER
    r = pv.credit_reason(facts(text, credits=("AFP",), credit_spans=((7, 10),)), facts(AFTER, credits=("AFP",)))
    assert [(c.side, c.text) for c in r.cues] == [("a", "AFP")]


def test_superset():
    copy = AFTER.split(". Environmental")[0] + "."
    al = align_texts(AFTER + " " + UNRELATED, copy)
    d = derive(al, AFTER + " " + UNRELATED, copy)
    r = pv.superset_reason(facts(AFTER + " " + UNRELATED), facts(copy), d)
    assert (r.kind, r.favours, r.weight) == ("superset", "a", pv.W_SUPERSET)
    assert "not proof" in r.detail
    # two texts sharing everything: neither is a superset
    al = align_texts(AFTER, AFTER)
    assert pv.superset_reason(facts(AFTER), facts(AFTER), derive(al, AFTER, AFTER)) is None


def test_tense_cues_at_the_aligned_place():
    _, p = run(facts(AFTER), facts(BEFORE))
    tense = [r for r in p.reasons if r.kind == "tense"]
    assert len(tense) == 2 and all(r.favours == "b" for r in tense)
    first = tense[0]
    assert first.weight == pv.W_TENSE and "were due to sign" in first.detail and "signed" in first.detail
    fut, past = first.cues
    assert BEFORE[fut.start : fut.end] == "were due to sign" and AFTER[past.start : past.end] == "signed"
    assert p.earlier_version == "b"
    # mirrored: the same cues, now favouring a
    _, q = run(facts(BEFORE), facts(AFTER))
    assert [r.favours for r in q.reasons if r.kind == "tense"] == ["a", "a"] and q.earlier_version == "a"


def test_tense_with_another_verb_weighs_less():
    rest = "on Thursday in Vienna to cut the pollution of the river by a third before 2030."
    a = "The two leaders agreed " + rest
    b = "The two leaders were due to sign a pact " + rest
    _, p = run(facts(a), facts(b))
    (r,) = [r for r in p.reasons if r.kind == "tense"]
    assert (r.favours, r.weight) == ("b", pv.W_TENSE_OTHER_VERB) and "another verb" in r.detail


def test_would_alone_is_not_a_version_cue():
    a = "The minister said the government approved a new budget for the river ports and their crews this week."
    b = "The minister said the government would consider a new budget for the river ports and their crews this week."
    _, p = run(facts(a), facts(b))
    assert not [r for r in p.reasons if r.kind == "tense"]


def test_future_sentence_only_one_side_has():
    shared = "Armenia and Azerbaijan held their first high level talks in Moscow on Friday after two weeks of clashes."
    a = shared + " The talks lasted some six hours."
    b = shared + " Officials said the ministers would hold talks in Moscow from 1200 GMT."
    al, p = run(facts(a), facts(b))
    assert al.only_b
    (r,) = [r for r in p.reasons if r.kind == "tense"]
    assert (r.favours, r.weight) == ("b", pv.W_TENSE_UNSHARED)
    assert "from 1200 GMT" in r.detail and [c.text for c in r.cues] == ["would hold", "from 1200 GMT", "held"]


def test_update_note():
    a = "(Adds reaction from environmental groups)\n" + AFTER
    _, p = run(facts(a), facts(AFTER))
    (r,) = [r for r in p.reasons if r.kind == "update"]
    assert r.favours == "b" and r.cues[0].side == "a" and "Adds reaction" in r.cues[0].text


def test_growing_casualty_count():
    a = "Floods in the north have killed at least 12 people and forced thousands from their homes, officials said."
    b = "Floods in the north have killed at least 15 people and forced thousands from their homes, officials said."
    _, p = run(facts(a), facts(b))
    (r,) = [r for r in p.reasons if r.kind == "casualties"]
    assert r.favours == "a" and r.weight == pv.W_CASUALTIES and "12" in r.detail and "15" in r.detail
    assert p.earlier_version == "a"


def test_changed_figure_that_counts_no_casualties_says_nothing():
    a = "About 20 million of them draw their drinking water from the river or the ground beneath it, officials said."
    b = "About 25 million of them draw their drinking water from the river or the ground beneath it, officials said."
    _, p = run(facts(a), facts(b))
    assert not [r for r in p.reasons if r.kind == "casualties"]


# ---- verdicts --------------------------------------------------------------------------------


def test_common_wire_in_two_versions():
    a = facts(AFTER, published=date(2024, 3, 14), credits=("AFP",))
    b = facts(BEFORE, published=date(2024, 3, 15), credits=("AFP",))
    _, p = run(a, b)
    assert p.verdict == "common" and p.common_source == "AFP" and p.earlier_version == "b"
    assert ("order", "common") in kinds(p) and ("date", "a") in kinds(p)
    assert 0.5 < p.confidence < 1.0
    assert "AFP's wire" in p.summary and "B reflects the earlier version" in p.summary


def test_earlier_and_fuller_text_is_the_source():
    copy = AFTER.split(". Environmental")[0] + "."
    _, p = run(facts(AFTER, published=date(2024, 3, 14)), facts(copy, published=date(2024, 3, 16)))
    assert p.verdict == "a" and kinds(p) == [("date", "a"), ("superset", "a")]
    assert p.confidence == pytest.approx(1.5 / (1.5 + 0 + pv.PRIOR))


def test_version_cues_alone_point_at_the_earlier_text():
    _, p = run(facts(AFTER), facts(BEFORE))
    assert p.verdict == "b" and p.earlier_version == "b"


def test_unknown_without_evidence():
    _, p = run(facts(AFTER), facts(AFTER))
    assert p.verdict == "unknown" and p.confidence == 0.0 and p.reasons == ()


def test_no_passages():
    _, p = run(facts(AFTER, credits=("AFP",)), facts(UNRELATED, credits=("AFP",), published=date(2024, 1, 1)))
    assert p.verdict == "unknown" and p.reasons == () and p.totals == (0.0, 0.0, 0.0)
    assert "No shared passage" in p.summary


def test_version_cues_are_capped():
    many = [Reason("tense", "b", 1.0, "x") for _ in range(6)]
    assert pv.totals(many) == (0.0, pv.VERSION_CAP, 0.0)
    assert pv.totals([*many, Reason("credit", "common", 3.0, "y")]) == (0.0, pv.VERSION_CAP, 3.0)


def test_tie_is_unknown():
    v, conf, _ = pv.verdict([Reason("date", "a", 1.0, "x"), Reason("tense", "b", 1.0, "y")])
    assert (v, conf) == ("unknown", 0.0)


def test_weak_evidence_alone_is_unknown():
    v, conf, _ = pv.verdict([Reason("superset", "a", pv.W_SUPERSET, "x")])
    assert (v, conf) == ("unknown", 0.0)


_reasons = st.lists(
    st.builds(
        Reason,
        kind=st.sampled_from(["date", "superset", "credit", "order", "tense", "update", "casualties"]),
        favours=st.sampled_from(["a", "b", "common"]),
        weight=st.floats(0.0, 5.0),
        detail=st.just("x"),
    ),
    max_size=12,
)


@settings(deadline=None, max_examples=300)
@given(_reasons)
def test_confidence_is_in_bounds(reasons):
    v, conf, t = pv.verdict(reasons)
    assert 0.0 <= conf < 1.0
    assert v in ("a", "b", "common", "unknown")
    if v != "unknown":
        best = dict(zip(("a", "b", "common"), t, strict=True))[v]
        assert best == max(t) and best >= pv.MIN_EVIDENCE and conf >= 1 / 3  # best beats the rest
    else:
        assert conf == 0.0


def test_to_dict_is_json():
    a = facts(AFTER, published=date(2024, 3, 14), credits=("AFP",))
    b = facts(BEFORE, published=datetime(2024, 3, 15, 8, 0), credits=("AFP",))
    al, p = run(a, b)
    d = json.loads(json.dumps(p.to_dict()))
    assert set(d) == {"verdict", "confidence", "earlier_version", "common_source", "summary", "totals", "reasons"}
    assert all(set(r) == {"kind", "favours", "weight", "detail", "cues"} for r in d["reasons"])
    for r in p.reasons:  # every cue's offsets index its own side's text
        for c in r.cues:
            assert (a.text if c.side == "a" else b.text)[c.start : c.end] == c.text
    json.dumps(derive(al, a.text, b.text).to_dict())
