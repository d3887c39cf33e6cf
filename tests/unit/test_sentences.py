"""Sentence splitting: abbreviations, initials, quotes, line-per-paragraph scrapes, CJK stops."""

from __future__ import annotations

from samestory.analyze.sentences import split_sentences


def texts(text: str, language: str = "en") -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, language)]


def test_abbreviations_and_initials_do_not_split():
    t = "Mr. Stelzer met J. K. Rowling on Oct. 9 in the U.S. capital. Prices rose 3.5 percent."
    assert texts(t) == ["Mr. Stelzer met J. K. Rowling on Oct. 9 in the U.S. capital.", "Prices rose 3.5 percent."]


def test_closing_quote_stays_with_its_sentence():
    t = '"The Danube does not stop at borders," she said. "Today we have shown it."'
    assert texts(t) == ['"The Danube does not stop at borders," she said.', '"Today we have shown it."']


def test_lower_case_after_stop_is_not_a_boundary():
    assert texts("It cost 1.2 bn. euros in total. Then it ended.") == [
        "It cost 1.2 bn. euros in total.",
        "Then it ended.",
    ]


def test_glued_sentences_of_scraped_text_split():
    # scrapers often drop the space between sentences; the notice then hides inside one "sentence"
    t = "Die Polizei kam spät.Der Fahrer floh. Bitte registrieren!Sie haben keinen Zugang zum Archiv?Jetzt lesen."
    assert texts(t, "de") == [
        "Die Polizei kam spät.",
        "Der Fahrer floh.",
        "Bitte registrieren!",
        "Sie haben keinen Zugang zum Archiv?",
        "Jetzt lesen.",
    ]
    assert texts("Он ушёл.Потом вернулся.", "ru") == ["Он ушёл.", "Потом вернулся."]


def test_double_space_after_an_unpunctuated_headline_is_a_break():
    t = "Preis für Zivilcourage an Dunja Hayali  Die Moderatorin wurde geehrt. Sie dankte."
    sents = split_sentences(t, "de")
    assert [t[s.start : s.end] for s in sents] == [
        "Preis für Zivilcourage an Dunja Hayali",
        "Die Moderatorin wurde geehrt.",
        "Sie dankte.",
    ]
    assert [s.paragraph for s in sents] == [0, 1, 1]
    # before a lower-case word or after a comma it is only a typo
    assert texts("It was  the end,  Mary said.") == ["It was  the end,  Mary said."]


def test_glued_stops_that_are_not_boundaries():
    # a domain, a decimal, an acronym, an abbreviation and a lower-case continuation stay whole
    for t in (
        "Read it on example.com or Example.Org today.",
        "It rose 3.5 percent.",
        "Troops of the U.S.Army and e.g.The Times.",
        "He wrote to Dr.Smith yesterday.",
        "Ja!das war es.",
    ):
        assert texts(t) == [t], t


def test_blank_lines_and_single_newlines_make_paragraphs():
    t = (
        "First paragraph here. Still first.\n\nSecond one.\nThird, one line a paragraph.\n"
        "wrapped line that\ncontinues here."
    )
    sents = split_sentences(t)
    assert [t[s.start : s.end] for s in sents] == [
        "First paragraph here.",
        "Still first.",
        "Second one.",
        "Third, one line a paragraph.",
        "wrapped line that\ncontinues here.",
    ]
    assert [s.paragraph for s in sents] == [0, 0, 1, 2, 3]


def test_cjk_full_width_stops():
    assert texts("北京今天下雨。明天晴天！好的", "zh") == ["北京今天下雨。", "明天晴天！", "好的"]


def test_other_languages():
    assert texts("Der Minister sagte z.B. nichts. Dann ging er.", "de") == [
        "Der Minister sagte z.B. nichts.",
        "Dann ging er.",
    ]
    assert texts("Путин прибыл в г. Москва. Встреча началась.", "ru") == [
        "Путин прибыл в г. Москва.",
        "Встреча началась.",
    ]
    assert texts("¿Qué pasó? Nadie lo sabe.", "es") == ["¿Qué pasó?", "Nadie lo sabe."]


def test_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences("  \n\n \t") == []
    assert texts("no stop at the end") == ["no stop at the end"]
