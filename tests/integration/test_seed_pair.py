"""The first case every feature must get right: the Moscow Times article and its Bangladeshi reprint."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def result(shared_pair):
    from samestory.api import Samestory

    ss = Samestory()
    a, b = ss.read(shared_pair[0]), ss.read(shared_pair[1])
    return a, b, ss.compare(a, b)


def test_verdict_and_scores(result):
    _, _, c = result
    assert c.same_story
    assert c.dimensions.overall <= 1.5
    assert all(1.0 <= v <= 4.0 for v in c.dimensions.to_dict().values())


def test_metadata(result):
    _, _, c = result
    assert c.a.credits == ("AFP",) and c.b.credits == ("AFP",)
    assert c.a.published.startswith("2020-10-09") and c.b.published.startswith("2020-10-10")
    assert c.a.outlet == "The Moscow Times"
    assert c.a.language == c.b.language == "en"


def _passage_for(c, b_text: str, phrase: str):
    i = b_text.index(phrase)
    for p in c.alignment.passages:
        if p.b_start <= i < p.b_end:
            return p
    return None


@pytest.mark.parametrize(
    "b_phrase,a_phrase",
    [
        ("there was a chance of a breakthrough", "there was a chance of a breakthrough"),
        ("We are moving towards a truce tonight", "We are moving towards a truce tonight"),
        ("heavy clashes continued overnight", "heavy clashes continued into Friday"),
        ("has claimed some 400 lives", "has claimed some 400 lives"),
        ("The heavy clashes erupted late last month", "The heavy clashes erupted late last month"),
        ("has not been recognised by any country", "has not been recognized by any country"),
        ("following a series of calls", "following a series of calls"),
        ("came shortly after international mediators", "came shortly after international mediators"),
        ("sought a solution to the Karabakh conflict", "sought a solution to the Karabakh conflict"),
        ("first high-level talks", "first high-level talks"),
    ],
)
def test_reused_sentences_aligned_to_their_place(result, b_phrase, a_phrase):
    a, b, c = result
    p = _passage_for(c, b.text, b_phrase)
    assert p is not None, f"{b_phrase!r} not in any passage"
    assert p.a_start <= a.text.index(a_phrase) < p.a_end


def test_small_edits_shown(result):
    _, _, c = result
    pairs = {(e.a_text.lower(), e.b_text.lower(), e.kind) for p in c.alignment.passages for e in p.edits}
    assert ("defense", "defence", "spelling") in pairs
    assert ("recognized", "recognised", "spelling") in pairs


def test_reprint_own_sentences_only_in_b(result):
    _, _, c = result
    only_b = " ".join(s.text for s in c.alignment.only_b)
    assert "vowed to continue the intervention" in only_b  # Aliyev's vow
    assert "from 1200 GMT" in only_b
    assert "Previous diplomatic efforts" in only_b
    assert "clashes continued overnight" not in only_b  # reused, edited: not "own"
    assert c.alignment.b_coverage >= 0.6  # most of the reprint comes from the wire copy


def test_evidence(result):
    _, _, c = result
    people = {i.key for i in c.evidence.people.shared}
    assert {"person:aliyev", "person:pashinyan", "person:putin", "person:macron"} <= people
    place_names = {i.name for i in c.evidence.places.shared}
    assert {"Moscow", "Geneva"} <= place_names
    assert any("Karabakh" in n for n in place_names)
    assert any("400" in i.name for i in c.evidence.numbers.shared)
    assert any("moving towards a truce" in i.name for i in c.evidence.quotes.shared)
    assert "2020-10-09" in {i.key for i in c.evidence.dates.shared}
