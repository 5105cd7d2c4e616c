"""Curated landmarks that incident reports name as the scene: found in text, placed in their city."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.geo import Geocoder
from tacitus.geo.boundaries import km_between

DAY = dt.date(2015, 6, 1)

LANDMARKS = [
    # (name in text, canonical name, admin2, the city it lies in)
    ("Liaquat Bagh", "Liaquat Bagh", "Rawalpindi", "Rawalpindi"),
    ("Nishtar Park", "Nishtar Park", "Karachi", "Karachi"),
    ("Data Darbar", "Data Darbar", "Lahore", "Lahore"),
    ("Data Ganj Bakhsh", "Data Darbar", "Lahore", "Lahore"),
    ("Lal Masjid", "Lal Masjid", "Islamabad", "Islamabad"),
    ("Red Mosque", "Lal Masjid", "Islamabad", "Islamabad"),
    ("Marriott Hotel", "Marriott Hotel", "Islamabad", "Islamabad"),
    ("Moon Market", "Moon Market", "Lahore", "Lahore"),
    ("Meena Bazaar", "Meena Bazaar", "Peshawar", "Peshawar"),
    ("Kissa Khwani", "Qissa Khwani", "Peshawar", "Peshawar"),
    ("Qissa Khwani", "Qissa Khwani", "Peshawar", "Peshawar"),
    ("PNS Mehran", "PNS Mehran", "Karachi", "Karachi"),
    ("Mehran naval base", "PNS Mehran", "Karachi", "Karachi"),
    ("PAC Kamra", "PAC Kamra", "Attock", "Kamra"),
    ("Minhas Air Base", "PAC Kamra", "Attock", "Kamra"),
    ("GHQ", "GHQ", "Rawalpindi", "Rawalpindi"),
    ("General Headquarters", "GHQ", "Rawalpindi", "Rawalpindi"),
    ("Bacha Khan University", "Bacha Khan University", "Charsadda", "Charsadda"),
    ("Wagah", "Wagah", "Lahore", "Lahore"),
    ("Wagah border", "Wagah", "Lahore", "Lahore"),
    ("Lal Shahbaz Qalandar", "Lal Shahbaz Qalandar Shrine", "Jamshoro", "Sehwan"),
    ("Jinnah International Airport", "Jinnah International Airport", "Karachi", "Karachi"),
    ("Karachi Airport", "Jinnah International Airport", "Karachi", "Karachi"),
    ("Bolan Medical Complex", "Bolan Medical Complex", "Quetta", "Quetta"),
    ("Chamkani", "Chamkani", "Peshawar", "Peshawar"),
]


@pytest.mark.parametrize(("text", "name", "admin2", "city"), LANDMARKS)
def test_landmark_is_placed_in_its_city(geocoder: Geocoder, text: str, name: str, admin2: str, city: str) -> None:
    place = geocoder.geocode(text, DAY)
    assert place is not None and place.name == name
    assert place.admin2 == admin2 and place.country_code == "PAK"
    assert place.match in {"exact", "variant"} and place.geo_precision <= 2
    town = geocoder.geocode(city, DAY)
    assert town is not None and town.latitude is not None and town.longitude is not None
    assert place.latitude is not None and place.longitude is not None
    # the landmark's point is in its city (Wagah lies at the border, ~25 km east of central Lahore)
    assert km_between(place.latitude, place.longitude, town.latitude, town.longitude) < 30.0
    # and the admin units of the point agree with the landmark's own
    assert geocoder.admin_units(place.latitude, place.longitude, DAY)[1] == admin2


@pytest.mark.parametrize(("text", "name", "admin2", "city"), LANDMARKS)
def test_landmark_is_found_in_text(geocoder: Geocoder, text: str, name: str, admin2: str, city: str) -> None:
    sentence = f"Police said the blast at {text} on Friday killed four people."
    surfaces = [s for _, _, s in geocoder.find_mentions(sentence)]
    assert text in surfaces


def test_longest_name_wins(geocoder: Geocoder) -> None:
    text = "A suicide bomber struck a rally at Liaquat Bagh in Rawalpindi."
    assert [s for _, _, s in geocoder.find_mentions(text)] == ["Liaquat Bagh", "Rawalpindi"]
    text = "Gunmen stormed the Jinnah International Airport and the Data Darbar shrine."
    assert [s for _, _, s in geocoder.find_mentions(text)] == ["Jinnah International Airport", "Data Darbar shrine"]
    # the town beside the air base is still the town
    kamra = geocoder.geocode("Kamra", DAY)
    assert kamra is not None and kamra.name == "Kamra" and kamra.admin2 == "Attock"
