"""Events shaped like a UCDP GED CSV, so GED users' scripts read Tacitus output unchanged.

Records imported from GED are written back from their original row (columns dropped at import stay empty), so
export → import reproduces the same records and ids. Events with no GED record are written from the codebook
values, with the Tacitus event id in `id`.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

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


def _text(value: Any) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _from_codebook(event: dict[Any, Any]) -> dict[str, str]:
    lat, lon = event.get("latitude"), event.get("longitude")
    point = "" if _text(lat) == "" or _text(lon) == "" else f"POINT ({_text(lon)} {_text(lat)})"
    date = _text(event.get("date"))
    return {
        "id": event["event_id"],
        "year": date[:4],
        "type_of_violence": _text(event.get("type_of_violence")),
        "side_a": _text(event.get("actor1") or event.get("perpetrator")),
        "side_b": _text(event.get("actor2")),
        "where_prec": _text(event.get("geo_precision")),
        "where_coordinates": _text(event.get("place")),
        "adm_1": _text(event.get("admin1")),
        "adm_2": _text(event.get("admin2")),
        "latitude": _text(lat),
        "longitude": _text(lon),
        "geom_wkt": point,
        "country": _text(event.get("country")),
        "iso3": _text(event.get("country_code")),
        "date_prec": str(_PRECISION.get(_text(event.get("date_precision")), 1)),
        "date_start": date,
        "date_end": _text(event.get("date_end")) or date,
        "deaths_civilians": _text(event.get("civilians_killed")),
        "best": _text(event.get("killed_best")),
        "high": _text(event.get("killed_high")),
        "low": _text(event.get("killed_low")),
    }


def ucdp_frame(store: Store, events: pd.DataFrame) -> pd.DataFrame:
    """One GED-shaped row per GED record of the selected events, and one per event without any."""
    wanted = set(events["event_id"])
    rows: list[dict[str, str]] = []
    covered: set[str] = set()
    records = store.sql(
        "SELECT event_id, raw FROM records WHERE dataset = 'ucdp_ged' ORDER BY record_key"
    )
    for event_id, raw in zip(records["event_id"], records["raw"], strict=True):
        if event_id in wanted and raw:
            rows.append(json.loads(raw))
            covered.add(event_id)
    for event in events.to_dict("records"):
        if event["event_id"] not in covered:
            rows.append(_from_codebook(event))
    return pd.DataFrame([{c: row.get(c, "") for c in GED_COLUMNS} for row in rows], columns=list(GED_COLUMNS))
