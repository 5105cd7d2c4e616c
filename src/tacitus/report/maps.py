"""Maps for the report: events as points and choropleths by district, over the shipped district boundaries.

Boundaries come from `tacitus.geo` (geoBoundaries PAK ADM2 2019, public domain): drawn after the FATA merger, so
a 2010 event in "FR Kohat" falls in the Kohat polygon. Events are counted per polygon by point-in-polygon on
their coordinates (only events located to a district or better), which needs no name matching across the
admin changes. Polygons are simplified (~1 km) for the page: a district map needs no finer lines, and the report
stays small. No tiles, no web requests: Vega draws the GeoJSON itself.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from functools import cache
from typing import Any

import altair as alt
import pandas as pd

from tacitus.analysis.geography import MAX_PRECISION
from tacitus.report.charts import Figure, long_numbers, spec_of

SIMPLIFY_DEGREES = 0.01
DISTRICTS = "districts"
MAP_WIDTH = 300
MAP_HEIGHT = 320


@cache
def _districts() -> tuple[list[dict[str, Any]], Any]:
    """Simplified district features (with a `key` property) and the Boundaries index over the full polygons."""
    from shapely.geometry import mapping, shape

    from tacitus.geo import Boundaries, load_geojson

    data = load_geojson()
    features = []
    for number, feature in enumerate(data["features"]):
        geometry = shape(feature["geometry"]).simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        rounded = _round(mapping(geometry))
        props = feature["properties"]
        features.append({"type": "Feature", "geometry": rounded,
                         "properties": {"key": number, "name": props["name"], "province": props["province"]}})
    return features, Boundaries.from_geojson(data)


def _round(geometry: Any) -> Any:
    if isinstance(geometry, (list, tuple)):
        if geometry and isinstance(geometry[0], float):
            return [round(v, 3) for v in geometry]
        return [_round(g) for g in geometry]
    if isinstance(geometry, dict):
        return {k: _round(v) for k, v in geometry.items()}
    return geometry


def located_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events with coordinates precise to a district or better, with the district polygon each falls in."""
    keep = events["latitude"].notna() & events["longitude"].notna()
    keep &= events["geo_precision"].isna() | (events["geo_precision"] <= MAX_PRECISION)
    placed = events.loc[keep, ["event_id", "date", "latitude", "longitude", "killed_best", "type_of_violence",
                               "place"]].copy()
    features, boundaries = _districts()
    names = {f["properties"]["name"] for f in features}
    district = []
    for lat, lon in zip(placed["latitude"], placed["longitude"], strict=True):
        region = boundaries.locate(float(lat), float(lon))
        district.append(region.name if region is not None and region.name in names else None)
    placed["district"] = district
    return placed


def _label(first: dt.date, last: dt.date) -> str:
    """'2007–2011' for whole years, else the dates."""
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return f"{first.year}–{last.year}"
    return f"{first:%Y-%m-%d} – {last:%Y-%m-%d}"


def _labels(periods: list[tuple[dt.date, dt.date]]) -> list[str]:
    return [_label(a, b) for a, b in periods]


def _buckets(dates: pd.Series, periods: list[tuple[dt.date, dt.date]]) -> pd.Series:
    stamps = pd.to_datetime(dates)
    labels = pd.Series(pd.NA, index=dates.index, dtype="object")
    for first, last in periods:
        inside = (stamps >= pd.Timestamp(first)) & (stamps <= pd.Timestamp(last))
        labels[inside] = _label(first, last)
    return labels


def _base_layer() -> alt.Chart:
    return alt.Chart(alt.Data(name=DISTRICTS)).mark_geoshape(fill="#f3f4f6", stroke="#9ca3af", strokeWidth=0.4)


def _with_districts(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's spec with the district features added once as a named dataset.

    Handing Altair the features inline would make it validate and deep-copy every coordinate of every panel,
    which costs seconds; Vega-Lite reads a named dataset just the same.
    """
    spec = spec_of(chart)
    spec.setdefault("datasets", {})[DISTRICTS] = _districts()[0]
    return spec


def event_map(fid: str, title: str, placed: pd.DataFrame, periods: list[tuple[dt.date, dt.date]],
              claims_page: str | None = None) -> Figure:
    """Points of events (size by killed) over district outlines, one panel per period on shared scales.

    With `claims_page` (a file name beside the report), each point links to `claims_page#<event id>`, the page
    that lists the event's claims, and its tooltip says so; the link is built in the chart (a Vega expression
    over the event id), so the data carry no URL per point.
    """
    data = placed.assign(period=_buckets(placed["date"], periods)).dropna(subset=["period"])
    data = data.assign(date=pd.to_datetime(data["date"]).dt.strftime("%Y-%m-%d"))
    top = max(float(data["killed_best"].max()) if len(data) else 1.0, 1.0)
    panels = []
    tooltip = [alt.Tooltip("event_id:N", title="event"), "date:N", "place:N", "killed_best:Q"]
    for label in _labels(periods):
        points = alt.Chart(data.loc[data["period"] == label, ["event_id", "date", "latitude", "longitude",
                                                               "killed_best", "place"]]).mark_circle(
            opacity=0.5, color="#b42318"
        )
        if claims_page:
            # A JSON string is a valid Vega expression string; the name is URL-quoted (spaces, '#', '?').
            prefix = json.dumps(urllib.parse.quote(claims_page) + "#")
            points = points.transform_calculate(claims=f"{prefix} + datum.event_id").encode(
                href="claims:N", tooltip=[*tooltip, alt.Tooltip("claims:N", title="claims (click)")])
        else:
            points = points.encode(tooltip=tooltip)
        points = points.encode(
            longitude="longitude:Q", latitude="latitude:Q",
            size=alt.Size("killed_best:Q", title="killed (best)", scale=alt.Scale(range=[6, 300], domain=[0, top])),
        )
        panels.append(alt.layer(_base_layer(), points, title=label).project("mercator").properties(
            width=MAP_WIDTH, height=MAP_HEIGHT))
    chart = alt.hconcat(*panels).resolve_scale(size="shared")
    counts = data.groupby(["period", "district"], dropna=False).size().reset_index(name="events")
    counts["district"] = counts["district"].fillna("(outside the district polygons)")
    numbers = long_numbers(counts.rename(columns={"district": "series"}), fid, ["series", "period"], ["events"])
    return Figure(fid, title, _with_districts(chart), numbers, kind="map",
                  events=tuple(sorted(data["event_id"].astype(str))))


def choropleths(fid: str, title: str, placed: pd.DataFrame, periods: list[tuple[dt.date, dt.date]]) -> Figure:
    """One district choropleth of event counts per period, side by side on a shared colour scale."""
    features, _ = _districts()
    data = placed.assign(period=_buckets(placed["date"], periods)).dropna(subset=["period", "district"])
    counts = data.groupby(["period", "district"]).size()
    top = max(int(counts.max()) if len(counts) else 1, 1)
    rows = [
        {"series": f["properties"]["name"], "period": label,
         "events": int(counts.get((label, f["properties"]["name"]), 0))}
        for label in _labels(periods) for f in features
    ]
    table = pd.DataFrame(rows)
    panels = []
    for label in _labels(periods):
        panel = table[table["period"] == label]
        values = [{"series": str(name), "events": int(n)}
                  for name, n in zip(panel["series"].tolist(), panel["events"].tolist(), strict=True)]
        panels.append(
            alt.Chart(alt.Data(name=DISTRICTS), title=label).transform_lookup(
                lookup="properties.name", from_=alt.LookupData(alt.InlineData(values=values), "series", ["events"])
            ).mark_geoshape(stroke="#6b7280", strokeWidth=0.3).encode(
                color=alt.Color("events:Q", title="events",
                                scale=alt.Scale(scheme="orangered", type="sqrt", domain=[0, top])),
                tooltip=[alt.Tooltip("properties.name:N", title="district"), alt.Tooltip("events:Q")],
            ).project("mercator").properties(width=MAP_WIDTH, height=MAP_HEIGHT)
        )
    chart = alt.hconcat(*panels).resolve_scale(color="shared")
    numbers = long_numbers(table, fid, ["series", "period"], ["events"])
    return Figure(fid, title, _with_districts(chart), numbers, kind="map")
