"""Language identification on short news texts in several languages and scripts."""

from __future__ import annotations

import pytest

from samestory.analyze.language import LanguageDetector


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Ten countries along the Danube agreed on Thursday to cut pollution.", "en"),
        ("Zehn Donaustaaten einigten sich am Donnerstag in Wien auf einen Plan.", "de"),
        ("Dix pays riverains du Danube se sont mis d'accord jeudi à Vienne.", "fr"),
        ("Diez países del Danubio acordaron el jueves en Viena un plan.", "es"),
        ("Десять придунайских стран договорились в четверг в Вене.", "ru"),
        ("اتفقت عشر دول على ضفاف نهر الدانوب يوم الخميس في فيينا", "ar"),
        ("多瑙河沿岸十国周四在维也纳达成协议。", "zh"),
        ("Tuna kıyısındaki on ülke perşembe günü Viyana'da anlaştı.", "tr"),
    ],
)
def test_detects(detector, text, lang):
    code, score = detector.detect(text)
    assert code == lang and 0.0 < score <= 1.0


def test_newlines_and_long_text(detector):
    assert detector.detect("First line.\n\nSecond line of an English article.\n" * 500)[0] == "en"


def test_no_letters_is_undetermined(detector):
    assert detector.detect("") == ("und", 0.0)
    assert detector.detect("12 345 -- !!") == ("und", 0.0)
