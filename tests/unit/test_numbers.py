"""find_numbers: handwritten, fictional sentences with exact values, kinds and keys."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from samestory.analyze.dates import find_dates
from samestory.analyze.numbers import NumberFinder, find_numbers, value_key
from samestory.analyze.types import NumberMention


def all_of(text: str, lang: str = "en", exclude=()) -> list[NumberMention]:
    found = find_numbers(text, language=lang, exclude=exclude)
    for n in found:
        assert text[n.start : n.end] == n.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    return found


def one(text: str, lang: str = "en") -> NumberMention:
    found = all_of(text, lang)
    assert len(found) == 1, found
    return found[0]


def summary(n: NumberMention) -> tuple:
    return n.text, n.value, n.kind, n.counted, n.key, n.approx, n.unit


# ---- English figures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The floods claimed some 400 lives this spring.",
            ("some 400 lives", 400, "count", "lives", "count:400:life", True, None),
        ),
        (
            "The town has 140,000 residents and one bridge.",
            ("140,000 residents", 140000, "count", "residents", "count:140000:resident", False, None),
        ),
        (
            "The army reported 350 military deaths.",
            ("350 military deaths", 350, "count", "military deaths", "count:350:death", False, None),
        ),
        (
            "At least 12 killed when the roof fell.",
            ("At least 12 killed", 12, "count", "killed", "count:12:death", True, None),
        ),
        (
            "More than 1,000 cases were logged.",
            ("More than 1,000 cases", 1000, "count", "cases", "count:1000:case", True, None),
        ),
        (
            "Up to 300-400 people queued.",
            ("Up to 300-400 people", 300, "count", "people", "count:300:people", True, None),
        ),
        (
            "Roughly 400-odd soldiers stayed.",
            ("Roughly 400-odd soldiers", 400, "count", "soldiers", "count:400:soldier", True, None),
        ),
        (
            "Nearly 1.5 million people voted.",
            ("Nearly 1.5 million people", 1.5e6, "count", "people", "count:1500000:people", True, None),
        ),
        (
            "A further 2,500 more troops were sent.",
            ("2,500 more troops", 2500, "count", "troops", "count:2500:soldier", False, None),
        ),
    ],
)
def test_english_counts(text, expected):
    assert summary(one(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Donors pledged $2.5 billion on Monday.",
            ("$2.5 billion", 2.5e9, "money", None, "money:2500000000:USD", False, "USD"),
        ),
        ("The bank lent €40m to the city.", ("€40m", 4e7, "money", None, "money:40000000:EUR", False, "EUR")),
        ("It raised USD 3 million in May.", ("USD 3 million", 3e6, "money", None, "money:3000000:USD", False, "USD")),
        (
            "A fine of 2 million roubles was set.",
            ("2 million roubles", 2e6, "money", None, "money:2000000:RUB", False, "RUB"),
        ),
        ("Tickets cost £15 each.", ("£15", 15, "money", None, "money:15:GBP", False, "GBP")),
        (
            "The budget is about a million dollars.",
            ("about a million dollars", 1e6, "money", None, "money:1000000:USD", True, "USD"),
        ),
    ],
)
def test_english_money(text, expected):
    assert summary(one(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turnout reached 90 percent.", ("90 percent", 90, "percent", None, "percent:90:", False, None)),
        ("Turnout reached 90 per cent.", ("90 per cent", 90, "percent", None, "percent:90:", False, None)),
        ("Turnout reached 90%.", ("90%", 90, "percent", None, "percent:90:", False, None)),
        ("Rates rose 3 percentage points.", ("3 percentage points", 3, "percent", None, "percent:3:", False, "pp")),
        (
            "It fled with some 90 percent of its cattle.",
            ("some 90 percent of its cattle", 90, "percent", "cattle", "percent:90:cattl", True, None),
        ),
        (
            "A 7.5 per cent stake was sold.",
            ("7.5 per cent stake", 7.5, "percent", "stake", "percent:7.5:stake", False, None),
        ),
        (
            "They met half of the residents.",
            ("half of the residents", 50, "percent", "residents", "percent:50:resident", False, None),
        ),
        (
            "Around two-thirds of voters agreed.",
            ("Around two-thirds of voters", 200 / 3, "percent", "voters", "percent:66.6667:voter", True, None),
        ),
    ],
)
def test_english_percent(text, expected):
    assert summary(one(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The hamlet lies 20 kilometer from the border.",
            ("20 kilometer", 20, "quantity", None, "quantity:20:km", False, "km"),
        ),
        ("The hamlet lies 20 km from the border.", ("20 km", 20, "quantity", None, "quantity:20:km", False, "km")),
        ("The ship carried 5 tonnes of rice.", ("5 tonnes", 5, "quantity", None, "quantity:5:t", False, "t")),
        ("The plant makes 2,000 MW at peak.", ("2,000 MW", 2000, "quantity", None, "quantity:2000:MW", False, "MW")),
        (
            "Output hit 2bn barrels last year.",
            ("2bn barrels", 2e9, "quantity", None, "quantity:2000000000:bbl", False, "bbl"),
        ),
        (
            "The meeting lasted some six hours.",
            ("some six hours", 6, "quantity", None, "quantity:6:hour", True, "hour"),
        ),
        (
            "They fought for nearly two weeks.",
            ("nearly two weeks", 2, "quantity", None, "quantity:2:week", True, "week"),
        ),
        ("A 25-year-old driver was held.", ("25-year-old", 25, "quantity", None, "quantity:25:age", False, "age")),
        ("They agreed a 10-day truce.", ("10-day", 10, "quantity", None, "quantity:10:day", False, "day")),
    ],
)
def test_english_quantities(text, expected):
    assert summary(one(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dozens of farmers marched.", ("Dozens of farmers", 24, "count", "farmers", "count:24:farmer", True, None)),
        (
            "Hundreds of demonstrators sang.",
            ("Hundreds of demonstrators", 200, "count", "demonstrators", "count:200:protester", True, None),
        ),
        (
            "Tens of thousands of people fled.",
            ("Tens of thousands of people", 2e4, "count", "people", "count:20000:people", True, None),
        ),
        (
            "Twenty-five people were rescued.",
            ("Twenty-five people", 25, "count", "people", "count:25:people", False, None),
        ),
        (
            "Two hundred and fifty troops left.",
            ("Two hundred and fifty troops", 250, "count", "troops", "count:250:soldier", False, None),
        ),
        ("She bought a dozen eggs.", ("a dozen eggs", 12, "count", "eggs", "count:12:egg", False, None)),
        ("The two countries signed.", ("two countries", 2, "count", "countries", "count:2:country", False, None)),
    ],
)
def test_english_words_and_vague_quantities(text, expected):
    assert summary(one(text)) == expected


def test_ordinals_only_in_digit_form():
    n = one("He lost the 3rd round and the first set.")
    assert summary(n) == ("3rd round", 3, "ordinal", "round", "ordinal:3:round", False, None)


@pytest.mark.parametrize(
    "text",
    [
        "The G20 summit and COVID-19 rules.",
        "F-16 jets flew over.",
        "A 5G mast burned.",
        "Call +7 495 123 45 67 now.",
        "Call 555-123-4567 now.",
        "Kick-off at 12:00 sharp.",
        "It ended 3:1 after extra time.",
        "Update to version 1.2.3 today.",
        "Open 24/7 all year.",
        "Article 5 applies.",
        "No. 10 said nothing.",
        "Flight 752 crashed.",
        "See https://example.org/2020/item-44 for more.",
        "Follow @user42 and #tag2020.",
        "One of them left.",
        "Thousands gathered.",
        "Half the town slept.",
        "The EU TEN network grew.",
        "Rates fell to zero.",
    ],
)
def test_identifiers_and_lookalikes_are_skipped(text):
    assert all_of(text) == []


def test_list_numbering_is_skipped():
    assert [n.text for n in all_of("Plan:\n1. Build 40 homes\n2) Hire staff")] == ["40 homes"]


# ---- keys --------------------------------------------------------------------------------------


def test_approximators_share_the_key_and_nouns_split_it():
    a, b, c = one("They lost 400 lives."), one("They lost some 400 lives."), one("They lost 400 soldiers.")
    assert a.key == b.key == "count:400:life" and a.key != c.key
    assert (a.approx, b.approx) == (False, True)


@pytest.mark.parametrize(
    "text",
    [
        "The city of 140,000 residents.",
        "The city of 140 000 residents.",
        "The city of 140\u00a0000 residents.",
        "The city of 140\u202f000 residents.",
    ],
)
def test_thousands_separators(text):
    n = one(text)
    assert (n.value, n.key) == (140000, "count:140000:resident")


def test_same_figure_across_languages_shares_a_key():
    en = one("The city of 140,000 residents.")
    de = one("Die Stadt hat 140.000 Einwohner.", "de")
    ru = one("В городе 140 000 жителей.", "ru")
    assert en.key == de.key == ru.key == "count:140000:resident"
    assert one("They lost some 400 lives.").key == one("Погибли около 400 жизней.", "ru").key == "count:400:life"
    assert one("Dozens of civilians fled.").key == one("Des dizaines de civils ont fui.", "fr").key


def test_value_key_drops_the_noun_but_keeps_units():
    assert value_key(one("They lost 400 lives.")) == "count:400"
    assert value_key(one("Over 400 Soldaten fielen.", "de")) == "count:400"
    assert value_key(one("Donors pledged $2.5 billion.")) == "money:2500000000:USD"


@pytest.mark.parametrize(
    ("lang", "raw", "value"),
    [
        ("en", "1.500", 1.5),
        ("de", "1.500", 1500),
        ("en", "1,500", 1500),
        ("de", "1,5", 1.5),
        ("de", "1.234,5", 1234.5),
        ("en", "1,234.5", 1234.5),
        ("en", "0.125", 0.125),
        ("fr", "1 234,5", 1234.5),
        ("es", "2.000.000", 2e6),
    ],
)
def test_decimal_conventions(lang, raw, value):
    assert one(f"x {raw} y", lang).value == pytest.approx(value)


# ---- exclude -----------------------------------------------------------------------------------


def test_excluded_spans_are_skipped():
    text = "Since 1994 some 400 people left; on Oct 9 140 000 residents stayed."
    dates = find_dates(text, reference=date(2020, 10, 10))
    exclude = [(d.start, d.end) for d in dates]
    assert [d.text for d in dates] == ["1994", "Oct 9"]
    found = all_of(text, exclude=exclude)
    assert [(n.text, n.value) for n in found] == [("some 400 people", 400), ("140 000 residents", 140000)]
    assert not any(n.start < e and s < n.end for n in found for s, e in exclude)


# ---- other languages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "de",
            "Etwa 140.000 Einwohner und 1,5 Millionen Menschen.",
            [
                ("Etwa 140.000 Einwohner", 140000, "count:140000:resident", True),
                ("1,5 Millionen Menschen", 1.5e6, "count:1500000:people", False),
            ],
        ),
        (
            "de",
            "2 Mrd. Euro, 3,5 Mio. Dollar und 90 Prozent der Frauen.",
            [
                ("2 Mrd. Euro", 2e9, "money:2000000000:EUR", False),
                ("3,5 Mio. Dollar", 3.5e6, "money:3500000:USD", False),
                ("90 Prozent der Frauen", 90, "percent:90:woman", False),
            ],
        ),
        (
            "fr",
            "Environ 400 personnes tuées et 2 millions d'euros.",
            [
                ("Environ 400 personnes tuées", 400, "count:400:people", True),
                ("2 millions d'euros", 2e6, "money:2000000:EUR", False),
            ],
        ),
        (
            "fr",
            "Des dizaines de civils et 90 % des femmes.",
            [
                ("Des dizaines de civils", 24, "count:24:civilian", True),
                ("90 % des femmes", 90, "percent:90:woman", False),
            ],
        ),
        (
            "es",
            "Unos 400 muertos y 3.000 millones de dólares.",
            [
                ("Unos 400 muertos", 400, "count:400:death", True),
                ("3.000 millones de dólares", 3e9, "money:3000000000:USD", False),
            ],
        ),
        (
            "es",
            "El 90 por ciento de las mujeres y la mitad de los residentes.",
            [
                ("90 por ciento de las mujeres", 90, "percent:90:woman", False),
                ("la mitad de los residentes", 50, "percent:50:resident", False),
            ],
        ),
        (
            "it",
            "Circa 400 persone e 2 milioni di euro.",
            [
                ("Circa 400 persone", 400, "count:400:people", True),
                ("2 milioni di euro", 2e6, "money:2000000:EUR", False),
            ],
        ),
        (
            "pt",
            "Cerca de 400 pessoas e R$ 3 bi.",
            [("Cerca de 400 pessoas", 400, "count:400:people", True), ("R$ 3 bi", 3e9, "money:3000000000:BRL", False)],
        ),
        (
            "ru",
            "Около 400 жизней, 2 млн рублей и 90 процентов женщин.",
            [
                ("Около 400 жизней", 400, "count:400:life", True),
                ("2 млн рублей", 2e6, "money:2000000:RUB", False),
                ("90 процентов женщин", 90, "percent:90:woman", False),
            ],
        ),
        (
            "ru",
            "Десятки мирных жителей и 3-й раунд.",
            [("Десятки мирных жителей", 24, "count:24:resident", True), ("3-й раунд", 3, "ordinal:3:раунд", False)],
        ),
        (
            "pl",
            "Około 400 osób i 2 mln zł.",
            [("Około 400 osób", 400, "count:400:people", True), ("2 mln zł", 2e6, "money:2000000:PLN", False)],
        ),
        (
            "tr",
            "Yaklaşık 400 kişi, yüzde 90 ve %75.",
            [
                ("Yaklaşık 400 kişi", 400, "count:400:people", True),
                ("yüzde 90", 90, "percent:90:", False),
                ("%75", 75, "percent:75:", False),
            ],
        ),
        (
            "tr",
            "2 milyon lira ve 400'den fazla asker.",
            [
                ("2 milyon lira", 2e6, "money:2000000:TRY", False),
                ("400'den fazla asker", 400, "count:400:soldier", True),
            ],
        ),
        (
            "nl",
            "Ongeveer 400 mensen en tientallen burgers.",
            [
                ("Ongeveer 400 mensen", 400, "count:400:people", True),
                ("tientallen burgers", 24, "count:24:civilian", True),
            ],
        ),
        (
            "ar",
            "حوالي 400 شخص و2 مليون دولار.",
            [("حوالي 400 شخص", 400, "count:400:people", True), ("2 مليون دولار", 2e6, "money:2000000:USD", False)],
        ),
        ("ar", "قتل ١٤٠ شخصا", [("١٤٠ شخصا", 140, "count:140:people", False)]),
        (
            "zh",
            "约400人死亡，1.5亿美元，数百名士兵。",
            [
                ("约400人", 400, "count:400:people", True),
                ("1.5亿美元", 1.5e8, "money:150000000:USD", False),
                ("数百名士兵", 200, "count:200:soldier", True),
            ],
        ),
    ],
)
def test_other_languages(lang, text, expected):
    assert [(n.text, n.value, n.key, n.approx) for n in all_of(text, lang)] == expected


def test_unknown_language_still_reads_digits_and_percent():
    found = all_of("Kaupungissa on 140 000 asukasta ja 90 %.", "fi")
    assert [(n.value, n.kind) for n in found] == [(140000, "count"), (90, "percent")]


def test_finder_reuse_gives_the_same_mentions():
    finder = NumberFinder()
    for text, lang in [("Some 400 lives and $2.5 billion.", "en"), ("Etwa 1.500 Soldaten.", "de")]:
        assert find_numbers(text, language=lang, finder=finder) == find_numbers(text, language=lang)


def test_empty_text():
    assert find_numbers("") == []


# ---- the real example pair (skipped without ../shared) ----------------------------------------


@pytest.mark.shared
def test_example_pair(shared_pair):
    keys = []
    for path in shared_pair:
        text = path.read_text(encoding="utf-8")
        dates = find_dates(text, reference=date(2020, 10, 9))
        found = all_of(text, exclude=[(d.start, d.end) for d in dates])
        keys.append({n.key: n for n in found})
    mt, bd = keys
    assert mt["count:400:life"].approx and bd["count:400:life"].approx
    assert mt["count:140000:resident"].counted == "residents"
    assert mt["percent:90:woman"].approx
    assert mt["count:350:death"].value == 350
    assert mt["count:24:civilian"].approx
    assert mt["quantity:6:hour"].approx
    assert "count:2000:people" in mt and "count:2000:people" in bd
    assert not any(k.startswith(("count:1994", "count:2020", "count:1200")) for k in [*mt, *bd])
