"""UCDP GED (any recent version; also HDX's Pakistan export with its HXL row) → codebook.

Crosswalk (docs/crosswalks.md): one GED row is one record; `id` is kept as record id.
- date_start/date_end; date_prec 1 → day, 2–3 → week, 4 → month, 5+ → year.
- adm_1/adm_2 normalised to the units valid on the event date (GED writes today's province names).
- where_prec → geo_precision unchanged (our scale is UCDP's).
- side_a/side_b → actor1/actor2. GED does not say who initiated state-based or non-state violence, so the
  perpetrator is side_a only for one-sided violence (type 3) and "Unknown" otherwise; actor queries search
  both sides, so nothing is lost.
- low/best/high → killed_low/best/high; deaths_civilians → civilians_killed; deaths of the Government of
  Pakistan's side → security_killed; for one-sided violence deaths_a → perpetrators_killed. GED has no wounded.
- One-sided violence → ACLED "Violence against civilians"/"Attack", GTD target "private_citizens_property";
  side_a "Government of United States of America" in Pakistan from June 2004 (the first drone strike) →
  "Air/drone strike"; earlier US events are left untyped. Other GED events get no
  ACLED type: GED does not record the form of violence, and guessing would pass a guess off as data.
- country_id → gwcode (GED codes countries in Gleditsch–Ward numbers); priogrid_gid kept; conflict_new_id and
  dyad_new_id → conflict_id and dyad_id, the ids UCDP's other datasets (ACD, dyadic, NSOS) are keyed on. They are
  claims like every other value, placed after the others so earlier claims keep their ids.
"""

from __future__ import annotations

import datetime as dt

from tacitus.ingest import columns as c
from tacitus.ingest.columns import Check, Output, Source, SqlCrosswalk, out
from tacitus.ingest.layout import Layout
from tacitus.ingest.lookups import admin_units, perpetrators

_FEATURE_WORDS = r"\s+(town|city|village|area|district|tehsil|agency|province|region|valley|camp|bazaar|market)$"
# Free-text columns (headlines, source quotes): not redistributable prose; dropped from bundled data.
FREE_TEXT_COLUMNS = frozenset(
    {"source_article", "source_headline", "source_original", "source_office", "source_date", "where_description"}
)
_GOVERNMENT_SIDES = ("Government of Pakistan",)
_DRONE_SIDES = ("Government of United States of America",)
# The first US drone strike in Pakistan (Wana area, June 2004); earlier US events in GED are not drone strikes.
FIRST_DRONE_STRIKE = dt.date(2004, 6, 17)
# GED starts in 1989; a few conflicts are coded back to 1946 in older releases' annexes.
EARLIEST_YEAR = 1946


def _in(value: str, names: tuple[str, ...]) -> str:
    return f"coalesce({value} IN ({', '.join(map(c.literal, names))}), FALSE)"


def place_name(where_coordinates: str) -> str:
    """GED labels places like 'Mir Ali town'; the codebook's place is the name alone (SQL over a text value)."""
    stripped = f"regexp_replace({where_coordinates}, {c.literal(_FEATURE_WORDS)}, '', 'i')"
    return f"coalesce(nullif({stripped}, ''), {where_coordinates})"


_ONE_SIDED = "_violence = 3"
_GOVERNMENT_A = _in("_side_a", _GOVERNMENT_SIDES)
_GOVERNMENT_B = _in("_side_b", _GOVERNMENT_SIDES)
_DRONE = (
    f"(NOT coalesce({_ONE_SIDED}, FALSE) AND {_in('_side_a', _DRONE_SIDES)} "
    f"AND _start >= {c.literal(FIRST_DRONE_STRIKE)})"
)
_COUNTS = ("low", "best", "high", "deaths_civilians")
# UCDP's own ids kept on the record (column → codebook field), with the largest value each can take: GW codes
# are below 1000, PRIO-GRID has 259,200 cells, UCDP's conflict and dyad ids are four- to six-digit numbers.
_IDS = (("country_id", "gwcode", 999), ("priogrid_gid", "priogrid_gid", 259_200),
        ("conflict_new_id", "conflict_id", 2**31 - 1), ("dyad_new_id", "dyad_id", 2**31 - 1))


def _id_checks(column: str, highest: int) -> list[Check]:
    """A UCDP id: a whole number from 1 to `highest`."""
    n = c.number(column)
    message = f"{c.shown(c.text(column))} || ' is not a UCDP id (1 to {highest})'"
    return [*c.number_checks(column), Check(column, f"{n} < 1 OR {n} > {highest}", message)]


def _when(condition: str, columns: tuple[str, ...], otherwise: tuple[str, ...]) -> tuple[Source, ...]:
    return (Source(columns, condition), Source(otherwise))


CROSSWALK = SqlCrosswalk(
    record_id=c.text("id"),
    lets=(
        ("_start", c.date("date_start")),
        ("_date_end", c.date("date_end")),
        ("_end", "coalesce(_date_end, _start)"),
        ("_prec", c.integer("date_prec")),
        ("_violence", c.integer("type_of_violence")),
        ("_side_a", c.text("side_a")),
        ("_side_b", c.text("side_b")),
        *((f"_{name}", c.integer(name)) for name in (*_COUNTS, "deaths_a", "deaths_b")),
    ),
    checks=(
        *c.date_checks("date_start", "_start", EARLIEST_YEAR),
        c.required("date_start"),
        *c.date_checks("date_end", "_date_end", EARLIEST_YEAR),
        Check("date_end", "_end < _start",
              "CAST(_end AS VARCHAR) || ' is before date_start ' || CAST(_start AS VARCHAR)"),
        *c.number_checks("date_prec"),
        *c.real_checks("latitude", -90, 90),
        *c.real_checks("longitude", -180, 180),
        *c.number_checks("where_prec"),
        *c.number_checks("type_of_violence"),
        Check("type_of_violence", "_violence IS NULL OR _violence NOT IN (1, 2, 3)",
              "coalesce(CAST(_violence AS VARCHAR), 'None') || ' is not 1, 2 or 3'"),
        *(check for name in _COUNTS[:3] for check in c.number_checks(name, count=True)),
        c.required("best"),
        # No low <= best <= high check: UCDP's published releases break it (in GED 22.1's Pakistan rows, best
        # exceeds high 139 times and low exceeds best 61 times), and a user must be able to import UCDP's own
        # file. The record keeps UCDP's figures as published (its claims quote them); the event's range is
        # derived consistent by the toll rule (tacitus.resolve.derive), which widens low/high around best.
        *c.number_checks("deaths_civilians", count=True),
        *(Check(k.column, f"({_GOVERNMENT_A} OR {_ONE_SIDED}) AND {k.bad}", k.message)
          for k in c.number_checks("deaths_a", count=True)),
        *(Check(k.column, f"NOT {_GOVERNMENT_A} AND {_GOVERNMENT_B} AND {k.bad}", k.message)
          for k in c.number_checks("deaths_b", count=True)),
        *(check for column, _, highest in _IDS for check in _id_checks(column, highest)),
    ),
    lookups=(
        admin_units(c.text("adm_1"), c.text("adm_2"), "_start"),
        perpetrators(f"CASE WHEN {_ONE_SIDED} THEN _side_a END"),
    ),
    outputs=(
        out("date", "_start", "date_start"),
        out("date_end", "_end", "date_end"),
        out("date_precision",
            "CASE coalesce(nullif(_prec, 0), 1) WHEN 1 THEN 'day' WHEN 2 THEN 'week' WHEN 3 THEN 'week' "
            "WHEN 4 THEN 'month' ELSE 'year' END", "date_prec"),
        out("country", c.text("country"), "country"),
        # GED's iso3 is already the codebook's alpha-3 code
        out("country_code", c.text("iso3"), "iso3"),
        out("admin1", "admin_admin1", "adm_1"),
        out("admin2", "admin_admin2", "adm_2"),
        out("place", place_name(c.text("where_coordinates")), "where_coordinates"),
        out("latitude", c.real("latitude"), "latitude"),
        out("longitude", c.real("longitude"), "longitude"),
        out("geo_precision", c.integer("where_prec"), "where_prec"),
        out("type_of_violence", "_violence", "type_of_violence"),
        out("actor1", "_side_a", "side_a"),
        out("actor2", "_side_b", "side_b"),
        Output("perpetrator", "actor_perpetrator", _when(_ONE_SIDED, ("side_a",), ("type_of_violence",))),
        Output("perpetrator_id", "actor_perpetrator_id", _when(_ONE_SIDED, ("side_a",), ("type_of_violence",))),
        out("killed_low", "_low", "low"),
        out("killed_best", "_best", "best"),
        out("killed_high", "_high", "high"),
        out("civilians_killed", "_deaths_civilians", "deaths_civilians"),
        Output("security_killed",
               f"CASE WHEN {_GOVERNMENT_A} THEN _deaths_a WHEN {_GOVERNMENT_B} THEN _deaths_b END",
               _when(_GOVERNMENT_A, ("deaths_a",), ("deaths_b",))),
        out("perpetrators_killed", f"CASE WHEN {_ONE_SIDED} THEN _deaths_a END", "deaths_a"),
        Output("event_type",
               f"CASE WHEN {_ONE_SIDED} THEN 'Violence against civilians' "
               f"WHEN {_DRONE} THEN 'Explosions/Remote violence' END",
               _when(_ONE_SIDED, ("type_of_violence",), ("side_a",))),
        Output("sub_event_type",
               f"CASE WHEN {_ONE_SIDED} THEN 'Attack' WHEN {_DRONE} THEN 'Air/drone strike' END",
               _when(_ONE_SIDED, ("type_of_violence",), ("side_a",))),
        out("target_type", f"CASE WHEN {_ONE_SIDED} THEN 'private_citizens_property' END", "type_of_violence"),
        out("attack_type", f"CASE WHEN {_DRONE} THEN 'bombing_explosion' END", "side_a"),
        out("weapon_type", f"CASE WHEN {_DRONE} THEN 'explosives' END", "side_a"),
        *(out(name, c.integer(column), column) for column, name, _ in _IDS),
    ),
    coordinates=(c.text("iso3"), c.real("latitude"), c.real("longitude")),
)


LAYOUT = Layout(
    name="ucdp-ged",
    dataset="ucdp_ged",
    id_column="id",
    required=(
        "id",
        "type_of_violence",
        "side_a",
        "side_b",
        "date_start",
        "date_end",
        "latitude",
        "longitude",
        "best",
        "low",
        "high",
    ),
    optional=("date_prec", "country", "iso3", "adm_1", "adm_2", "where_coordinates", "where_prec",
              "deaths_civilians", "deaths_a", "deaths_b", *(column for column, _, _ in _IDS)),
    crosswalk=CROSSWALK,
    earliest_year=EARLIEST_YEAR,
    description="UCDP Georeferenced Event Dataset CSV (any version from 5.0; HDX exports with an HXL row)",
)
