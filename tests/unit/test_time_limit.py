"""The per-article time limit of the analysis: the timer itself, then the analyser around it."""

from __future__ import annotations

import re
import signal
import threading
import time

import pytest

from samestory.analyze.limit import AnalysisTimeout, can_limit, time_limit
from samestory.analyze.pipeline import Analyzer
from samestory.config import AnalyzeConfig
from samestory.errors import AnalysisError, ConfigError, MissingDependencyError
from samestory.ingest.article import Article


def test_a_busy_loop_is_stopped_at_the_limit():
    started = time.monotonic()
    with pytest.raises(AnalysisTimeout, match=r"time limit of 0\.2 s"), time_limit(0.2):
        while True:
            pass
    assert time.monotonic() - started < 5
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_catastrophic_regular_expression_is_stopped():
    with pytest.raises(AnalysisTimeout), time_limit(0.2):
        re.match(r"(a+)+$", "a" * 40 + "b")


def test_work_within_the_limit_is_untouched_and_no_late_signal_arrives():
    previous = signal.getsignal(signal.SIGALRM)
    with time_limit(0.3):
        total = sum(range(1000))
    time.sleep(0.4)  # a timer left armed would fire here
    assert total == 499500
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize("seconds", [0, None])
def test_no_limit(seconds):
    with time_limit(seconds):
        time.sleep(0.05)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


class _Outer(Exception):
    pass


def _raise_outer(signum, frame):
    raise _Outer


def test_an_outer_limit_goes_on_after_an_inner_one():
    previous = signal.signal(signal.SIGALRM, _raise_outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        with time_limit(1.0):
            pass
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 3.0 < left <= 5.0
        # an outer limit that ends first keeps precedence: its own handler fires
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with pytest.raises(_Outer), time_limit(10.0):
            time.sleep(3)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_off_the_main_thread_the_limit_is_not_armed():
    seen: dict[str, object] = {}

    def run():
        seen["can"] = can_limit()
        with time_limit(0.05):
            time.sleep(0.2)
        seen["done"] = True

    t = threading.Thread(target=run)
    t.start()
    t.join()
    assert seen == {"can": False, "done": True}


# -- the analyser ------------------------------------------------------------------------------
class _Extractor:
    """Finds nothing; sleeps on texts saying SLOW and fails on texts saying BAD."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.loaded: set[str] = set()
        self.fail = fail

    def load(self, languages):
        self.loaded |= set(languages)

    def extract(self, text, language):
        return self.extract_many([text], [language])[0]

    def extract_many(self, texts, languages):
        for t in texts:
            if "SLOW" in t:
                time.sleep(30)
            if "BAD" in t:
                raise self.fail or ValueError("cannot read this one")
        return [([], []) for _ in texts]


def _articles(*texts: str) -> list[Article]:
    return [Article(id=f"a{i}", text=t, language="en") for i, t in enumerate(texts)]


def test_a_slow_article_is_rejected_and_the_rest_of_its_batch_analysed():
    arts = _articles("The council met on Monday.", "SLOW text.", "It voted 12 to 3 on 4 May 2021.")
    an = Analyzer(AnalyzeConfig(time_limit=0.3), extractor=_Extractor())
    started = time.monotonic()
    out = an.analyze_each(arts)
    assert time.monotonic() - started < 10  # the batch's 0.3 s, then the slow article's own 0.3 s
    assert isinstance(out[1], AnalysisTimeout) and "0.3 s" in str(out[1])
    assert [o.article_id for o in (out[0], out[2])] == ["a0", "a2"]
    alone = Analyzer(AnalyzeConfig(time_limit=0), extractor=_Extractor()).analyze(arts[2])
    assert out[2] == alone


def test_without_keep_going_the_time_limit_raises():
    an = Analyzer(AnalyzeConfig(time_limit=0.2), extractor=_Extractor())
    with pytest.raises(AnalysisTimeout):
        list(an.analyze_many(_articles("SLOW")))


def test_a_failing_article_stands_as_its_error_with_the_cause_named():
    an = Analyzer(AnalyzeConfig(), extractor=_Extractor())
    out = list(an.analyze_many(_articles("fine", "BAD", "fine too"), keep_going=True))
    assert isinstance(out[1], AnalysisError) and str(out[1]) == "ValueError: cannot read this one"
    assert out[0].article_id == "a0" and out[2].article_id == "a2"


@pytest.mark.parametrize("fatal", [MissingDependencyError("pip install x"), ConfigError("bad")])
def test_errors_of_the_setup_stop_the_run(fatal):
    an = Analyzer(AnalyzeConfig(), extractor=_Extractor(fail=fatal))
    with pytest.raises(type(fatal)):
        list(an.analyze_many(_articles("fine", "BAD"), keep_going=True))


def test_models_load_before_the_clock_starts():
    ex = _Extractor()
    Analyzer(AnalyzeConfig(), extractor=ex).analyze_each(_articles("one", "two"))
    assert ex.loaded == {"en"}


def test_worker_processes_reject_the_slow_article_too():
    texts = [f"Article {i} on the council vote of {i} May." for i in range(9)]
    texts[4] = "SLOW"
    an = Analyzer(AnalyzeConfig(time_limit=0.3, n_process=2, batch_size=4), extractor=_Extractor())
    try:
        out = list(an.analyze_many(_articles(*texts), keep_going=True))
    finally:
        an.close()
    assert [type(o).__name__ for o in out].count("AnalysisTimeout") == 1 and isinstance(out[4], AnalysisTimeout)
    assert [o.article_id for i, o in enumerate(out) if i != 4] == [f"a{i}" for i in range(9) if i != 4]


def test_the_limit_is_validated():
    with pytest.raises(ConfigError):
        AnalyzeConfig(time_limit=-1)
