"""Geographic diffusion: where violence happens and how spread out it is.

Four measures, each answering "has violence moved out of its heartland?" from a different side:

- share of events outside a core region (default: FATA — admin1 "Federally Administered Tribal Areas" as on the
  event date, or after the 2018 merger one of its seven former agencies, which kept their names as districts);
- number of admin2 units (districts, agencies, frontier regions) with at least one event;
- standard distance: the root mean square distance of events from their mean centre, in km;
- the ACLED Conflict Index diffusion measure per year: the share of 10×10 km cells with at least 10 events
  (`cell_diffusion`).

Coordinates are projected onto a Lambert cylindrical equal-area grid with standard parallel 30°N (Pakistan
spans about 24–37°N): x = R·λ·cos 30°, y = R·sin φ / cos 30°. Every cell covers exactly 100 km²; shapes are
stretched by at most ~9% at Pakistan's northern and southern ends, which is what standard distances inherit.
Only events located to a district or better (geo_precision ≤ 3) are placed: a province or country centroid
would pile unrelated events into one fake hot cell and pull the mean centre.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any, Final

import ibis
import ibis.expr.types as ir
import pandas as pd

from tacitus.analysis.series import check_frequency, covered, flag_shares, per_period, span_of
from tacitus.analysis.source import events_table
from tacitus.store import Store

EARTH_RADIUS_KM: Final = 6371.0088
STANDARD_PARALLEL: Final = math.radians(30.0)
CELL_KM: Final = 10.0
HIGH_CELL_EVENTS: Final = 10  # ACLED Conflict Index: a cell with >= 10 events in a year counts as high-violence
MAX_PRECISION: Final = 3  # UCDP where_prec: 1 exact, 2 within 25 km, 3 second-order unit; 4+ coarser
FATA: Final = "Federally Administered Tribal Areas"
FATA_AGENCIES: Final = (
    "Bajaur", "Mohmand", "Khyber", "Kurram", "Orakzai", "North Waziristan", "South Waziristan",
)
FATA_MERGED: Final = "2018-05-31"


def project(events: ir.Table) -> tuple[ir.FloatingValue, ir.FloatingValue]:
    """Equal-area x, y in km for each event (see the module docstring)."""
    lon = events.longitude.radians()
    lat = events.latitude.radians()
    return lon * (EARTH_RADIUS_KM * math.cos(STANDARD_PARALLEL)), lat.sin() * (
        EARTH_RADIUS_KM / math.cos(STANDARD_PARALLEL)
    )


def located(events: ir.Table) -> ir.Table:
    """Events with coordinates precise to a district or better."""
    return events.filter(
        events.latitude.notnull(),
        events.longitude.notnull(),
        events.geo_precision.isnull() | (events.geo_precision <= MAX_PRECISION),
    )


def in_core(events: ir.Table, admin1: tuple[str, ...] = (FATA,), admin2: tuple[str, ...] = ()) -> ir.BooleanValue:
    """True inside the core region, False outside, NULL when the event has no admin1 (unknown place).

    The default core is FATA by its dated name, plus its former agencies after the merger (see module docstring).
    """
    a1 = [a.lower() for a in admin1]
    inside = events.admin1.lower().isin(a1)
    if admin2:
        inside = inside | events.admin2.lower().isin([a.lower() for a in admin2])
    elif admin1 == (FATA,):
        merged = ibis.date(FATA_MERGED)
        inside = inside | ((events.date > merged) & events.admin2.lower().isin([a.lower() for a in FATA_AGENCIES]))
    return ibis.ifelse(events.admin1.isnull(), ibis.null("boolean"), inside)


def diffusion(
    store: Store,
    by: str = "year",
    core_admin1: tuple[str, ...] = (FATA,),
    core_admin2: tuple[str, ...] = (),
    **filters: Any,
) -> pd.DataFrame:
    """Per period: share of events outside the core (with Wilson 95% interval), admin2 units with events, and
    standard distance in km (with the located events it rests on)."""
    events = events_table(store, **filters)
    outside = ~in_core(events, tuple(core_admin1), tuple(core_admin2))
    frame = flag_shares(
        events, check_frequency(by), {"outside_core": outside}, span_of(filters),
        extra={"admin2_units": lambda t: t.admin2.nunique()},
    )
    placed = located(events)
    x, y = project(placed)
    spread = per_period(
        placed.mutate(_x=x, _y=y),
        by,
        {
            "located": lambda t: t.count(),
            "standard_distance_km": lambda t: (t._x.var(how="pop") + t._y.var(how="pop")).sqrt(),
        },
        zero=("located",),
        span=covered(frame) if len(frame) else span_of(filters),
    )
    frame["admin2_units"] = frame["admin2_units"].fillna(0).astype("int64")
    frame = frame.merge(spread, on="period", how="left")
    frame["located"] = frame["located"].fillna(0).astype("int64")
    frame["standard_distance_km"] = frame["standard_distance_km"].astype("float64").round(1)
    return frame.rename(columns={"outside_core_known": "with_admin1"})


def cell_diffusion(store: Store, **filters: Any) -> pd.DataFrame:
    """ACLED Conflict Index diffusion per year over 10×10 km equal-area cells.

    `cells_active`: cells with any located event; `cells_high`: cells with >= 10 events that year;
    `diffusion`: cells_high / cells_active. The denominator is the active cells, not all of Pakistan's ~8,800 land
    cells: with a country-wide denominator the measure mostly tracks the country's size, and a filtered series
    (one actor, one province) would be dwarfed by cells it could never reach. `diffusion_land` gives the
    country-wide share too, over `land_cells` (Pakistan's area / 100 km²), for comparison with ACLED's tables.
    """
    events = located(events_table(store, **filters))
    x, y = project(events)
    cells = events.mutate(
        year=events.date.year(), cx=(x / CELL_KM).floor(), cy=(y / CELL_KM).floor()
    )
    per_cell = cells.group_by(["year", "cx", "cy"]).aggregate(n=cells.count())
    yearly = per_cell.group_by("year").aggregate(
        cells_active=per_cell.count(),
        cells_high=(per_cell.n >= HIGH_CELL_EVENTS).cast("int64").sum(),
        events_located=per_cell.n.sum(),
    ).order_by("year")
    frame = yearly.to_pandas()
    frame.insert(0, "period", frame.pop("year").astype(str))
    frame["diffusion"] = (frame["cells_high"] / frame["cells_active"]).round(4)
    land = land_cells()
    frame["land_cells"] = land
    frame["diffusion_land"] = (frame["cells_high"] / land).round(5)
    return frame.astype({"cells_active": "int64", "cells_high": "int64", "events_located": "int64"})


@cache
def land_cells() -> int:
    """Pakistan's land area in 10×10 km cells, from the shipped ADM2 boundaries (equal-area, as above)."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    from tacitus.geo import load_geojson

    def to_km(lonlat: np.ndarray) -> np.ndarray:
        lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
        x = lon * EARTH_RADIUS_KM * math.cos(STANDARD_PARALLEL)
        return np.column_stack([x, np.sin(lat) * EARTH_RADIUS_KM / math.cos(STANDARD_PARALLEL)])

    country = shapely.union_all([shape(f["geometry"]) for f in load_geojson()["features"]])
    return round(shapely.transform(country, to_km).area / (CELL_KM * CELL_KM))


def region_counts(store: Store, by: str = "year", **filters: Any) -> pd.DataFrame:
    """Events per period and admin1 unit as on the event date (long format: period, admin1, events)."""
    from tacitus.analysis.series import period_label, truncate

    events = events_table(store, **filters)
    frame = events.group_by(
        period_start=truncate(events.date, by), admin1=events.admin1.fill_null("(unknown)")
    ).aggregate(events=events.count()).to_pandas()
    frame.insert(0, "period", period_label(frame.pop("period_start"), by))
    return frame.sort_values(["period", "admin1"]).reset_index(drop=True)
