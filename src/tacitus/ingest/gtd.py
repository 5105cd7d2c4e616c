"""GTD (the CSV or XLSX a licensed user downloads from START) → codebook.

Crosswalk in short (long form with what is lost: docs/crosswalks.md). One GTD row is one record; `eventid` is
the record id.
- iyear/imonth/iday; 0 means unknown: imonth 0 → year precision, iday 0 → month precision, `date` is the first
  day of the known period and `date_end` its last. extended=1 with a `resolution` date → date_end.
  `approxdate` (GTD's free wording of an uncertain date) is cited in the date claim and kept in the raw row.
- country_txt → country, and its ISO3 (GTD's own country numbers are not ISO).
- provstate → admin1 (as on the event date), city → place; GTD has no district column. specificity → geo_precision
  (1 → 1, 2 → 3, 3 → 3, 4 → 4, 5 → 6; see GEO_PRECISION).
- attacktype1_txt / targtype1_txt / weaptype1_txt → attack_type / target_type / weapon_type (snake_case;
  an unknown category text is an error, not a silent None). corp1 (else target1) → target.
- gname → perpetrator ("Unknown" stays) and actor1, perpetrator_id from the actor dictionary; claimed 1/0/-9 →
  claimed, and attribution claimed | suspected (guncertain1=1) | attributed.
- nperps → perpetrators_count; nkill → killed_low/best/high (GTD gives one figure, which includes
  perpetrators), nkillter → perpetrators_killed, nwound → wounded_low/best/high. -9/-99 mean unknown.
- suicide 1 with a bombing → ACLED "Explosions/Remote violence"/"Suicide bomb"; other GTD events get no ACLED
  type, because GTD's categories do not determine ACLED's.
"""

from __future__ import annotations

import calendar
import datetime as dt

from tacitus.countries import iso3_for_name
from tacitus.ingest.layout import Coded, Layout, set_perpetrator
from tacitus.ingest.tabular import Row
from tacitus.model import UNKNOWN_ACTOR

UNKNOWN_CODES = (-9, -99)

# GTD's category texts, in GTD's own code order (the code is the position + 1), → codebook values.
ATTACK_TYPES: dict[str, str] = {
    "Assassination": "assassination",
    "Armed Assault": "armed_assault",
    "Bombing/Explosion": "bombing_explosion",
    "Hijacking": "hijacking",
    "Hostage Taking (Barricade Incident)": "hostage_taking_barricade",
    "Hostage Taking (Kidnapping)": "hostage_taking_kidnapping",
    "Facility/Infrastructure Attack": "facility_infrastructure_attack",
    "Unarmed Assault": "unarmed_assault",
    "Unknown": "unknown",
}
TARGET_TYPES: dict[str, str] = {
    "Business": "business",
    "Government (General)": "government_general",
    "Police": "police",
    "Military": "military",
    "Abortion Related": "abortion_related",
    "Airports & Aircraft": "airports_aircraft",
    "Government (Diplomatic)": "government_diplomatic",
    "Educational Institution": "educational_institution",
    "Food or Water Supply": "food_water_supply",
    "Journalists & Media": "journalists_media",
    "Maritime": "maritime",
    "NGO": "ngo",
    "Other": "other",
    "Private Citizens & Property": "private_citizens_property",
    "Religious Figures/Institutions": "religious_figures_institutions",
    "Telecommunication": "telecommunication",
    "Terrorists/Non-State Militia": "terrorists_non_state_militia",
    "Tourists": "tourists",
    "Transportation": "transportation",
    "Unknown": "unknown",
    "Utilities": "utilities",
    "Violent Political Party": "violent_political_party",
}
WEAPON_TYPES: dict[str, str] = {
    "Biological": "biological",
    "Chemical": "chemical",
    "Radiological": "radiological",
    "Nuclear": "nuclear",
    "Firearms": "firearms",
    "Explosives": "explosives",
    "Fake Weapons": "fake_weapons",
    "Incendiary": "incendiary",
    "Melee": "melee",
    "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)": "vehicle",
    "Sabotage Equipment": "sabotage_equipment",
    "Other": "other",
    "Unknown": "unknown",
}
# Spellings older GTD releases used for the same categories.
_WEAPON_ALIASES = {"Explosives/Bombs/Dynamite": "explosives", "Vehicle": "vehicle"}

# GTD specificity → UCDP where_prec. GTD 2 (a town, but coordinates of the smallest admin unit) and 3 (not in a
# town; admin-unit centroid) both mean "somewhere in the district" (3); 4 is the province (4); 5 means no
# province is known, which leaves the country (6).
GEO_PRECISION = {1: 1, 2: 3, 3: 3, 4: 4, 5: 6}

# Cells GTD fills when there is no name (of a target, province or city).
_NO_NAME = {"unknown", "not applicable", "none", "unnamed"}


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _named(row: Row, column: str) -> str | None:
    """A name cell, None where GTD writes 'Unknown' or 'Not Applicable' instead of leaving it empty."""
    text = row.text(column)
    return None if text is None or _fold(text) in _NO_NAME else text


def _category(table: dict[str, str], aliases: dict[str, str] | None = None) -> dict[str, str]:
    folded = {_fold(k): v for k, v in table.items()}
    folded.update({_fold(k): v for k, v in (aliases or {}).items()})
    return folded


_ATTACK = _category(ATTACK_TYPES)
_TARGET = _category(TARGET_TYPES)
_WEAPON = _category(WEAPON_TYPES, _WEAPON_ALIASES)


def _category_value(row: Row, column: str, table: dict[str, str]) -> str | None:
    text = row.text(column)
    if text is None:
        return None
    value = table.get(_fold(text))
    if value is None:
        raise row.error(column, f"{text!r} is not a GTD category for this column")
    return value


def _period(row: Row) -> tuple[dt.date, dt.date, str]:
    """(first day, last day, precision) of the period iyear/imonth/iday allow."""
    year = row.int("iyear")
    if year is None:
        raise row.error("iyear", "is empty")
    if not 1 <= year <= 9999:
        raise row.error("iyear", f"{year} is not a year")
    month = row.int("imonth") or 0
    day = row.int("iday") or 0
    if not 0 <= month <= 12:
        raise row.error("imonth", f"{month} is not a month (0 for unknown)")
    if month == 0:
        if day:
            raise row.error("iday", f"day {day} given without a month")
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    last = calendar.monthrange(year, month)[1]
    if day == 0:
        return dt.date(year, month, 1), dt.date(year, month, last), "month"
    if not 1 <= day <= last:
        raise row.error("iday", f"{year}-{month:02d}-{day:02d} is not a date")
    return dt.date(year, month, day), dt.date(year, month, day), "day"


def _code(c: Coded) -> None:
    from tacitus.geo import get_geocoder

    row = c.row
    start, end, precision = _period(row)
    if row.flag("extended", UNKNOWN_CODES) and row.text("resolution"):
        resolved = row.date("resolution", ("%Y-%m-%d", "%m/%d/%Y"))
        if resolved is not None and resolved >= start:
            end = max(end, resolved)
    date_columns = ("iyear", "imonth", "iday", *(("approxdate",) if row.text("approxdate") else ()))
    c.set("date", start, *date_columns)
    c.set("date_end", end, *(("resolution",) if end > start and precision == "day" else date_columns))
    c.set("date_precision", precision, *date_columns)

    country = row.text("country_txt")
    c.set("country", country, "country_txt")
    c.set("country_code", iso3_for_name(country) if country else None, "country_txt")
    admin1, _ = get_geocoder().normalize_admin(_named(row, "provstate"), None, start)
    c.set("admin1", admin1, "provstate")
    c.set("place", _named(row, "city"), "city")
    c.set("latitude", row.float("latitude", -90, 90), "latitude")
    c.set("longitude", row.float("longitude", -180, 180), "longitude")
    specificity = row.int("specificity", UNKNOWN_CODES)
    if specificity is not None and specificity not in GEO_PRECISION:
        raise row.error("specificity", f"{specificity} is not 1..5")
    c.set("geo_precision", GEO_PRECISION.get(specificity) if specificity else None, "specificity")

    attack = _category_value(row, "attacktype1_txt", _ATTACK)
    c.set("attack_type", attack, "attacktype1_txt")
    c.set("target_type", _category_value(row, "targtype1_txt", _TARGET), "targtype1_txt")
    c.set("weapon_type", _category_value(row, "weaptype1_txt", _WEAPON), "weaptype1_txt")
    for column in ("corp1", "target1"):
        name = _named(row, column)
        if name:
            c.set("target", name, column)
            break
    suicide = row.flag("suicide", UNKNOWN_CODES)
    c.set("suicide", suicide, "suicide")
    if suicide and attack == "bombing_explosion":
        c.set("event_type", "Explosions/Remote violence", "suicide", "attacktype1_txt")
        c.set("sub_event_type", "Suicide bomb", "suicide", "attacktype1_txt")

    group = row.text("gname") or UNKNOWN_ACTOR
    named = _fold(group) != _fold(UNKNOWN_ACTOR)
    set_perpetrator(c, group if named else None, "gname")
    c.set("actor1", group if named else None, "gname")
    claimed = row.flag("claimed", UNKNOWN_CODES)
    c.set("claimed", claimed, "claimed")
    if named:
        if claimed:
            c.set("attribution", "claimed", "claimed")
        elif row.flag("guncertain1", UNKNOWN_CODES):
            c.set("attribution", "suspected", "guncertain1")
        else:
            c.set("attribution", "attributed", "gname")
    c.set("perpetrators_count", row.count("nperps", UNKNOWN_CODES), "nperps")

    killed = row.count("nkill", UNKNOWN_CODES)
    wounded = row.count("nwound", UNKNOWN_CODES)
    for name in ("killed_low", "killed_best", "killed_high"):
        c.set(name, killed, "nkill")
    for name in ("wounded_low", "wounded_best", "wounded_high"):
        c.set(name, wounded, "nwound")
    c.set("perpetrators_killed", row.count("nkillter", UNKNOWN_CODES), "nkillter")


LAYOUT = Layout(
    name="gtd",
    dataset="gtd",
    id_column="eventid",
    required=(
        "eventid",
        "iyear",
        "imonth",
        "iday",
        "country_txt",
        "provstate",
        "city",
        "latitude",
        "longitude",
        "attacktype1_txt",
        "targtype1_txt",
        "gname",
        "nkill",
        "nwound",
    ),
    code=_code,
    description="Global Terrorism Database export from START (CSV or XLSX, as a licensed user downloads it)",
)
