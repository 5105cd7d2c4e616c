"""Python look-ups the SQL crosswalks share, each run once per distinct key rather than once per row.

Admin units depend on the event date, but only through a few dates (a province renamed, the FATA merger,
districts created): `admin_units` keys the look-up on the era a date falls in, so a million rows over thirty
years cost a few thousand calls. Actor names and country names repeat even more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache

from tacitus.actors import Actor
from tacitus.ingest.columns import Lookup, era
from tacitus.ingest.layout import perpetrator_of


@cache
def admin_breakpoints() -> tuple[dt.date, ...]:
    """Every date on which some admin unit's name or province changes (tacitus.geo.admin)."""
    from tacitus.geo import get_geocoder
    from tacitus.geo.admin import FATA_MERGED, KP_RENAMED

    history = get_geocoder().history
    created = {u.valid_from for u in history.units.values() if u.valid_from is not None}
    return tuple(sorted({KP_RENAMED, FATA_MERGED, *created}))


def _normalize(admin1: str | None, admin2: str | None, day: dt.date) -> tuple[str | None, str | None]:
    from tacitus.geo import get_geocoder

    return get_geocoder().normalize_admin(admin1, admin2, day)


def admin_units(admin1: str, admin2: str, day: str) -> Lookup:
    """(admin1, admin2) as on the event date, from the source's spellings (SQL over the crosswalk's lets)."""
    return Lookup(
        "admin",
        (admin1, admin2, era(day, admin_breakpoints())),
        (("admin1", "VARCHAR"), ("admin2", "VARCHAR")),
        _normalize,
    )


def perpetrators(name: str, lookup: Callable[[str], Actor | None] | None = None) -> Lookup:
    """(perpetrator, perpetrator_id) for a source's actor name (NULL name: "Unknown")."""
    return Lookup(
        "actor",
        (name,),
        (("perpetrator", "VARCHAR"), ("perpetrator_id", "VARCHAR")),
        lambda n: perpetrator_of(n, lookup),
    )


def countries(name: str) -> Lookup:
    """(iso3) for a country name as GTD or ACLED write it (NULL where the name has no ISO code)."""
    from tacitus.countries import iso3_for_name

    return Lookup("country", (name,), (("iso3", "VARCHAR"),), lambda n: (iso3_for_name(n) if n else None,))
