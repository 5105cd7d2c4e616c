"""ACLED importer: the crosswalk on synthetic ACLED-layout files (current and pre-2023 columns) and its errors."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

import tacitus
from tacitus.errors import InputError
from tacitus.ingest import get_layout, import_file, read_records

LAYOUT = get_layout("acled")


def _by_id(path: Path) -> dict[str, dict]:
    return {r.record_id: r.values for r in read_records(LAYOUT, str(path))}


def _edited(source: Path, target: Path, line: int, **cells: str) -> Path:
    """A copy of `source` with cells changed on physical `line` (2 = first data row)."""
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows[line - 2].update(cells)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


def test_one_sided_attack(acled_sample: Path) -> None:
    school = _by_id(acled_sample)["PAK1001"]
    assert (school["date"], school["date_precision"]) == (dt.date(2014, 12, 16), "day")  # "16 December 2014"
    assert (school["event_type"], school["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert school["perpetrator"] == "TTP" and school["perpetrator_id"] == "ttp"  # ACLED's "TTP: Tehreek-i-…"
    assert school["perpetrator_id"] == "ttp"  # found through the part after "TTP:"
    assert school["target_type"] == "private_citizens_property"  # civilian_targeting
    assert (school["killed_low"], school["killed_best"], school["killed_high"]) == (150, 150, 150)
    assert (school["country_code"], school["admin1"], school["admin2"], school["place"]) == (
        "PAK",
        "Khyber Pakhtunkhwa",
        "Peshawar",
        "Peshawar",
    )


def test_time_precision_widens_the_date(acled_sample: Path) -> None:
    rows = _by_id(acled_sample)
    week = rows["PAK1002"]  # ISO date, time_precision 2
    assert (week["date"], week["date_end"], week["date_precision"]) == (
        dt.date(2015, 3, 2),
        dt.date(2015, 3, 8),
        "week",
    )
    month = rows["PAK1003"]  # "15-June-2016", time_precision 3
    assert (month["date"], month["date_end"], month["date_precision"]) == (
        dt.date(2016, 6, 1),
        dt.date(2016, 6, 30),
        "month",
    )


def test_who_did_it_only_when_acled_says(acled_sample: Path) -> None:
    rows = _by_id(acled_sample)
    assert rows["PAK1002"]["perpetrator"] == "Unknown"  # "Unidentified Armed Group"
    assert rows["PAK1003"]["perpetrator"] == "Unknown"  # a battle: actor order is not direction
    assert rows["PAK1003"]["actor2"] == "TTP: Tehreek-i-Taliban Pakistan"
    drone = rows["PAK1006"]  # a remote attack with one actor
    assert drone["perpetrator"] == "United States"  # "Military Forces of the United States (2009-2017)"
    assert drone["actor1"] == "Military Forces of the United States (2009-2017)"  # as ACLED wrote it
    assert (drone["attack_type"], drone["weapon_type"]) == ("bombing_explosion", "explosives")
    shrine = rows["PAK1005"]
    assert shrine["suicide"] is True and shrine["perpetrator"] == "IS"


def test_geo_precision_and_admin_units_on_the_event_date(acled_sample: Path) -> None:
    rows = _by_id(acled_sample)
    assert [rows[k]["geo_precision"] for k in ("PAK1001", "PAK1002", "PAK1003")] == [1, 2, 4]
    # ACLED writes today's province; in 2012 North Waziristan was a FATA agency.
    assert (rows["PAK1006"]["admin1"], rows["PAK1006"]["admin2"]) == (
        "Federally Administered Tribal Areas",
        "North Waziristan",
    )


def test_pre_2023_layout_with_numeric_inter_codes(acled_old_layout: Path) -> None:
    rows = _by_id(acled_old_layout)
    assert rows["PAK2002"]["perpetrator"] == "Lashkar-e-Jhangvi"
    assert rows["PAK2002"]["date"] == dt.date(2013, 3, 21)
    assert rows["PAK2001"]["perpetrator"] == "Unknown"


def test_timestamp_dates_the_claims(acled_sample: Path, tmp_path: Path) -> None:
    with tacitus.open(str(tmp_path / "s.duckdb")) as store:
        import_file(store, LAYOUT, str(acled_sample))
        event_id = store.links().set_index("record_id").loc["PAK1001", "event_id"]
        claims = store.claims(event_id)
    assert set(claims["reported_at"]) == {"2021-04-09"}  # 1618000000 seconds after 1970, in UTC
    fatalities = claims[claims["field"] == "killed_best"].iloc[0]
    assert (fatalities["source_column"], fatalities["quote"]) == ("fatalities", "150")


def test_timestamp_as_a_date_time(acled_sample: Path, tmp_path: Path) -> None:
    edited = _edited(acled_sample, tmp_path / "stamped.csv", 2, timestamp="2022-01-05 08:30:00")
    record = next(r for r in read_records(LAYOUT, str(edited)) if r.record_id == "PAK1001")
    assert {c.reported_at for c in record.claims} == {"2022-01-05"}


@pytest.mark.parametrize(
    ("cells", "field", "message"),
    [
        ({"sub_event_type": "Grenade"}, "sub_event_type", "is not a sub-event type of 'Battles'"),
        ({"event_type": "Fights"}, "event_type", "is not a codebook value for event_type"),
        ({"event_date": "31 February 2016"}, "event_date", "is not a valid date"),
        ({"time_precision": "4"}, "time_precision", "4 is not 1, 2 or 3"),
        ({"fatalities": "-3"}, "fatalities", "-3 is negative"),
        ({"latitude": "133.7"}, "latitude", "outside -90..90"),
        ({"timestamp": "soon"}, "timestamp", "is not a valid date"),
    ],
)
def test_bad_cells_name_line_and_column(
    acled_sample: Path, tmp_path: Path, cells: dict[str, str], field: str, message: str
) -> None:
    bad = _edited(acled_sample, tmp_path / "bad.csv", 4, **cells)
    with pytest.raises(InputError) as caught:
        read_records(LAYOUT, str(bad))
    assert (caught.value.line, caught.value.field) == (4, field)
    assert message in str(caught.value)
