"""Events shaped like a UCDP GED CSV, so GED users' scripts read Tacitus output unchanged.

Records imported from GED are written back from their original row (columns dropped at import stay empty), so
export → import reproduces the same records and ids. Events with no GED record are written from the codebook
values, with the Tacitus event id in `id`, the Gleditsch–Ward code in `country_id`, the PRIO-GRID cell in
`priogrid_gid` and UCDP's conflict and dyad ids where a record gave them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tacitus.export.shaped import cell, shaped_frame
from tacitus.store.base import Store

GED_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
    "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "iso3", "country_id", "region", "event_clarity", "date_prec", "date_start",
    "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa",
    "gwnob",
)

_PRECISION = {"day": 1, "week": 3, "month": 4, "year": 5}


def _from_codebook(event: dict[Any, Any]) -> dict[str, str]:
    lat, lon = event.get("latitude"), event.get("longitude")
    point = "" if cell(lat) == "" or cell(lon) == "" else f"POINT ({cell(lon)} {cell(lat)})"
    date = cell(event.get("date"))
    return {
        "id": event["event_id"],
        "year": date[:4],
        "type_of_violence": cell(event.get("type_of_violence")),
        "side_a": cell(event.get("actor1") or event.get("perpetrator")),
        "side_b": cell(event.get("actor2")),
        "where_prec": cell(event.get("geo_precision")),
        "where_coordinates": cell(event.get("place")),
        "adm_1": cell(event.get("admin1")),
        "adm_2": cell(event.get("admin2")),
        "latitude": cell(lat),
        "longitude": cell(lon),
        "geom_wkt": point,
        "priogrid_gid": cell(event.get("priogrid_gid")),
        "country": cell(event.get("country")),
        "iso3": cell(event.get("country_code")),
        "country_id": cell(event.get("gwcode")),
        "conflict_new_id": cell(event.get("conflict_id")),
        "dyad_new_id": cell(event.get("dyad_id")),
        "date_prec": str(_PRECISION.get(cell(event.get("date_precision")), 1)),
        "date_start": date,
        "date_end": cell(event.get("date_end")) or date,
        "deaths_civilians": cell(event.get("civilians_killed")),
        "best": cell(event.get("killed_best")),
        "high": cell(event.get("killed_high")),
        "low": cell(event.get("killed_low")),
    }


def ucdp_frame(store: Store, events: pd.DataFrame) -> pd.DataFrame:
    """One GED-shaped row per GED record of the selected events, and one per event without any."""
    return shaped_frame(store, events, "ucdp_ged", GED_COLUMNS, _from_codebook)
