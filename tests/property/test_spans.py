"""SpanSet answers 'is this span free' exactly as checking every claimed span does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from samestory.analyze.spans import SpanSet

spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])), max_size=80)


@given(spans)
def test_free_agrees_with_checking_every_claimed_span(candidates: list[tuple[int, int]]) -> None:
    claimed: list[tuple[int, int]] = []
    fast = SpanSet()
    for s, e in candidates:
        expected = all(e <= a or s >= b for a, b in claimed)
        assert fast.free(s, e) == expected, (s, e, claimed)
        if expected:
            claimed.append((s, e))
            fast.add(s, e)
    assert len(fast) == len(claimed)


def test_touching_spans_are_free_and_overlaps_are_not() -> None:
    taken = SpanSet()
    taken.add(10, 20)
    assert taken.free(0, 10) and taken.free(20, 25)
    assert not taken.free(5, 11) and not taken.free(19, 30) and not taken.free(12, 15) and not taken.free(0, 40)
    taken.add(10, 10)  # empty: claims nothing
    assert len(taken) == 1
