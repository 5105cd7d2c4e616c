"""Admin history and the normaliser importers call."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.geo import Geocoder

FATA = "Federally Administered Tribal Areas"
KP = "Khyber Pakhtunkhwa"
NWFP = "North-West Frontier Province"


@pytest.mark.parametrize(
    ("admin1", "admin2", "day", "expected"),
    [
        ("Khyber Pakhtunkwa province", "Peshawar district", "2009-01-01", (NWFP, "Peshawar")),
        ("Khyber Pakhtunkwa province", "Peshawar district", "2010-04-19", (KP, "Peshawar")),
        ("Federally Administered Tribal Areas", "Bajaur agency", "2010-01-01", (FATA, "Bajaur")),
        ("Federally Administered Tribal Areas", "Bajaur agency", "2018-05-31", (KP, "Bajaur")),
        ("Federally Administered Tribal Areas", "Bajaur agency", "2018-05-30", (FATA, "Bajaur")),
        ("FATA", "FR Kohat", "2012-01-01", (FATA, "FR Kohat")),
        ("FATA", "FR Kohat", "2019-01-01", (KP, "Kohat")),
        (None, "FR Tank - Jandola", "2012-01-01", (FATA, "FR Tank")),
        (None, "FR D.I. Khan", "2020-01-01", (KP, "Dera Ismail Khan")),
        ("NWFP", None, "2015-01-01", (KP, None)),
        ("KPK", "D.I. Khan", "2005-01-01", (NWFP, "Dera Ismail Khan")),
        ("Azad Jammu & Kashmir", "Neelam district", "2015-01-01", ("Azad Jammu and Kashmir", "Neelum")),
        ("Islamabad Capital territory", None, "2015-01-01", ("Islamabad Capital Territory", None)),
        ("Balochistan province", "Jafarabad Distrcit", "2015-01-01", ("Balochistan", "Jafarabad")),
        ("Sindh", "Nawabshah", "2015-01-01", ("Sindh", "Shaheed Benazirabad")),
        ("Punjab", "Chiniot", "2005-01-01", ("Punjab", "Jhang")),
        ("Punjab", "Chiniot", "2012-01-01", ("Punjab", "Chiniot")),
        ("Sindh", "Foo district", "2015-01-01", ("Sindh", "Foo")),
        ("Nangarhar", "Achin", "2015-01-01", ("Nangarhar", "Achin")),
        (None, "NWA", "2010-01-01", (FATA, "North Waziristan")),
    ],
)
def test_normalize_admin(
    geocoder: Geocoder, admin1: str | None, admin2: str | None, day: str, expected: tuple[str | None, str | None]
) -> None:
    assert geocoder.normalize_admin(admin1, admin2, dt.date.fromisoformat(day)) == expected


def test_normalize_admin_without_date_uses_today(geocoder: Geocoder) -> None:
    assert geocoder.normalize_admin("FATA", "Mohmand agency") == (KP, "Mohmand")


def test_every_unit_resolves_on_both_sides_of_the_merger(geocoder: Geocoder) -> None:
    fata_units = [u for u in geocoder.history.units.values() if u.province == "TA"]
    assert len(fata_units) == 13  # seven agencies and six frontier regions
    for unit in fata_units:
        before = geocoder.history.resolve(unit.key, dt.date(2015, 1, 1))
        after = geocoder.history.resolve(unit.key, dt.date(2019, 1, 1))
        assert before[0] == FATA and after[0] == KP
        assert not after[1].startswith("FR ")  # type: ignore[union-attr]
