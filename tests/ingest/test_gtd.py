"""GTD importer: the crosswalk on a synthetic GTD-layout file (CSV, XLSX, Windows-1252) and its errors."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import tacitus
from tacitus.errors import InputError
from tacitus.ingest import get_layout, import_file, read_records
from tacitus.ingest.gtd import ATTACK_TYPES, TARGET_TYPES, WEAPON_TYPES
from tacitus.model import ATTACK_TYPES as CODEBOOK_ATTACKS
from tacitus.model import TARGET_TYPES as CODEBOOK_TARGETS
from tacitus.model import WEAPON_TYPES as CODEBOOK_WEAPONS

LAYOUT = get_layout("gtd")


def _by_id(path: Path) -> dict[str, dict]:
    return {r.record_id: r.values for r in read_records(LAYOUT, str(path))}


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_category_tables_cover_the_codebook_exactly() -> None:
    assert sorted(ATTACK_TYPES.values()) == sorted(CODEBOOK_ATTACKS)
    assert sorted(TARGET_TYPES.values()) == sorted(CODEBOOK_TARGETS)
    assert sorted(WEAPON_TYPES.values()) == sorted(CODEBOOK_WEAPONS)


def test_school_siege_row(gtd_sample: Path) -> None:
    school = _by_id(gtd_sample)["201412160001"]
    assert (school["date"], school["date_end"], school["date_precision"]) == (
        dt.date(2014, 12, 16),
        dt.date(2014, 12, 16),
        "day",
    )
    assert school["attack_type"] == "hostage_taking_barricade"
    assert school["target_type"] == "educational_institution"
    assert school["target"] == "Army Public School"  # corp1 before target1
    assert school["weapon_type"] == "firearms"
    assert school["suicide"] is True and school["claimed"] is True and school["attribution"] == "claimed"
    assert school["perpetrator"] == "TTP" and school["perpetrator_id"] == "ttp"
    assert school["actor1"] == "Tehrik-i-Taliban Pakistan (TTP)"  # the group as GTD names it
    assert (school["killed_low"], school["killed_best"], school["killed_high"]) == (158, 158, 158)
    assert (school["wounded_best"], school["perpetrators_killed"], school["perpetrators_count"]) == (121, 7, 7)
    assert (school["country"], school["country_code"], school["admin1"], school["place"]) == (
        "Pakistan",
        "PAK",
        "Khyber Pakhtunkhwa",
        "Peshawar",
    )
    assert school["geo_precision"] == 1


def test_unknown_day_month_and_codes(gtd_sample: Path) -> None:
    rows = _by_id(gtd_sample)
    june = rows["200806000001"]
    assert (june["date"], june["date_end"], june["date_precision"]) == (
        dt.date(2008, 6, 1),
        dt.date(2008, 6, 30),
        "month",
    )
    assert june["perpetrator"] == "Unknown" and june["perpetrator_id"] is None and june.get("attribution") is None
    assert june["claimed"] is None and june["perpetrators_count"] is None  # -9 and -99 are unknown
    assert june["wounded_best"] is None
    year = rows["200700000002"]
    assert (year["date"], year["date_end"], year["date_precision"]) == (
        dt.date(2007, 1, 1),
        dt.date(2007, 12, 31),
        "year",
    )
    assert year["attribution"] == "suspected" and year["claimed"] is False  # guncertain1 = 1
    assert year["geo_precision"] == 3
    nowhere = rows["201608080005"]
    assert nowhere["admin1"] is None and nowhere["place"] is None and nowhere["latitude"] is None
    assert nowhere["geo_precision"] == 6 and nowhere["killed_best"] is None


def test_extended_incident_ends_on_its_resolution_date(gtd_sample: Path) -> None:
    kidnap = _by_id(gtd_sample)["201103150003"]
    assert (kidnap["date"], kidnap["date_end"]) == (dt.date(2011, 3, 15), dt.date(2011, 3, 20))
    assert kidnap["target"] == "An engineer"  # corp1 "Not Applicable" is not a name


def test_admin_names_as_on_the_event_date(gtd_sample: Path) -> None:
    rows = _by_id(gtd_sample)
    assert rows["200910280001"]["admin1"] == "North-West Frontier Province"  # before the 2010 renaming
    assert rows["201305110004"]["country_code"] == "AFG"


def test_claims_point_at_gtd_columns(gtd_sample: Path, tmp_path: Path) -> None:
    with tacitus.open(str(tmp_path / "s.duckdb")) as store:
        import_file(store, LAYOUT, str(gtd_sample))
        event_id = store.links().set_index("record_id").loc["200806000001", "event_id"]
        claims = store.claims(event_id)
    date_claim = claims[claims["field"] == "date"].iloc[0]
    assert date_claim["source_column"] == "iyear,imonth,iday,approxdate"
    assert date_claim["quote"] == "2008; 6; 0; early June 2008"
    assert date_claim["source_id"] == "gtd:200806000001"


def test_xlsx_download_imports_like_the_csv(gtd_sample: Path, tmp_path: Path) -> None:
    header, rows = _rows(gtd_sample)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:  # numbers as numbers, as in START's workbook
        sheet.append([_typed(row[c]) for c in header])
    xlsx = tmp_path / "globalterrorismdb_sample.xlsx"
    book.save(xlsx)
    assert _by_id(xlsx) == _by_id(gtd_sample)


def _typed(text: str) -> object:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text or None


def test_windows_1252_csv_as_start_ships_it(gtd_sample: Path, tmp_path: Path) -> None:
    header, rows = _rows(gtd_sample)
    rows[0]["city"] = "Pesháwar"
    cp1252 = _write(tmp_path / "gtd_cp1252.csv", header, rows, encoding="cp1252")
    assert _by_id(cp1252)["201412160001"]["place"] == "Pesháwar"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("attacktype1_txt", "Drive-by", "'Drive-by' is not a GTD category"),
        ("iday", "31", "2014-02-31 is not a date"),
        ("nkill", "many", "'many' is not a number"),
        ("claimed", "2", "2 is not 0 or 1"),
        ("iyear", "0", "0 is not a year"),
        ("imonth", "13", "13 is not a month"),
    ],
)
def test_bad_cells_name_line_and_column(
    gtd_sample: Path, tmp_path: Path, column: str, value: str, message: str
) -> None:
    header, rows = _rows(gtd_sample)
    if column == "iday":
        rows[2]["imonth"] = "2"
        rows[2]["iyear"] = "2014"
    rows[2][column] = value
    bad = _write(tmp_path / "bad.csv", header, rows)
    with pytest.raises(InputError) as caught:
        read_records(LAYOUT, str(bad))
    assert (caught.value.line, caught.value.field) == (4, column)
    assert message in str(caught.value)


def test_events_frame_has_gtd_values(gtd_sample: Path, tmp_path: Path) -> None:
    with tacitus.open(str(tmp_path / "s.duckdb")) as store:
        import_file(store, LAYOUT, str(gtd_sample))
        events = store.events(attack_type="bombing_explosion")
    assert sorted(pd.to_datetime(events["date"]).dt.year) == [2008, 2009, 2013]
