"""What the linkage model compares: one row per record, reduced to comparable, source-neutral features.

Sources code the same attack differently (GED: "one-sided violence" by the TTP; PBC: a suicide bombing with no
perpetrator; a report: "at least 84 killed"), so records are first brought to features on which agreement means
something: the period the date stands for, a point with how far it can be off, the district, a coarse kind of
violence, the suicide flag, attack and weapon type, target type, perpetrator id, killed and wounded ranges, and
transliteration-proof words of the place and target names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pyarrow as pa

from tacitus.geo import get_geocoder
from tacitus.geo.text import FEATURE_WORDS, fold, key, skeleton

# Columns of `records` the features are built from.
RECORD_COLUMNS = (
    "record_key",
    "dataset",
    "record_id",
    "event_id",
    "date",
    "date_end",
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
    "attack_type",
    "weapon_type",
    "target_type",
    "perpetrator_id",
    "killed_low",
    "killed_best",
    "killed_high",
    "wounded_low",
    "wounded_best",
    "wounded_high",
    "perpetrators_killed",
)
_EPOCH = dt.date(1970, 1, 1)
# Coordinates coarser than this (UCDP where_prec 3+: a district, province or country centroid) say nothing about
# where in the district it happened; distance is left unknown and the district comparison speaks instead.
MAX_POINT_PRECISION = 2
# How far (km) a point of each precision may be from where the attack happened: UCDP where_prec 1 is the exact
# place, 2 a point within about 25 km (in practice a town's centre, which is how the lists use it); a gazetteer
# point for a named place stands for a village or town. The place comparison measures distance in units of the
# two sides' radii together, so "5 km apart" is close for two town centres and far for two exact points.
POINT_RADIUS_KM = {1: 1.0, 2: 5.0}
NAMED_PLACE_RADIUS_KM = 5.0
# A period longer than this is no date to link on (GTD's and GED's year-only dates).
MAX_RANGE_DAYS = 31
_STOP = frozenset({"near", "the", "of", "in", "at", "on", "and", "outside", "inside", "main", "road", "new", "old"})
# ACLED types that say what kind of violence happened; one-sided "Attack" and untyped GED rows say nothing.
_KINDS = {"Battles": "battle", "Protests": "protest", "Riots": "protest", "Strategic developments": "strategic"}
# Category values that say nothing (GTD codes them; comparing "unknown" with "unknown" is no agreement).
_UNKNOWN = frozenset({"unknown", "other"})


def _present(value: Any) -> bool:
    return value is not None and (isinstance(value, (list, tuple)) or not pd.isna(value))


def kind_of(event_type: Any, sub_event_type: Any) -> str | None:
    """A coarse kind of violence comparable across datasets, or None when the source does not say.

    Suicide attacks are not a kind here: the suicide flag is a comparison of its own (GTD codes it for every
    attack, suicide or not, and a "no" is evidence too).
    """
    if sub_event_type == "Air/drone strike":
        return "drone"
    if sub_event_type == "Suicide bomb":
        return None
    return _KINDS.get(event_type) if _present(event_type) else None


def suicide_of(suicide: Any, sub_event_type: Any) -> bool | None:
    """The suicide flag as the source codes it (None when it does not say)."""
    if sub_event_type == "Suicide bomb":
        return True
    return bool(suicide) if _present(suicide) else None


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


def toll_span(low: Any, best: Any, high: Any, perpetrators: Any = None) -> tuple[int | None, int | None]:
    """The (smallest, largest) figure a record gives, widened down by the perpetrators it counts among the killed.

    GTD counts the attackers among the killed and most lists do not: GTD's 39 for a bombing with one bomber
    is 38 victims, which agrees with a list's 30–38.
    """
    figures = [int(v) for v in (low, best, high) if _present(v)]
    if not figures:
        return None, None
    lowest = min(figures)
    if _present(perpetrators) and int(perpetrators) > 0:
        lowest = max(0, lowest - int(perpetrators))
    return lowest, max(figures)


def day_range(date: Any, date_end: Any, precision: Any) -> tuple[int | None, int | None]:
    """The first and last day (as day numbers) a record's date stands for, or (None, None) if too coarse.

    GED's week and month precision and GTD's month-only dates are periods: a GED event "some day in the week of
    3 March" can be any of seven days, so it is compared as that range, never as its first day (which linked "an
    attack in June 2008" to whatever happened on 1 June). Periods longer than MAX_RANGE_DAYS (years) give
    nothing to link on.
    """
    first = _day(date)
    if first is None:
        return None, None
    last = _day(date_end) if _present(date_end) else None
    last = first if last is None or last < first else last
    if precision == "year" or last - first > MAX_RANGE_DAYS:
        return None, None
    return first, last


def _category(value: Any) -> str | None:
    text = _text(value)
    return text if text is not None and text not in _UNKNOWN else None


def _text(value: Any) -> str | None:
    return str(value) if _present(value) and str(value).strip() else None


def _point(r: dict[str, Any], places: PlacePoints) -> tuple[tuple[float, float] | None, float | None]:
    """The record's own point if it is fine enough, else a gazetteer point for its place name, else None; with
    the radius (km) within which the point puts the attack."""
    precision = r["geo_precision"]
    if _present(r["latitude"]) and _present(r["longitude"]) and (
        not _present(precision) or int(precision) <= MAX_POINT_PRECISION
    ):
        radius = POINT_RADIUS_KM.get(int(precision), 1.0) if _present(precision) else 1.0
        return (float(r["latitude"]), float(r["longitude"])), radius
    place = _text(r["place"])
    if place is None:
        return None, None
    found = places.point(place, _text(r["admin2"]), _text(r["admin1"]), _as_date(r["date"]))
    return found, NAMED_PLACE_RADIUS_KM if found else None


def linkage_frame(records: pd.DataFrame, groups: dict[str, str] | None = None) -> pd.DataFrame:
    """The features of every record, one row each, keyed by record_key as Splink's unique_id.

    `groups` (record_key → group) names the records a splitting dataset codes as parts of one attack (see
    tacitus.resolve.splitting); they may share a partner in another dataset.
    """
    rows = []
    places = PlacePoints()
    groups = groups or {}
    for r in records.to_dict("records"):
        row: dict[str, Any] = {str(k): v for k, v in r.items()}
        killed = toll_span(row["killed_low"], row["killed_best"], row["killed_high"], row["perpetrators_killed"])
        wounded = toll_span(row["wounded_low"], row["wounded_best"], row["wounded_high"])
        point, radius = _point(row, places)
        admin2 = _text(row["admin2"]) or places.district(point, row["date"])
        first, last = day_range(row["date"], row["date_end"], row["date_precision"])
        rows.append(
            {
                "unique_id": row["record_key"],
                "source_dataset": row["dataset"],
                "day_lo": first,
                "day_hi": last,
                "lat": point[0] if point else None,
                "lon": point[1] if point else None,
                "radius_km": radius,
                "admin2": fold(admin2) if admin2 else None,
                "kind": kind_of(row["event_type"], row["sub_event_type"]),
                "suicide": suicide_of(row["suicide"], row["sub_event_type"]),
                "attack": _category(row["attack_type"]),
                "weapon": _category(row["weapon_type"]),
                "target_type": _category(row["target_type"]),
                "perpetrator": _text(row["perpetrator_id"]),
                "killed_lo": killed[0],
                "killed_hi": killed[1],
                "wounded_lo": wounded[0],
                "wounded_hi": wounded[1],
                "words": words_of(row["place"], row["target"], besides=admin2) or None,
                "split_group": groups.get(str(row["record_key"])),
            }
        )
    frame = pd.DataFrame(rows, columns=list(FEATURE_COLUMNS))
    for column in ("day_lo", "day_hi", "killed_lo", "killed_hi", "wounded_lo", "wounded_hi"):
        frame[column] = frame[column].astype("Int64")
    frame["suicide"] = frame["suicide"].astype("boolean")
    # Typed, so an engine never has to guess a list type from a column that happens to be all null.
    frame["words"] = frame["words"].astype(pd.ArrowDtype(pa.list_(pa.string())))
    return frame


FEATURE_COLUMNS = (
    "unique_id",
    "source_dataset",
    "day_lo",
    "day_hi",
    "lat",
    "lon",
    "radius_km",
    "admin2",
    "kind",
    "suicide",
    "attack",
    "weapon",
    "target_type",
    "perpetrator",
    "killed_lo",
    "killed_hi",
    "wounded_lo",
    "wounded_hi",
    "words",
    "split_group",
)
