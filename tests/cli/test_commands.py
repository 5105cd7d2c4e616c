"""The `tacitus` commands end to end: init, import, export (every format), query, stats, --version."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

import tacitus
from tacitus.cli import main
from tacitus.export import EXPORT_FORMATS
from tacitus.export.acled import ACLED_COLUMNS
from tacitus.export.gtd import GTD_COLUMNS
from tacitus.export.ucdp import GED_COLUMNS
from tacitus.model import EVENT_FIELDS


def invoke(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, gtd_sample: Path, acled_sample: Path) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store.duckdb"
    assert invoke("init", "--db", path).exit_code == 0
    assert invoke("import", "gtd", gtd_sample, "--db", path).exit_code == 0
    assert invoke("import", "acled", acled_sample, "--db", path).exit_code == 0
    return path


def test_version_as_a_real_process(tacitus_cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    result = tacitus_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"tacitus, version {tacitus.__version__}"


def test_init_and_import_report_what_they_did(tmp_path: Path, gtd_sample: Path) -> None:
    store = tmp_path / "new.duckdb"
    result = invoke("init", "--db", store)
    assert result.exit_code == 0 and store.is_file() and "store ready" in result.stdout
    first = invoke("import", "gtd", gtd_sample, "--db", store)
    again = invoke("import", "gtd", gtd_sample, "--db", store)
    assert "gtd: 7 rows read, 7 added, 0 updated, 0 already present" in first.stdout
    assert "gtd: 7 rows read, 0 added, 0 updated, 7 already present" in again.stdout


def test_store_from_environment(tmp_path: Path, gtd_sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACITUS_DB", str(tmp_path / "env.duckdb"))
    assert invoke("import", "gtd", gtd_sample).exit_code == 0
    assert (tmp_path / "env.duckdb").is_file()


def test_unknown_dataset_and_format_are_one_line_errors(db: Path, tmp_path: Path, gtd_sample: Path) -> None:
    result = invoke("import", "gdelt", gtd_sample, "--db", db)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "unknown dataset 'gdelt'" in result.stderr and "acled, gtd" in result.stderr
    result = invoke("export", "--db", db, "--format", "xml", "-o", tmp_path / "x.xml")
    assert result.exit_code == 2 and "unknown export format 'xml'" in result.stderr
    assert not (tmp_path / "x.xml").exists()


def test_export_formats_are_all_registered() -> None:
    assert {"csv", "parquet", "geojson", "ucdp", "gtd", "acled"} <= set(EXPORT_FORMATS)


def test_export_csv_and_parquet_have_codebook_columns(db: Path, tmp_path: Path) -> None:
    assert invoke("export", "--db", db, "--format", "csv", "-o", tmp_path / "e.csv").exit_code == 0
    assert invoke("export", "--db", db, "--format", "parquet", "-o", tmp_path / "e.parquet").exit_code == 0
    csv_frame = pd.read_csv(tmp_path / "e.csv")
    table = pq.read_table(tmp_path / "e.parquet")
    assert list(csv_frame.columns) == list(EVENT_FIELDS) == table.column_names
    assert len(csv_frame) == table.num_rows == 13
    assert sorted(csv_frame["event_id"]) == sorted(table.column("event_id").to_pylist())


def test_export_geojson_is_valid(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.geojson"
    result = invoke("export", "--db", db, "--format", "geojson", "-o", out)
    assert result.exit_code == 0 and "13 rows" in result.stdout
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 13
    located = [f for f in collection["features"] if f["geometry"] is not None]
    assert len(located) == 12  # one GTD row has no coordinates: null geometry, not (0, 0)
    for feature in located:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert (lon, lat) == (feature["properties"]["longitude"], feature["properties"]["latitude"])
        assert 60 < lon < 78 and 23 < lat < 38  # Pakistan and its border with Afghanistan
    assert set(collection["features"][0]["properties"]) == set(EVENT_FIELDS)


@pytest.mark.parametrize(
    ("fmt", "columns", "rows"),
    [("ucdp", GED_COLUMNS, 13), ("gtd", GTD_COLUMNS, 13), ("acled", ACLED_COLUMNS, 13)],
)
def test_dataset_shaped_exports(db: Path, tmp_path: Path, fmt: str, columns: tuple[str, ...], rows: int) -> None:
    out = tmp_path / f"{fmt}.csv"
    assert invoke("export", "--db", db, "--format", fmt, "-o", out).exit_code == 0
    frame = pd.read_csv(out, dtype=str)
    assert tuple(frame.columns) == tuple(columns) and len(frame) == rows


def test_export_filters(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    result = invoke(
        "export",
        "--db",
        db,
        "--format",
        "csv",
        "-o",
        out,
        "--start",
        "2014",
        "--end",
        "2016",
        "--admin1",
        "Khyber Pakhtunkhwa",
    )
    assert result.exit_code == 0
    frame = pd.read_csv(out)
    assert len(frame) == 2 and set(frame["admin1"]) == {"Khyber Pakhtunkhwa"}
    assert invoke("export", "--db", db, "--format", "csv", "-o", out, "--dataset", "acled").stdout.startswith("6 ")


def test_query_formats(db: Path, tmp_path: Path) -> None:
    table = invoke("query", "--db", db, "--attack-type", "bombing_explosion")
    assert table.exit_code == 0 and "6 events" in table.stdout and "┏" in table.stdout  # a rich table
    csv_out = invoke("query", "--db", db, "--format", "csv", "--columns", "event_id,killed_best", "--limit", "3")
    assert csv_out.stdout.splitlines()[0] == "event_id,killed_best" and len(csv_out.stdout.splitlines()) == 4
    json_out = invoke("query", "--db", db, "--format", "json", "--event-type", "Protests")
    records = [json.loads(line) for line in json_out.stdout.splitlines()]
    assert len(records) == 1 and records[0]["place"] == "Lahore" and records[0]["killed_best"] == 0
    bad = invoke("query", "--db", db, "--columns", "event_id,colour")
    assert bad.exit_code == 2 and "unknown column(s) colour" in bad.stderr


def test_stats_counts_events_per_year(db: Path) -> None:
    result = invoke("stats", "--db", db, "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    frame = pd.DataFrame([line.split(",") for line in lines[1:]], columns=lines[0].split(","))
    assert "2014" in set(frame.iloc[:, 0].str[:4])
    assert invoke("stats", "--db", db, "--by", "decade").exit_code == 2


def test_read_only_commands_refuse_a_missing_store(tmp_path: Path) -> None:
    result = invoke("query", "--db", tmp_path / "absent.duckdb")
    assert result.exit_code == 2 and "no such store" in result.stderr
    assert not (tmp_path / "absent.duckdb").exists()


def test_help_lists_stage_commands_by_the_start_of_their_own_help() -> None:
    """`tacitus --help` does not import the stages (bench/bench_help.py times it); its lines must not drift."""
    import click

    from tacitus.cli import STAGE_COMMANDS, main

    for name, (_, _, line) in STAGE_COMMANDS.items():
        command = main.get_command(click.Context(main), name)
        assert command is not None and (command.help or "").startswith(line), name
