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

# How the name was matched (``Place.match``), strongest first.
MATCH_EXACT = "exact"  # the folded name is the place's own name ("D.I. Khan" folds to "Dera Ismail Khan")
MATCH_VARIANT = "variant"  # the folded name is one of the place's listed spellings ("Miram Shah")
MATCH_SKELETON = "skeleton"  # loose: same consonant skeleton, close spelling ("Bajour" -> Bajaur)
MATCH_FUZZY = "fuzzy"  # loose: edit-distance match against Pakistani names ("Peshawer")
MATCH_ROUTE = "route"  # "A-B road" / "between A and B": midpoint of the two ends
MATCH_CONTEXT_UNIT = "context_unit"  # name unknown or contradicted: the unit the context names
LOOSE_MATCHES = frozenset({MATCH_SKELETON, MATCH_FUZZY})


@dataclass(frozen=True)
class Place:
    """One resolved place or ranked candidate.

    ``admin1``/``admin2`` are the names valid on the date asked for (see
    :mod:`tacitus.geo.admin`); ``gazetteer_id`` says which source record the point came from
    ("geonames:1168197", "ucdp:<hash>", "curated:mir-ali", "adm2:PAK-bajaur").
    ``match`` says how the name was matched: "exact", "variant", "skeleton", "fuzzy" (the two
    loose kinds, see :attr:`loose`), "route" or "context_unit" (see the ``MATCH_*`` constants).
    It defaults to "exact" so that places built by hand keep working.
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
    match: str = MATCH_EXACT

    @property
    def loose(self) -> bool:
        """Matched by spelling similarity only (skeleton or fuzzy): treat with care."""
        return self.match in LOOSE_MATCHES

    def to_dict(self) -> dict[str, Any]:
        """Plain dict in the key order the CLI and exports use."""
        return asdict(self)
