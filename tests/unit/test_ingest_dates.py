"""Publication dates: precision (date / naive / aware) and the formats scrapes use."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from samestory.ingest.dates import parse_date_at, parse_published, search_date

MSK = timezone(timedelta(hours=3))


@pytest.mark.parametrize(
    "text,value",
    [
        ("October 09, 2020", date(2020, 10, 9)),
        ("Oct. 9, 2020", date(2020, 10, 9)),
        ("Sept. 3, 2021", date(2021, 9, 3)),
        ("9 October 2020", date(2020, 10, 9)),
        ("2020-10-09", date(2020, 10, 9)),
        ("09.10.2020", date(2020, 10, 9)),
        ("13/10/2020", date(2020, 10, 13)),
        ("10/13/2020", date(2020, 10, 13)),
        ("9 octobre 2020", date(2020, 10, 9)),
        ("9 de octubre de 2020", date(2020, 10, 9)),
        ("9. Oktober 2020", date(2020, 10, 9)),
        ("9 октября 2020 г.", date(2020, 10, 9)),
        ("Saturday, 10 October, 2020 at 12:00 AM", datetime(2020, 10, 10, 0, 0)),
        ("Friday, October 9, 2020 3 p.m.", datetime(2020, 10, 9, 15, 0)),
        ("9 octobre 2020 à 12h30", datetime(2020, 10, 9, 12, 30)),
        ("Fri, 09 Oct 2020 12:00:00 GMT", datetime(2020, 10, 9, 12, 0, tzinfo=UTC)),
        ("2020-10-09T10:00:00+03:00", datetime(2020, 10, 9, 10, 0, tzinfo=MSK)),
        ("9 октября 2020 12:30 MSK", datetime(2020, 10, 9, 12, 30, tzinfo=MSK)),
        ("Oct 9, 2020 10:32 AM EDT", datetime(2020, 10, 9, 10, 32, tzinfo=timezone(timedelta(hours=-4)))),
        ("3:14 PM EDT, October 9, 2020", datetime(2020, 10, 9, 15, 14, tzinfo=timezone(timedelta(hours=-4)))),
        ("November 4, 2021 09:30 GMT+2", datetime(2021, 11, 4, 9, 30, tzinfo=timezone(timedelta(hours=2)))),
    ],
)
def test_parse_date_at(text, value):
    parsed = parse_date_at(text)
    assert parsed is not None and parsed[0] == value
    assert type(parsed[0]) is type(value)
    if isinstance(value, datetime):
        assert (parsed[0].tzinfo is None) == (value.tzinfo is None)


@pytest.mark.parametrize("text", ["03/04/2020", "February 30, 2020", "10 people", "Mediation efforts", ""])
def test_not_a_date(text):
    assert parse_date_at(text) is None


def test_search_date_finds_offsets():
    s = "Filed on 9 Oct 2020 by the desk"
    value, start, end = search_date(s)
    assert value == date(2020, 10, 9) and s[start:end] == "9 Oct 2020"


def test_parse_published_for_records():
    assert parse_published("2021-05-03") == date(2021, 5, 3)
    assert parse_published("2021-05-03T08:15:00Z") == datetime(2021, 5, 3, 8, 15, tzinfo=UTC)
    assert parse_published("2021-05-03 08:15") == datetime(2021, 5, 3, 8, 15)
    assert parse_published("May 4, 2021") == date(2021, 5, 4)
    assert parse_published(1620029700) == datetime(2021, 5, 3, 8, 15, tzinfo=UTC)
    assert parse_published(1620029700000) == datetime(2021, 5, 3, 8, 15, tzinfo=UTC)
    for bad in (None, "", "sometime last week", True, ["2021"], "May 4, 2021 and more words"):
        assert parse_published(bad) is None
