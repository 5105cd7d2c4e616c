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
"""

from __future__ import annotations

import datetime as dt
import re

from tacitus.geo import get_geocoder
from tacitus.ingest.layout import Coded, Layout, set_perpetrator

_PRECISION = {1: "day", 2: "week", 3: "week", 4: "month"}
_FEATURE_WORDS = re.compile(
    r"\s+(town|city|village|area|district|tehsil|agency|province|region|valley|camp|bazaar|market)$",
    re.IGNORECASE,
)
# Free-text columns (headlines, source quotes): not redistributable prose; dropped from bundled data.
FREE_TEXT_COLUMNS = frozenset(
    {"source_article", "source_headline", "source_original", "source_office", "source_date", "where_description"}
)
_GOVERNMENT_SIDES = {"Government of Pakistan"}
_DRONE_SIDES = {"Government of United States of America"}
# The first US drone strike in Pakistan (Wana area, June 2004); earlier US events in GED are not drone strikes.
FIRST_DRONE_STRIKE = dt.date(2004, 6, 17)


def place_name(where_coordinates: str | None) -> str | None:
    """GED labels places like 'Mir Ali town'; the codebook's place is the name alone."""
    if where_coordinates is None:
        return None
    return _FEATURE_WORDS.sub("", where_coordinates.strip()) or where_coordinates


def _code(c: Coded) -> None:
    row = c.row
    start = row.date("date_start")
    if start is None:
        raise row.error("date_start", "is empty")
    end = row.date("date_end") or start
    if end < start:
        raise row.error("date_end", f"{end} is before date_start {start}")
    c.set("date", start, "date_start")
    c.set("date_end", end, "date_end")
    prec = row.int("date_prec")
    c.set("date_precision", _PRECISION.get(prec or 1, "year"), "date_prec")
    c.set("country", row.text("country"), "country")
    # GED's iso3 is already the codebook's alpha-3 code
    c.set("country_code", row.text("iso3"), "iso3")
    admin1, admin2 = get_geocoder().normalize_admin(row.text("adm_1"), row.text("adm_2"), start)
    c.set("admin1", admin1, "adm_1")
    c.set("admin2", admin2, "adm_2")
    c.set("place", place_name(row.text("where_coordinates")), "where_coordinates")
    c.set("latitude", row.float("latitude", -90, 90), "latitude")
    c.set("longitude", row.float("longitude", -180, 180), "longitude")
    c.set("geo_precision", row.int("where_prec"), "where_prec")
    violence = row.int("type_of_violence")
    if violence not in (1, 2, 3):
        raise row.error("type_of_violence", f"{violence} is not 1, 2 or 3")
    c.set("type_of_violence", violence, "type_of_violence")
    side_a, side_b = row.text("side_a"), row.text("side_b")
    c.set("actor1", side_a, "side_a")
    c.set("actor2", side_b, "side_b")
    set_perpetrator(c, side_a if violence == 3 else None, "side_a" if violence == 3 else "type_of_violence")
    low, best, high = row.count("low"), row.count("best"), row.count("high")
    if best is None:
        raise row.error("best", "is empty")
    c.set("killed_low", low, "low")
    c.set("killed_best", best, "best")
    c.set("killed_high", high, "high")
    c.set("civilians_killed", row.count("deaths_civilians"), "deaths_civilians")
    if side_a in _GOVERNMENT_SIDES:
        c.set("security_killed", row.count("deaths_a"), "deaths_a")
    elif side_b in _GOVERNMENT_SIDES:
        c.set("security_killed", row.count("deaths_b"), "deaths_b")
    if violence == 3:
        c.set("perpetrators_killed", row.count("deaths_a"), "deaths_a")
        c.set("event_type", "Violence against civilians", "type_of_violence")
        c.set("sub_event_type", "Attack", "type_of_violence")
        c.set("target_type", "private_citizens_property", "type_of_violence")
    elif side_a in _DRONE_SIDES and start >= FIRST_DRONE_STRIKE:
        c.set("event_type", "Explosions/Remote violence", "side_a")
        c.set("sub_event_type", "Air/drone strike", "side_a")
        c.set("attack_type", "bombing_explosion", "side_a")
        c.set("weapon_type", "explosives", "side_a")


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
    code=_code,
    description="UCDP Georeferenced Event Dataset CSV (any version from 5.0; HDX exports with an HXL row)",
)
