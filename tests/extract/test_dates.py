"""Date mentions resolved against the publication date, never into the future, never with an invented year."""

from __future__ import annotations

import datetime as dt

from tacitus.extract.dates import find_dates

PUB = dt.date(2014, 12, 20)


def one(text: str, published: dt.date | None = PUB):  # type: ignore[no-untyped-def]
    [mention] = find_dates(text, published)
    return mention


def test_absolute_dates() -> None:
    assert one("on 9 October 2012 in Mingora").date == dt.date(2012, 10, 9)
    assert one("On Oct. 9, 2012, gunmen").date == dt.date(2012, 10, 9)
    assert one("dated 2012-10-09").date == dt.date(2012, 10, 9)


def test_partial_date_takes_latest_past_year() -> None:
    assert one("on Dec. 16 militants").date == dt.date(2014, 12, 16)
    assert one("on December 28 militants").date == dt.date(2013, 12, 28)  # not after publication


def test_partial_date_without_publication_keeps_precision_and_no_year() -> None:
    mention = one("on Dec. 16 militants", None)
    assert (mention.date, mention.precision, mention.partial) == (None, "day", "--12-16")


def test_relative_dates() -> None:
    assert one("on Tuesday a bomb").date == dt.date(2014, 12, 16)  # 2014-12-20 was a Saturday
    assert one("yesterday a bomb").date == dt.date(2014, 12, 19)
    week = one("last week a bomb")
    assert (week.precision, week.date) == ("week", dt.date(2014, 12, 13))
    assert one("Friday's bombing").date == dt.date(2014, 12, 19)


def test_year_and_period() -> None:
    year = one("an attack in 2009 on the headquarters")
    assert (year.precision, year.date, year.date_end) == ("year", dt.date(2009, 1, 1), dt.date(2009, 12, 31))
    assert one("from 2007 until 2011 the group").period


def test_month_and_modal_may() -> None:
    assert one("elected in May 2013").precision == "month"
    assert find_dates("the group may strike again", PUB) == []


def test_absolute_date_after_publication_is_flagged() -> None:
    assert one("a rally planned for 3 January 2015").future
