"""Point-in-polygon plus admin history."""

from __future__ import annotations

import datetime as dt

from tacitus.geo import Geocoder, load_geojson

FATA = "Federally Administered Tribal Areas"
KP = "Khyber Pakhtunkhwa"


def test_points_by_date(geocoder: Geocoder) -> None:
    assert geocoder.admin_units(33.0, 70.07, dt.date(2010, 1, 1)) == (FATA, "North Waziristan")
    assert geocoder.admin_units(33.0, 70.07, dt.date(2020, 1, 1)) == (KP, "North Waziristan")
    assert geocoder.admin_units(34.01, 71.58, dt.date(2005, 1, 1)) == ("North-West Frontier Province", "Peshawar")
    assert geocoder.admin_units(24.86, 67.01) == ("Sindh", "Karachi")


def test_frontier_region_from_labelled_places(geocoder: Geocoder) -> None:
    # the 2019 polygons have no frontier regions; known places around Darra Adam Khel supply it
    assert geocoder.admin_units(33.69, 71.50, dt.date(2012, 1, 1)) == (FATA, "FR Kohat")
    assert geocoder.admin_units(33.69, 71.50, dt.date(2020, 1, 1)) == (KP, "Kohat")


def test_outside_pakistan(geocoder: Geocoder) -> None:
    assert geocoder.admin_units(34.53, 69.17) == (None, None)  # Kabul
    assert geocoder.admin_units(51.5, -0.12) == (None, None)


def test_shipped_polygons_have_units() -> None:
    data = load_geojson()
    assert len(data["features"]) == 126
    provinces = {f["properties"]["province"] for f in data["features"]}
    assert provinces == {"BA", "SD", "PB", "KP", "TA", "IS", "JK", "GB"}
