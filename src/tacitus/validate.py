"""Validation at the door: the codebook's invariants, checked once for every importer (and for extraction).

Every rule lives here, as data and as one function per invariant, so the importers (SQL crosswalks over a whole
file, `tacitus.ingest.columns`) and the extractor (Python, one value at a time) check the same things:

- counts are whole numbers in 0..MAX_COUNT (a 20-digit or infinite count is an error, never a traceback);
- low <= best <= high for every toll;
- dates are not after today, not before the dataset's earliest year (EARLIEST_YEAR unless a layout says
  otherwise), and never past year 9999;
- coordinates fall inside the stated country's outline (with a tolerance for coarse edges); a pair that would
  fall inside once swapped is named as swapped latitude/longitude;
- a header never names a column twice.

Each check returns a short message (what is wrong, in the words a user can act on) or None. Callers add file,
line and field (`tacitus.errors.InputError`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import numpy as np
    from shapely.geometry.base import BaseGeometry

# The largest death or wounded count any source could plausibly give for one event (the deadliest single
# attacks on record are in the thousands); anything larger is a data error, not a record.
MAX_COUNT: Final = 10_000_000
EARLIEST_YEAR: Final = 1900
LATEST_YEAR: Final = 9999
# Coarse polygon edges and events on a border: a point this close to the outline (degrees, ~25 km) is inside.
OUTLINE_TOLERANCE: Final = 0.25

TOLL_PREFIXES: Final = ("killed", "wounded")


def count_problem(value: float | int) -> str | None:
    """Why `value` cannot be a count (not whole, negative, infinite, absurdly large), or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} is not a count"
    if value != int(value):
        return f"{value!r} is not a whole number"
    if value < 0:
        return f"{int(value)} is negative"
    if value > MAX_COUNT:
        return f"{int(value)} is not a plausible count (more than {MAX_COUNT:,})"
    return None


def toll_problem(low: int | None, best: int | None, high: int | None) -> str | None:
    """Why (low, best, high) breaks low <= best <= high, or None (missing figures are not compared)."""
    given = [(name, v) for name, v in (("low", low), ("best", best), ("high", high)) if v is not None]
    for (name_a, a), (name_b, b) in itertools.pairwise(given):
        if a > b:
            return f"{name_a} {a} is above {name_b} {b} (low <= best <= high)"
    return None


def earliest_date(year: int | None = None) -> dt.date:
    return dt.date(year or EARLIEST_YEAR, 1, 1)


def date_problem(value: dt.date, earliest_year: int | None = None, today: dt.date | None = None) -> str | None:
    """Why `value` cannot be an event date (in the future, before the dataset's range), or None."""
    if value > (today or dt.date.today()):
        return f"{value} is in the future"
    if value < earliest_date(earliest_year):
        return f"{value} is before {earliest_date(earliest_year).year}"
    return None


def duplicated_header(header: Sequence[str]) -> tuple[int, str] | None:
    """(position, name) of the first column a header names twice, or None."""
    seen: set[str] = set()
    for position, name in enumerate(header):
        if name and name in seen:
            return position, name
        seen.add(name)
    return None


@dataclass(frozen=True)
class Outline:
    """A country's outline for the coordinate check: its polygons (buffered) and their bounding box."""

    iso3: str
    geometry: BaseGeometry

    def contains(self, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
        import shapely

        return shapely.contains_xy(self.geometry, lons, lats)


@cache
def outline(iso3: str) -> Outline | None:
    """The outline of a country whose boundaries ship with Tacitus (Pakistan), else None (not checked)."""
    if iso3 != "PAK":
        return None
    import shapely
    from shapely.geometry import shape

    from tacitus.geo.boundaries import load_geojson

    polygons = [shape(f["geometry"]) for f in load_geojson()["features"]]
    geometry = shapely.union_all(polygons).buffer(OUTLINE_TOLERANCE)
    shapely.prepare(geometry)
    return Outline(iso3, geometry)


def coordinate_problems(
    iso3: str, lats: Sequence[float], lons: Sequence[float]
) -> list[str | None]:
    """For each (lat, lon) stated to lie in `iso3`: None if inside its outline (or the outline is unknown),
    else what is wrong — swapped latitude/longitude when the swapped pair is inside."""
    shape = outline(iso3)
    if shape is None or not len(lats):
        return [None] * len(lats)
    import numpy as np

    lat = np.asarray(lats, dtype=float)
    lon = np.asarray(lons, dtype=float)
    inside = shape.contains(lat, lon)
    swapped = shape.contains(lon, lat)
    out: list[str | None] = []
    for i in range(len(lat)):
        if inside[i]:
            out.append(None)
        elif swapped[i]:
            out.append(f"{lat[i]}, {lon[i]} is outside {iso3}; latitude and longitude look swapped")
        else:
            out.append(f"{lat[i]}, {lon[i]} is outside {iso3}")
    return out
