"""Periods and the base series (events, killed and wounded low/best/high, lethality) every indicator builds on.

Aggregation runs in the engine (Ibis); only the per-period result comes back to pandas, where periods without
events are filled in: a month with no attacks is a zero, not a gap, and change detection needs those zeros.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ibis.expr.types as ir
import pandas as pd

from tacitus.analysis.source import events_table
from tacitus.resolve.derive import TOLLS
from tacitus.store import Store
from tacitus.store.filters import as_date

FREQUENCIES = ("month", "quarter", "year")
_PANDAS_FREQ = {"month": "M", "quarter": "Q", "year": "Y"}
_IBIS_UNIT = {"month": "M", "quarter": "Q", "year": "Y"}
TOLL_COLUMNS = tuple(name for triple in TOLLS for name in triple)  # killed and wounded, low/best/high

# A per-period aggregation: a name for each output column and a function building it from the grouped table.
Aggregations = dict[str, Callable[[ir.Table], ir.Value]]


def reduction(value: ir.Value) -> Callable[[ir.Table], ir.Value]:
    """An aggregation already written over the events table, in the shape `per_period` takes."""
    return lambda _table: value


def check_frequency(by: str) -> str:
    if by not in FREQUENCIES:
        raise ValueError(f"frequency {by!r}: use one of {', '.join(FREQUENCIES)}")
    return by


def truncate(dates: ir.DateValue, by: str) -> ir.DateValue:
    """The first day of each date's period, in the engine."""
    return dates.truncate(_IBIS_UNIT[check_frequency(by)])


def period_label(dates: pd.Series, by: str) -> pd.Series:
    """'2014', '2014Q4' or '2014-12' for each date: sortable labels that read well in tables and CSV."""
    periods = pd.to_datetime(dates).dt.to_period(_PANDAS_FREQ[check_frequency(by)])
    return periods.astype(str)


def period_index(first: dt.date, last: dt.date, by: str) -> pd.PeriodIndex:
    """Every period from the one holding `first` to the one holding `last`."""
    freq = _PANDAS_FREQ[check_frequency(by)]
    return pd.period_range(pd.Period(first, freq), pd.Period(last, freq), freq=freq)


def covered(frame: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """First and last day of the periods a per-period frame covers (to align a second frame with it)."""
    return pd.Period(frame["period"].iloc[0]).start_time.date(), pd.Period(frame["period"].iloc[-1]).end_time.date()


def toll(events: ir.Table, name: str) -> ir.NumericValue:
    """An event's low or high toll, falling back to its best figure when the source gives only one number."""
    if name.endswith("_best"):
        return events[name]
    return events[name].coalesce(events[name.rsplit("_", 1)[0] + "_best"])


def per_period(
    events: ir.Table,
    by: str,
    aggregations: Aggregations,
    *,
    zero: tuple[str, ...] = (),
    span: tuple[Any, Any] = (None, None),
) -> pd.DataFrame:
    """Aggregate per period; every period in `span` (default: first to last event) gets a row.

    Columns named in `zero` are 0 in periods without events (counts, sums); the others stay empty there (a share
    or a distance of no events is undefined, not zero). A sum stays empty in a period whose events all lack the
    figure (GED codes no wounded): unknown is not zero.
    """
    grouped = events.group_by(period_start=truncate(events.date, by)).aggregate(
        **{name: build(events) for name, build in aggregations.items()}
    )
    frame = grouped.to_pandas()
    columns = ["period", *aggregations]
    first = as_date(span[0], "start") if span[0] is not None else None
    last = as_date(span[1], "end") if span[1] is not None else None
    if frame.empty and (first is None or last is None):
        return pd.DataFrame(columns=columns)
    starts = pd.to_datetime(frame["period_start"])
    first = first or starts.min().date()
    last = last or starts.max().date()
    frame.index = pd.PeriodIndex(starts.dt.to_period(_PANDAS_FREQ[by]))
    full = frame.drop(columns="period_start").reindex(period_index(first, last, by))
    empty = ~full.index.isin(frame.index)
    for name in zero:
        full.loc[empty, name] = 0
    full.insert(0, "period", full.index.astype(str))
    return full.reset_index(drop=True)[columns]


def span_of(filters: dict[str, Any]) -> tuple[Any, Any]:
    """The period a filter asks for, so that empty periods at its edges still get rows."""
    return filters.get("start"), filters.get("end")


def counts(store: Store, by: str = "year", **filters: Any) -> pd.DataFrame:
    """Events, killed and wounded (low/best/high) and lethality per period.

    Lethality is killed per event (low/best/high from the tolls' ranges), so "deadlier attacks" and "more attacks"
    can be told apart.
    """
    events = events_table(store, **filters)
    aggregations: Aggregations = {"events": lambda t: t.count()}
    for name in TOLL_COLUMNS:
        aggregations[name] = reduction(toll(events, name).sum())
    frame = per_period(events, by, aggregations, zero=("events", *TOLL_COLUMNS), span=span_of(filters))
    for name in ("events", *TOLL_COLUMNS):
        frame[name] = frame[name].astype("Int64")
    for level in ("low", "best", "high"):
        frame[f"lethality_{level}"] = (frame[f"killed_{level}"] / frame["events"].replace(0, pd.NA)).astype(
            "Float64"
        ).round(3)
    return frame


def add_share(frame: pd.DataFrame, name: str, successes: str, trials: str) -> pd.DataFrame:
    """Add `name`, `name_low`, `name_high`: successes/trials with its Wilson 95% interval (empty without trials)."""
    from tacitus.analysis.intervals import wilson

    k = frame[successes].astype("float64")
    n = frame[trials].astype("float64")
    low, high = wilson(k, n)
    frame[name] = (k / n.where(n > 0)).round(4)
    frame[f"{name}_low"] = low.round(4)
    frame[f"{name}_high"] = high.round(4)
    return frame


def flag_shares(
    events: ir.Table,
    by: str,
    flags: dict[str, ir.BooleanValue],
    span: tuple[Any, Any],
    extra: Aggregations | None = None,
) -> pd.DataFrame:
    """Per period: events, and for each flag the events where it is known, true, and the share with its interval.

    A flag that is NULL for an event (unknown target, unknown sect) leaves the event out of that share's
    denominator rather than counting it as "no". `extra` aggregations (means, distinct counts) ride along.
    """
    aggregations: Aggregations = {"events": lambda t: t.count()}
    for name, flag in flags.items():
        aggregations[f"{name}_known"] = reduction(flag.count())
        aggregations[name] = reduction(flag.cast("int64").sum())
    zero = tuple(aggregations)
    frame = per_period(events, by, {**aggregations, **(extra or {})}, zero=zero, span=span)
    for name in zero:
        frame[name] = frame[name].fillna(0).astype("int64")
    for name in flags:
        add_share(frame, f"{name}_share", name, f"{name}_known")
    return frame
