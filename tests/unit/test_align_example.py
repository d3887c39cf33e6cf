"""align_texts on the real example pair: The Moscow Times AFP story and its Bangladeshi reprint.

The raw files (header, byline, captions and all) are aligned; the texts stay in ../shared.
"""

from __future__ import annotations

import timeit
from itertools import pairwise

import pytest

from samestory.align import Alignment, align_texts

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def pair(shared_pair) -> tuple[str, str, Alignment]:
    a = shared_pair[0].read_text(encoding="utf-8")
    b = shared_pair[1].read_text(encoding="utf-8")
    return a, b, align_texts(a, b)


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
def test_reused_sentences_aligned_to_their_place(pair, b_phrase, a_phrase):
    a, b, al = pair
    i = b.index(b_phrase)
    p = next((p for p in al.passages if p.b_start <= i < p.b_end), None)
    assert p is not None, f"{b_phrase!r} is in no passage"
    assert p.b_start <= i and i + len(b_phrase) <= p.b_end
    k = a.index(a_phrase)
    assert p.a_start <= k and k + len(a_phrase) <= p.a_end


def test_spelling_edits(pair):
    _, _, al = pair
    found = {(e.a_text, e.b_text, e.op, e.kind) for p in al.passages for e in p.edits}
    assert ("defense", "defence", "replace", "spelling") in found
    assert ("recognized", "recognised", "replace", "spelling") in found
    assert ("into Friday", "overnight", "replace", "wording") in found
    assert ("Russian President Vladimir", "", "delete", "wording") in found


def test_own_sentences_of_the_reprint(pair):
    _, b, al = pair
    only_b = [s.text for s in al.only_b]
    for own in (
        "Azerbaijan's President Ilham Aliyev has repeatedly said there would be no halt",
        "Russia's foreign ministry said on Friday the two countries' top diplomats would hold talks in Moscow"
        " from 1200 GMT.",
        "Previous diplomatic efforts to find a lasting solution to the decades-old stalemate have faltered.",
    ):
        assert any(own in s for s in only_b), own
    assert not any("clashes continued overnight" in s for s in only_b)
    for s in al.only_b:
        assert b[s.start : s.end] == s.text and s.coverage < 0.5


def test_coverage_and_structure(pair):
    _, _, al = pair
    assert al.b_coverage >= 0.6
    assert 0.2 <= al.a_coverage <= 0.5  # the reprint is a cut of the longer story
    assert all(p.similarity >= 0.8 for p in al.passages)
    spans_a = sorted((p.a_start, p.a_end) for p in al.passages)
    assert all(e1 <= s2 for (_, e1), (s2, _) in pairwise(spans_a))
    assert [p.b_start for p in al.passages] == sorted(p.b_start for p in al.passages)


def test_fast(pair):
    a, b, _ = pair
    align_texts(a, b)
    per_call = min(timeit.repeat(lambda: align_texts(a, b), number=20, repeat=3)) / 20
    assert per_call < 0.05  # about 3 ms on a 2-core Xeon; generous for a loaded CI machine
