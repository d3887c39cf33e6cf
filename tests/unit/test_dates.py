"""find_dates: handwritten, fictional sentences with exact day ranges, in several languages."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from samestory.analyze.dates import DateFinder, find_dates
from samestory.analyze.types import DateMention

FRI = date(2020, 10, 9)  # a Friday


def all_of(text: str, lang: str = "en", ref: date | None = FRI) -> list[DateMention]:
    found = find_dates(text, language=lang, reference=ref)
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.first <= m.last
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    return found


def one(text: str, lang: str = "en", ref: date | None = FRI) -> DateMention:
    found = all_of(text, lang, ref)
    assert len(found) == 1, found
    return found[0]


def rng(m: DateMention) -> tuple[str, str, str]:
    return m.first.isoformat(), m.last.isoformat(), m.granularity


# ---- absolute dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "day"),
    [
        ("The summit opened on October 9, 2020 in Vienna.", "October 9, 2020", "2020-10-09"),
        ("The treaty was signed on 9 October 2020.", "9 October 2020", "2020-10-09"),
        ("Delegates left on the 3rd of March 2019.", "3rd of March 2019", "2019-03-03"),
        ("OCTOBER 12, 2021: markets rallied.", "OCTOBER 12, 2021", "2021-10-12"),
        ("Published Friday, Oct. 9, 2020 by the desk.", "Friday, Oct. 9, 2020", "2020-10-09"),
        ("The filing is dated 2020-10-09 in the registry.", "2020-10-09", "2020-10-09"),
        ("The stamp reads 09.10.2020 in blue ink.", "09.10.2020", "2020-10-09"),
        ("The form says 13/10/2020 at the top.", "13/10/2020", "2020-10-13"),
        ("The form says 10/13/2020 at the top.", "10/13/2020", "2020-10-13"),
    ],
)
def test_english_absolute_days(text, mention, day):
    m = one(text)
    assert (m.text, m.first.isoformat(), m.last.isoformat(), m.granularity, m.relative) == (
        mention,
        day,
        day,
        "day",
        False,
    )


def test_ambiguous_slash_date_is_skipped():
    assert all_of("The memo of 9/10/2020 was leaked.") == []


def test_day_without_year_takes_the_nearest_year():
    m = one("Baku, Oct 9", ref=date(2020, 10, 10))
    assert rng(m) == ("2020-10-09", "2020-10-09", "day") and m.relative
    assert rng(one("He flew home on Dec. 28.", ref=date(2021, 1, 5)))[0] == "2020-12-28"
    assert rng(one("Polls open on Nov 3.", ref=FRI))[0] == "2020-11-03"


def test_day_ranges():
    m = one("The fair runs Oct. 12-14 downtown.")
    assert rng(m) == ("2020-10-12", "2020-10-14", "day")
    assert rng(one("The fair ran 4-6 September 2019."))[:2] == ("2019-09-04", "2019-09-06")


def test_without_reference_only_absolute_dates_survive():
    text = "On Friday, Oct 9, officials recalled the 1994 accord signed on 5 May 1994 and met yesterday."
    found = all_of(text, ref=None)
    assert [(m.text, m.granularity) for m in found] == [("1994", "year"), ("5 May 1994", "day")]


# ---- weekdays ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "day", "part"),
    [
        ("Ministers met on Friday in the capital.", "Friday", "2020-10-09", None),
        ("The army said on Thursday it had withdrawn.", "Thursday", "2020-10-08", None),
        ("The statement came late on Thursday.", "late on Thursday", "2020-10-08", "late"),
        ("Sirens sounded late Thursday near the port.", "late Thursday", "2020-10-08", "late"),
        ("Protests broke out on Thursday night.", "Thursday night", "2020-10-08", "late"),
        ("Police cleared the square Wednesday morning.", "Wednesday morning", "2020-10-07", "early"),
        ("The tanker docked last Friday.", "last Friday", "2020-10-02", None),
        ("Talks resume next Monday, aides said.", "next Monday", "2020-10-12", None),
        ("A march is planned for this coming Sunday.", "this coming Sunday", "2020-10-11", None),
        ("The vote will take place on Monday.", "Monday", "2020-10-12", None),
        ("Results are due to be published on Tuesday.", "Tuesday", "2020-10-13", None),
    ],
)
def test_english_weekdays(text, mention, day, part):
    m = one(text)
    assert (m.text, m.first.isoformat(), m.granularity, m.relative, m.part) == (mention, day, "day", True, part)


@pytest.mark.parametrize(
    "text",
    [
        "Shops expect crowds on Black Friday.",
        "The Sunday Times ran the story.",
        "The market opens on Fridays.",
        "Pilgrims gathered for Good Friday services.",
    ],
)
def test_weekday_lookalikes_are_not_dates(text):
    assert all_of(text) == []


def test_weekdays_need_a_reference():
    assert all_of("Ministers met on Friday.", ref=None) == []


# ---- relative days, weeks, months, years ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "expected", "part"),
    [
        ("The minister spoke today.", "today", ("2020-10-09", "2020-10-09", "day"), None),
        ("A truce may hold tonight.", "tonight", ("2020-10-09", "2020-10-09", "day"), "late"),
        ("Rockets fell yesterday.", "yesterday", ("2020-10-08", "2020-10-08", "day"), None),
        ("Rockets fell yesterday morning.", "yesterday morning", ("2020-10-08", "2020-10-08", "day"), "early"),
        ("Rockets fell last night.", "last night", ("2020-10-08", "2020-10-08", "day"), "late"),
        ("Envoys arrive tomorrow.", "tomorrow", ("2020-10-10", "2020-10-10", "day"), None),
        ("It rained the day before yesterday.", "the day before yesterday", ("2020-10-07", "2020-10-07", "day"), None),
        ("Prices rose this week.", "this week", ("2020-10-05", "2020-10-11", "week"), None),
        ("Prices rose last week.", "last week", ("2020-09-28", "2020-10-04", "week"), None),
        ("Prices rose earlier this week.", "earlier this week", ("2020-10-05", "2020-10-11", "week"), None),
        ("A deal is expected early next week.", "early next week", ("2020-10-12", "2020-10-14", "week"), "early"),
        ("Fans gather this weekend.", "this weekend", ("2020-10-10", "2020-10-11", "day"), None),
        ("Exports fell this month.", "this month", ("2020-10-01", "2020-10-31", "month"), None),
        ("Fighting erupted late last month.", "late last month", ("2020-09-21", "2020-09-30", "month"), "late"),
        ("Output peaked earlier this year.", "earlier this year", ("2020-01-01", "2020-12-31", "year"), None),
        ("Output peaked last year.", "last year", ("2019-01-01", "2019-12-31", "year"), None),
        ("A census is due next year.", "next year", ("2021-01-01", "2021-12-31", "year"), None),
        ("The dam broke two days ago.", "two days ago", ("2020-10-07", "2020-10-07", "day"), None),
        ("The plant closed three weeks ago.", "three weeks ago", ("2020-09-14", "2020-09-20", "week"), None),
        ("The law passed a year ago.", "a year ago", ("2019-01-01", "2019-12-31", "year"), None),
    ],
)
def test_english_relative(text, mention, expected, part):
    m = one(text)
    assert (m.text, rng(m), m.relative, m.part) == (mention, expected, True, part)


def test_overnight_is_the_night_before_only_as_an_adverb():
    m = one("Shelling went on overnight and into the morning.")
    assert rng(m) == ("2020-10-08", "2020-10-09", "day")
    assert all_of("Guests booked an overnight stay.") == []


def test_tonight_or_tomorrow_are_two_days():
    assert [rng(m)[0] for m in all_of("A truce could come tonight or tomorrow.")] == ["2020-10-09", "2020-10-10"]


# ---- months, years, decades -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "expected", "part", "relative"),
    [
        ("Trade slumped in September.", "September", ("2020-09-01", "2020-09-30", "month"), None, True),
        ("Trade slumped in March.", "March", ("2020-03-01", "2020-03-31", "month"), None, True),
        ("Trade slumped in late September.", "late September", ("2020-09-21", "2020-09-30", "month"), "late", True),
        ("Trade slumped in mid-September.", "mid-September", ("2020-09-11", "2020-09-20", "month"), "mid", True),
        ("Trade slumped last September.", "last September", ("2020-09-01", "2020-09-30", "month"), None, True),
        ("Trade will recover next March.", "next March", ("2021-03-01", "2021-03-31", "month"), None, True),
        ("Trade slumped in September 2019.", "September 2019", ("2019-09-01", "2019-09-30", "month"), None, False),
        ("Trade slumped in late 2019.", "late 2019", ("2019-09-01", "2019-12-31", "year"), "late", False),
        ("Trade slumped in mid-2018.", "mid-2018", ("2018-05-01", "2018-08-31", "year"), "mid", False),
        ("Trade slumped in 1994.", "1994", ("1994-01-01", "1994-12-31", "year"), None, False),
        ("Tensions date from a 1994 truce.", "1994", ("1994-01-01", "1994-12-31", "year"), None, False),
        ("It was built in the early 1990s.", "early 1990s", ("1990-01-01", "1993-12-31", "decade"), "early", False),
        ("It was built in the mid-1990s.", "mid-1990s", ("1994-01-01", "1996-12-31", "decade"), "mid", False),
        ("It was built in the 1980s.", "1980s", ("1980-01-01", "1989-12-31", "decade"), None, False),
        ("It was built in the '70s.", "'70s", ("1970-01-01", "1979-12-31", "decade"), None, False),
        ("The 2000 election was close.", "2000", ("2000-01-01", "2000-12-31", "year"), None, False),
    ],
)
def test_english_months_years_decades(text, mention, expected, part, relative):
    m = one(text)
    assert (m.text, rng(m), m.part, m.relative) == (mention, expected, part, relative)


@pytest.mark.parametrize(
    "text",
    [
        "The sides have clashed for decades.",
        "Talks lasted six hours.",
        "The siege lasted two weeks.",
        "Some 2,000 people fled.",
        "About 2000 households lost power.",
        "It costs 1999 dollars.",
        "Prices rose 12.50 per unit.",
        "The may hold.",
        "Growth was 2020 percent.",
    ],
)
def test_durations_counts_and_lookalikes_are_not_dates(text):
    assert all_of(text) == []


def test_url_paths_are_not_years():
    assert all_of("See https://example.org/2020/10/09/story-a1 for more.") == []


# ---- clock times -------------------------------------------------------------------------------


def test_clock_times_take_the_reference_day():
    m = one("Talks start from 1200 GMT in the capital.")
    assert (m.text, m.time, rng(m)) == ("1200 GMT", "12:00 GMT", ("2020-10-09", "2020-10-09", "time"))
    assert one("The curfew starts at noon.").time == "12:00"
    assert one("The curfew starts at midnight.").time == "00:00"
    assert one("The train left at 15:30 local time.").time == "15:30"


def test_a_clock_time_joins_the_day_next_to_it():
    m = one("The vote closes at 3 pm on Friday.")
    assert (m.text, m.time, m.granularity, m.first) == ("3 pm on Friday", "15:00", "time", FRI)
    m = one("Published: Saturday, 10 October, 2020 at 12:00 AM.")
    assert (m.text, m.time, m.first, m.relative) == (
        "Saturday, 10 October, 2020 at 12:00 AM",
        "00:00",
        date(2020, 10, 10),
        False,
    )
    m = one("Trading resumed Monday at 9:30 a.m. EDT.", ref=date(2020, 10, 14))
    assert (m.text, m.time, m.first) == ("Monday at 9:30 a.m. EDT", "09:30 EDT", date(2020, 10, 12))


def test_lone_clock_time_needs_a_reference():
    assert all_of("The session began at 15:30.", ref=None) == []


# ---- other languages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "de",
            "Am Freitag, 9. Oktober 2020, tagte der Rat.",
            [("Freitag, 9. Oktober 2020", "2020-10-09", "2020-10-09")],
        ),
        (
            "de",
            "Gestern Abend und Ende September gab es Streit.",
            [("Gestern Abend", "2020-10-08", "2020-10-08"), ("Ende September", "2020-09-21", "2020-09-30")],
        ),
        (
            "de",
            "Seit 1994 und Anfang der 1990er Jahre.",
            [("1994", "1994-01-01", "1994-12-31"), ("Anfang der 1990er Jahre", "1990-01-01", "1993-12-31")],
        ),
        (
            "de",
            "Letzten Freitag, am Donnerstagabend, morgen.",
            [
                ("Letzten Freitag", "2020-10-02", "2020-10-02"),
                ("Donnerstagabend", "2020-10-08", "2020-10-08"),
                ("morgen", "2020-10-10", "2020-10-10"),
            ],
        ),
        (
            "fr",
            "Le vendredi 9 octobre 2020, hier soir et fin septembre.",
            [
                ("vendredi 9 octobre 2020", "2020-10-09", "2020-10-09"),
                ("hier soir", "2020-10-08", "2020-10-08"),
                ("fin septembre", "2020-09-21", "2020-09-30"),
            ],
        ),
        (
            "fr",
            "Le 1er octobre, vendredi dernier, la semaine dernière.",
            [
                ("1er octobre", "2020-10-01", "2020-10-01"),
                ("vendredi dernier", "2020-10-02", "2020-10-02"),
                ("la semaine dernière", "2020-09-28", "2020-10-04"),
            ],
        ),
        (
            "fr",
            "Au début des années 1990 et fin du mois dernier.",
            [
                ("Au début des années 1990", "1990-01-01", "1993-12-31"),
                ("fin du mois dernier", "2020-09-21", "2020-09-30"),
            ],
        ),
        (
            "es",
            "El viernes 9 de octubre de 2020 y ayer.",
            [("viernes 9 de octubre de 2020", "2020-10-09", "2020-10-09"), ("ayer", "2020-10-08", "2020-10-08")],
        ),
        (
            "es",
            "El jueves pasado, a finales de septiembre, en los años 90.",
            [
                ("jueves pasado", "2020-10-08", "2020-10-08"),
                ("a finales de septiembre", "2020-09-21", "2020-09-30"),
                ("años 90", "1990-01-01", "1999-12-31"),
            ],
        ),
        (
            "it",
            "Venerdì 9 ottobre 2020, ieri sera e la settimana scorsa.",
            [
                ("Venerdì 9 ottobre 2020", "2020-10-09", "2020-10-09"),
                ("ieri sera", "2020-10-08", "2020-10-08"),
                ("la settimana scorsa", "2020-09-28", "2020-10-04"),
            ],
        ),
        (
            "pt",
            "Na sexta-feira, 9 de outubro de 2020, e ontem.",
            [("sexta-feira, 9 de outubro de 2020", "2020-10-09", "2020-10-09"), ("ontem", "2020-10-08", "2020-10-08")],
        ),
        (
            "ru",
            "В пятницу, 9 октября 2020 года, и вчера вечером.",
            [
                ("пятницу, 9 октября 2020 года", "2020-10-09", "2020-10-09"),
                ("вчера вечером", "2020-10-08", "2020-10-08"),
            ],
        ),
        (
            "ru",
            "В конце прошлого месяца, в начале 1990-х годов, в 1994 году.",
            [
                ("В конце прошлого месяца", "2020-09-21", "2020-09-30"),
                ("в начале 1990-х годов", "1990-01-01", "1993-12-31"),
                ("1994 году", "1994-01-01", "1994-12-31"),
            ],
        ),
        (
            "ru",
            "Встреча прошла в среду, на прошлой неделе.",
            [("среду", "2020-10-07", "2020-10-07"), ("на прошлой неделе", "2020-09-28", "2020-10-04")],
        ),
        (
            "pl",
            "W piątek 9 października 2020 r. i wczoraj.",
            [("piątek 9 października 2020 r.", "2020-10-09", "2020-10-09"), ("wczoraj", "2020-10-08", "2020-10-08")],
        ),
        (
            "tr",
            "9 Ekim 2020 Cuma günü ve dün akşam.",
            [
                ("9 Ekim 2020", "2020-10-09", "2020-10-09"),
                ("Cuma günü", "2020-10-09", "2020-10-09"),
                ("dün akşam", "2020-10-08", "2020-10-08"),
            ],
        ),
        (
            "tr",
            "Geçen hafta, Eylül ayında, 1994'te.",
            [
                ("Geçen hafta", "2020-09-28", "2020-10-04"),
                ("Eylül ayında", "2020-09-01", "2020-09-30"),
                ("1994'te", "1994-01-01", "1994-12-31"),
            ],
        ),
        (
            "nl",
            "Op vrijdag 9 oktober 2020, gisteren en eind september.",
            [
                ("vrijdag 9 oktober 2020", "2020-10-09", "2020-10-09"),
                ("gisteren", "2020-10-08", "2020-10-08"),
                ("eind september", "2020-09-21", "2020-09-30"),
            ],
        ),
        (
            "ar",
            "يوم الجمعة 9 أكتوبر 2020 وأواخر الشهر الماضي.",
            [("الجمعة 9 أكتوبر 2020", "2020-10-09", "2020-10-09"), ("أواخر الشهر الماضي", "2020-09-21", "2020-09-30")],
        ),
        (
            "zh",
            "2020年10月9日举行会谈，昨天和上周五，9月底。",
            [
                ("2020年10月9日", "2020-10-09", "2020-10-09"),
                ("昨天", "2020-10-08", "2020-10-08"),
                ("上周五", "2020-10-02", "2020-10-02"),
                ("9月底", "2020-09-21", "2020-09-30"),
            ],
        ),
        (
            "ja",
            "2020年10月9日金曜日に会談した。",
            [("2020年10月9日", "2020-10-09", "2020-10-09"), ("金曜日", "2020-10-09", "2020-10-09")],
        ),
        (
            "sv",
            "Fredag 9 oktober 2020 och igår.",
            [("Fredag 9 oktober 2020", "2020-10-09", "2020-10-09"), ("igår", "2020-10-08", "2020-10-08")],
        ),
        (
            "tr",
            "Pazar günü ve Cumartesi.",
            [("Pazar günü", "2020-10-04", "2020-10-04"), ("Cumartesi", "2020-10-03", "2020-10-03")],
        ),
        (
            "ar",
            "قال وأمس إن يوم الأحد هادئ.",
            [("أمس", "2020-10-08", "2020-10-08"), ("الأحد", "2020-10-04", "2020-10-04")],
        ),
        ("zh", "会议于12：30开始。", [("12：30", "2020-10-09", "2020-10-09")]),
    ],
)
def test_other_languages(lang, text, expected):
    assert [(m.text, m.first.isoformat(), m.last.isoformat()) for m in all_of(text, lang)] == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Die Minister trafen sich am Morgen."),  # "die" is not Dienstag, "Morgen" is the morning
        ("es", "Plácido Domingo cantó en el teatro."),
        ("ru", "Защита окружающую среду важна."),  # "среду" as environment, no "в"
        ("tr", "Pazar yerinde fiyatlar arttı."),  # "pazar" as market
    ],
)
def test_other_languages_lookalikes(lang, text):
    assert all_of(text, lang) == []


def test_language_codes_are_normalised():
    assert rng(one("Ministers met on Thursday.", "en-GB")) == rng(one("Ministers met on Thursday.", "EN"))
    assert one("Ontem houve reunião.", "pt_BR").first == date(2020, 10, 8)
    assert one("Ministers met on Thursday.", None).first == date(2020, 10, 8)  # type: ignore[arg-type]


def test_finder_reuse_gives_the_same_mentions():
    finder = DateFinder()
    for text, lang in [("Ministers met on Friday, 9 October 2020.", "en"), ("Gestern und am 9. Oktober.", "de")]:
        assert find_dates(text, language=lang, reference=FRI, finder=finder) == find_dates(
            text, language=lang, reference=FRI
        )


def test_empty_text():
    assert find_dates("", reference=FRI) == []


# ---- the real example pair (skipped without ../shared) ----------------------------------------


@pytest.mark.shared
def test_example_pair(shared_pair):
    mt_path, bd_path = shared_pair
    mt = all_of(mt_path.read_text(encoding="utf-8"), ref=FRI)
    by_text = {}
    for m in mt:
        by_text.setdefault(m.text, []).append(m)
    assert rng(by_text["Friday"][0]) == ("2020-10-09", "2020-10-09", "day")
    assert [(rng(m), m.part) for m in by_text["late Thursday"]] == [(("2020-10-08", "2020-10-08", "day"), "late")]
    assert by_text["late on Thursday"][0].first == date(2020, 10, 8)
    assert rng(by_text["late last month"][0]) == ("2020-09-21", "2020-09-30", "month")
    assert (rng(by_text["early 1990s"][0]), by_text["early 1990s"][0].part) == (
        ("1990-01-01", "1993-12-31", "decade"),
        "early",
    )
    assert rng(by_text["1994"][0]) == ("1994-01-01", "1994-12-31", "year")
    assert rng(by_text["October 8, 2020"][0]) == ("2020-10-08", "2020-10-08", "day")
    assert rng(by_text["this week"][0]) == ("2020-10-05", "2020-10-11", "week")
    assert rng(by_text["tonight"][0])[0] == "2020-10-09" and rng(by_text["tomorrow"][0])[0] == "2020-10-10"
    assert not any("decade" in m.text for m in mt)

    bd = all_of(bd_path.read_text(encoding="utf-8"), ref=FRI)  # the reprint's dateline day
    gmt = [m for m in bd if m.text == "1200 GMT"]
    assert [(m.time, rng(m)) for m in gmt] == [("12:00 GMT", ("2020-10-09", "2020-10-09", "time"))]
    assert [rng(m) for m in bd if m.text == "overnight"] == [("2020-10-08", "2020-10-09", "day")]
    assert [rng(m) for m in bd if m.text == "Friday"] == [("2020-10-09", "2020-10-09", "day")] * 2
