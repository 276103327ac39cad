"""Date resolution against day, month, year and unknown publication dates."""
from datetime import date

import pytest

from factiongraph.extract.dates import (Duration, bound, parse_duration, reference, resolve,
                                        span_for_range)

D, M, Y, U = "2017-10-09", "2017-10", "2017", None  # D is a Monday

CASES = [
    # the dev document (published 2017-10)
    ("January 2017", M, "2017-01-01", "2017-01-31", "month"),
    ("in recent weeks", M, "2017-08-01", "2017-10-31", "approximate"),
    ("at the end of July", M, "2017-07-15", "2017-07-31", "approximate"),
    ("On Monday", M, "2017-09-01", "2017-10-30", "approximate"),
    ("in recent months", M, "2017-06-01", "2017-10-31", "approximate"),
    # month reference
    ("late last year", M, "2016-09-01", "2016-12-31", "approximate"),
    ("last month", M, "2017-09-01", "2017-09-30", "month"),
    ("last year", M, "2016-01-01", "2016-12-31", "year"),
    ("this year", M, "2017-01-01", "2017-12-31", "year"),
    ("earlier this month", M, "2017-10-01", "2017-10-31", "approximate"),
    ("on 3 March", M, "2017-03-03", "2017-03-03", "day"),
    ("March 3rd", M, "2017-03-03", "2017-03-03", "day"),
    ("Oct. 9", M, "2017-10-09", "2017-10-09", "day"),
    ("on 5 November", M, "2016-11-05", "2016-11-05", "day"),
    ("until March", M, "2017-03-01", "2017-03-31", "month"),
    ("yesterday", M, "2017-09-01", "2017-10-30", "approximate"),
    ("two years ago", M, "2015-08-01", "2015-12-01", "approximate"),
    ("early March", M, "2017-03-01", "2017-03-10", "approximate"),
    ("the first week of May", M, "2017-05-01", "2017-05-07", "week"),
    ("last summer", M, "2017-06-01", "2017-08-31", "approximate"),
    # day reference (a Monday)
    ("On Monday", D, "2017-10-09", "2017-10-09", "day"),
    ("last Monday", D, "2017-10-02", "2017-10-02", "day"),
    ("on Tuesday night", D, "2017-10-03", "2017-10-03", "day"),
    ("in the early hours of Sunday", D, "2017-10-08", "2017-10-08", "day"),
    ("Friday morning", D, "2017-10-06", "2017-10-06", "day"),
    ("overnight", D, "2017-10-08", "2017-10-09", "approximate"),
    ("yesterday", D, "2017-10-08", "2017-10-08", "day"),
    ("today", D, "2017-10-09", "2017-10-09", "day"),
    ("tomorrow", D, "2017-10-10", "2017-10-10", "day"),
    ("last week", D, "2017-10-02", "2017-10-08", "week"),
    ("this week", D, "2017-10-09", "2017-10-15", "week"),
    ("two weeks ago", D, "2017-09-22", "2017-09-28", "approximate"),
    ("three days ago", D, "2017-10-06", "2017-10-06", "day"),
    ("a year ago", D, "2016-09-08", "2016-11-09", "approximate"),
    ("in recent weeks", D, "2017-08-14", "2017-10-09", "approximate"),
    ("in recent months", D, "2017-06-09", "2017-10-09", "approximate"),
    ("earlier this month", D, "2017-10-01", "2017-10-09", "approximate"),
    ("earlier this year", D, "2017-01-01", "2017-10-09", "approximate"),
    ("at the end of July", D, "2017-07-15", "2017-07-31", "approximate"),
    ("over the weekend", D, "2017-10-07", "2017-10-08", "approximate"),
    ("the past two weeks", D, "2017-09-25", "2017-10-09", "approximate"),
    ("last month", D, "2017-09-01", "2017-09-30", "month"),
    ("on 20 October", D, "2016-10-20", "2016-10-20", "day"),
    ("last winter", D, "2016-12-01", "2017-02-28", "approximate"),
    ("late last year", D, "2016-09-01", "2016-12-31", "approximate"),
    ("late on Saturday", "2019-08-11", "2019-08-10", "2019-08-10", "day"),
    ("at dawn today, Saturday", "2019-09-14", "2019-09-14", "2019-09-14", "day"),
    ("earlier on Thursday", "2023-07-27", "2023-07-27", "2023-07-27", "day"),
    ("last night", D, "2017-10-08", "2017-10-09", "approximate"),
    ("this morning", D, "2017-10-09", "2017-10-09", "day"),
    # year reference
    ("On Monday", Y, "2016-12-01", "2017-12-25", "approximate"),
    ("in March", Y, "2017-03-01", "2017-03-31", "month"),
    ("last year", Y, "2016-01-01", "2016-12-31", "year"),
    ("in recent weeks", Y, "2016-11-01", "2017-12-31", "approximate"),
    ("mid-March", Y, "2017-03-11", "2017-03-20", "approximate"),
    # absolute dates need no reference
    ("9 October 2017", U, "2017-10-09", "2017-10-09", "day"),
    ("October 9, 2017", U, "2017-10-09", "2017-10-09", "day"),
    ("Monday 9 October 2017", U, "2017-10-09", "2017-10-09", "day"),
    ("Sept. 9th, 2017", U, "2017-09-09", "2017-09-09", "day"),
    ("2017-10-09", U, "2017-10-09", "2017-10-09", "day"),
    ("13/10/2017", U, "2017-10-13", "2017-10-13", "day"),
    ("10/9/2017", U, "2017-09-10", "2017-10-09", "approximate"),
    ("January 2017", U, "2017-01-01", "2017-01-31", "month"),
    ("in 2015", U, "2015-01-01", "2015-12-31", "year"),
    ("since 2011", U, "2011-01-01", "2011-12-31", "year"),
    ("mid-2016", U, "2016-05-01", "2016-08-31", "approximate"),
    ("late 2019", U, "2019-09-01", "2019-12-31", "approximate"),
    ("the end of 2016", U, "2016-09-01", "2016-12-31", "approximate"),
    ("Q3 2018", U, "2018-07-01", "2018-09-30", "quarter"),
    ("the third quarter of 2018", U, "2018-07-01", "2018-09-30", "quarter"),
    ("summer 2014", U, "2014-06-01", "2014-08-31", "approximate"),
    ("the winter of 2013-14", U, "2013-12-01", "2014-02-28", "approximate"),
    ("the 1990s", U, "1990-01-01", "1999-12-31", "approximate"),
    ("the early 1990s", U, "1990-01-01", "1993-12-31", "approximate"),
    ("the first week of May 2019", U, "2019-05-01", "2019-05-07", "week"),
    ("the last week of February 2020", U, "2020-02-23", "2020-02-29", "week"),
    ("between January and March 2020", U, "2020-01-01", "2020-03-31", "month"),
    ("between 9 and 12 October 2017", U, "2017-10-09", "2017-10-12", "day"),
    ("from 2014 to 2016", U, "2014-01-01", "2016-12-31", "year"),
    ("2014-2016", U, "2014-01-01", "2016-12-31", "year"),
    ("around 2015", U, "2014-01-01", "2016-12-31", "approximate"),
    ("Monday, the 9th of October, 2017", U, "2017-10-09", "2017-10-09", "day"),  # dateparser fallback
    # a trigger word before the date phrase
    ("launched on 27 October", "2024-01-12", "2023-10-27", "2023-10-27", "day"),
    ("elected in May", "2022-08-21", "2022-05-01", "2022-05-31", "month"),
]


@pytest.mark.parametrize("text,published,earliest,latest,precision", CASES)
def test_resolve(text, published, earliest, latest, precision):
    span = resolve(text, reference(published))
    assert span is not None, text
    assert (span.earliest, span.latest, span.precision, span.text) == (earliest, latest, precision, text)


@pytest.mark.parametrize("text", ["On Monday", "in recent weeks", "yesterday", "at the end of July", "Oct. 9",
                                  "last year", "two weeks ago", "late last year", "on Tuesday night", "overnight"])
def test_relative_without_reference_is_none(text):
    assert resolve(text, reference(None)) is None


@pytest.mark.parametrize("text", ["nine months since its inception", "formerly", "amidst", "continue to protest",
                                  "the following day", "", "the 2015 offensive",
                                  "a protest march", "killed 12 people", "said in a message"])
def test_not_a_resolvable_date(text):
    assert resolve(text, reference(M)) is None


@pytest.mark.parametrize("published", [D, M, Y, "2020-02-29", "2019-12"])
@pytest.mark.parametrize("text", ["On Monday", "last Monday", "yesterday", "overnight", "last week", "last month",
                                  "in recent weeks", "in recent months", "two weeks ago", "a year ago",
                                  "earlier this month", "earlier this year", "over the weekend", "last winter"])
def test_past_relatives_end_by_publication(text, published):
    ref, span = reference(published), resolve(text, reference(published))
    assert span is not None and span.start_date <= span.end_date <= ref.latest


def test_ramadan_covers_the_month():
    for y, first, last in [(2017, date(2017, 5, 27), date(2017, 6, 24)), (2020, date(2020, 4, 24), date(2020, 5, 23)),
                           (2013, date(2013, 7, 9), date(2013, 8, 7))]:
        span = resolve(f"Ramadan {y}", reference(None))
        assert span.start_date <= first and last <= span.end_date and (span.end_date - span.start_date).days <= 40


def test_anchored_expressions_need_an_anchor():
    anchor = span_for_range(date(2017, 10, 9), date(2017, 10, 9), "day", "9 October 2017")
    month = span_for_range(date(2017, 1, 1), date(2017, 1, 31), "month", "January 2017")
    assert resolve("the following day", reference(D), anchor).earliest == "2017-10-10"
    assert resolve("the day before", reference(D), anchor).latest == "2017-10-08"
    assert resolve("two days later", reference(D), anchor).earliest == "2017-10-11"
    nine = resolve("nine months after", reference(M), month)
    assert (nine.earliest, nine.latest, nine.precision) == ("2017-10-01", "2017-10-31", "approximate")
    assert resolve("Late that night", reference(D), anchor).latest == "2017-10-09"
    prev = resolve("the previous month", reference("2017-03-03"), month)
    assert (prev.earliest, prev.latest, prev.precision) == ("2016-12-01", "2016-12-31", "month")
    assert resolve("the following day", reference(D)) is None


@pytest.mark.parametrize("text,expected", [
    ("nine months", Duration(months=9)), ("two years", Duration(months=24)), ("six weeks", Duration(days=42)),
    ("18 months", Duration(months=18)), ("twenty days", Duration(days=20)), ("a year", Duration(months=12)),
    ("nine months since its inception", Duration(months=9)), ("a nine-month siege", Duration(months=9)),
    ("formerly", None), ("several months", None)])
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


def test_duration_and_bounds():
    assert Duration(months=1).add_to(date(2017, 1, 31)) == date(2017, 2, 28)
    assert Duration(days=7).add_to(date(2017, 1, 3), -1) == date(2016, 12, 27)
    assert [bound(t) for t in ("since 2011", "Until March", "by 2016", "in 2015")] == ["start", "end", "end", None]


def test_reference_windows():
    assert reference("2017-10") == (date(2017, 10, 1), date(2017, 10, 31), "month")
    assert reference("2017-10-09T12:00:00Z") == (date(2017, 10, 9), date(2017, 10, 9), "day")
    assert reference("2017").precision == "year"
    assert not reference(None).known and not reference("last autumn").known


@pytest.mark.parametrize("text, published, earliest, latest", [
    ("in February last year", "2021-08-16", "2020-02-01", "2020-02-29"),
    ("March this year", "2021-08-16", "2021-03-01", "2021-03-31"),
    ("last September", "2021-08-16", "2020-09-01", "2020-09-30"),
    ("last February", "2021-08-16", "2021-02-01", "2021-02-28"),
])
def test_month_relative_to_this_or_last_year(text, published, earliest, latest):
    span = resolve(text, reference(published))
    assert (span.earliest, span.latest, span.precision) == (earliest, latest, "month")
