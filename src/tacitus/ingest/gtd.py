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

from tacitus.ingest import columns as c
from tacitus.ingest.columns import Check, Output, Source, SqlCrosswalk, out
from tacitus.ingest.layout import Layout
from tacitus.ingest.lookups import admin_units, countries, perpetrators
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
_NO_NAME = ("unknown", "not applicable", "none", "unnamed")
_FLAGS = ("extended", "suicide", "claimed", "guncertain1")
_COUNTS = ("nperps", "nkill", "nwound", "nkillter")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _named(column: str) -> str:
    """A name cell, NULL where GTD writes 'Unknown' or 'Not Applicable' instead of leaving it empty."""
    words = ", ".join(map(c.literal, _NO_NAME))
    return f"CASE WHEN list_contains([{words}], {c.fold(c.text(column))}) THEN NULL ELSE {c.text(column)} END"


def _category(table: dict[str, str], aliases: dict[str, str] | None = None) -> dict[str, str]:
    folded = {_fold(k): v for k, v in table.items()}
    folded.update({_fold(k): v for k, v in (aliases or {}).items()})
    return folded


_CATEGORIES = {
    "attacktype1_txt": _category(ATTACK_TYPES),
    "targtype1_txt": _category(TARGET_TYPES),
    "weaptype1_txt": _category(WEAPON_TYPES, _WEAPON_ALIASES),
}


def _category_value(column: str) -> str:
    """The codebook value of a category cell (NULL when empty, or when not a GTD category: a check says so)."""
    return c.case(c.fold(c.text(column)), _CATEGORIES[column])


def _flag_checks(column: str, condition: str = "TRUE") -> list[Check]:
    """A 0/1 cell (GTD writes -9 for unknown), checked only where `condition` holds (Python's `and`)."""
    value = f"_{column}"
    return [
        *(Check(k.column, f"{condition} AND {k.bad}", k.message) for k in c.number_checks(column)),
        Check(column, f"{condition} AND {value} NOT IN (0, 1)", f"CAST({value} AS VARCHAR) || ' is not 0 or 1'"),
    ]


_DATE_COLUMNS = ("iyear", "imonth", "iday")
_APPROX = f"{c.text('approxdate')} IS NOT NULL"
_DATE_SOURCES = (Source((*_DATE_COLUMNS, "approxdate"), _APPROX), Source(_DATE_COLUMNS))
_RESOLVED = "_end > _start AND _precision = 'day'"
_GROUP = f"coalesce({c.text('gname')}, {c.literal(UNKNOWN_ACTOR)})"
_NAMED = "_named_group"
_YEAR_OK = "_year BETWEEN 1 AND 9999"


def _day(year: str, month: str, day: str) -> str:
    """A DATE from parts, NULL when they make no date (31 February, month 13, year 0 or past 9999)."""
    return f"CASE WHEN {_YEAR_OK} THEN TRY_CAST(printf('%04d-%02d-%02d', {year}, {month}, {day}) AS DATE) END"


CROSSWALK = SqlCrosswalk(
    record_id=c.text("eventid"),
    lets=(
        ("_year", c.integer("iyear")),
        ("_month", f"coalesce({c.integer('imonth')}, 0)"),
        ("_day", f"coalesce({c.integer('iday')}, 0)"),
        ("_precision", "CASE WHEN _month = 0 THEN 'year' WHEN _day = 0 THEN 'month' ELSE 'day' END"),
        ("_month_start", f"CASE WHEN _month BETWEEN 1 AND 12 THEN {_day('_year', '_month', '1')} END"),
        ("_start", f"CASE _precision WHEN 'year' THEN {_day('_year', '1', '1')} WHEN 'month' THEN _month_start "
                   f"ELSE {_day('_year', '_month', '_day')} END"),
        ("_period_end", f"CASE _precision WHEN 'year' THEN {_day('_year', '12', '31')} "
                        "WHEN 'month' THEN last_day(_month_start) ELSE _start END"),
        *((f"_{flag}", c.integer(flag, UNKNOWN_CODES)) for flag in _FLAGS),
        ("_resolution", f"CASE WHEN _extended = 1 AND {c.text('resolution')} IS NOT NULL "
                        f"THEN {c.date('resolution', ('%Y-%m-%d', '%m/%d/%Y'))} END"),
        ("_end", "CASE WHEN _resolution >= _start AND _resolution > _period_end THEN _resolution "
                 "ELSE _period_end END"),
        ("_specificity", c.integer("specificity", UNKNOWN_CODES)),
        ("_attack", _category_value("attacktype1_txt")),
        ("_group", _GROUP),
        (_NAMED, f"{c.fold('_group')} <> {c.literal(_fold(UNKNOWN_ACTOR))}"),
    ),
    checks=(
        *c.number_checks("iyear"),
        Check("iyear", "_year IS NULL", "'is empty'"),
        Check("iyear", f"NOT ({_YEAR_OK})", "CAST(_year AS VARCHAR) || ' is not a year'"),
        *c.number_checks("imonth"),
        *c.number_checks("iday"),
        Check("imonth", "NOT (_month BETWEEN 0 AND 12)",
              "CAST(_month AS VARCHAR) || ' is not a month (0 for unknown)'"),
        Check("iday", "_month = 0 AND _day <> 0", "'day ' || CAST(_day AS VARCHAR) || ' given without a month'"),
        Check("iday", "_month <> 0 AND _day <> 0 AND _start IS NULL",
              "printf('%d-%02d-%02d', _year, _month, _day) || ' is not a date'"),
        *_flag_checks("extended"),
        Check("resolution", f"_extended = 1 AND {c.text('resolution')} IS NOT NULL AND _resolution IS NULL",
              f"{c.shown(c.text('resolution'))} || ' is not a valid date'"),
        *c.real_checks("latitude", -90, 90),
        *c.real_checks("longitude", -180, 180),
        *c.number_checks("specificity"),
        Check("specificity", f"_specificity NOT IN ({', '.join(map(str, GEO_PRECISION))})",
              "CAST(_specificity AS VARCHAR) || ' is not 1..5'"),
        *(Check(column, f"{c.text(column)} IS NOT NULL AND {_category_value(column)} IS NULL",
                f"{c.shown(c.text(column))} || ' is not a GTD category for this column'") for column in _CATEGORIES),
        *_flag_checks("suicide"),
        *_flag_checks("claimed"),
        *_flag_checks("guncertain1", f"{_NAMED} AND coalesce(_claimed <> 1, TRUE)"),
        *(check for column in _COUNTS for check in c.number_checks(column, count=True, missing=UNKNOWN_CODES)),
        *c.date_checks("iyear", "_start", None)[1:],
        *(Check(k.column, f"{_RESOLVED} AND {k.bad}", k.message)
          for k in c.date_checks("resolution", "_end", None)[1:]),
        *(Check(k.column, f"NOT ({_RESOLVED}) AND {k.bad}", k.message)
          for k in c.date_checks("iyear", "_end", None)[1:]),
    ),
    lookups=(
        countries(c.text("country_txt")),
        admin_units(_named("provstate"), "CAST(NULL AS VARCHAR)", "_start"),
        perpetrators(f"CASE WHEN {_NAMED} THEN _group END"),
    ),
    outputs=(
        Output("date", "_start", _DATE_SOURCES),
        Output("date_end", "_end", (Source(("resolution",), _RESOLVED), *_DATE_SOURCES)),
        Output("date_precision", "_precision", _DATE_SOURCES),
        out("country", c.text("country_txt"), "country_txt"),
        out("country_code", "country_iso3", "country_txt"),
        out("admin1", "admin_admin1", "provstate"),
        out("place", _named("city"), "city"),
        out("latitude", c.real("latitude"), "latitude"),
        out("longitude", c.real("longitude"), "longitude"),
        out("geo_precision", c.case("_specificity", GEO_PRECISION), "specificity"),
        out("attack_type", "_attack", "attacktype1_txt"),
        out("target_type", _category_value("targtype1_txt"), "targtype1_txt"),
        out("weapon_type", _category_value("weaptype1_txt"), "weaptype1_txt"),
        Output("target", f"coalesce({_named('corp1')}, {_named('target1')})",
               (Source(("corp1",), f"{_named('corp1')} IS NOT NULL"), Source(("target1",)))),
        out("suicide", "_suicide = 1", "suicide"),
        out("event_type", "CASE WHEN _suicide = 1 AND _attack = 'bombing_explosion' "
                          "THEN 'Explosions/Remote violence' END", "suicide", "attacktype1_txt"),
        out("sub_event_type", "CASE WHEN _suicide = 1 AND _attack = 'bombing_explosion' THEN 'Suicide bomb' END",
            "suicide", "attacktype1_txt"),
        out("perpetrator", "actor_perpetrator", "gname"),
        out("perpetrator_id", "actor_perpetrator_id", "gname"),
        out("actor1", f"CASE WHEN {_NAMED} THEN _group END", "gname"),
        out("claimed", "_claimed = 1", "claimed"),
        Output("attribution",
               f"CASE WHEN {_NAMED} THEN CASE WHEN _claimed = 1 THEN 'claimed' WHEN _guncertain1 = 1 "
               "THEN 'suspected' ELSE 'attributed' END END",
               (Source(("claimed",), "_claimed = 1"), Source(("guncertain1",), "_guncertain1 = 1"),
                Source(("gname",)))),
        out("perpetrators_count", c.integer("nperps", UNKNOWN_CODES), "nperps"),
        *(out(f"killed_{k}", c.integer("nkill", UNKNOWN_CODES), "nkill") for k in ("low", "best", "high")),
        *(out(f"wounded_{k}", c.integer("nwound", UNKNOWN_CODES), "nwound") for k in ("low", "best", "high")),
        out("perpetrators_killed", c.integer("nkillter", UNKNOWN_CODES), "nkillter"),
    ),
)


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
    optional=("approxdate", "extended", "resolution", "specificity", "weaptype1_txt", "corp1", "target1", "suicide",
              "claimed", "guncertain1", "nperps", "nkillter"),
    crosswalk=CROSSWALK,
    description="Global Terrorism Database export from START (CSV or XLSX, as a licensed user downloads it)",
)
