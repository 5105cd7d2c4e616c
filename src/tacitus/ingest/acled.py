"""ACLED's CSV export (data export tool or API, before and after the 2023 column changes) → codebook.

Crosswalk in short (long form with what is lost: docs/crosswalks.md). One ACLED row is one record;
`event_id_cnty` is the record id.
- event_date ("16 December 2014", "16-December-2014" or "2014-12-16"); time_precision 1 → day, 2 → week
  (date_end six days later: ACLED places such events on a day inside the week it cannot narrow further, so we
  keep the week from that day, not the day), 3 → month (the whole calendar month of event_date).
- event_type / sub_event_type unchanged (validated against the codebook, the pair must match).
- actor1/actor2 unchanged. ACLED's actor order does not say who attacked, so the perpetrator is actor1 only
  when the other side is civilians (Violence against civilians, or inter2 = civilians) or a remote attack
  names no second actor, else "Unknown"; ACLED's "Unidentified ..." actors read as "Unknown".
  assoc_actor_1/2, inter1/2, interaction: raw only.
- civilian_targeting set → target_type private_citizens_property. Suicide bomb → suicide, bombing_explosion,
  explosives; IED/grenade/air or drone strike → bombing_explosion, explosives; abduction → kidnapping.
- admin1/admin2 normalised to the units valid on the event date; location → place; geo_precision 1 → 1,
  2 → 2, 3 → 4 (see GEO_PRECISION).
- fatalities → killed_low = killed_best = killed_high (ACLED gives one conservative figure; no wounded).
- country → country; iso (ISO 3166 numeric) → ISO3. notes, source, source_scale, tags: raw only.
- timestamp (last change at ACLED) → reported_at of the record's claims, so a later ACLED revision counts
  as the more recent report when records are merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tacitus.actors import Actor, get_actors
from tacitus.countries import iso3_for_name, iso3_for_numeric
from tacitus.ingest import columns as c
from tacitus.ingest.columns import Check, Lookup, Output, Source, SqlCrosswalk, out
from tacitus.ingest.layout import Layout
from tacitus.ingest.lookups import admin_units, perpetrators
from tacitus.model import ACLED_EVENT_TYPES, UNKNOWN_ACTOR

DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y")
PRECISION = {1: "day", 2: "week", 3: "month"}
# ACLED geo_precision → UCDP where_prec. ACLED 2 ("near" a named town, its coordinates used) matches UCDP's
# "within 25 km of a known point"; ACLED 3 (only a larger region named, its centre or capital used) may be a
# district or a province, and we take the coarser reading.
GEO_PRECISION = {1: 1, 2: 2, 3: 4}
# inter codes before 2024 were numbers; since then ACLED writes the actor type's name.
_CIVILIANS = {"7", "civilians"}
_SUB_EVENT_CODING: dict[str, dict[str, object]] = {
    "Suicide bomb": {"suicide": True, "attack_type": "bombing_explosion", "weapon_type": "explosives"},
    "Remote explosive/landmine/IED": {"attack_type": "bombing_explosion", "weapon_type": "explosives"},
    "Grenade": {"attack_type": "bombing_explosion", "weapon_type": "explosives"},
    "Air/drone strike": {"attack_type": "bombing_explosion", "weapon_type": "explosives"},
    "Abduction/forced disappearance": {"attack_type": "hostage_taking_kidnapping"},
}


def _lookup(name: str) -> Actor | None:
    """The dictionary entry for an ACLED actor; ACLED writes many as 'ACRONYM: Full name' and dates state forces
    by government ('Military Forces of Pakistan (2018-2022)')."""
    actors = get_actors()
    name = re.sub(r"\s*\(\d{4}-(\d{4})?\)$", "", name)
    found = actors.lookup(name)
    if found is None and ":" in name:
        acronym, full = (part.strip() for part in name.split(":", 1))
        found = actors.lookup(full) or actors.lookup(acronym)
    return found


def _country_code(iso: int | None, country: str | None) -> tuple[str | None]:
    """ISO3 from ACLED's numeric `iso`, else from the country's name."""
    code = iso3_for_numeric(iso) if iso is not None else None
    return (code or (iso3_for_name(country) if country else None),)


def _within(value: str, allowed: Iterable[str]) -> str:
    """SQL: `value` is one of the strings `allowed`."""
    return f"list_contains([{', '.join(map(c.literal, sorted(allowed)))}], {value})"


_EVENT, _SUB = c.text("event_type"), c.text("sub_event_type")
_SUBS = {sub for subs in ACLED_EVENT_TYPES.values() for sub in subs}
_PAIR = f"coalesce({_EVENT}, '') || chr(31) || {_SUB}"
_INTER2 = f"lower({c.text('inter2')})"
_PAIRS = [f"{event}\x1f{sub}" for event, subs in ACLED_EVENT_TYPES.items() for sub in subs]
# actor1 when the event says who acted: the other side is civilians, or a remote attack has one actor; ACLED's
# "Unidentified ..." actors read as unknown.
_ACTS = (
    f"({_EVENT} = 'Violence against civilians' OR {_within(_INTER2, _CIVILIANS)} "
    f"OR ({_EVENT} = 'Explosions/Remote violence' AND {c.text('actor2')} IS NULL))"
)
_PERPETRATOR = (
    f"CASE WHEN coalesce({_ACTS}, FALSE) AND NOT starts_with(lower({c.text('actor1')}), 'unidentified') "
    f"THEN {c.text('actor1')} END"
)
_NAMED = f"(_perpetrator IS NOT NULL AND _perpetrator <> {c.literal(UNKNOWN_ACTOR)})"
_DATE_COLUMNS = ("event_date", "time_precision")
_EPOCH_SECONDS = f"TRY_CAST({c.text('timestamp')} AS BIGINT)"
_IS_SECONDS = f"regexp_full_match({c.text('timestamp')}, '[0-9]+')"
_LAST_SECOND = 253402300799  # 9999-12-31 23:59:59 UTC


def _coding(field: str) -> dict[str, object]:
    return {sub: coding[field] for sub, coding in _SUB_EVENT_CODING.items() if field in coding}


CROSSWALK = SqlCrosswalk(
    record_id=c.text("event_id_cnty"),
    lets=(
        ("_day", c.date("event_date", DATE_FORMATS)),
        ("_precision_code", f"coalesce(nullif({c.integer('time_precision')}, 0), 1)"),
        ("_start", "CASE WHEN _precision_code = 3 THEN CAST(date_trunc('month', _day) AS DATE) ELSE _day END"),
        ("_end", "CASE _precision_code WHEN 2 THEN _day + 6 WHEN 3 THEN last_day(_day) ELSE _day END"),
        ("_geo", c.integer("geo_precision")),
        ("_perpetrator", _PERPETRATOR),
        ("_seconds", f"CASE WHEN {_IS_SECONDS} THEN {_EPOCH_SECONDS} END"),
        ("_stamp_day", c.date("timestamp")),
    ),
    checks=(
        Check("event_date", f"_day IS NULL AND {c.text('event_date')} IS NOT NULL",
              f"{c.shown(c.text('event_date'))} || ' is not a valid date'"),
        Check("event_date", "_day IS NULL", "'is empty'"),
        *c.number_checks("time_precision"),
        Check("time_precision", "_precision_code NOT IN (1, 2, 3)",
              "CAST(_precision_code AS VARCHAR) || ' is not 1, 2 or 3'"),
        Check("event_type", f"NOT {_within(_EVENT, ACLED_EVENT_TYPES)}",
              f"{c.shown(_EVENT)} || ' is not a codebook value for event_type'"),
        Check("sub_event_type", f"NOT {_within(_SUB, _SUBS)}",
              f"{c.shown(_SUB)} || ' is not a codebook value for sub_event_type'"),
        Check("sub_event_type", f"NOT {_within(_PAIR, _PAIRS)}",
              f"{c.shown(_SUB)} || ' is not a sub-event type of ' || coalesce({c.shown(_EVENT)}, 'None')"),
        *c.number_checks("iso"),
        *c.real_checks("latitude", -90, 90),
        *c.real_checks("longitude", -180, 180),
        *c.number_checks("geo_precision"),
        Check("geo_precision", f"_geo NOT IN ({', '.join(map(str, GEO_PRECISION))})",
              "CAST(_geo AS VARCHAR) || ' is not 1, 2 or 3'"),
        *c.number_checks("fatalities", count=True),
        *c.date_checks("event_date", "_start", None)[1:],
        *c.date_checks("event_date", "_end", None)[1:],
        Check("timestamp", f"{c.text('timestamp')} IS NOT NULL AND CASE WHEN {_IS_SECONDS} "
                           f"THEN coalesce({_EPOCH_SECONDS} > {_LAST_SECOND}, TRUE) "
                           "ELSE _stamp_day IS NULL END",
              f"{c.shown(c.text('timestamp'))} || ' is not a valid date'"),
    ),
    lookups=(
        Lookup("country", (c.integer("iso"), c.text("country")), (("iso3", "VARCHAR"),), _country_code),
        admin_units(c.text("admin1"), c.text("admin2"), "_start"),
        perpetrators(f"CASE WHEN {_NAMED} THEN _perpetrator END", lookup=_lookup),
    ),
    outputs=(
        out("date", "_start", *_DATE_COLUMNS),
        out("date_end", "_end", *_DATE_COLUMNS),
        out("date_precision", c.case("_precision_code", PRECISION), "time_precision"),
        out("event_type", _EVENT, "event_type"),
        out("sub_event_type", _SUB, "sub_event_type"),
        *(out(field, c.case(_SUB, _coding(field)), "sub_event_type")
          for field in ("suicide", "attack_type", "weapon_type")),
        out("target_type", f"CASE WHEN {c.text('civilian_targeting')} IS NOT NULL "
                           "THEN 'private_citizens_property' END", "civilian_targeting"),
        out("actor1", c.text("actor1"), "actor1"),
        out("actor2", c.text("actor2"), "actor2"),
        *(Output(field, f"actor_{field}", (Source(("actor1",), _NAMED), Source(("event_type",))))
          for field in ("perpetrator", "perpetrator_id")),
        out("country", c.text("country"), "country"),
        out("country_code", "country_iso3", "iso"),
        out("admin1", "admin_admin1", "admin1"),
        out("admin2", "admin_admin2", "admin2"),
        out("place", c.text("location"), "location"),
        out("latitude", c.real("latitude"), "latitude"),
        out("longitude", c.real("longitude"), "longitude"),
        out("geo_precision", c.case("_geo", GEO_PRECISION), "geo_precision"),
        *(out(f"killed_{k}", c.integer("fatalities"), "fatalities") for k in ("low", "best", "high")),
    ),
    # ACLED's `timestamp` (last change at ACLED): Unix seconds in its exports, an ISO date in re-saved copies.
    reported_at=f"CASE WHEN {_IS_SECONDS} THEN CAST(DATE '1970-01-01' + CAST(_seconds // 86400 AS INTEGER) AS VARCHAR) "
                "ELSE CAST(_stamp_day AS VARCHAR) END",
)


LAYOUT = Layout(
    name="acled",
    dataset="acled",
    id_column="event_id_cnty",
    required=(
        "event_id_cnty",
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "country",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
    ),
    optional=("inter2", "civilian_targeting", "iso", "admin2", "timestamp"),
    crosswalk=CROSSWALK,
    description="ACLED CSV export (data export tool or API; old and post-2023 column sets)",
)
