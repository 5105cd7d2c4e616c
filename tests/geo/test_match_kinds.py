"""How a result was matched (Place.match), and loose matching that leaves ordinary words alone."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.geo import Geocoder, Place

DAY = dt.date(2012, 6, 1)


def test_place_built_by_hand_defaults_to_exact() -> None:
    p = Place("X", None, None, None, None, None, None, 6, "test:x", "country", 1.0)
    assert p.match == "exact" and not p.loose
    assert list(p.to_dict())[-1] == "match"


@pytest.mark.parametrize(
    ("name", "match", "found"),
    [
        ("Miranshah", "exact", "Miranshah"),
        ("Dera Ismail Khan", "exact", "Dera Ismail Khan"),
        ("D.I. Khan", "exact", "Dera Ismail Khan"),  # abbreviations fold to the name itself
        ("Khar, Bajaur", "exact", "Khar"),  # the head of the label is the name, though the label is a variant
        ("Miram Shah", "variant", "Miranshah"),
        ("Bajour", "variant", "Bajaur"),
        ("Bajawr", "skeleton", "Bajaur"),
        ("Mingoura", "skeleton", "Mingora"),
        ("Peshawer", "skeleton", "Peshawar"),
        ("Miranshaw", "fuzzy", "Miranshah"),
    ],
)
def test_match_kind(geocoder: Geocoder, name: str, match: str, found: str) -> None:
    place = geocoder.geocode(name, DAY)
    assert place is not None and place.name == found
    assert place.match == match
    assert place.loose == (match in {"skeleton", "fuzzy"})


def test_candidates_carry_the_match_kind(geocoder: Geocoder) -> None:
    assert {p.match for p in geocoder.candidates("Miranshaw", DAY)} == {"fuzzy"}
    assert geocoder.candidates("Miram Shah", DAY)[0].match == "variant"


def test_route_and_context_unit(geocoder: Geocoder) -> None:
    route = geocoder.geocode("between Bannu and Miranshah", DAY)
    assert route is not None and route.feature == "route" and route.match == "route"
    unknown = geocoder.geocode("Xqzzyvillage", DAY, context=["Bajaur"])
    assert unknown is not None and unknown.admin2 == "Bajaur" and unknown.match == "context_unit"
    # a loose match the context contradicts gives way to the unit, which says so
    place = geocoder.geocode("Paroda", DAY, context=["Kohat"])
    assert place is not None and place.match == "context_unit"


@pytest.mark.parametrize(
    "word",
    [
        "Kurmi",  # "the Kurmi market of Parachinar": was Kurram by skeleton
        "Ashura",  # was Hazro City by skeleton
        "Muharram",  # was Miranshah (variant "Miram") by skeleton
        "Friday",  # was Faridi
        "Ramadan",
        "Ramzan",
        "Chehlum",
        "Moharram",
        "Sunday",
        "November",
        "Colonel",
        "Brigadier",
        "Havildar",
        "Subedar",
        "Constable",
        "Imambargah",
        "Procession",
        "Checkpost",
        "Madrassa",
        "Militants",
    ],
)
def test_ordinary_words_do_not_match_loosely(geocoder: Geocoder, word: str) -> None:
    assert geocoder.geocode(word, DAY) is None
    assert geocoder.candidates(word, DAY) == []
    # with a context they fall back to the unit named, never to a look-alike place
    place = geocoder.geocode(word, DAY, context=["Kurram"])
    assert place is not None and place.match == "context_unit" and place.admin2 == "Kurram"


def test_short_keys_need_a_near_identical_spelling(geocoder: Geocoder) -> None:
    # five letters or fewer: one dropped or doubled letter is a spelling, more is another word
    kuram = geocoder.geocode("Kuram", DAY)
    assert kuram is not None and kuram.admin2 == "Kurram"
    assert geocoder.geocode("Kurmi", DAY) is None
    assert geocoder.geocode("Kurm", DAY) is None  # under the minimum length: no loose match at all


@pytest.mark.parametrize(
    ("name", "admin2"),
    [
        ("Miram Shah", "North Waziristan"),
        ("Miramshah", "North Waziristan"),
        ("Miranshaw", "North Waziristan"),
        ("Bajour", "Bajaur"),
        ("Bajawr", "Bajaur"),
        ("Dera Ismail Khan", "Dera Ismail Khan"),
        ("D.I. Khan", "Dera Ismail Khan"),
        ("DI Khan", "Dera Ismail Khan"),
        ("Dera Ismial Khan", "Dera Ismail Khan"),
        ("Timer Gara", "Lower Dir"),
        ("Haroonabad", "Bahawalnagar"),
        ("Alpuri", "Shangla"),
    ],
)
def test_genuine_spelling_variants_still_resolve(geocoder: Geocoder, name: str, admin2: str) -> None:
    place = geocoder.geocode(name, DAY)
    assert place is not None and place.admin2 == admin2 and place.match != "context_unit"
