"""The result type of every geocoding call, and the precision scale it reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# UCDP GED where_prec: how exactly a reported location is known.
PREC_EXACT = 1  # the named place itself
PREC_NEAR = 2  # within ~25 km, or part of a named area (valley, locality)
PREC_ADMIN2 = 3  # district / agency / frontier region
PREC_ADMIN1 = 4  # province
PREC_REGION = 5  # larger region, route, border stretch
PREC_COUNTRY = 6
PREC_WATERS = 7  # international waters or airspace


@dataclass(frozen=True)
class Place:
    """One resolved place or ranked candidate.

    ``admin1``/``admin2`` are the names valid on the date asked for (see
    :mod:`tacitus.geo.admin`); ``gazetteer_id`` says which source record the point came from
    ("geonames:1168197", "ucdp:<hash>", "curated:mir-ali", "adm2:PAK-bajaur").
    """

    name: str
    admin1: str | None
    admin2: str | None
    country: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    gazetteer_id: str
    feature: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """Plain dict in the key order the CLI and exports use."""
        return asdict(self)
