"""Testing a claim: its effect with a 95% interval, and a verdict that follows from the interval.

Verdict rule (an equivalence-test reading of the interval; docs/analysis.md):
- supported: the interval lies wholly on the claimed side of "no change" AND the point estimate reaches the
  claimed size (a real change, as large as claimed);
- smaller than claimed: the interval lies wholly on the claimed side of "no change" and still allows the claimed
  size, but the point estimate falls short of it (a real change, most likely smaller than the claim says);
- not supported: the interval rules out a change of at least the claim's minimum size in the claimed direction
  (this includes a significant change the other way, and a real but trivially small change);
- inconclusive: anything else — the data allow both no change and a change of the claimed size.
Minimum sizes default to a 10% change for ratios (rate, odds, means), 5 percentage points for shares, 10% of the
before level for levels, and for level trends 5% of the mean level per year; a claim may set its own.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from tacitus.analysis.change import (
    Effect,
    count_trend,
    level_difference,
    level_trend,
    mean_ratio,
    rate_ratio,
    share_difference,
    share_trend,
    structural_breaks,
)
from tacitus.analysis.indicators import Indicator, event_values
from tacitus.report.claims import Claim
from tacitus.store import Store

SUPPORTED, NOT_SUPPORTED, INCONCLUSIVE = "supported", "not supported", "inconclusive"
SMALLER = "smaller than claimed"
_STEP: Final = {"month": 1, "quarter": 3, "year": 12}
_ADVERB: Final = {"month": "monthly", "quarter": "quarterly", "year": "yearly"}


@dataclass(frozen=True)
class ClaimResult:
    """A claim with its effect, verdict, the sentences that explain it, and the series charted beside it."""

    claim: Claim
    effect: Effect
    verdict: str
    reason: str
    summary: str
    series: pd.DataFrame  # period, start (date), value, low, high
    breaks: list[str]
    threshold: float
    unit_label: str = ""  # what the chart's y axis shows, in the words of the summary ("events per month")


def _years(dates: pd.Series) -> pd.Series:
    """Dates as fractional years, the time axis of every trend."""
    stamps = pd.to_datetime(dates)
    return stamps.dt.year + (stamps.dt.day_of_year - 1) / 365.25


def _period_start(labels: pd.Series) -> pd.Series:
    return pd.Series([pd.Period(str(p)).start_time for p in labels], index=labels.index)


def _bins(values: pd.DataFrame, window: tuple[dt.date, dt.date], step: int, from_end: bool) -> pd.Series:
    """Sum of event values per whole bin of `step` months in a window (a partial bin at the far edge is dropped).

    Bins are anchored at the comparison date: the before window's bins end where it ends, the after window's
    start where it starts, so both sides compare like with like even when the date falls mid-month.
    """
    first, last = pd.Timestamp(window[0]), pd.Timestamp(window[1]) + pd.Timedelta(days=1)
    edges: list[pd.Timestamp] = []
    if from_end:
        edge = last
        while edge - pd.DateOffset(months=step) >= first:
            edges.insert(0, edge)
            edge = edge - pd.DateOffset(months=step)
        edges.insert(0, edge)
    else:
        edge = first
        while edge + pd.DateOffset(months=step) <= last:
            edges.append(edge)
            edge = edge + pd.DateOffset(months=step)
        edges.append(edge)
    if len(edges) < 2:
        return pd.Series(dtype="float64")
    cut = pd.cut(values["date"], bins=pd.DatetimeIndex(edges), right=False)
    return values.groupby(cut, observed=False)["value"].sum().astype("float64").reset_index(drop=True)


def _in_window(values: pd.DataFrame, window: tuple[dt.date, dt.date]) -> np.ndarray:
    inside = (values["date"] >= pd.Timestamp(window[0])) & (values["date"] <= pd.Timestamp(window[1]))
    return values.loc[inside, "value"].to_numpy("float64")


def _levels(frame: pd.DataFrame, column: str, window: tuple[dt.date, dt.date]) -> pd.Series:
    """Per-period values of periods lying wholly inside a window."""
    periods = [pd.Period(str(p)) for p in frame["period"]]
    inside = [p.start_time >= pd.Timestamp(window[0]) and p.end_time.normalize() <= pd.Timestamp(window[1])
              for p in periods]
    return frame.loc[inside, column].astype("float64")


def _before_after(store: Store, claim: Claim) -> Effect:
    c, ind = claim.compare, claim.indicator
    assert c.before is not None and c.after is not None
    span = {**claim.filters, "start": c.before[0], "end": c.after[1]}
    if ind.kind == "level":
        by = "year" if ind.yearly_only else c.by or "quarter"
        frame = ind.frame(store, by, **span)
        return level_difference(_levels(frame, ind.column, c.before), _levels(frame, ind.column, c.after))
    values = event_values(store, ind, **span)
    if ind.kind == "count":
        step = _STEP[c.by or "month"]
        return rate_ratio(_bins(values, c.before, step, True), _bins(values, c.after, step, False))
    before, after = _in_window(values, c.before), _in_window(values, c.after)
    return share_difference(before, after) if ind.kind == "share" else mean_ratio(before, after)


def _trend(store: Store, claim: Claim) -> Effect:
    c, ind = claim.compare, claim.indicator
    assert c.span is not None
    span = {**claim.filters, "start": c.span[0], "end": c.span[1]}
    if ind.kind == "share":
        values = event_values(store, ind, **span)
        return share_trend(_years(values["date"]).to_numpy(), values["value"].to_numpy())
    frame = ind.frame(store, "year" if ind.yearly_only else c.by or "year", **span)
    times = _years(_period_start(frame["period"]))
    if ind.kind == "count":
        return count_trend(times, frame[ind.column].astype("float64").fillna(0))
    return level_trend(times, frame[ind.column].astype("float64"))


def threshold(effect: Effect, claim: Claim, frame_mean: float | None = None) -> float:
    """The smallest change in the claimed direction that would count, on the effect's own scale."""
    c = claim.compare
    increase = c.expect == "increase"
    if effect.ratio:
        size = c.min_effect if c.min_effect is not None else 1.1
        size = 1 / size if size < 1 else size
        return size if increase else 1 / size
    if c.min_effect is not None:
        size = abs(c.min_effect)
    elif claim.indicator.kind == "share" and c.type == "before_after":
        size = 0.05
    elif c.type == "before_after":
        size = 0.1 * abs(effect.before or 0.0)
    else:
        size = 0.05 * abs(frame_mean or 0.0)
    return size if increase else -size


def decide(effect: Effect, expect: str, limit: float) -> tuple[str, str]:
    """Verdict and the reason in words (see the module docstring)."""
    if math.isnan(effect.low) or math.isnan(effect.high):
        return INCONCLUSIVE, f"no estimate ({effect.method})"
    null = effect.null
    if expect == "increase":
        if effect.high < limit:
            return NOT_SUPPORTED, f"the interval rules out an increase to {_fmt(limit, effect)} or more"
        if effect.low > null:
            return _sized(effect, limit, effect.estimate >= limit, "above")
    else:
        if effect.low > limit:
            return NOT_SUPPORTED, f"the interval rules out a decrease to {_fmt(limit, effect)} or less"
        if effect.high < null:
            return _sized(effect, limit, effect.estimate <= limit, "below")
    return INCONCLUSIVE, (
        f"the interval includes both no change ({_fmt(null, effect)}) and the claimed size ({_fmt(limit, effect)})"
    )


def _sized(effect: Effect, limit: float, reaches: bool, side: str) -> tuple[str, str]:
    """A change the interval shows to be real: supported only when the estimate reaches the claimed size."""
    real = f"the whole interval lies {side} {_fmt(effect.null, effect)} (no change)"
    if reaches:
        return SUPPORTED, f"{real} and the estimate {_fmt(effect.estimate, effect)} reaches the claimed size " \
                          f"{_fmt(limit, effect)}"
    return SMALLER, f"{real}, but the estimate {_fmt(effect.estimate, effect)} falls short of the claimed size " \
                    f"{_fmt(limit, effect)}"


def _fmt(value: float, effect: Effect) -> str:
    if math.isinf(value):
        return "∞"
    if effect.ratio:
        return f"{value:.2f}"
    if "share" in effect.measure:
        return f"{value * 100:+.1f} points"
    return f"{value:+.3g}"


def _window(window: tuple[dt.date, dt.date] | None) -> str:
    return "" if window is None else f"{window[0]:%Y-%m-%d} to {window[1]:%Y-%m-%d}"


def describe(effect: Effect, claim: Claim) -> str:
    """One sentence with the numbers behind the verdict."""
    c, ind = claim.compare, claim.indicator
    interval = f"95% CI {_fmt(effect.low, effect)} to {_fmt(effect.high, effect)}"
    if math.isnan(effect.estimate):
        return f"{ind.label}: not enough data to estimate ({effect.method})."
    if effect.ratio:
        estimate = f"{effect.measure} {_fmt(effect.estimate, effect)} ({interval}; {effect.method})"
    elif "share" in effect.measure:
        estimate = f"a change of {_fmt(effect.estimate, effect)} ({interval}; {effect.method})"
    else:
        estimate = f"{effect.measure} {effect.estimate:+.3g} ({interval}; {effect.method})"
    if c.type == "trend":
        return f"{ind.label}, {_window(c.span)}: {estimate}."
    unit = f" per {c.by or 'month'}" if ind.kind == "count" else ""
    if ind.kind == "level":
        unit = f" ({'yearly' if ind.yearly_only else _ADVERB[c.by or 'quarter']} mean)"
    before, after = _value(effect.before, ind), _value(effect.after, ind)
    counts = ""
    if ind.kind in ("share", "mean"):
        counts = f" of {effect.n_before} and {effect.n_after} events"
    return (
        f"{ind.label}: {before}{unit} before ({_window(c.before)}) vs {after}{unit} after "
        f"({_window(c.after)}){counts}; {estimate}."
    )


def _value(value: float | None, ind: Indicator) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    if ind.kind == "share":
        return f"{value:.1%}"
    return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"


def chart_series(store: Store, claim: Claim) -> pd.DataFrame:
    """The indicator per chart period over the comparison's whole span (plus the claim's own filter span)."""
    c, ind = claim.compare, claim.indicator
    first, last = (c.before[0], c.after[1]) if c.before and c.after else c.span or (None, None)
    start = min(d for d in (first, claim.filters.get("start")) if d is not None) if first else None
    end = max(d for d in (last, claim.filters.get("end")) if d is not None) if last else None
    span: dict[str, Any] = {**claim.filters, "start": start, "end": end}
    frame = ind.frame(store, claim.chart_by, **span)
    out = pd.DataFrame({"period": frame["period"].astype(str), "value": frame[ind.column].astype("float64")})
    out["low"] = frame[ind.low].astype("float64") if ind.low else out["value"]
    out["high"] = frame[ind.high].astype("float64") if ind.high else out["value"]
    out.insert(1, "start", _period_start(out["period"]).dt.strftime("%Y-%m-%d"))
    return out


def evaluate(store: Store, claim: Claim) -> ClaimResult:
    """Estimate the claim's effect, decide its verdict and gather what the report shows for it."""
    effect = _before_after(store, claim) if claim.compare.type == "before_after" else _trend(store, claim)
    series = chart_series(store, claim)
    limit = threshold(effect, claim, float(series["value"].mean()) if len(series) else None)
    verdict, reason = decide(effect, claim.compare.expect, limit)
    found = structural_breaks(series.set_index("period")["value"], count=claim.indicator.kind == "count",
                              min_size=2) if len(series) >= 4 else None
    series, unit = in_summary_units(series, claim)
    return ClaimResult(
        claim=claim, effect=effect, verdict=verdict, reason=reason, summary=describe(effect, claim),
        series=series, breaks=found.periods if found else [], threshold=limit, unit_label=unit,
    )


_MONTHS: Final = {"month": 1, "quarter": 3, "year": 12}


def in_summary_units(series: pd.DataFrame, claim: Claim) -> tuple[pd.DataFrame, str]:
    """The chart series in the unit the summary speaks of, and that unit in words.

    A count compared per month but charted per quarter is drawn as events per month (the quarter's monthly
    mean), so the chart's axis and the claim's sentence use one unit. Breaks are found on the raw counts first.
    """
    c, ind = claim.compare, claim.indicator
    if ind.kind != "count" or c.type != "before_after":
        return series, ind.label
    unit = c.by or "month"
    factor = _MONTHS[claim.chart_by] / _MONTHS[unit]
    if factor == 1:
        return series, f"{ind.label} per {unit}"
    scaled = series.assign(**{k: series[k] / factor for k in ("value", "low", "high")})
    return scaled, f"{ind.label} per {unit} ({_ADVERB[claim.chart_by]} mean)"
