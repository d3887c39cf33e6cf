"""Entities and places: recognisers' spans resolved to keys that match across languages."""

from __future__ import annotations

import pytest

from samestory.analyze.entities import EntityExtractor, resolve_mentions
from samestory.analyze.gazetteer import Gazetteer
from samestory.analyze.recognizers import RawMention
from samestory.errors import ConfigError


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def mention(text: str, phrase: str, label: str, nth: int = 0) -> RawMention:
    s = -1
    for _ in range(nth + 1):
        s = text.index(phrase, s + 1)
    return RawMention(s, s + len(phrase), label)


def test_model_mistakes_are_corrected_by_the_gazetteer(gaz):
    t = "Azerbaijani President Ilham Aliyev spoke about Karabakh and the Nagorno-Karabakh region."
    raw = [
        mention(t, "Azerbaijani", "PERSON"),  # small models often call a demonym a person
        mention(t, "Ilham Aliyev", "PERSON"),
        mention(t, "Karabakh", "PERSON"),
        mention(t, "Nagorno-Karabakh", "ORG"),
    ]
    ents, places = resolve_mentions(t, raw, "en", gaz)
    assert [(e.label, e.key) for e in ents] == [("NORP", "norp:AZ"), ("PERSON", "person:aliyev")]
    assert [(p.text, p.key, p.country) for p in places] == [
        ("Karabakh", "region:nagorno-karabakh", "AZ"),
        ("Nagorno-Karabakh", "region:nagorno-karabakh", "AZ"),
    ]


def test_fullest_name_and_surname_propagation(gaz):
    t = "Prime Minister Nikol Pashinyan met Vladimir Putin. Later Pashinyan and Putin spoke."
    raw = [mention(t, "Nikol Pashinyan", "PERSON"), mention(t, "Vladimir Putin", "PERSON")]
    ents, _ = resolve_mentions(t, raw, "en", gaz)
    people = [(e.text, e.key, e.name) for e in ents if e.label == "PERSON"]
    assert people == [
        ("Nikol Pashinyan", "person:pashinyan", "Nikol Pashinyan"),
        ("Vladimir Putin", "person:putin", "Vladimir Putin"),
        ("Pashinyan", "person:pashinyan", "Nikol Pashinyan"),
        ("Putin", "person:putin", "Vladimir Putin"),
    ]


def test_possessives_articles_and_quotes_are_trimmed(gaz):
    t = "President Emmanuel Macron's office and the \"Minsk Group said so."
    raw = [mention(t, "Emmanuel Macron's", "PERSON"), mention(t, 'the "Minsk Group', "ORG")]
    ents, _ = resolve_mentions(t, raw, "en", gaz)
    assert [(e.text, e.key) for e in ents] == [
        ("Emmanuel Macron", "person:macron"),
        ("Minsk Group", "org:osce-minsk-group"),
    ]
    for e in ents:
        assert t[e.start : e.end] == e.text


def test_handles_and_junk_are_dropped(gaz):
    t = "Photo by @BILD via http://x.example today."
    ents, places = resolve_mentions(t, [mention(t, "@BILD", "ORG"), mention(t, "today", "PLACE")], "en", gaz)
    assert ents == [] and places == []


def test_unknown_places_are_kept_as_other(gaz):
    t = "They met at the Ghazanchetsots Cathedral in Shushi."
    _, places = resolve_mentions(t, [mention(t, "Ghazanchetsots Cathedral", "FAC")], "en", gaz)
    assert [(p.key, p.kind) for p in places] == [("place:ghazanchetsots-cathedral", "other"), ("city:shusha", "city")]


def test_heuristic_recogniser_without_a_model():
    x = EntityExtractor(ner="gazetteer")
    t = "Le ministre Dorin Vasilescu est arrivé à Vienne. Selon Vasilescu, la France et l'Autriche ont signé."
    ents, places = x.extract(t, "fr")
    assert ("PERSON", "person:vasilescu") in {(e.label, e.key) for e in ents}
    assert {p.key for p in places} >= {"country:FR", "country:AT", "city:2761369"}  # Vienne = Vienna


def test_unknown_ner_name_is_a_config_error():
    with pytest.raises(ConfigError, match="ner must be one of"):
        EntityExtractor(ner="bert")


@pytest.mark.slow
def test_spacy_english():
    t = (
        "Armenian and Azerbaijani defense officials said Russian President Vladimir Putin announced "
        "the meeting in Moscow late Thursday. Putin spoke to reporters in Geneva."
    )
    ents, places = EntityExtractor().extract(t, "en")
    assert {"person:putin", "norp:AM", "norp:AZ", "norp:RU"} <= {e.key for e in ents}
    assert [p.name for p in places] == ["Moscow", "Geneva"]
    putin = [e for e in ents if e.key == "person:putin"]
    assert len(putin) == 2 and all(e.name == "Vladimir Putin" for e in putin)


@pytest.mark.slow
def test_natasha_russian_matches_english_keys():
    t = (
        "Президент России Владимир Путин встретился в Москве с министрами Армении и Азербайджана. "
        "Путина поддержал Лавров."
    )
    ents, places = EntityExtractor().extract(t, "ru")
    assert {e.key for e in ents if e.label == "PERSON"} >= {"person:putin", "person:lavrov"}
    assert {p.key for p in places} >= {"country:RU", "city:524901", "country:AM", "country:AZ"}


@pytest.mark.slow
def test_spacy_french_and_spanish():
    fr = "Le président Emmanuel Macron a reçu à Paris le ministre allemand."
    es = "El presidente Pedro Sánchez viajó a Madrid con la agencia EFE."
    ents_fr, places_fr = EntityExtractor().extract(fr, "fr")
    ents_es, places_es = EntityExtractor().extract(es, "es")
    assert "person:macron" in {e.key for e in ents_fr} and "Paris" in {p.name for p in places_fr}
    assert "person:sanchez" in {e.key for e in ents_es} and "Madrid" in {p.name for p in places_es}


def test_time_zones_are_not_organisations(gaz):
    t = "The ministers would hold talks in Moscow from 1200 GMT."
    ents, _ = resolve_mentions(t, [mention(t, "GMT", "ORG")], "en", gaz)
    assert ents == []


def test_capitalised_common_words_are_not_places(gaz):
    t = "Algae blooms in the Black Sea killed fish. The algae spread along the Danube."
    _, places = resolve_mentions(t, [mention(t, "Algae", "PLACE"), mention(t, "Danube", "PERSON")], "en", gaz)
    assert [(p.text, p.key) for p in places] == [("Black Sea", "region:black-sea"), ("Danube", "river:danube")]
