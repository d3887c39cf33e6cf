"""Raw alignment as ``samestory align --pairs`` runs it (``read_raw`` + ``align_raw``): for files
that share verbatim stretches among text of their own, every passage's offsets slice equal text
in both files (whitespace aside) and every copied stretch is found, whatever the headers, line
endings and re-wrapping around it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samestory.align.pair import align_raw, read_raw
from samestory.config import AlignConfig

# Words of the source file are distinct, so a copied stretch has one place to align to; the
# other file's own words come from another alphabet and never match them.
_word = st.text("abcdefghijklmnopqrstuvwxyzé", min_size=2, max_size=9)
_own = st.text("QXZJK", min_size=3, max_size=7)
_seps = st.sampled_from([" ", " ", " ", ", ", ". ", "; ", "\n", "\r\n", " -- ", ": "])
_space = st.sampled_from([" ", "\n", "\r\n", "  ", "\t"])


def norm(s: str) -> str:
    return " ".join(s.split())


@st.composite
def files(draw) -> tuple[str, str, list[str]]:
    """(source text, copying text, the copied stretches as they read in the source)."""
    words = draw(st.lists(_word, min_size=30, max_size=120, unique=True))
    seps = draw(st.lists(_seps, min_size=len(words), max_size=len(words)))
    header = draw(st.sampled_from(["", "date 2024-03-15\r\n", "HEADLINE\n\nBy Someone for AFP\n\n"]))
    pieces = [w + s for w, s in zip(words, seps, strict=True)]
    src = header + "".join(pieces)
    # one or two stretches of at least 8 words, copied in any order, each between 15+ own words
    n = draw(st.integers(1, 2))
    starts = sorted(draw(st.lists(st.integers(0, len(words) - 8), min_size=n, max_size=n, unique=True)))
    stretches = []
    for k, s in enumerate(starts):
        limit = (starts[k + 1] if k + 1 < n else len(words)) - s
        size = draw(st.integers(8, max(8, min(limit, 30))))
        if s + size > len(words) or (k + 1 < n and s + size > starts[k + 1]):
            continue
        # copied with the separator after its last word, so that punctuation a passage takes
        # after its last word ("said.") is the same on both sides
        stretches.append(("".join(pieces[s : s + size - 1]) + words[s + size - 1], seps[s + size - 1]))
    if draw(st.booleans()):
        stretches.reverse()
    out = []
    for core, sep in stretches:
        own = draw(st.lists(_own, min_size=15, max_size=25))
        out.append(" ".join(own) + ". ")
        # re-wrap the copy: each space may become a line break (CRLF too) or a run of spaces
        out.append("".join(draw(_space) if ch == " " else ch for ch in core + sep))
    out.append(" ".join(draw(st.lists(_own, min_size=15, max_size=25))) + "\n")
    return src, "".join(out), [core for core, _ in stretches]


@settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.too_slow])
@given(files(), st.sampled_from([AlignConfig(), AlignConfig(min_passage_words=8)]), st.booleans())
def test_passages_slice_equal_text_in_both_raw_files(pair, config, swap):
    src, copy, stretches = pair
    if swap:
        src, copy = copy, src
    with tempfile.TemporaryDirectory() as tmp:
        pa, pb = Path(tmp) / "a.txt", Path(tmp) / "b.txt"
        pa.write_bytes(src.encode("utf-8"))
        pb.write_bytes(copy.encode("utf-8"))
        ta, tb = read_raw(pa), read_raw(pb)
    assert (ta, tb) == (src, copy)  # decoded exactly as on disk, CRLF and all
    passages = align_raw(ta, tb, config)
    for p in passages:
        sa, sb = ta[p.a_start : p.a_end], tb[p.b_start : p.b_end]
        assert norm(sa) == norm(sb), (sa, sb)
        assert p.similarity == 1.0
    found = {norm(tb[p.b_start : p.b_end] if not swap else ta[p.a_start : p.a_end]) for p in passages}
    for s in stretches:
        assert any(norm(s) in f for f in found), s
