"""Events as geometry: GeoParquet 1.1 tables and GeoDataFrames.

GeoParquet is written with pyarrow and shapely alone (both core dependencies): the codebook columns with their
one Arrow schema, a WKB `geometry` column (a point per located event, null where the event has no
coordinates) and the `geo` file metadata with the CRS as PROJJSON (EPSG:4326, from epsg4326.json) and the bounding
box. Coordinates are stored longitude first, as GeoParquet requires whatever the CRS's axis order.
geopandas is needed only to hand users a GeoDataFrame (`store.events(geo=True)`, the `geo` extra).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from tacitus.export.schema import event_table

GEOPARQUET_VERSION = "1.1.0"


@cache
def epsg4326() -> dict[str, Any]:
    """PROJJSON of EPSG:4326 (built by scripts/build_epsg4326.py)."""
    data: dict[str, Any] = json.loads(resources.files("tacitus.export").joinpath("epsg4326.json").read_text("utf-8"))
    return data


def _points(events: pd.DataFrame) -> np.ndarray:
    """A shapely point per event, None where latitude or longitude is missing."""
    lon = pd.to_numeric(events["longitude"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lat = pd.to_numeric(events["latitude"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    points = np.asarray(shapely.points(lon, lat), dtype=object)
    points[np.isnan(lon) | np.isnan(lat)] = None
    return points


def geoparquet_table(events: pd.DataFrame) -> pa.Table:
    """The events as a GeoParquet 1.1 Arrow table (write it with pyarrow.parquet.write_table)."""
    points = _points(events)
    table = event_table(events)
    wkb = pa.array(list(shapely.to_wkb(points)), type=pa.binary())
    table = table.append_column(pa.field("geometry", pa.binary(), metadata={"description": "WKB point"}), wkb)
    located = [p for p in points if p is not None]
    column: dict[str, Any] = {
        "encoding": "WKB",
        "geometry_types": ["Point"],
        "crs": epsg4326(),
    }
    if located:
        column["bbox"] = [float(v) for v in shapely.total_bounds(np.array(located))]
    geo = {"version": GEOPARQUET_VERSION, "primary_column": "geometry", "columns": {"geometry": column}}
    metadata = {**(table.schema.metadata or {}), b"geo": json.dumps(geo).encode("utf-8")}
    return table.replace_schema_metadata(metadata)


def geodataframe(events: pd.DataFrame) -> Any:
    """The events as a geopandas GeoDataFrame in EPSG:4326 (needs the `geo` extra: pip install 'tacitus[geo]')."""
    try:
        import geopandas
    except ImportError:
        raise ImportError("events(geo=True) needs geopandas: pip install 'tacitus[geo]'") from None
    return geopandas.GeoDataFrame(events, geometry=list(_points(events)), crs="EPSG:4326")
