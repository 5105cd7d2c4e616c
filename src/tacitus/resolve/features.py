"""What the linkage model compares: one row per record, reduced to comparable, source-neutral features.

Sources code the same attack differently (GED: "one-sided violence" by the TTP; PBC: a suicide bombing with no
perpetrator; a report: "at least 84 killed"), so records are first brought to features on which agreement means
something: the day, coordinates, district, a coarse kind of violence, target type, perpetrator id, a killed
range, and transliteration-proof words of the place and target names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from tacitus.geo import get_geocoder
from tacitus.geo.text import FEATURE_WORDS, fold, key, skeleton

# Columns of `records` the features are built from.
RECORD_COLUMNS = (
    "record_key",
    "dataset",
    "record_id",
    "event_id",
    "date",
    "date_precision",
    "latitude",
    "longitude",
    "geo_precision",
    "admin1",
    "admin2",
    "place",
    "target",
    "event_type",
    "sub_event_type",
    "suicide",
    "target_type",
    "perpetrator_id",
    "killed_low",
    "killed_best",
    "killed_high",
)
_EPOCH = dt.date(1970, 1, 1)
# Coordinates coarser than this (UCDP where_prec 3+: a district, province or country centroid) say nothing about
# where in the district it happened; distance is left unknown and the district comparison speaks instead.
MAX_POINT_PRECISION = 2
_STOP = frozenset({"near", "the", "of", "in", "at", "on", "and", "outside", "inside", "main", "road", "new", "old"})
# ACLED types that say what kind of violence happened; one-sided "Attack" and untyped GED rows say nothing.
_KINDS = {"Battles": "battle", "Protests": "protest", "Riots": "protest", "Strategic developments": "strategic"}


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA


def kind_of(event_type: Any, sub_event_type: Any, suicide: Any) -> str | None:
    """A coarse kind of violence comparable across datasets, or None when the source does not say."""
    if sub_event_type == "Air/drone strike":
        return "drone"
    if (_present(suicide) and bool(suicide)) or sub_event_type == "Suicide bomb":
        return "suicide"
    return _KINDS.get(event_type) if _present(event_type) else None


def words_of(*texts: Any, besides: Any = None) -> list[str]:
    """Spelling-proof words of names: consonant skeletons of each word and of the whole name run together.

    "Miran Shah", "Miranshah" and "Miram Shah" share a word, so do "Bajaur" and "Bajour"; classifier words
    ("village", "district") and connectives are dropped because every place has them, and so are the words of
    `besides` (the district), which the district comparison already counts.
    """
    out: set[str] = set()
    for text in texts:
        if not _present(text) or not str(text).strip():
            continue
        tokens = [t for t in fold(str(text)).split() if t not in FEATURE_WORDS and t not in _STOP]
        out.update(skeleton(t) for t in tokens if len(t) >= 3)
        if len(tokens) > 1:
            out.add(skeleton(key(" ".join(tokens))))
    out.discard("")
    return sorted(out - set(words_of(besides))) if _present(besides) else sorted(out)


class PlacePoints:
    """Points for place names, and districts for points, where a record lacks them (for scoring only).

    The drone lists put most strikes at one point per agency but name the village ("Near Wana", "Datta
    Khel"); the gazetteer turns the name into a point good enough to compare. GTD codes a city and a point but
    no district; the district polygons supply it, so GTD records compare with GED's on the same footing. What is
    filled in here is never stored: the record keeps what its source gave. Cached, since places do not move.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str | None], tuple[float, float] | None] = {}
        self._districts: dict[tuple[float, float, int], str | None] = {}

    def district(self, point: tuple[float, float] | None, date: Any) -> str | None:
        """The district (as named on the record's date) the point lies in, or None."""
        if point is None:
            return None
        day = _as_date(date)
        cache_key = (round(point[0], 3), round(point[1], 3), day.year if day else 0)
        if cache_key not in self._districts:
            self._districts[cache_key] = get_geocoder().admin_units(point[0], point[1], day)[1]
        return self._districts[cache_key]

    def point(
        self, place: str, admin2: str | None, admin1: str | None, day: dt.date | None
    ) -> tuple[float, float] | None:
        cache_key = (place, admin2)
        if cache_key not in self._cache:
            context = tuple(c for c in (admin2, admin1) if c)
            found = get_geocoder().geocode(place, day, context)
            self._cache[cache_key] = None
            if (
                found is not None
                and found.latitude is not None
                and found.longitude is not None
                and found.geo_precision is not None
                and found.geo_precision <= MAX_POINT_PRECISION
            ):
                self._cache[cache_key] = (found.latitude, found.longitude)
        return self._cache[cache_key]


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _day(value: Any) -> int | None:
    if not _present(value):
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    return int((day - _EPOCH).days) if isinstance(day, dt.date) else None


def _toll(low: Any, best: Any, high: Any) -> tuple[int | None, int | None]:
    figures = [int(v) for v in (low, best, high) if _present(v)]
    return (min(figures), max(figures)) if figures else (None, None)


def _text(value: Any) -> str | None:
    return str(value) if _present(value) and str(value).strip() else None


def _point(r: dict[str, Any], places: PlacePoints) -> tuple[float, float] | None:
    """The record's own point if it is fine enough, else a gazetteer point for its place name, else None."""
    precision = r["geo_precision"]
    if _present(r["latitude"]) and _present(r["longitude"]) and (
        not _present(precision) or int(precision) <= MAX_POINT_PRECISION
    ):
        return float(r["latitude"]), float(r["longitude"])
    place = _text(r["place"])
    if place is None:
        return None
    return places.point(place, _text(r["admin2"]), _text(r["admin1"]), _as_date(r["date"]))


_DAY_PRECISIONS = (None, "day", "week")


def linkage_frame(records: pd.DataFrame) -> pd.DataFrame:
    """The features of every record, one row each, keyed by record_key as Splink's unique_id."""
    rows = []
    places = PlacePoints()
    for r in records.to_dict("records"):
        row: dict[str, Any] = {str(k): v for k, v in r.items()}
        low, high = _toll(row["killed_low"], row["killed_best"], row["killed_high"])
        point = _point(row, places)
        admin2 = _text(row["admin2"]) or places.district(point, row["date"])
        target_type = _text(row["target_type"])
        rows.append(
            {
                "unique_id": row["record_key"],
                "source_dataset": row["dataset"],
                # A record known only to the month or year has no day to block or compare on; pinning it to the
                # period's first day would link "an attack in 2009" to whatever happened on 1 January 2009.
                "day": _day(row["date"]) if row["date_precision"] in _DAY_PRECISIONS else None,
                "lat": point[0] if point else None,
                "lon": point[1] if point else None,
                "admin2": fold(admin2) if admin2 else None,
                "kind": kind_of(row["event_type"], row["sub_event_type"], row["suicide"]),
                "target_type": target_type if target_type != "unknown" else None,
                "perpetrator": _text(row["perpetrator_id"]),
                "killed_lo": low,
                "killed_hi": high,
                "words": words_of(row["place"], row["target"], besides=admin2) or None,
            }
        )
    frame = pd.DataFrame(rows, columns=list(FEATURE_COLUMNS))
    for column in ("day", "killed_lo", "killed_hi"):
        frame[column] = frame[column].astype("Int64")
    return frame


FEATURE_COLUMNS = (
    "unique_id",
    "source_dataset",
    "day",
    "lat",
    "lon",
    "admin2",
    "kind",
    "target_type",
    "perpetrator",
    "killed_lo",
    "killed_hi",
    "words",
)
