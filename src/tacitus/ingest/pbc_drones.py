"""Pakistan Body Count's drone-attack list (2004–2017, as republished with weather columns) → codebook.

Quirks: latin-1; a totals row with no date at the end (skipped); dates written out with the weekday
("Friday, June 18, 2004"); agency names with stray spaces or "Agency" ("Bajaur  Agency"); the maximum toll in a
column misspelt "Total Died Mix"; often only the maximum filled; coordinates mostly one point per agency
(coded as geo_precision 3); one negative civilian count. Record id: `S#`.
"""

from __future__ import annotations

from tacitus.ingest.layout import Coded, Layout
from tacitus.ingest.tbij_drones import code_drone_strike, code_range


def _code(c: Coded) -> None:
    from tacitus.geo import get_geocoder

    row = c.row
    day = row.date("Date", ("%A, %B %d, %Y", "%A, %b %d, %Y"))
    if day is None:
        raise row.error("Date", "is empty")
    c.set("date", day, "Date")
    c.set("date_end", day, "Date")
    c.set("date_precision", "day", "Date")
    admin1, admin2 = get_geocoder().normalize_admin(row.text("Province"), _agency(row.text("City")), day)
    c.set("admin1", admin1, "Province")
    c.set("admin2", admin2, "City")
    c.set("place", row.text("Location"), "Location")
    c.set("latitude", row.float("Latitude", -90, 90), "Latitude")
    c.set("longitude", row.float("Longitude", -180, 180), "Longitude")
    # Most rows share one point per agency (e.g. every Miranshah-area strike at the same coordinates), so the
    # point stands for the agency: UCDP's precision 3 (second-order unit), not a strike site.
    c.set("geo_precision", 3 if row.text("Latitude") else 4, "Latitude")
    code_drone_strike(c, "S#")
    code_range(c, "killed", "Total Died Min", "Total Died Mix")
    code_range(c, "wounded", "Injured Min", "Injured Max")
    civilians = row.int("Civilians Min")  # one published row has -4: read a negative count as unknown
    c.set("civilians_killed", civilians if civilians is None or civilians >= 0 else None, "Civilians Min")


def _agency(city: str | None) -> str | None:
    return " ".join(city.split()) if city else None


LAYOUT = Layout(
    name="pbc-drones",
    dataset="pbc_drones",
    id_column="S#",
    required=("S#", "Date", "Location", "City", "Province", "Total Died Min", "Total Died Mix", "Latitude",
              "Longitude"),
    code=_code,
    fallback_encodings=("cp1252", "latin-1"),
    description="Pakistan Body Count drone attacks CSV (S#, Date, … Total Died Min/Mix)",
    skip=lambda row: row.text("Date") is None,
)
