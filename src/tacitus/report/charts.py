"""Vega-Lite charts (built with Altair) for the report: claims' series with their ranges, overview series and
small multiples.

Every chart carries its data inline (no URLs) and is returned together with the table it shows, so the report's
CSV holds exactly the numbers on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from tacitus.report.verdicts import ClaimResult

WIDTH = 620
VERDICT_COLOURS = {"supported": "#1a7f37", "smaller than claimed": "#3d6b8c", "not supported": "#b42318",
                   "inconclusive": "#8a6d00"}


@dataclass(frozen=True)
class Figure:
    """A chart's Vega-Lite spec and the numbers it shows (long format: series, period, variable, value)."""

    id: str
    title: str
    spec: dict[str, Any]
    numbers: pd.DataFrame
    kind: str = "chart"  # or "map"
    # The events it draws as marks, each linked to its claims (tacitus.report.event_claims); empty for aggregates.
    events: tuple[str, ...] = ()


def time_axis() -> alt.X:
    """Time on x with a tick and a label ("2014") per year: points sit mid-period, ticks on 1 January, so a
    yearly series never shows "July" ticks."""
    return alt.X("middle:T", title=None, axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}))


def spec_of(chart: alt.TopLevelMixin) -> dict[str, Any]:
    spec: dict[str, Any] = chart.to_dict()
    return spec


def midpoints(periods: pd.Series) -> list[str]:
    """The middle day of each period: a yearly value belongs in the middle of its year, not on 1 January."""
    out = []
    for label in periods:
        period = pd.Period(str(label))
        out.append((period.start_time + (period.end_time - period.start_time) / 2).strftime("%Y-%m-%d"))
    return out


def long_numbers(frame: pd.DataFrame, figure: str, id_vars: list[str], values: list[str]) -> pd.DataFrame:
    out = frame.melt(id_vars=id_vars, value_vars=values, var_name="variable", value_name="_number")
    out = out.rename(columns={"_number": "value"})
    out.insert(0, "figure", figure)
    return out


def claim_figure(result: ClaimResult) -> Figure:
    """The claim's indicator over time: a line, its interval or range as a band, the compared windows shaded,
    the comparison date as a rule, and structural breaks as dashed rules."""
    claim, series = result.claim, result.series.copy()
    series["middle"] = midpoints(series["period"])
    fid = f"claim-{claim.id}"
    x = time_axis()
    y_title = result.unit_label
    base = alt.Chart(series)
    layers: list[alt.Chart] = []
    c = claim.compare
    windows = []
    if c.before and c.after:
        windows = [("before", c.before), ("after", c.after)]
    elif c.span:
        windows = [("trend span", c.span)]
    if windows:
        shade = pd.DataFrame(
            [{"window": w, "from": f"{a:%Y-%m-%d}", "to": f"{b:%Y-%m-%d}"} for w, (a, b) in windows]
        )
        layers.append(
            alt.Chart(shade).mark_rect(opacity=0.12).encode(
                x="from:T", x2="to:T",
                color=alt.Color("window:N", scale=alt.Scale(domain=[w for w, _ in windows],
                                                            range=["#6b7280", "#f59e0b", "#2563eb"][: len(windows)]),
                                legend=alt.Legend(title=None, orient="top")),
            )
        )
    if (series["low"] != series["value"]).any() or (series["high"] != series["value"]).any():
        layers.append(base.mark_area(opacity=0.25, color="#2563eb").encode(x=x, y="low:Q", y2="high:Q"))
    layers.append(
        base.mark_line(point=True, color="#1e3a8a").encode(
            x=x,
            y=alt.Y("value:Q", title=y_title),
            tooltip=["period:N", alt.Tooltip("value:Q", format=",.3~f"), alt.Tooltip("low:Q", format=",.3~f"),
                     alt.Tooltip("high:Q", format=",.3~f")],
        )
    )
    if c.date:
        layers.append(alt.Chart(pd.DataFrame({"date": [f"{c.date:%Y-%m-%d}"]})).mark_rule(
            color="#b42318", strokeWidth=2).encode(x="date:T"))
    if result.breaks:
        starts = series.set_index("period").loc[result.breaks, "start"].tolist()
        layers.append(alt.Chart(pd.DataFrame({"break": starts})).mark_rule(
            strokeDash=[4, 3], color="#374151").encode(x="break:T", tooltip=[alt.Tooltip("break:T",
                                                                                        title="structural break")]))
    chart = alt.layer(*layers).properties(width=WIDTH, height=220)
    numbers = long_numbers(series, fid, ["period"], ["value", "low", "high"])
    numbers.insert(1, "series", claim.indicator.name)
    return Figure(fid, f"{claim.statement} ({result.unit_label})", spec_of(chart), numbers)


def series_figure(fid: str, title: str, frame: pd.DataFrame, value: str, low: str | None, high: str | None,
                  colour: str = "series") -> Figure:
    """Several series (column `colour`) over time with optional low–high bands."""
    data = frame.copy()
    data["middle"] = midpoints(data["period"])
    base = alt.Chart(data)
    x = time_axis()
    layers = []
    if low and high:
        layers.append(base.mark_area(opacity=0.2).encode(x=x, y=f"{low}:Q", y2=f"{high}:Q",
                                                         color=alt.Color(f"{colour}:N", legend=None)))
    layers.append(base.mark_line(point=True).encode(
        x=x, y=alt.Y(f"{value}:Q", title=title), color=alt.Color(f"{colour}:N", title=None),
        tooltip=[f"{colour}:N", "period:N", alt.Tooltip(f"{value}:Q", format=",")]
        + ([alt.Tooltip(f"{low}:Q", format=","), alt.Tooltip(f"{high}:Q", format=",")] if low and high else []),
    ))
    chart = alt.layer(*layers).properties(width=WIDTH, height=220)
    columns = [c for c in (value, low, high) if c]
    numbers = long_numbers(data, fid, [colour, "period"], columns).rename(columns={colour: "series"})
    return Figure(fid, title, spec_of(chart), numbers)


def small_multiples(fid: str, title: str, frame: pd.DataFrame, facet: str, value: str, columns: int = 4,
                    shared_y: bool = True) -> Figure:
    """One small bar chart per region or group, sharing the y scale so panels compare at a glance (unless the
    panels measure different things)."""
    data = frame.copy()
    data["start"] = [pd.Period(str(p)).start_time.strftime("%Y-%m-%d") for p in data["period"]]
    chart = alt.Chart(data).mark_bar(color="#2563eb").encode(
        x=alt.X("year(start):T", title=None),
        y=alt.Y(f"{value}:Q", title=value),
        tooltip=[f"{facet}:N", "period:N", alt.Tooltip(f"{value}:Q", format=",")],
    ).properties(width=150, height=90).facet(
        facet=alt.Facet(f"{facet}:N", title=None,
                        sort=alt.EncodingSortField(field=value, op="sum", order="descending")),
        columns=columns,
    ).resolve_scale(y="shared" if shared_y else "independent")
    numbers = long_numbers(data, fid, [facet, "period"], [value]).rename(columns={facet: "series"})
    return Figure(fid, title, spec_of(chart), numbers)
