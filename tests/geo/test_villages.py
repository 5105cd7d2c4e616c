"""The village index: coordinates and admin units from one entry, namesakes by district, lazy and compact."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

import numpy as np
import shapely

from tacitus.geo import Geocoder
from tacitus.geo.boundaries import KM_PER_DEGREE
from tacitus.geo.villages import VILLAGE_PREFIX

DAY = dt.date(2012, 6, 1)
# The build keeps a source's district only when its point lies within this distance of that district's
# (coarse, 2019) polygon; otherwise the polygon containing the point decides (scripts/build_gazetteer.py).
SLACK_KM = 12.0


def test_every_village_point_lies_in_the_unit_it_carries(geocoder: Geocoder) -> None:
    """Coordinates and admin units come from the same entry and agree: no village names a district its point is
    not in (a polygon of its own, or of the unit it merged into or split from, with the build's slack)."""
    by_unit: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for e in geocoder.villages.all_entries():
        by_unit[e.unit].append((e.lon, e.lat))
    assert sum(len(v) for v in by_unit.values()) > 120_000
    checked = 0
    for unit_key, points in by_unit.items():
        unit = geocoder.history.units.get(unit_key)
        assert unit is not None or unit_key.startswith("prov:"), unit_key
        if unit is None:
            continue
        polygon_unit = unit.key if unit.geom else (unit.successor or unit.predecessor)
        geom = geocoder.boundaries.geometry_of(polygon_unit) if polygon_unit else None
        if geom is None:
            continue
        arr = np.array(points)
        km = (
            shapely.distance(geom, shapely.points(arr)) * KM_PER_DEGREE * np.maximum(np.cos(np.radians(arr[:, 1])), 0.5)
        )
        slack = SLACK_KM if unit.geom else 3 * SLACK_KM  # units without a polygon of their own: their neighbour's
        assert float(km.max()) <= slack + 0.5, (unit_key, float(km.max()))
        checked += len(points)
    assert checked > 100_000


def test_geocoded_village_admin_units_come_from_its_entry(geocoder: Geocoder) -> None:
    place = geocoder.geocode("Shagai", DAY, context=["Bajaur Agency"])
    assert place is not None and place.gazetteer_id.startswith(VILLAGE_PREFIX)
    entry = next(e for e in geocoder.villages.lookup("shagai") if e.id == place.gazetteer_id)
    assert (place.latitude, place.longitude) == (entry.lat, entry.lon)
    assert (place.admin1, place.admin2) == geocoder.history.resolve(entry.unit, DAY)


def test_namesakes_follow_the_named_district_then_the_conflict_prior(geocoder: Geocoder) -> None:
    assert len(geocoder.villages.lookup("shagai")) > 20
    for unit, admin2 in (("Khyber Agency", "Khyber"), ("Bajaur", "Bajaur"), ("Swat", "Swat")):
        place = geocoder.geocode("Shagai", DAY, context=[unit])
        assert place is not None and place.admin2 == admin2 and place.geo_precision == 1
    # no district named: the namesake in the district with the most recorded violence ranks first
    bare = geocoder.candidates("Shagai", DAY)
    villages = [c for c in bare if c.gazetteer_id.startswith(VILLAGE_PREFIX)]
    prior = {e.id: e.importance for e in geocoder.villages.lookup("shagai")}
    assert prior[villages[0].gazetteer_id] == max(prior.values())


def test_a_village_outside_the_named_province_gives_way_to_the_unit(geocoder: Geocoder) -> None:
    place = geocoder.geocode("Shagai", DAY, context=["Sindh"])
    assert place is not None and place.admin1 == "Sindh" and place.geo_precision == 4


def test_ordinary_words_never_match_a_village(geocoder: Geocoder) -> None:
    for word in ("Colonel", "Madrassa", "Ramzan", "Militants"):
        assert geocoder.candidates(word, DAY) == []


def test_villages_stay_out_of_the_mention_finder(geocoder: Geocoder) -> None:
    """Village names are looked up only for candidates, never searched for in running text (too many are words)."""
    assert len(geocoder.mention_finder) < 50_000
    assert geocoder.find_mentions("The Shagai road was closed.") == []


def test_district_headquarters_name_is_the_town(geocoder: Geocoder) -> None:
    town = geocoder.geocode("Khuzdar", DAY)
    assert town is not None and town.feature == "populated_place" and town.geo_precision == 1
    district = geocoder.geocode("Khuzdar district", DAY)
    assert district is not None and district.feature == "admin2"


def test_unknown_quarter_of_a_city_is_the_city(geocoder: Geocoder) -> None:
    place = geocoder.geocode("Zarkoon Heights", DAY, context=["Quetta"])
    assert place is not None and place.name == "Quetta"
    assert math.isclose(place.latitude or 0, 30.18, abs_tol=0.2) and place.geo_precision == 2


def test_multi_word_village_names_are_found_where_the_text_locates_them(geocoder: Geocoder) -> None:
    # WOF villages the main gazetteer lacks: the finder sees them only as a governed, located run of capitals
    text = "Gunmen killed two guards near Goth Nado Panhwar, Naushahro Feroze district, and fled."
    assert (30, 47, "Goth Nado Panhwar") in geocoder.find_mentions(text)
    assert geocoder.geocode("Goth Nado Panhwar", context=["Naushahro Feroze"]).admin2 == "Naushahro Feroze"
    # the same words not governed by a locative word, or not located, are not a mention
    unlocated = "Goth Nado Panhwar said the guards had fled, police in Naushahro Feroze said."
    assert all(surface != "Goth Nado Panhwar" for _, _, surface in geocoder.find_mentions(unlocated))
    assert (30, 47, "Goth Nado Panhwar") not in geocoder.find_mentions(
        "Gunmen killed two guards near Goth Nado Panhwar and fled."
    )
