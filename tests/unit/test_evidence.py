"""Evidence across languages: the same figures and places in an English and a Russian report."""

from __future__ import annotations

from datetime import date

import pytest

from samestory.analyze.pipeline import Analyzer
from samestory.compare.evidence import gather_evidence
from samestory.config import AnalyzeConfig
from samestory.ingest.article import Article

EN = (
    "Ten countries along the Danube signed a plan in Vienna on Thursday. Some 80 million people live "
    "in the basin and the plan will cost 1.2 billion euros."
)
RU = (
    "Десять придунайских стран подписали в четверг в Вене план. В бассейне живут около 80 миллионов "
    "человек, а план обойдётся в 1,2 миллиарда евро."
)


@pytest.mark.slow
def test_numbers_and_places_match_across_languages():
    analyzer = Analyzer(AnalyzeConfig())
    a = analyzer.analyze(Article(id="en", text=EN, published=date(2024, 3, 14)))
    b = analyzer.analyze(Article(id="ru", text=RU, published=date(2024, 3, 14)))
    assert (a.language, b.language) == ("en", "ru")
    ev = gather_evidence(a, b)
    shared_numbers = {i.key for i in ev.numbers.shared}
    assert "count:80000000" in shared_numbers
    assert any(k.startswith("money:1200000000") for k in shared_numbers)
    assert "city:2761369" in {i.key for i in ev.places.shared}  # Vienna = Вена
    assert "2024-03-14" in {i.key for i in ev.dates.shared}  # "on Thursday" = "в четверг"
