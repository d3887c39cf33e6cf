"""align_texts on small handmade (fictional) news texts: passages, edits, coverage, sentences."""

from __future__ import annotations

import time
from itertools import pairwise

import pytest

from samestory.align import Alignment, Edit, Passage, align_texts
from samestory.config import AlignConfig

P1 = "The finance ministry announced on Tuesday that fuel subsidies would end in March next year."
P2 = "Opposition leaders called the decision reckless and promised protests across the northern provinces."
P3 = "Analysts expect inflation to rise by two percentage points before the summer holidays begin."
OTHER = "A rare snow leopard was filmed by wildlife rangers near a remote mountain village last winter."


def passage_at(al: Alignment, b_text: str, phrase: str) -> Passage | None:
    """The passage whose b side holds ``phrase`` (which must be in ``b_text``)."""
    i = b_text.index(phrase)
    return next((p for p in al.passages if p.b_start <= i < p.b_end), None)


def a_side(p: Passage, a_text: str) -> str:
    return a_text[p.a_start : p.a_end]


def edits(al: Alignment) -> list[tuple[str, str, str, str]]:
    return [(e.op, e.kind, e.a_text, e.b_text) for p in al.passages for e in p.edits]


def test_identical_texts_make_one_exact_passage():
    text = f"{P1} {P2}\n\n{P3}"
    al = align_texts(text, text)
    assert len(al.passages) == 1
    p = al.passages[0]
    assert (p.a_start, p.a_end, p.b_start, p.b_end) == (0, len(text), 0, len(text))
    assert p.similarity == 1.0 and p.edits == ()
    assert al.a_coverage == al.b_coverage == 1.0
    assert al.only_a == al.only_b == ()


def test_disjoint_texts_share_nothing():
    al = align_texts(f"{P1} {P2}", f"{P3} {OTHER}")
    assert al.passages == ()
    assert al.a_coverage == al.b_coverage == 0.0
    assert [s.text for s in al.only_a] == [P1, P2]
    assert [s.text for s in al.only_b] == [P3, OTHER]
    assert all(s.coverage == 0.0 for s in al.only_a + al.only_b)


def test_reordered_paragraphs_align_to_their_own_places():
    a = f"{P1}\n\n{P2}\n\n{P3}"
    b = f"{P3}\n\n{OTHER}\n\n{P1}\n\n{P2.replace('reckless', 'irresponsible')}"
    al = align_texts(a, b)
    assert a_side(passage_at(al, b, "Analysts expect inflation"), a) == P3
    p = passage_at(al, b, "fuel subsidies")
    assert a_side(p, a).startswith(P1)
    assert passage_at(al, b, "promised protests") is p  # P1 and P2 follow each other on both sides
    assert ("replace", "wording", "reckless", "irresponsible") in edits(al)
    assert passage_at(al, b, "snow leopard") is None
    assert [s.text for s in al.only_b] == [OTHER]
    assert al.only_a == ()
    assert al.a_coverage == 1.0
    assert al.passages == tuple(sorted(al.passages, key=lambda p: p.b_start))


def test_insertion_and_deletion_inside_a_passage():
    a = (
        "The Kremlin said that following a series of calls with Pashinyan and Aliyev,"
        " Putin had invited their foreign ministers to Moscow."
    )
    b = (
        "The Kremlin said that following a series of calls with Armenian Prime Minister Nikol Pashinyan and Aliyev,"
        " Putin invited their foreign ministers to Moscow."
    )
    al = align_texts(a, b)
    assert len(al.passages) == 1
    p = al.passages[0]
    assert (p.a_start, p.a_end, p.b_start, p.b_end) == (0, len(a), 0, len(b))
    assert ("insert", "wording", "", "Armenian Prime Minister Nikol") in edits(al)
    assert ("delete", "wording", "had", "") in edits(al)
    ins = next(e for e in p.edits if e.op == "insert")
    assert ins.a_start == ins.a_end == a.index(" Pashinyan")  # the empty side sits after the word before
    assert b[ins.b_start : ins.b_end] == "Armenian Prime Minister Nikol"
    # 20 words shared, of 21 in a and 24 in b
    assert p.similarity == pytest.approx(2 * 20 / (21 + 24))


@pytest.mark.parametrize(
    "a_word,b_word",
    [
        ("defense", "defence"),
        ("recognized", "recognised"),
        ("honor", "honour"),
        ("center", "centre"),
        ("catalog", "catalogue"),
        ("traveled", "travelled"),
        ("Pashinyan", "Pashinian"),
    ],
)
def test_spelling_variants(a_word, b_word):
    base = "Officials from the regional {} office told reporters on Monday that the inquiry would continue next week."
    al = align_texts(base.format(a_word), base.format(b_word))
    assert edits(al) == [("replace", "spelling", a_word, b_word)]
    assert al.passages[0].similarity == pytest.approx(1 - 1 / 17)


def test_inflection_is_wording_not_spelling():
    base = "Officials from the regional {} told reporters on Monday that the inquiry would continue into next week."
    al = align_texts(base.format("office"), base.format("offices"))
    assert edits(al) == [("replace", "wording", "office", "offices")]


@pytest.mark.parametrize(
    "a_word,b_word",
    [("400", "500"), ("six", "seven"), ("1.5", "2.5"), ("12", "twelve")],
)
def test_number_changes(a_word, b_word):
    base = "Renewed fighting over the region has claimed some {} lives and forced thousands of people from their homes."
    al = align_texts(base.format(a_word), base.format(b_word))
    assert edits(al) == [("replace", "number", a_word, b_word)]


def test_case_punctuation_and_wording_edits():
    a = "Moscow, late Thursday the President of the Republic met 1,200 workers as clashes went on into Friday in town."
    b = "Moscow late Thursday the president of the Republic met 1200 workers as clashes went on overnight in town."
    al = align_texts(a, b)
    assert len(al.passages) == 1
    assert edits(al) == [
        ("delete", "punctuation", ",", ""),
        ("replace", "case", "President", "president"),
        ("replace", "punctuation", "1,200", "1200"),
        ("replace", "wording", "into Friday", "overnight"),
    ]


def test_separated_word_parts_are_punctuation():
    a = "The first high-level talks between the two foreign ministers will open in Geneva on Friday morning."
    b = "The first high level talks between the two foreign ministers will open in Geneva on Friday morning."
    assert edits(align_texts(a, b)) == [("delete", "punctuation", "-", "")]


def test_typographic_quotes_and_dashes_do_not_count_as_edits():
    a = 'He said "we are moving towards a truce tonight or tomorrow" -- before the talks in the capital.'
    b = "He said “we are moving towards a truce tonight or tomorrow” — before the talks in the capital."
    al = align_texts(a, b)
    assert al.b_coverage == 1.0 and edits(al) == []


def test_edit_offsets_index_the_full_texts():
    a = f"{OTHER}\n\nArmenian and Azerbaijani defense officials said clashes continued into Friday and reported deaths."
    b = f"{P3} Armenian and Azerbaijani defence officials said clashes continued overnight and reported deaths."
    al = align_texts(a, b)
    assert len(al.passages) == 1
    for e in al.passages[0].edits:
        assert isinstance(e, Edit)
        assert a[e.a_start : e.a_end] == e.a_text and b[e.b_start : e.b_end] == e.b_text
    pairs = [(e.a_text, e.b_text) for e in al.passages[0].edits]
    assert pairs == [("defense", "defence"), ("into Friday", "overnight")]


def test_passage_boundaries_take_the_full_stop_but_not_a_comma():
    shared = "the heavy clashes erupted late last month, with both sides blaming the other for the outbreak"
    a = f"Officials said {shared}. Later that day the ministry spoke."
    b = f"Reports say that {shared}, while observers urged calm on all sides."
    al = align_texts(a, b)
    (p,) = al.passages
    assert a_side(p, a) == shared + "."
    assert b[p.b_start : p.b_end] == shared


def test_short_shared_sentence_tail_joins_the_passage():
    a = "The ministry confirmed the heavy clashes near the border and honoured six of them. Nothing else happened."
    b = "The ministry confirmed the heavy clashes near the border and honored seven of them. A quiet day followed."
    al = align_texts(a, b)
    (p,) = al.passages
    assert a_side(p, a).endswith("six of them.")
    assert ("replace", "number", "six", "seven") in edits(al)
    assert ("replace", "spelling", "honoured", "honored") in edits(al)


def test_gaps_join_up_to_max_gap_words():
    left = "The finance ministry announced on Tuesday that fuel subsidies would end"
    right = "in March next year after talks with the lenders in the capital"
    a = f"{left} because the budget deficit has grown far beyond what anyone had expected {right}."
    b = f"{left} {right}."
    joined = align_texts(a, b, config=AlignConfig(max_gap_words=12))
    assert len(joined.passages) == 1
    cut = "because the budget deficit has grown far beyond what anyone had expected"
    assert ("delete", "wording", cut, "") in edits(joined)
    split = align_texts(a, b, config=AlignConfig(max_gap_words=5))
    assert len(split.passages) == 2


def test_min_passage_words_drops_short_matches():
    a = "Talks will resume in Geneva next week, a spokesman said, after a pause of several months."
    b = "Farmers in the valley expect a poor harvest; talks will resume in Geneva, officials hope."
    assert align_texts(a, b).passages == ()  # five shared words: below the default of six
    al = align_texts(a, b, config=AlignConfig(min_passage_words=5))
    (p,) = al.passages
    assert a_side(p, a) == "Talks will resume in Geneva"


def test_repeated_phrase_does_not_blow_up():
    unit = "the ministry said on Friday. "
    a = unit * 2000 + P1
    b = P1 + " " + unit * 1500
    start = time.perf_counter()
    al = align_texts(a, b)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0  # about 0.1 s here; quadratic seeding would take minutes
    p = passage_at(al, b, "fuel subsidies")
    assert p is not None and a_side(p, a) == P1
    assert al.b_coverage > 0.99  # the repeated text aligns too, one-to-one
    starts_a = sorted((q.a_start, q.a_end) for q in al.passages)
    assert all(e1 <= s2 for (_, e1), (s2, _) in pairwise(starts_a))


def test_repeated_sentence_pairs_one_to_one():
    s = "Police said the road would stay closed until the morning."
    a = f"{s} Rain fell all night over the hills and the rivers rose. {s}"
    b = f"{s} Nobody was hurt in the crash, a spokesman for the fire service said."
    al = align_texts(a, b)
    assert len(al.passages) == 1
    assert al.passages[0].b_start == 0
    assert [x.text for x in al.only_a][-1] == s  # the second copy in a has no partner left


def test_empty_and_wordless_texts():
    for a, b in [("", ""), ("", P1), (P1, ""), ("  \n ", "— … —")]:
        al = align_texts(a, b)
        assert al.passages == ()
        assert al.a_coverage == al.b_coverage == 0.0
    assert [s.text for s in align_texts("", P1).only_b] == [P1]


def test_cyrillic_and_accents():
    a = "Министр иностранных дел заявил в пятницу, что переговоры в Москве продлятся весь день. Hervé Bar reported it."
    b = "Министр иностранных дел заявил в четверг, что переговоры в Москве продлятся весь день. Herve Bar reported it."
    al = align_texts(a, b)
    assert len(al.passages) == 1 and al.a_coverage == 1.0
    assert edits(al) == [("replace", "wording", "пятницу", "четверг"), ("replace", "spelling", "Hervé", "Herve")]


def test_decomposed_accents_match_composed_ones():
    a = "Le ministre a déclaré que les négociations reprendraient à Genève la semaine prochaine."
    b = "Le ministre a de\u0301clare\u0301 que les ne\u0301gociations reprendraient a\u0300 Gene\u0300ve la semaine"
    b += " prochaine."
    al = align_texts(a, b)
    assert al.a_coverage == al.b_coverage == 1.0
    assert {e.kind for e in al.passages[0].edits} == {"spelling"}
    assert b[al.passages[0].b_start : al.passages[0].b_end] == b


def test_cjk_each_character_is_a_word():
    a = "北京时间今天上午，国家统计局发布了最新的经济数据。"
    b = "据报道，北京时间今天上午，国家统计局发布了最新的经济数据，引发关注。"
    al = align_texts(a, b)
    (p,) = al.passages
    assert a_side(p, a) == a
    assert b[p.b_start : p.b_end] == "北京时间今天上午，国家统计局发布了最新的经济数据"
    assert al.a_coverage == 1.0
    assert al.b_coverage == pytest.approx(23 / 30)


def test_crlf_texts_align_like_lf_texts():
    lf = f"{P1}\n\n{P2}\n{P3}"
    crlf = lf.replace("\n", "\r\n")
    al = align_texts(crlf, lf)
    (p,) = al.passages
    assert (p.a_start, p.a_end, p.b_start, p.b_end) == (0, len(crlf), 0, len(lf))
    assert p.edits == ()
    a2 = f"{P1}\r\n\r\n{OTHER}\r\n{P3}"
    al2 = align_texts(a2, lf)
    assert [s.text for s in al2.only_a] == [OTHER]
    assert [s.text for s in al2.only_b] == [P2]


def test_given_sentence_spans_are_used():
    a = f"{P1} {OTHER}"
    b = P1
    spans = [(0, 10), (10, len(a))]  # deliberately not the real sentences
    al = align_texts(a, b, a_sentences=spans)
    assert [(s.start, s.end) for s in al.only_a] == [(10, len(a))]
    assert al.only_a[0].coverage == pytest.approx((len(P1) - 10) / (len(a) - 10))


def test_sentence_shared_threshold():
    a = f"{P1} {P2}"
    b = f"{P1} Opposition leaders are angry about it."
    assert [s.text for s in align_texts(a, b).only_a] == [P2]
    strict = align_texts(a, b, config=AlignConfig(sentence_shared=1.0, min_passage_words=6))
    assert [s.text for s in strict.only_a] == [P2]
    assert strict.only_b == align_texts(a, b).only_b


def test_swapping_texts_mirrors_the_result():
    a = f"{P1}\n\n{P2}\n\n{P3}"
    b = f"{P3} {OTHER} {P1.replace('announced', 'said')} {P2.replace('reckless', 'irresponsible')}"
    ab, ba = align_texts(a, b), align_texts(b, a)
    assert (ab.a_coverage, ab.b_coverage) == (ba.b_coverage, ba.a_coverage)
    flip = {"insert": "delete", "delete": "insert", "replace": "replace"}
    mirrored = sorted(
        (p.b_start, p.b_end, p.a_start, p.a_end, tuple((flip[e.op], e.kind, e.b_text, e.a_text) for e in p.edits))
        for p in ab.passages
    )
    assert mirrored == sorted(
        (p.a_start, p.a_end, p.b_start, p.b_end, tuple((e.op, e.kind, e.a_text, e.b_text) for e in p.edits))
        for p in ba.passages
    )
    assert ab.only_a == ba.only_b and ab.only_b == ba.only_a


def test_deterministic_and_serialisable():
    a, b = f"{P1} {P2}", f"{P2} {P1}"
    first, second = align_texts(a, b), align_texts(a, b)
    assert first == second
    d = first.to_dict(a, b)
    assert {p["a_text"] for p in d["passages"]} == {P1, P2}
