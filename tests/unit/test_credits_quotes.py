"""Agency credits versus mentions, and direct quotes with their speakers."""

from __future__ import annotations

from samestory.analyze.credits import find_credits
from samestory.analyze.quotes import find_quotes
from samestory.analyze.sentences import split_sentences
from samestory.analyze.types import Entity


def test_dateline_and_trailer_credits():
    head = "VIENNA, March 14 (AFP) - Ten Danube nations signed a pact. An AFP reporter saw the signing."
    c = find_credits(head)
    assert [(x.agency, x.where) for x in c] == [("AFP", "credit"), ("AFP", "mention")]
    tail = "The ministers will meet again next year.   -AFP"
    assert [(x.agency, x.where) for x in find_credits(tail)] == [("AFP", "credit")]
    assert [
        (x.agency, x.where) for x in find_credits("The report was written with Reuters in mind, he told Reuters.")
    ] == [
        ("Reuters", "credit"),
        ("Reuters", "mention"),
    ]


def test_credit_offsets_and_no_false_ap():
    t = "Officials told the Associated Press that a map was on the app."
    c = find_credits(t)
    assert [(x.agency, t[x.start : x.end]) for x in c] == [("AP", "Associated Press")]


def person(text: str, t: str, key: str, name: str | None = None) -> Entity:
    s = t.index(text)
    return Entity(text, "PERSON", s, s + len(text), key, name or text)


def test_pronoun_speaker_and_continuation():
    t = (
        "Austrian minister Katharina Stelzer chaired the meeting.\n\n"
        '"The Danube does not stop at borders," she told reporters. "Today we have shown that we can."'
    )
    ents = [person("Katharina Stelzer", t, "person:stelzer")]
    q = find_quotes(t, sentences=split_sentences(t), entities=ents)
    assert [(x.text, x.speaker_key) for x in q] == [
        ("The Danube does not stop at borders", "person:stelzer"),
        ("Today we have shown that we can.", "person:stelzer"),
    ]
    for x in q:
        assert t[x.start : x.end] == x.text


def test_named_speaker_before_and_after():
    t = 'Dorin Vasilescu said his country was "ready to carry the load". "We will pay," said Ilona Farkas.'
    ents = [person("Dorin Vasilescu", t, "person:vasilescu"), person("Ilona Farkas", t, "person:farkas")]
    q = find_quotes(t, sentences=split_sentences(t), entities=ents)
    assert [(x.text, x.speaker) for x in q] == [
        ("ready to carry the load", "Dorin Vasilescu"),
        ("We will pay", "Ilona Farkas"),
    ]


def test_short_quotes_are_names_not_quotes():
    t = 'The "Minsk Group" warned of "terrorists" in the region.'
    assert find_quotes(t, sentences=split_sentences(t)) == []


def test_other_quote_styles():
    t = "Он сказал: «Мы готовы к переговорам сегодня». Elle a dit « nous sommes prêts à signer »."
    q = find_quotes(t, sentences=split_sentences(t))
    assert [x.text for x in q] == ["Мы готовы к переговорам сегодня", "nous sommes prêts à signer"]
