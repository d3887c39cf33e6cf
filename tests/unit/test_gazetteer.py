"""The gazetteer: places across names, languages and scripts; demonyms; organisations; scanning."""

from __future__ import annotations

import pytest

from samestory.analyze.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    "name,key,country",
    [
        ("Karabakh", "region:nagorno-karabakh", "AZ"),
        ("Nagorno-Karabakh", "region:nagorno-karabakh", "AZ"),
        ("Нагорный Карабах", "region:nagorno-karabakh", "AZ"),
        ("Moscow", "city:524901", "RU"),
        ("Москва", "city:524901", "RU"),
        ("Moskau", "city:524901", "RU"),
        ("莫斯科", "city:524901", "RU"),
        ("Москве", "city:524901", "RU"),  # Russian locative case
        ("Moskova'da", "city:524901", "RU"),  # Turkish suffix
        ("بموسكو", "city:524901", "RU"),  # Arabic prefix "in"
        ("the United States", "country:US", "US"),
        ("U.S.", "country:US", "US"),
        ("Deutschland", "country:DE", "DE"),
        ("Germany's", "country:DE", "DE"),
        ("Geneva", "city:2660646", "CH"),  # the Swiss city, not the smaller US town
        ("Stepanakert", "city:stepanakert", "AZ"),
        ("New York", "city:5128581", "US"),  # the city over the state
        ("Gaza", "region:gaza-strip", "PS"),
    ],
)
def test_place_lookup(gaz, name, key, country):
    p = gaz.place(name)
    assert p is not None, name
    assert (p.key, p.country) == (key, country)


def test_acronyms_match_only_as_written(gaz):
    assert gaz.place("US") is not None
    assert gaz.place("us") is None
    assert gaz.organisation("UN").key == "org:un"
    assert gaz.organisation("un") is None


def test_demonyms(gaz):
    assert gaz.demonym("Armenian") == "AM"
    assert gaz.demonym("Azerbaijanis") == "AZ"
    assert gaz.demonym("Kurdish") == "region:kurdistan"
    assert gaz.demonym("pro-Turkish") is None


def test_organisations_across_languages(gaz):
    assert gaz.organisation("ООН").key == gaz.organisation("United Nations").key == "org:un"
    assert gaz.organisation("the Kremlin").key == gaz.organisation("Кремль").key == "org:kremlin"
    assert gaz.organisation("OSCE Minsk Group").key == gaz.organisation('the "Minsk Group').key


def found(gaz, text, starts=frozenset()):
    return [(text[m.start : m.end], m.what) for m in gaz.scan(text, sentence_starts=starts)]


def test_scan_finds_places_orgs_and_demonyms(gaz):
    t = "Talks in Geneva between Armenian and Azerbaijani envoys were hosted by the United Nations."
    assert found(gaz, t, frozenset({0})) == [
        ("Geneva", "place"),
        ("Armenian", "norp"),
        ("Azerbaijani", "norp"),
        ("United Nations", "org"),
    ]


def test_scan_avoids_common_words_and_names(gaz):
    # "Mobile", "Police" and "Reading" are towns; "Vladimir" is a Russian city; "Turkish" a demonym
    t = "Mobile phones rang. Police said so. Reading was fun. Vladimir Putin met pro-Turkish fighters."
    assert found(gaz, t, frozenset({0, 20, 36, 53})) == []


def test_scan_longest_match_and_connectors(gaz):
    t = "Ships crossed the Strait of Hormuz and the Gulf of Mexico, then Bosnia and Herzegovina voted."
    names = [n for n, _ in found(gaz, t)]
    assert names == ["Strait of Hormuz", "Gulf of Mexico", "Bosnia and Herzegovina"]


def test_scan_uncased_scripts(gaz):
    t = "新华社北京报道，俄罗斯总统在莫斯科。الرئيس في موسكو"
    assert [n for n, _ in found(gaz, t)] == ["新华社", "北京", "俄罗斯", "莫斯科", "موسكو"]


def test_scan_dotted_acronyms(gaz):
    t = "Officials in the U.S. and the UK met U.N. envoys."
    assert found(gaz, t) == [("U.S.", "place"), ("UK", "place"), ("U.N.", "org")]
