"""UCDP's locators and ids in the canonical tables (issue 12): GW code, PRIO-GRID cell, conflict and dyad ids.

GED records keep them as claims; every event with a known country gets a GW code and every located event a
PRIO-GRID cell (for country-year and grid-cell merges); the UCDP shape, CSV and Parquet carry them; a store from
before migration 8 is brought forward with the derived locators filled in and nothing for `doctor` to flag.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

import tacitus
from tacitus.export import export_events
from tacitus.resolve.derive import priogrid_sql
from tacitus.store.schema import LATEST

LOCATORS = ("gwcode", "priogrid_gid", "conflict_id", "dyad_id")


def test_ged_events_keep_ucdps_ids_and_codes(ged_store: Path, ged_csv: Path) -> None:
    ged = pd.read_csv(ged_csv, dtype=str, keep_default_na=False).iloc[1:]  # below the HXL row
    with tacitus.open(str(ged_store)) as store:
        records = store.sql(f"SELECT record_id, {', '.join(LOCATORS)} FROM records").set_index("record_id")
    given = ged.set_index("id")[["country_id", "priogrid_gid", "conflict_new_id", "dyad_new_id"]].astype(int)
    given.columns = pd.Index(LOCATORS)
    assert len(records) == 6416
    pd.testing.assert_frame_equal(records.loc[given.index].astype(int), given, check_names=False)


def test_the_priogrid_rule_gives_ucdps_own_cell_for_every_ged_event(ged_store: Path) -> None:
    with tacitus.open(str(ged_store)) as store:
        rows = store.sql(
            f"SELECT count(*) AS n, count(*) FILTER (WHERE priogrid_gid = {priogrid_sql('latitude', 'longitude')}) "
            "AS same FROM records")
    assert int(rows["n"][0]) == int(rows["same"][0]) == 6416


def test_events_of_every_dataset_get_a_gw_code_from_their_country(gtd_acled_store: Path) -> None:
    with tacitus.open(str(gtd_acled_store)) as store:
        events = store.events()
    by_country = events.groupby("country_code")["gwcode"].agg(set).to_dict()
    assert by_country == {"PAK": {770}, "AFG": {700}}
    located = events["latitude"].notna() & events["longitude"].notna()
    assert located.any() and not located.all()
    assert (events["priogrid_gid"].notna() == located).all()
    peshawar = events[(events["latitude"] - 34.01).abs() < 1e-6].iloc[0]
    assert peshawar["priogrid_gid"] == 248 * 720 + 503 + 1  # row of 34.0°N, column of 71.5°E


def test_ucdp_shape_csv_and_parquet_carry_the_ids(ged_store: Path, gtd_acled_store: Path, tmp_path: Path) -> None:
    with tacitus.open(str(gtd_acled_store)) as store:
        export_events(store, "ucdp", str(tmp_path / "ged.csv"))
        expected = store.events().set_index("event_id")
    shaped = pd.read_csv(tmp_path / "ged.csv", dtype=str, keep_default_na=False).set_index("id")
    for column, field in (("country_id", "gwcode"), ("priogrid_gid", "priogrid_gid")):
        written = expected.loc[shaped.index, field].map(lambda v: "" if pd.isna(v) else str(int(v)))
        assert (shaped[column] == written).all() and (written != "").any(), column
    with tacitus.open(str(ged_store)) as store:
        export_events(store, "csv", str(tmp_path / "events.csv"))
        export_events(store, "parquet", str(tmp_path / "events.parquet"))
    flat = pd.read_csv(tmp_path / "events.csv")
    assert set(flat["gwcode"]) == {770} and flat["conflict_id"].notna().all()
    schema = pq.read_schema(tmp_path / "events.parquet")
    assert all(str(schema.field(name).type) == "int32" for name in LOCATORS)
    assert set(pq.read_table(tmp_path / "events.parquet")["dyad_id"].to_pylist()) >= {857}


def test_a_bad_ucdp_id_is_one_clear_error(tmp_path: Path, bundled_ged: Path, tacitus_cli) -> None:
    ged = pd.read_csv(bundled_ged, dtype=str, keep_default_na=False).iloc[:4]
    ged.loc[2, "priogrid_gid"] = "999999"
    ged.to_csv(tmp_path / "bad.csv", index=False)
    done = tacitus_cli("import", "ucdp-ged", tmp_path / "bad.csv", "--db", tmp_path / "s.duckdb")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "bad.csv:4: field 'priogrid_gid': '999999' is not a UCDP id (1 to 259200)" in done.stderr, done.stderr


def test_a_store_from_before_migration_8_gets_the_locators(gtd_acled_store: Path, tmp_path: Path,
                                                           tacitus_cli) -> None:
    db = tmp_path / "old.duckdb"
    shutil.copy(gtd_acled_store, db)
    con = duckdb.connect(str(db))
    con.execute("DROP INDEX records_event")  # DuckDB alters no table that an index depends on
    for table in ("records", "events"):
        for name in LOCATORS:
            con.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
    con.execute("CREATE INDEX records_event ON records (event_id)")
    con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    con.close()
    done = tacitus_cli("init", "--db", db)
    assert done.returncode == 0, done.stderr
    with tacitus.open(str(db)) as store:
        assert store.schema_version() == LATEST  # type: ignore[attr-defined]
        migrated = store.events().set_index("event_id")
    with tacitus.open(str(gtd_acled_store)) as store:
        fresh = store.events().set_index("event_id")
    pd.testing.assert_frame_equal(migrated[list(LOCATORS)], fresh[list(LOCATORS)])
    doctor = tacitus_cli("doctor", "--db", db)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr


def test_the_gw_table_holds_current_states_under_their_iso_codes() -> None:
    from tacitus.countries import gw_codes, iso3_for_name

    codes = gw_codes()
    assert codes["PAK"] == 770 and codes["AFG"] == 700 and codes["IND"] == 750 and codes["IRN"] == 630
    assert (codes["CZE"], codes["VNM"], codes["YEM"]) == (316, 816, 678)  # the corrections (data/SOURCES.md)
    assert all(1 <= code <= 999 for code in codes.values()) and len(set(codes.values())) == len(codes)
    assert iso3_for_name("Pakistan") in codes and "PSE" not in codes  # Palestine is not in Gleditsch and Ward's list
