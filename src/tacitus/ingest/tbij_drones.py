"""The Bureau of Investigative Journalism's Pakistan drone-strike list (data as of 2014) → codebook.

Quirks of the file as published: old-Mac CR line endings and latin-1 (handled by `tabular`), dates written
day first with two- or four-digit years ("8/5/05", "17/06/2004"), tribal agencies abbreviated ("NWA", "SWA"),
and tolls as minimum/maximum pairs with "Unreported" where a count is unknown. Record id: the strike code
(`B#` for strikes under Bush, `Ob#` under Obama).

The helpers for what every listed drone strike shares (perpetrator, form of violence, min/max tolls) live here
and are reused by the Pakistan Body Count layouts, so the lists are coded alike and link cleanly.
"""

from __future__ import annotations

from tacitus.ingest.layout import Coded, Layout, set_perpetrator
from tacitus.ingest.tabular import Row

# The list's agency labels → (province, district/agency) as the geocoder's admin history spells them.
_AGENCIES = {
    "NWA": ("FATA", "North Waziristan"),
    "SWA": ("FATA", "South Waziristan"),
    "NWA/SWA": ("FATA", None),
    "NWA/SWA BORDER": ("FATA", None),
    "KURRAM": ("FATA", "Kurram"),
    "KHYBER": ("FATA", "Khyber"),
    "BAJAUR": ("FATA", "Bajaur"),
    "ORAKZAI": ("FATA", "Orakzai"),
    "MOHMAND": ("FATA", "Mohmand"),
    "BANNU": ("NWFP", "Bannu"),
    "KPK": ("NWFP", None),
}
_UNREPORTED = {"unreported", "-", "?"}

US_GOVERNMENT = "Government of United States of America"


def code_drone_strike(c: Coded, column: str) -> None:
    """Set the fields every listed strike shares; `column` is the list's own id column (the claim's source)."""
    c.set("country", "Pakistan", column)
    c.set("country_code", "PAK", column)
    c.set("event_type", "Explosions/Remote violence", column)
    c.set("sub_event_type", "Air/drone strike", column)
    c.set("attack_type", "bombing_explosion", column)
    c.set("weapon_type", "explosives", column)
    set_perpetrator(c, US_GOVERNMENT, column)
    c.set("actor1", US_GOVERNMENT, column)


def code_range(c: Coded, prefix: str, low_column: str, high_column: str) -> None:
    """A list's min/max toll as low/best/high: best is the minimum (the figure all its sources support).

    The lists give no best estimate of their own; taking the minimum keeps `best` conservative, and the claim
    names the column it came from, so nobody mistakes it for the list's own best. A list that fills only one
    of the two gives that figure for all three. A few published rows have the two swapped (minimum above
    maximum); the range is then read as the two figures in order rather than rejected.
    """
    first, second = c.row.count(low_column), c.row.count(high_column)
    given = [(v, col) for v, col in ((first, low_column), (second, high_column)) if v is not None]
    if not given:
        return
    (low, low_col), (high, high_col) = min(given), max(given)
    c.set(f"{prefix}_low", low, low_col)
    c.set(f"{prefix}_best", low, low_col)
    c.set(f"{prefix}_high", high, high_col)


def _count_cells(row: Row) -> Row:
    """The row with "Unreported" cells read as empty, so counts parse as unknown rather than failing."""
    cells = {k: ("" if v.strip().lower() in _UNREPORTED else v) for k, v in row.cells.items()}
    return Row(row.path, row.line, cells)


def _code(c: Coded) -> None:
    from tacitus.geo import get_geocoder

    c.row = _count_cells(c.row)
    row = c.row
    day = row.date("Date", ("%d/%m/%Y", "%d/%m/%y"))
    if day is None:
        raise row.error("Date", "is empty")
    year = row.int("Year")
    if year is not None and year != day.year:
        raise row.error("Date", f"{row.text('Date')!r} is not in the row's Year {year}")
    c.set("date", day, "Date")
    c.set("date_end", day, "Date")
    c.set("date_precision", "day", "Date")
    agency = row.require("Tribal Agency")
    if agency.upper() not in _AGENCIES:
        raise row.error("Tribal Agency", f"unknown agency {agency!r}")
    admin1, admin2 = get_geocoder().normalize_admin(*_AGENCIES[agency.upper()], day)
    c.set("admin1", admin1, "Tribal Agency")
    c.set("admin2", admin2, "Tribal Agency")
    c.set("place", row.text("Location"), "Location")
    c.set("latitude", row.float("Latitude", -90, 90), "Latitude")
    c.set("longitude", row.float("Longitude", -180, 180), "Longitude")
    c.set("geo_precision", 1 if row.text("Latitude") else 4, "Latitude")
    code_drone_strike(c, "Strike")
    code_range(c, "killed", "Minimum Total Reported Killed", "Maximum Total Reported Killed")
    code_range(c, "wounded", "Minimum Injured", "Maximum Injured")
    c.set("civilians_killed", row.count("Minimum Civilians Reported Killed"), "Minimum Civilians Reported Killed")


LAYOUT = Layout(
    name="tbij-drones",
    dataset="tbij_drones",
    id_column="Strike",
    required=(
        "Strike",
        "Date",
        "Tribal Agency",
        "Location",
        "Latitude",
        "Longitude",
        "Minimum Total Reported Killed",
        "Maximum Total Reported Killed",
    ),
    code=_code,
    fallback_encodings=("cp1252", "latin-1"),
    description="The Bureau of Investigative Journalism, Pakistan drone strikes CSV (strike codes B#/Ob#)",
    skip=lambda row: row.text("Strike") is None,
)
