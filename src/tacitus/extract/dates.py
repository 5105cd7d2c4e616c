"""Date mentions and their resolution against the publication date.

Rules (the codebook's "never invent a day or a year"):

* absolute dates ("16 December 2014", "Dec. 16, 2014", "2014-12-16") are taken as written;
* partial dates ("Dec. 16", "in December") get the latest year that does not put them after publication;
  without a publication date they keep their precision, get no year (`date` None, `partial` "--12-16");
* relative dates ("yesterday", "on Tuesday", "last night", "last week") count back from publication and are
  unresolved without it;
* a bare year ("an attack in 2009") has year precision; periods ("from 2007 until 2011", "since 2007") are
  marked so that they never date an incident.

Why not dateparser for each span: resolving a found span is simple arithmetic, and doing it here keeps the
rule explicit and testable and costs microseconds instead of milliseconds per document.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

MONTHS: Final = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: Final = {d.casefold(): i for i, d in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(calendar.day_name) + r")"

_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    # "12/25/2003", "25/12/2003", "12-25-2003": numeric with the year last; see _numeric_order.
    (
        "numeric",
        re.compile(r"(?<![\d/.-])(?P<a>[01]?\d|[23]\d)(?P<sep>[/-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b"),
    ),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![\w.]*\s*,?\s*(?:19|20)\d\d)")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d\d)(?!\s*(?:%|per))")),
    ("m", re.compile(rf"\b(?i:in|during|early|late|mid|since|last|this)[\s-]+{_MONTH}\b(?!\s*\d)")),
    (
        "period",
        re.compile(
            rf"\b(?i:from|between|since)\s+{_YEAR}(?:\s*(?i:to|until|till|and|-|–)\s*(?:19|20)\d\d)?\b"
            r"|\b(?:19|20)\d\d\s*(?:-|–|to)\s*(?:19|20)\d\d\b"
        ),
    ),
    ("y", re.compile(rf"\b(?i:in|of|during|by|early|late|mid)[\s-]+{_YEAR}\b(?![\s-]+\d)")),
    ("weekday", re.compile(rf"\b(?:on|last|this|late|early)\s+{_WEEKDAY}\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b{_WEEKDAY}(?=['’]s\b)", re.IGNORECASE)),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>yesterday|today|tonight|last\s+night|this\s+morning|last\s+week|earlier\s+this\s+week|"
            r"last\s+month|the\s+day\s+before\s+yesterday|overnight)\b",
            re.IGNORECASE,
        ),
    ),
)
_RELATIVE_DAYS: Final = {
    "yesterday": (1, "day"), "today": (0, "day"), "tonight": (0, "day"), "last night": (1, "day"),
    "this morning": (0, "day"), "last week": (7, "week"), "earlier this week": (3, "week"),
    "last month": (30, "month"), "the day before yesterday": (2, "day"), "overnight": (1, "day"),
}  # fmt: skip
# "the previous day", "a day earlier": one day before the date last mentioned (else before publication).
_DAY_BEFORE: Final = re.compile(
    r"\b(?:on\s+)?(?:the\s+previous\s+day|the\s+day\s+before(?!\s+yesterday)|a\s+day\s+(?:earlier|before))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date as the text gives it, resolved as far as the text and the publication date allow."""

    start: int
    end: int
    text: str
    date: dt.date | None  # first day of the period
    date_end: dt.date | None
    precision: str  # day | week | month | year
    partial: str | None = None  # ISO 8601 without year ("--12-16", "--12") when no year can be had
    period: bool = False  # a span of years: background, never an incident date
    future: bool = False  # after publication: a plan or a schedule, not an incident


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _past_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """The latest date with this month/day on or before publication (Feb 29 falls back a year as needed)."""
    for year in range(published.year, published.year - 5, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate
    return None


def _numeric_order(a: int, b: int) -> tuple[int, int] | None:
    """(month, day) of a numeric date "a/b/YYYY".

    A part above 12 can only be the day. When both could be months the US order (month first) is read: it is
    the order of GTD summaries ("12/25/2003: ...") and of most English-language wire metadata; Pakistani
    papers write the month as a word, so a day-first numeric date with both parts <= 12 is rare in our input.
    """
    if a > 12 and b > 12:
        return None
    return (b, a) if a > 12 else (a, b)


def _resolve(kind: str, m: re.Match[str], published: dt.date | None) -> DateMention | None:
    text, start, end = m.group(0), m.start(), m.end()
    groups = m.groupdict()
    if kind == "numeric":
        order = _numeric_order(int(groups["a"]), int(groups["b"]))
        if order is None:
            return None
        try:
            value = dt.date(int(groups["year"]), *order)
        except ValueError:
            return None
        return DateMention(start, end, text, value, value, "day", future=bool(published and value > published))
    month = MONTHS[groups["month"].casefold()] if groups.get("month") else None
    if groups.get("mnum"):
        month = int(groups["mnum"])
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "period":
        first = dt.date(int(re.findall(r"(?:19|20)\d\d", text)[0]), 1, 1)
        return DateMention(start, end, text, first, None, "year", period=True)
    if kind in {"iso", "dmy", "mdy"} and year and month and day:
        try:
            value = dt.date(year, month, day)
        except ValueError:
            return None
        return DateMention(start, end, text, value, value, "day", future=bool(published and value > published))
    if kind == "my" and year and month:
        first = dt.date(year, month, 1)
        return DateMention(start, end, text, first, _month_end(year, month), "month")
    if kind == "y" and year:
        return DateMention(start, end, text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if kind in {"dm", "md"} and month and day:
        if not 1 <= day <= 31:
            return None
        if published is None:
            return DateMention(start, end, text, None, None, "day", partial=f"--{month:02d}-{day:02d}")
        past = _past_year(month, day, published)
        return DateMention(start, end, text, past, past, "day") if past else None
    if kind == "m" and month:
        if published is None:
            return DateMention(start, end, text, None, None, "month", partial=f"--{month:02d}")
        y = published.year if month <= published.month else published.year - 1
        return DateMention(start, end, text, dt.date(y, month, 1), _month_end(y, month), "month")
    if kind == "weekday":
        if published is None:
            return DateMention(start, end, text, None, None, "day")
        back = (published.weekday() - WEEKDAYS[groups["weekday"].casefold()]) % 7
        value = published - dt.timedelta(days=back)
        return DateMention(start, end, text, value, value, "day")
    if kind == "relative":
        days, precision = _RELATIVE_DAYS[re.sub(r"\s+", " ", groups["rel"].casefold())]
        if published is None:
            return DateMention(start, end, text, None, None, precision)
        value = published - dt.timedelta(days=days)
        span_end = value + dt.timedelta(days=6) if precision == "week" else value
        return DateMention(start, end, text, value, min(span_end, published), precision)
    return None


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """All date mentions in `text`, non-overlapping (the first, most specific pattern wins), in text order."""
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _resolve(kind, m, published)
            if mention is not None:
                taken.append((m.start(), m.end()))
                out.append(mention)
    for m in _DAY_BEFORE.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        anchor = max(
            (d for d in out if d.end <= m.start() and d.precision == "day" and d.date),
            key=lambda d: d.end,
            default=None,
        )
        base = anchor.date if anchor is not None else published
        value = base - dt.timedelta(days=1) if base is not None else None
        out.append(DateMention(m.start(), m.end(), m.group(0), value, value, "day"))
    return sorted(out, key=lambda d: d.start)
