"""Keys that make one entity match across spellings, languages and scripts."""

from __future__ import annotations

import pytest

from samestory.analyze.names import alias_form, clean_span, fold, org_key, person_key, strip_titles


@pytest.mark.parametrize(
    "name,key",
    [
        ("Vladimir Putin", "person:putin"),
        ("Putin", "person:putin"),
        ("Путин", "person:putin"),
        ("President Putin's", "person:putin"),
        ("Emmanuel Macron’s", "person:macron"),
        ("Martin Luther King Jr.", "person:king"),
        ("Recep Tayyip Erdoğan", "person:erdogan"),
    ],
)
def test_person_key(name, key):
    assert person_key(name) == key


def test_person_key_needs_letters():
    assert person_key("123") is None
    assert person_key("") is None


def test_clean_span_and_titles():
    assert clean_span('the "Minsk Group') == "Minsk Group"
    assert clean_span("Azerbaijan's") == "Azerbaijan"
    assert strip_titles("Prime Minister Nikol Pashinyan") == "Nikol Pashinyan"
    assert strip_titles("President") == "President"  # only titles: kept


def test_fold_and_alias_form():
    assert fold("Nagorno-Karabakh") == "nagorno-karabakh"
    assert fold("Москва") == "moskva"
    assert alias_form("Nagorno-Karabakh") == alias_form("nagorno  karabakh") == "nagorno karabakh"
    assert alias_form("Côte d’Ivoire") == "côte d'ivoire"
    assert org_key("the Armenian defense ministry") == "org:armenian-defense-ministry"
