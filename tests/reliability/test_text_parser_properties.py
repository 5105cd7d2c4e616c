"""Property-based tests for the text parsers extraction builds on: counts, tolls and dates.

Whatever text arrives (a feed is hostile by nature), each parser returns values inside the codebook's bounds,
with spans that lie inside the text and slice out what they claim to: never a traceback, never a 20-digit toll,
never a date in a year the codebook cannot hold. The strategies mix number words, digits, qualifiers and date
pieces into random text so that the parsers' interesting branches are reached, not only plain noise.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.extract.casualties import sentence_statements
from tacitus.extract.dates import find_dates
from tacitus.extract.numbers import MAX_COUNT, parse_counts

PIECES = (
    "at least", "nearly", "about", "a dozen", "half a dozen", "dozens", "twenty-one", "a hundred", "killed",
    "wounded", "injured", "dead", "people", "militants", "attackers", "no one was hurt", "including the bomber",
    "on Tuesday", "16 December 2014", "December", "2014", "12/16/2014", "last week", "in 1999", "9999",
    "10000", "1e400", "inf", "-5", "0", "99999999999999999999", ",", ".", "(", ")", "\u2028", "’",
)  # fmt: skip
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.integers(-10**25, 10**25).map(str), st.text(max_size=8)),
                max_size=25).map(" ".join)
PUBLISHED = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))


@given(text=TEXT)
@settings(max_examples=300, deadline=None)
def test_counts_are_bounded_and_their_spans_are_in_the_text(text: str) -> None:
    for count in parse_counts(text):
        assert 0 <= count.value <= MAX_COUNT
        assert 0 <= count.start < count.end <= len(text)
        assert count.qualifier in {"exact", "low", "high", "approx", "vague"}


@given(text=TEXT)
@settings(max_examples=300, deadline=None)
def test_toll_statements_are_bounded_and_located(text: str) -> None:
    for statement in sentence_statements(text, 0, len(text), 0):
        assert 0 <= statement.value <= MAX_COUNT
        assert 0 <= statement.start < statement.end <= len(text)
        assert statement.field in {"killed", "wounded", "perpetrators_killed", "perpetrators_count"}


@given(text=TEXT, published=PUBLISHED)
@settings(max_examples=300, deadline=None)
def test_dates_are_real_days_in_order_and_located(text: str, published: dt.date | None) -> None:
    for mention in find_dates(text, published):
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.text == text[mention.start:mention.end]
        assert mention.precision in {"day", "week", "month", "year"}
        if mention.date is not None:
            assert 1 <= mention.date.year <= 9999
            assert mention.date_end is None or mention.date_end >= mention.date
