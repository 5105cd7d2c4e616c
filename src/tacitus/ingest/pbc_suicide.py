"""Pakistan Body Count's suicide-attack list (1995–2017) → codebook.

Quirks: latin-1; dates as "Sunday-November 19-1995" (weekday, month name, day and year joined by hyphens);
province written several ways ("Baluchistan"/"Balochistan", "KPK", "Capital", "Fata"); target types in mixed
case with a few compound labels; tolls as min/max with the minimum often empty; blank rows; a stray underscore
before one coordinate. Record id: `S#`.

Every row is a suicide bombing (the list's definition), perpetrator unknown unless a later source names one.
`Location` (the site as the list names it, e.g. a market or a checkpoint) becomes `target`; `City` is the place.
"""

from __future__ import annotations

import datetime as dt

from tacitus.ingest.layout import Coded, Layout
from tacitus.ingest.tabular import Row
from tacitus.ingest.tbij_drones import code_range
from tacitus.model import UNKNOWN_ACTOR

# The list's target labels (lower-cased) → GTD target types.
_TARGETS = {
    "military": "military",
    "army": "military",
    "rangers": "military",
    "frontier corps": "military",
    "police": "police",
    "police & rangers": "police",
    "civilian": "private_citizens_property",
    "civilian & police": "private_citizens_property",
    "children/women": "private_citizens_property",
    "advocates (lawyers)": "private_citizens_property",
    "shia sect": "religious_figures_institutions",
    "religious": "religious_figures_institutions",
    "government official": "government_general",
    "civilian judges": "government_general",
    "judges & lawyers": "government_general",
    "anti-militants": "terrorists_non_state_militia",
    "foreigner": "other",
    "media": "journalists_media",
    "unknown": "unknown",
}
_PROVINCES = {"capital": "Islamabad Capital Territory", "ajk": "Azad Jammu and Kashmir"}
_SECTS = {"shiite": "Shia", "sunni": "Sunni", "christian": "Christian", "ahmedi": "Ahmadi", "jews": "Jewish"}


def _date(row: Row) -> dt.date:
    """"Sunday-November 19-1995" → 1995-11-19; the weekday is dropped (the list's weekdays are not checked)."""
    text = row.require("Date")
    _, _, rest = text.partition("-")
    try:
        return dt.datetime.strptime(rest.strip(), "%B %d-%Y").date()
    except ValueError:
        raise row.error("Date", f"{text!r} is not a date like 'Sunday-November 19-1995'") from None


def _stray_underscores(row: Row) -> Row:
    """The row with leading underscores dropped from coordinates (one published row has '_71.456944')."""
    cells = dict(row.cells)
    for column in ("Latitude", "Longitude"):
        cells[column] = cells.get(column, "").strip().lstrip("_")
    return Row(row.path, row.line, cells)


def _code(c: Coded) -> None:
    from tacitus.geo import get_geocoder

    c.row = _stray_underscores(c.row)
    row = c.row
    day = _date(row)
    c.set("date", day, "Date")
    c.set("date_end", day, "Date")
    c.set("date_precision", "day", "Date")
    c.set("country", "Pakistan", "S#")
    c.set("country_code", "PAK", "S#")
    province = row.text("Province")
    province = _PROVINCES.get(province.lower(), province) if province else None
    city_cell = row.text("City")
    city = " ".join(city_cell.split()) if city_cell else None
    admin1, admin2 = get_geocoder().normalize_admin(province, city, day)
    c.set("admin1", admin1, "Province")
    c.set("admin2", admin2, "City")
    c.set("place", city, "City")
    c.set("latitude", row.float("Latitude", -90, 90), "Latitude")
    c.set("longitude", row.float("Longitude", -180, 180), "Longitude")
    c.set("geo_precision", 2 if row.text("Latitude") else 4, "Latitude")
    c.set("target", row.text("Location"), "Location")
    target_type = row.text("Target Type")
    if target_type is not None:
        if target_type.lower() not in _TARGETS:
            raise row.error("Target Type", f"unknown target type {target_type!r}")
        c.set("target_type", _TARGETS[target_type.lower()], "Target Type")
    sect = (row.text("Targeted Sect if any") or "").lower()
    if sect in _SECTS or "/" in sect:
        c.set("victim_group", _SECTS.get(sect, row.text("Targeted Sect if any")), "Targeted Sect if any")
        c.set("sectarian", True, "Targeted Sect if any")
    c.set("event_type", "Explosions/Remote violence", "S#")
    c.set("sub_event_type", "Suicide bomb", "S#")
    c.set("attack_type", "bombing_explosion", "S#")
    c.set("weapon_type", "explosives", "S#")
    c.set("suicide", True, "S#")
    c.set("perpetrator", UNKNOWN_ACTOR, "S#")
    c.set("perpetrators_count", row.count("No. of Suicide Blasts"), "No. of Suicide Blasts")
    code_range(c, "killed", "Killed Min", "Killed Max")
    code_range(c, "wounded", "Injured Min", "Injured Max")


LAYOUT = Layout(
    name="pbc-suicide",
    dataset="pbc_suicide",
    id_column="S#",
    required=("S#", "Date", "City", "Province", "Location", "Target Type", "Killed Min", "Killed Max",
              "Injured Min", "Injured Max", "Latitude", "Longitude"),
    code=_code,
    fallback_encodings=("cp1252", "latin-1"),
    description="Pakistan Body Count suicide attacks CSV (S#, Date like 'Sunday-November 19-1995', …)",
    skip=lambda row: row.text("Date") is None,
)
