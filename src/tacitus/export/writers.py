"""Export formats: what each one builds from the selected events, and how it is written.

Every CSV goes through the one writer (tacitus.export.csvfile: RFC 4180, formula guard); Parquet and GeoParquet
share one Arrow schema (tacitus.export.schema); every file is written atomically, or to standard output for `-`
(text formats). `--datapackage` adds a Frictionless descriptor beside the file (tacitus.export.datapackage).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tacitus.export.schema import frictionless_fields
from tacitus.store.base import Store
from tacitus.values import plain


@dataclass(frozen=True)
class ExportFormat:
    """One export format: how to build its content and how it is stored.

    `kind` is the file type ("csv", "parquet" or "geojson"); `build` turns (store, events) into what that kind
    writes (a DataFrame for CSV, an Arrow table for Parquet, a dict for GeoJSON).
    """

    name: str
    kind: str
    build: Callable[[Store, pd.DataFrame], Any]
    description: str
    typed: bool = True  # columns are the codebook's, with its types (False: a dataset's own layout, as text)

    @property
    def binary(self) -> bool:
        return self.kind == "parquet"


def _jsonable(value: Any) -> Any:
    """A cell as GeoJSON properties want it: plain values, dates as YYYY-MM-DD."""
    value = plain(value)
    return value.isoformat()[:10] if hasattr(value, "isoformat") else value


def _geojson(_store: Store, events: pd.DataFrame) -> dict[str, Any]:
    features = []
    for row in events.to_dict("records"):
        lat, lon = _jsonable(row.get("latitude")), _jsonable(row.get("longitude"))
        geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
        props = {str(k): _jsonable(v) for k, v in row.items()}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _parquet(_store: Store, events: pd.DataFrame) -> Any:
    from tacitus.export.schema import event_table

    return event_table(events)


def _geoparquet(_store: Store, events: pd.DataFrame) -> Any:
    from tacitus.export.geo import geoparquet_table

    return geoparquet_table(events)


def _shaped(dataset: str) -> Callable[[Store, pd.DataFrame], pd.DataFrame]:
    """The builder of a dataset-shaped CSV (UCDP, GTD, ACLED), imported when used."""

    def build(store: Store, events: pd.DataFrame) -> pd.DataFrame:
        if dataset == "ucdp":
            from tacitus.export.ucdp import ucdp_frame as frame_of
        elif dataset == "gtd":
            from tacitus.export.gtd import gtd_frame as frame_of
        else:
            from tacitus.export.acled import acled_frame as frame_of
        return frame_of(store, events)

    return build


def _links(store: Store, events: pd.DataFrame) -> pd.DataFrame:
    links = store.links()
    return links[links["event_id"].isin(set(events["event_id"]))].reset_index(drop=True)


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("csv", "csv", lambda _store, events: events, "codebook columns, RFC 4180 CSV"),
        ExportFormat("parquet", "parquet", _parquet, "codebook columns, one Arrow schema"),
        ExportFormat("geoparquet", "parquet", _geoparquet, "GeoParquet 1.1: codebook columns and WKB points"),
        ExportFormat("geojson", "geojson", _geojson, "GeoJSON points with codebook properties"),
        ExportFormat("ucdp", "csv", _shaped("ucdp"), "shaped like a UCDP GED CSV", typed=False),
        ExportFormat("gtd", "csv", _shaped("gtd"), "shaped like a GTD export", typed=False),
        ExportFormat("acled", "csv", _shaped("acled"), "shaped like an ACLED export", typed=False),
        ExportFormat("links", "csv", _links, "event id → (dataset, record id) crosswalk", typed=False),
    )
}


def _rows(content: Any) -> int:
    return len(content["features"]) if isinstance(content, dict) else len(content)


def fields_of(spec: ExportFormat, content: Any) -> list[dict[str, str]]:
    """Frictionless Table Schema fields of what `spec` wrote: codebook types, or text in a dataset's layout."""
    if spec.typed:
        fields = frictionless_fields()
        if spec.name == "geoparquet":
            fields.append({"name": "geometry", "type": "any",
                           "description": "WKB point (longitude, latitude), EPSG:4326"})
        return fields
    return [{"name": str(c), "type": "string"} for c in content.columns]


def export_events(
    store: Store, fmt: str, path: str, *, formula_guard: bool = True, datapackage: bool = False, **filters: Any
) -> int:
    """Write the events matching `filters` in `fmt` to `path` (`-`: standard output); returns rows written.

    `formula_guard=False` writes CSV cells exactly as stored (see tacitus.export.csvfile); `datapackage=True`
    writes a Frictionless datapackage.json beside the file.
    """
    from tacitus.export.output import STDOUT, open_output

    try:
        spec = EXPORT_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}") from None
    if datapackage and path == STDOUT:
        raise ValueError("--datapackage needs a file: a descriptor cannot sit beside standard output")
    events = store.events(**filters)
    content = spec.build(store, events)
    with open_output(path, binary=spec.binary) as handle:
        if spec.kind == "csv":
            from tacitus.export.csvfile import write_csv

            write_csv(handle, content, formula_guard)
        elif spec.kind == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(content, handle)
        else:
            json.dump(content, handle, ensure_ascii=False)
    if datapackage:
        from tacitus.export.datapackage import write_datapackage

        write_datapackage(store, spec, path, fields_of(spec, content), events, filters)
    return _rows(content)
