"""The drone-strike and suicide-attack list layouts: our own fixture rows in the lists' shapes, and the real
files in ../shared (read there, never copied into the project)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tacitus.errors import InputError
from tacitus.ingest import get_layout, import_file, read_records
from tacitus.store import open_store

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
TBIJ = SHARED / "drone-strikes" / "tbij_pakistan_drone_strikes_2004_2013.csv"
PBC_DRONES = SHARED / "drone-strikes" / "pakistanbodycount_drone_attacks_2004_2017.csv"
PBC_SUICIDE = SHARED / "pakistan-suicide-attacks" / "pakistanbodycount_suicide_attacks_1995_2017.csv"


def _by_id(layout: str, path: Path) -> dict[str, dict]:
    return {r.record_id: r.values for r in read_records(get_layout(layout), str(path))}


def test_tbij_layout_reads_cr_endings_latin1_two_digit_years_and_unreported(lists_dir):
    rows = _by_id("tbij-drones", lists_dir / "tbij_drones.csv")
    assert sorted(rows) == ["B1", "Ob7", "Ob8"]
    assert rows["B1"]["date"] == dt.date(2004, 6, 17)
    assert rows["Ob7"]["date"] == dt.date(2009, 2, 3)  # "3/2/09" is day first
    assert rows["Ob7"]["place"] == "Dattà Khel"
    assert (rows["B1"]["killed_low"], rows["B1"]["killed_best"], rows["B1"]["killed_high"]) == (4, 4, 7)
    assert rows["Ob7"].get("wounded_best") is None  # "Unreported" is unknown, not zero
    assert rows["B1"]["admin1"] == "Federally Administered Tribal Areas"
    assert rows["B1"]["admin2"] == "South Waziristan"
    assert rows["Ob8"]["sub_event_type"] == "Air/drone strike"
    assert rows["Ob8"]["perpetrator"] == "United States" and rows["Ob8"]["perpetrator_id"] == "gov-usa"


def test_pbc_drone_layout_skips_blank_and_total_rows_and_reads_the_misspelt_maximum(lists_dir):
    rows = _by_id("pbc-drones", lists_dir / "pbc_drones.csv")
    assert sorted(rows) == ["1", "2", "3"]
    assert rows["1"]["date"] == dt.date(2004, 6, 18)
    assert (rows["1"]["killed_low"], rows["1"]["killed_best"], rows["1"]["killed_high"]) == (6, 6, 6)
    assert (rows["3"]["killed_low"], rows["3"]["killed_high"]) == (2, 5)
    assert rows["2"]["admin2"] == "North Waziristan"  # "North  Waziristan" with a double space
    assert rows["3"]["admin2"] == "Kurram"  # "Kurram Agency"
    assert rows["2"]["geo_precision"] == 3  # the list's points stand for the agency


def test_pbc_suicide_layout_reads_hyphenated_dates_provinces_and_stray_underscores(lists_dir):
    rows = _by_id("pbc-suicide", lists_dir / "pbc_suicide.csv")
    assert rows["1"]["date"] == dt.date(2012, 5, 10)
    assert rows["2"]["admin1"] == "Balochistan"  # "Baluchistan"
    assert rows["2"]["longitude"] == 67.0  # "_67.00"
    assert rows["2"]["victim_group"] == "Shia" and rows["2"]["sectarian"] is True
    assert (rows["2"]["killed_low"], rows["2"]["killed_best"], rows["2"]["killed_high"]) == (12, 12, 12)
    assert rows["3"]["target_type"] == "private_citizens_property"
    assert rows["1"]["suicide"] is True and rows["1"]["sub_event_type"] == "Suicide bomb"


@pytest.mark.parametrize(
    ("layout", "name", "where"),
    [
        ("tbij-drones", "tbij_drones_bad_date.csv", ":3: field 'Date': '31/02/2009' is not a valid date"),
        ("pbc-suicide", "pbc_suicide_bad_target.csv", ":2: field 'Target Type': unknown target type 'Spaceships'"),
    ],
)
def test_bad_rows_name_file_line_and_field_and_write_nothing(tmp_path, lists_dir, layout, name, where,
                                                            tacitus_cli):
    db = tmp_path / "lists.duckdb"
    result = tacitus_cli("import", layout, lists_dir / name, "--db", db)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"tacitus: error: {lists_dir / name}{where}"]
    with open_store(db) as store:
        assert store.counts()["records"] == 0
    with pytest.raises(InputError):
        read_records(get_layout(layout), str(lists_dir / name))


def test_the_real_lists_import_whole_and_the_nek_mohammad_strike_is_dated_a_day_apart(tmp_path):
    with open_store(tmp_path / "real.duckdb") as store:
        results = [import_file(store, get_layout(n), str(p)) for n, p in
                   (("tbij-drones", TBIJ), ("pbc-drones", PBC_DRONES), ("pbc-suicide", PBC_SUICIDE))]
        again = import_file(store, get_layout("tbij-drones"), str(TBIJ))
        nek = store.sql("SELECT record_key, date FROM records WHERE record_key IN ('tbij_drones:B1', 'pbc_drones:1') "
                        "ORDER BY record_key")
    assert [r.added for r in results] == [383, 404, 492]
    assert again.added == 0 and again.unchanged == 383
    assert [d.isoformat()[:10] for d in nek["date"]] == ["2004-06-18", "2004-06-17"]
