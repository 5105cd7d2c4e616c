"""Events shaped like a GTD export from START, so GTD users' scripts and codebook read Tacitus output unchanged.

GTD records are written back from their original row (see tacitus.export.shaped). Other events are written
from their codebook values in GTD's terms: category codes and texts ("Bombing/Explosion", "Educational
Institution"), 0 for an unknown month or day, -9/-99 where GTD writes unknown, the Tacitus event id in
`eventid`. Columns the codebook has no value for stay empty.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tacitus.export.shaped import cell, shaped_frame
from tacitus.ingest.gtd import ATTACK_TYPES, TARGET_TYPES, WEAPON_TYPES
from tacitus.model import UNKNOWN_ACTOR
from tacitus.store.base import Store

GTD_COLUMNS: tuple[str, ...] = tuple(  # the header, in the dataset's order
    """eventid iyear imonth iday approxdate extended resolution country country_txt region region_txt
    provstate city latitude longitude specificity vicinity location summary crit1 crit2 crit3
    doubtterr alternative alternative_txt multiple success suicide attacktype1 attacktype1_txt
    attacktype2 attacktype2_txt attacktype3 attacktype3_txt targtype1 targtype1_txt targsubtype1
    targsubtype1_txt corp1 target1 natlty1 natlty1_txt targtype2 targtype2_txt targsubtype2
    targsubtype2_txt corp2 target2 natlty2 natlty2_txt targtype3 targtype3_txt targsubtype3
    targsubtype3_txt corp3 target3 natlty3 natlty3_txt gname gsubname gname2 gsubname2 gname3
    gsubname3 motive guncertain1 guncertain2 guncertain3 individual nperps nperpcap claimed
    claimmode claimmode_txt claim2 claimmode2 claimmode2_txt claim3 claimmode3 claimmode3_txt
    compclaim weaptype1 weaptype1_txt weapsubtype1 weapsubtype1_txt weaptype2 weaptype2_txt
    weapsubtype2 weapsubtype2_txt weaptype3 weaptype3_txt weapsubtype3 weapsubtype3_txt weaptype4
    weaptype4_txt weapsubtype4 weapsubtype4_txt weapdetail nkill nkillus nkillter nwound nwoundus
    nwoundte property propextent propextent_txt propvalue propcomment ishostkid nhostkid nhostkidus
    nhours ndays divert kidhijcountry ransom ransomamt ransomamtus ransompaid ransompaidus
    ransomnote hostkidoutcome hostkidoutcome_txt nreleased addnotes scite1 scite2 scite3 dbsource
    INT_LOG INT_IDEO INT_MISC INT_ANY related""".split()  # noqa: SIM905
)

# GTD's specificity for our where_prec: the nearest GTD level that does not claim more precision than we have.
SPECIFICITY = {1: 1, 2: 1, 3: 3, 4: 4, 5: 3, 6: 5, 7: 5}


def _coded(table: dict[str, str], value: Any) -> tuple[str, str]:
    """(GTD code, GTD text) for a codebook category; GTD's code is the category's position in its list."""
    for number, (text, ours) in enumerate(table.items(), start=1):
        if ours == value:
            return str(number), text
    return "", ""  # no GTD category for this value


def _year_month_day(date: Any, precision: str) -> tuple[str, str, str]:
    """iyear, imonth, iday; GTD writes 0 for what is unknown and has no weeks, so a week keeps only its month."""
    text = cell(date)
    if not text:
        return "", "", ""
    month = "0" if precision == "year" else str(int(text[5:7]))
    day = str(int(text[8:10])) if precision == "day" else "0"
    return text[:4], month, day


def _count(value: Any, unknown: str) -> str:
    text = cell(value)
    return text if text else unknown


def _from_codebook(event: dict[str, Any]) -> dict[str, str]:
    date, end = event.get("date"), event.get("date_end")
    precision = event.get("date_precision") or "day"
    extended = precision == "day" and cell(end) not in ("", cell(date))
    perpetrator = cell(event.get("perpetrator")) or UNKNOWN_ACTOR
    named = perpetrator != UNKNOWN_ACTOR
    attack_code, attack_text = _coded(ATTACK_TYPES, event.get("attack_type"))
    target_code, target_text = _coded(TARGET_TYPES, event.get("target_type"))
    weapon_code, weapon_text = _coded(WEAPON_TYPES, event.get("weapon_type"))
    geo = cell(event.get("geo_precision"))
    year, month, day = _year_month_day(date, precision)
    return {
        "eventid": event["event_id"],
        "iyear": year,
        "imonth": month,
        "iday": day,
        "extended": "1" if extended else "0",
        "resolution": cell(end) if extended else "",
        "country_txt": cell(event.get("country")),
        "provstate": cell(event.get("admin1")),
        "city": cell(event.get("place")),
        "latitude": cell(event.get("latitude")),
        "longitude": cell(event.get("longitude")),
        "specificity": str(SPECIFICITY[int(geo)]) if geo else "",
        "suicide": cell(event.get("suicide")),
        "attacktype1": attack_code,
        "attacktype1_txt": attack_text,
        "targtype1": target_code,
        "targtype1_txt": target_text,
        "target1": cell(event.get("target")),
        "gname": perpetrator,
        "guncertain1": ("1" if event.get("attribution") == "suspected" else "0") if named else "",
        "nperps": _count(event.get("perpetrators_count"), "-99"),
        "claimed": cell(event.get("claimed")),
        "weaptype1": weapon_code,
        "weaptype1_txt": weapon_text,
        "nkill": cell(event.get("killed_best")),
        "nkillter": cell(event.get("perpetrators_killed")),
        "nwound": cell(event.get("wounded_best")),
        "dbsource": "Tacitus",
    }


def gtd_frame(store: Store, events: pd.DataFrame) -> pd.DataFrame:
    """One GTD-shaped row per GTD record of the selected events, and one per event without any."""
    return shaped_frame(store, events, "gtd", GTD_COLUMNS, _from_codebook)
