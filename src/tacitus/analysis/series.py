"""Counts and tolls per period: the base series every indicator and chart builds on."""

from __future__ import annotations

import pandas as pd

_FREQ = {"month": "M", "quarter": "Q", "year": "Y"}


def period_label(dates: pd.Series, by: str) -> pd.Series:
    """'2014', '2014Q4' or '2014-12' for each date: sortable labels that read well in tables and CSV."""
    periods = pd.to_datetime(dates).dt.to_period(_FREQ[by])
    return periods.astype(str)


def period_counts(events: pd.DataFrame, by: str = "year") -> pd.DataFrame:
    """One row per period: events, killed_low/best/high and wounded_best.

    A sum is empty (NA) only when no event of the period has a figure, so "unknown" never reads as zero.

    >>> import datetime as dt
    >>> ev = pd.DataFrame({"date": [dt.date(2014, 1, 5), dt.date(2014, 3, 1)], "killed_low": [1, 2],
    ...                    "killed_best": [2, 3], "killed_high": [2, 5], "wounded_best": [None, 4]})
    >>> period_counts(ev, "year").to_dict("records")
    [{'period': '2014', 'events': 2, 'killed_low': 3, 'killed_best': 5, 'killed_high': 7, 'wounded_best': 4}]
    """
    columns = ["period", "events", "killed_low", "killed_best", "killed_high", "wounded_best"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    frame = events.assign(period=period_label(events["date"], by))
    grouped = frame.groupby("period", sort=True)
    table = pd.DataFrame(
        {
            "events": grouped.size(),
            **{c: grouped[c].sum(min_count=1).astype("Int64") for c in columns[2:]},
        }
    ).reset_index()
    return table[columns]
