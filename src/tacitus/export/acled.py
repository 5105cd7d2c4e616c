"""Events shaped like an ACLED CSV export (the post-2023 column set), so ACLED users' scripts read Tacitus output.

ACLED records are written back from their original row (see tacitus.export.shaped). Other events are written
from their codebook values in ACLED's terms: ISO dates, time_precision 1/2/3 (a year-precise date becomes 3,
ACLED's coarsest), disorder_type from the event type, `iso` as ISO 3166 numeric, geo_precision 1/2/3, the
Tacitus event id in `event_id_cnty`. Columns the codebook has no value for (inter codes, sources) stay empty.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tacitus.countries import numeric_for_iso3
from tacitus.export.shaped import cell, shaped_frame
from tacitus.model import UNKNOWN_ACTOR
from tacitus.store.base import Store

ACLED_COLUMNS: tuple[str, ...] = tuple(  # the header, in the dataset's order
    """event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1
    assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region
    country admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes
    fatalities tags timestamp""".split()  # noqa: SIM905
)
TIME_PRECISION = {"day": "1", "week": "2", "month": "3", "year": "3"}
# Our where_prec → ACLED geo_precision: ACLED's 3 stands for everything coarser than "near a town".
GEO_PRECISION = {1: "1", 2: "2"}
_DEMONSTRATIONS = {"Protests", "Violent demonstration"}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type, which follows from the event and sub-event type."""
    if event_type == "Strategic developments":
        return "Strategic developments"
    if event_type in _DEMONSTRATIONS or sub_event_type in _DEMONSTRATIONS:
        return "Demonstrations"
    return "Political violence"


def _from_codebook(event: dict[str, Any]) -> dict[str, str]:
    event_type, sub_event_type = cell(event.get("event_type")), cell(event.get("sub_event_type"))
    perpetrator = cell(event.get("perpetrator"))
    geo = cell(event.get("geo_precision"))
    code = cell(event.get("country_code"))
    return {
        "event_id_cnty": event["event_id"],
        "event_date": cell(event.get("date")),
        "year": cell(event.get("date"))[:4],
        "time_precision": TIME_PRECISION.get(cell(event.get("date_precision")), "1"),
        "disorder_type": disorder_type(event_type, sub_event_type) if event_type else "",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": cell(event.get("actor1")) or (perpetrator if perpetrator != UNKNOWN_ACTOR else ""),
        "actor2": cell(event.get("actor2")),
        "civilian_targeting": ("Civilian targeting" if event.get("target_type") == "private_citizens_property" else ""),
        "iso": numeric_for_iso3(code) if code else "",
        "country": cell(event.get("country")),
        "admin1": cell(event.get("admin1")),
        "admin2": cell(event.get("admin2")),
        "location": cell(event.get("place")),
        "latitude": cell(event.get("latitude")),
        "longitude": cell(event.get("longitude")),
        "geo_precision": GEO_PRECISION.get(int(geo), "3") if geo else "",
        "notes": cell(event.get("notes")),
        "fatalities": cell(event.get("killed_best")),
    }


def acled_frame(store: Store, events: pd.DataFrame) -> pd.DataFrame:
    """One ACLED-shaped row per ACLED record of the selected events, and one per event without any."""
    return shaped_frame(store, events, "acled", ACLED_COLUMNS, _from_codebook)
