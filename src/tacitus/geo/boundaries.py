"""Point-in-polygon over Pakistan's district polygons.

The shipped polygons are geoBoundaries PAK ADM2 (2019, public domain): coarse, drawn after the
FATA merger, without frontier regions and without some newer districts. Each polygon carries
the key of the unit it stands for (``admin_units.tsv``), so a hit is turned into dated names by
:class:`tacitus.geo.admin.AdminHistory` like any gazetteer entry. Because edges are coarse, a
point just outside every polygon (coast, border) takes the nearest one within ``snap_km``.

Shapely is imported lazily: loading the gazetteer for look-ups must stay well under a second,
and many callers never ask for point-in-polygon.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shapely import STRtree
    from shapely.geometry.base import BaseGeometry

BOUNDARIES_FILE = "pak_adm2_2019.geojson.gz"
KM_PER_DEGREE = 111.32


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Region:
    """One polygon: the unit key it stands for ("" when it only tells the province) and province code."""

    unit: str
    province: str
    name: str
    geometry: BaseGeometry


def load_geojson() -> dict[str, Any]:
    """The shipped district polygons as a GeoJSON FeatureCollection (for maps, too)."""
    raw = resources.files("tacitus.data.geo").joinpath(BOUNDARIES_FILE).read_bytes()
    data: dict[str, Any] = json.loads(gzip.decompress(raw))
    return data


class Boundaries:
    """District polygons with a spatial index."""

    def __init__(self, regions: list[Region]) -> None:
        from shapely import STRtree

        self.regions = regions
        self._tree: STRtree = STRtree([r.geometry for r in regions])
        self._by_unit = {r.unit: r for r in regions if r.unit}

    @classmethod
    def from_geojson(cls, data: dict[str, Any]) -> Boundaries:
        from shapely.geometry import shape

        regions = [
            Region(
                unit=f["properties"].get("unit") or "",
                province=f["properties"]["province"],
                name=f["properties"]["name"],
                geometry=shape(f["geometry"]),
            )
            for f in data["features"]
        ]
        return cls(regions)

    @classmethod
    def load(cls) -> Boundaries:
        return cls.from_geojson(load_geojson())

    def locate(self, lat: float, lon: float, snap_km: float = 10.0) -> Region | None:
        """The polygon containing the point, else the nearest within ``snap_km``, else ``None``."""
        from shapely import Point

        point = Point(lon, lat)
        hits = self._tree.query(point, predicate="intersects")
        if len(hits):
            return self.regions[int(hits[0])]
        nearest = self._tree.query_nearest(point, max_distance=snap_km / KM_PER_DEGREE)
        if len(nearest):
            return self.regions[int(nearest[0])]
        return None

    def km_outside(self, lat: float, lon: float, unit: str) -> float | None:
        """How far (km, roughly) a point lies outside a unit's polygon; 0 inside; ``None`` if no polygon."""
        from shapely import Point

        region = self._by_unit.get(unit)
        if region is None:
            return None
        lat_scale = math.cos(math.radians(lat))
        degrees = region.geometry.distance(Point(lon, lat))
        return float(degrees * KM_PER_DEGREE * max(lat_scale, 0.5))

    def geometry_of(self, unit: str) -> BaseGeometry | None:
        region = self._by_unit.get(unit)
        return region.geometry if region else None
