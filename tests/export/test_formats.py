"""Export formats read back where researchers work: pandas, pyarrow, DuckDB, geopandas; round trips; descriptors.

Every export runs through the real `tacitus export` process or the public `export_events` on a real store.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import tacitus
from tacitus.export import export_events
from tacitus.export.schema import EVENT_SCHEMA
from tacitus.ingest import get_layout, import_file
from tacitus.model import EVENT_FIELDS

ROOT = Path(__file__).resolve().parents[2]
PBC_SUICIDE = (ROOT / ".." / "shared" / "data" / "pakistan-suicide-attacks"
               / "pakistanbodycount_suicide_attacks_1995_2017.csv")
Cli = Callable[..., subprocess.CompletedProcess[str]]


def _events(db: Path, **filters: object) -> pd.DataFrame:
    with tacitus.open(str(db), read_only=True) as store:
        return store.events(**filters)


def test_parquet_has_one_schema_for_every_selection(ged_store: Path, tmp_path: Path, tacitus_cli: Cli) -> None:
    # 1989 has no drone strikes: its event_type column is all null, and must still be a string column.
    for name, start in (("early", "1989"), ("late", "2012")):
        done = tacitus_cli("export", "--db", ged_store, "--format", "parquet", "-o", tmp_path / f"{name}.parquet",
                           "--start", start, "--end", start)
        assert done.returncode == 0, done.stderr
    early, late = pq.read_table(tmp_path / "early.parquet"), pq.read_table(tmp_path / "late.parquet")
    assert early.schema.equals(late.schema) and early.schema.equals(EVENT_SCHEMA)
    assert early.column("event_type").null_count == len(early) and early.schema.field("event_type").type == pa.string()
    assert early.schema.field("date").type == pa.date32() and early.schema.field("killed_best").type == pa.int32()
    both = pa.concat_tables([early, late])  # two exports concatenate
    assert len(both) == len(early) + len(late)
    # Round trip: the file holds exactly the store's events.
    back = pd.read_parquet(tmp_path / "late.parquet")
    store = _events(ged_store, start="2012", end="2012")
    assert list(back.columns) == list(EVENT_FIELDS)
    for column in ("event_id", "place", "admin1", "killed_best", "latitude", "event_type"):
        assert back[column].tolist() == store[column].tolist() or back[column].equals(store[column]), column
    assert (pd.to_datetime(back["date"]) == store["date"]).all()
    assert duckdb.sql(f"SELECT typeof(date) FROM read_parquet('{tmp_path / 'late.parquet'}') LIMIT 1").fetchall() == [
        ("DATE",)]


def test_csv_round_trip_gives_the_same_events(ged_store: Path, tmp_path: Path, tacitus_cli: Cli) -> None:
    out = tmp_path / "events.csv"
    done = tacitus_cli("export", "--db", ged_store, "--format", "csv", "-o", out, "--datapackage")
    assert done.returncode == 0, done.stderr
    descriptor = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    types = {f["name"]: f["type"] for f in descriptor["resources"][0]["schema"]["fields"]}
    dtypes = {"integer": "Int64", "number": "float64", "string": "string", "boolean": "boolean"}
    back = pd.read_csv(out, dtype={n: dtypes[t] for n, t in types.items() if t in dtypes},
                       parse_dates=[n for n, t in types.items() if t == "date"], keep_default_na=False,
                       na_values=[""])
    store = _events(ged_store)
    assert len(back) == len(store) == 6416
    for column in EVENT_FIELDS:
        left, right = back[column], store[column]
        if types[column] in ("integer", "number"):
            pd.testing.assert_series_equal(left.astype("float64"), right.astype("float64"), check_names=False)
        elif types[column] == "date":
            assert (left.fillna(pd.Timestamp(0)) == right.fillna(pd.Timestamp(0))).all(), column
        else:
            assert left.astype(object).where(left.notna(), None).tolist() == (
                right.astype(object).where(right.notna(), None).tolist()), column


def test_ucdp_round_trip_gives_the_same_events(ged_csv: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.duckdb"
    with tacitus.open(str(first)) as store:
        import_file(store, get_layout("ucdp-ged"), str(ged_csv))
        export_events(store, "ucdp", str(tmp_path / "ged.csv"))
    second = tmp_path / "second.duckdb"
    with tacitus.open(str(second)) as store:
        import_file(store, get_layout("ucdp-ged"), str(tmp_path / "ged.csv"))
    pd.testing.assert_frame_equal(_events(second), _events(first))


def test_geoparquet_reads_in_geopandas(ged_store: Path, tmp_path: Path, tacitus_cli: Cli) -> None:
    geopandas = pytest.importorskip("geopandas")
    out = tmp_path / "events.parquet"
    done = tacitus_cli("export", "--db", ged_store, "--format", "geoparquet", "-o", out, "--start", "2014",
                       "--end", "2014", "--datapackage")
    assert done.returncode == 0, done.stderr
    geo = json.loads(pq.read_schema(out).metadata[b"geo"])
    assert geo["version"] == "1.1.0" and geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB" and column["geometry_types"] == ["Point"]
    assert column["crs"]["id"] == {"authority": "EPSG", "code": 4326}
    frame = geopandas.read_parquet(out)
    assert frame.crs.to_epsg() == 4326 and len(frame) == len(_events(ged_store, start="2014", end="2014"))
    located = frame[frame["latitude"].notna()]
    assert (located.geometry.x == located["longitude"]).all() and (located.geometry.y == located["latitude"]).all()
    minx, miny, maxx, maxy = column["bbox"]
    assert (minx, miny, maxx, maxy) == (located["longitude"].min(), located["latitude"].min(),
                                        located["longitude"].max(), located["latitude"].max())
    descriptor = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert descriptor["resources"][0]["format"] == "geoparquet"
    assert descriptor["resources"][0]["schema"]["fields"][-1]["name"] == "geometry"


def test_events_as_geodataframe(ged_store: Path) -> None:
    pytest.importorskip("geopandas")
    with tacitus.open(str(ged_store), read_only=True) as store:
        frame = store.events(geo=True, start="2014", end="2014")
    assert frame.crs.to_epsg() == 4326 and frame.geometry.name == "geometry"
    assert frame.geometry.notna().sum() == frame["latitude"].notna().sum() > 0


def test_datapackage_cites_the_datasets_and_accumulates(ged_store: Path, tmp_path: Path, tacitus_cli: Cli) -> None:
    for fmt, name in (("acled", "acled.csv"), ("parquet", "events.parquet")):
        done = tacitus_cli("export", "--db", ged_store, "--format", fmt, "-o", tmp_path / name, "--datapackage",
                           "--admin1", "FATA")
        assert done.returncode == 0, done.stderr
    descriptor = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == ["acled.csv", "events.parquet"]
    assert descriptor["tacitus"]["version"] == tacitus.__version__
    (source,) = descriptor["sources"]
    assert source["dataset"] == "ucdp_ged" and source["version"] == "22.1" and "Sundberg" in source["citation"]
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    acled = descriptor["resources"][0]
    assert acled["dialect"]["lineTerminator"] == "\r\n" and acled["schema"]["fields"][0]["name"] == "event_id_cnty"
    parquet_types = {f["name"]: f["type"] for f in descriptor["resources"][1]["schema"]["fields"]}
    assert parquet_types["date"] == "date" and parquet_types["killed_best"] == "integer"


@pytest.mark.parametrize("fmt", ["csv", "geojson", "ucdp", "gtd", "acled", "links"])
def test_text_formats_write_to_stdout(ged_store: Path, tmp_path: Path, tacitus_cli: Cli, fmt: str) -> None:
    done = tacitus_cli("export", "--db", ged_store, "--format", fmt, "-o", "-", "--start", "2014-12-16",
                       "--end", "2014-12-16")
    assert done.returncode == 0, done.stderr
    assert "rows → standard output" in done.stderr
    tacitus_cli("export", "--db", ged_store, "--format", fmt, "-o", tmp_path / "file", "--start", "2014-12-16",
                "--end", "2014-12-16")
    assert done.stdout == (tmp_path / "file").read_text("utf-8").replace("\r\n", "\n")


def test_binary_format_to_stdout_is_refused(ged_store: Path, tacitus_cli: Cli) -> None:
    done = tacitus_cli("export", "--db", ged_store, "--format", "parquet", "-o", "-")
    assert done.returncode == 2 and "binary" in done.stderr and done.stdout == ""


def test_real_list_with_bare_carriage_returns_reads_back(tmp_path: Path, tacitus_cli: Cli) -> None:
    if not PBC_SUICIDE.exists():
        pytest.skip("needs ../shared/data (the Pakistan Body Count suicide list)")
    db = tmp_path / "pbc.duckdb"
    assert tacitus_cli("import", "pbc-suicide", PBC_SUICIDE, "--db", db).returncode == 0
    count = len(_events(db))
    for fmt in ("csv", "gtd", "acled", "ucdp"):
        out = tmp_path / f"{fmt}.csv"
        done = tacitus_cli("export", "--db", db, "--format", fmt, "-o", out)
        assert done.returncode == 0, done.stderr
        assert len(pd.read_csv(out, dtype=str)) == count, fmt
        rows = duckdb.sql(f"SELECT count(*) FROM read_csv('{out}', header=true, all_varchar=true)").fetchall()
        assert rows == [(count,)], fmt
