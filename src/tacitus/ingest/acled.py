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

import calendar
import datetime as dt
import re

from tacitus.actors import Actor, get_actors
from tacitus.countries import iso3_for_name, iso3_for_numeric
from tacitus.ingest.layout import Coded, Layout, set_perpetrator
from tacitus.ingest.tabular import Row
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


def _perpetrator(actor1: str | None, actor2: str | None, event_type: str | None, inter2: str | None) -> str:
    """actor1 when the event says who acted: the other side is civilians, or a remote attack has one actor."""
    one_sided = event_type == "Violence against civilians" or (inter2 or "").strip().casefold() in _CIVILIANS
    sole_attacker = event_type == "Explosions/Remote violence" and not actor2
    if not (one_sided or sole_attacker) or not actor1 or actor1.casefold().startswith("unidentified"):
        return UNKNOWN_ACTOR
    return actor1


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


def _reported_at(row: Row) -> str | None:
    """ACLED's `timestamp`: Unix seconds in its exports, an ISO date-time in some re-saved copies."""
    text = row.text("timestamp")
    if text is None:
        return None
    if text.isdigit():
        return dt.datetime.fromtimestamp(int(text), dt.UTC).date().isoformat()
    day = row.date("timestamp")
    return day.isoformat() if day else None


def _code(c: Coded) -> None:
    from tacitus.geo import get_geocoder

    row = c.row
    day = row.date("event_date", DATE_FORMATS)
    if day is None:
        raise row.error("event_date", "is empty")
    precision_code = row.int("time_precision") or 1
    if precision_code not in PRECISION:
        raise row.error("time_precision", f"{precision_code} is not 1, 2 or 3")
    precision = PRECISION[precision_code]
    start, end = day, day
    if precision == "week":
        end = day + dt.timedelta(days=6)
    elif precision == "month":
        start, end = day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    c.set("date", start, "event_date", "time_precision")
    c.set("date_end", end, "event_date", "time_precision")
    c.set("date_precision", precision, "time_precision")

    # Always filled in ACLED's own files; empty in Tacitus exports of events no one typed (see export.acled).
    event_type, sub_event_type = row.text("event_type"), row.text("sub_event_type")
    c.set("event_type", event_type, "event_type")
    c.set("sub_event_type", sub_event_type, "sub_event_type")
    if sub_event_type and sub_event_type not in ACLED_EVENT_TYPES.get(event_type or "", ()):
        raise row.error("sub_event_type", f"{sub_event_type!r} is not a sub-event type of {event_type!r}")
    for name, value in _SUB_EVENT_CODING.get(sub_event_type or "", {}).items():
        c.set(name, value, "sub_event_type")
    if row.text("civilian_targeting"):
        c.set("target_type", "private_citizens_property", "civilian_targeting")

    actor1, actor2 = row.text("actor1"), row.text("actor2")
    c.set("actor1", actor1, "actor1")
    c.set("actor2", actor2, "actor2")
    perpetrator = _perpetrator(actor1, actor2, event_type, row.text("inter2"))
    set_perpetrator(c, perpetrator, "actor1" if perpetrator != UNKNOWN_ACTOR else "event_type", lookup=_lookup)

    country = row.text("country")
    c.set("country", country, "country")
    iso = row.int("iso")
    code = iso3_for_numeric(iso) if iso is not None else None
    c.set("country_code", code or (iso3_for_name(country) if country else None), "iso")
    admin1, admin2 = get_geocoder().normalize_admin(row.text("admin1"), row.text("admin2"), start)
    c.set("admin1", admin1, "admin1")
    c.set("admin2", admin2, "admin2")
    c.set("place", row.text("location"), "location")
    c.set("latitude", row.float("latitude", -90, 90), "latitude")
    c.set("longitude", row.float("longitude", -180, 180), "longitude")
    geo = row.int("geo_precision")
    if geo is not None and geo not in GEO_PRECISION:
        raise row.error("geo_precision", f"{geo} is not 1, 2 or 3")
    c.set("geo_precision", GEO_PRECISION.get(geo) if geo else None, "geo_precision")

    fatalities = row.count("fatalities")
    for name in ("killed_low", "killed_best", "killed_high"):
        c.set(name, fatalities, "fatalities")


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
    code=_code,
    reported_at=_reported_at,
    description="ACLED CSV export (data export tool or API; old and post-2023 column sets)",
)
