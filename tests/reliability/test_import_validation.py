"""Validation at the door: impossible values are refused with one line naming file, line and field.

Each case edits one cell of a small real GED file (header, HXL row, 20 events) and imports it with the real
`tacitus` process; the store must be exactly as before.
"""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tacitus
from tacitus.ingest import get_layout, import_file

FIRST_DATA_LINE = 3  # line 2 is HDX's HXL row


def small_ged(ged_csv: Path, folder: Path, edit: dict[str, str] | None = None, name: str = "ged.csv") -> Path:
    rows = list(csv.reader(io.StringIO("".join(ged_csv.read_text(encoding="utf-8").splitlines(True)[:22]))))
    header = rows[0]
    for column, value in (edit or {}).items():
        rows[FIRST_DATA_LINE - 1][header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path = folder / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


CASES = [
    ({"best": "1" * 20, "high": "1" * 20}, "best", "is not a plausible count"),
    ({"best": "inf"}, "best", "is not a count"),
    ({"low": "-4"}, "low", "-4 is negative"),
    ({"date_start": "2999-01-01", "date_end": "2999-01-02"}, "date_start", "is in the future"),
    ({"date_start": "0001-01-01", "date_end": "0001-01-01"}, "date_start", "is before 1946"),
    ({"date_start": "10000-01-01"}, "date_start", "is not a valid date"),
    ({"latitude": "70.2", "longitude": "33.9"}, "latitude", "latitude and longitude look swapped"),
    ({"latitude": "71.0", "longitude": "40.0"}, "latitude", "is outside PAK"),
]


@pytest.mark.parametrize(("edit", "field", "text"), CASES, ids=[c[2] for c in CASES])
def test_an_impossible_value_is_one_clear_line_and_no_write(
    edit: dict[str, str],
    field: str,
    text: str,
    tmp_path: Path,
    ged_csv: Path,
    gtd_sample: Path,
    tacitus_cli: Callable[..., subprocess.CompletedProcess[str]],
    state_of: Callable[[Path], tuple[dict[str, int], str]],
) -> None:
    db = tmp_path / "store.duckdb"
    with tacitus.open(str(db)) as store:
        import_file(store, get_layout("gtd"), str(gtd_sample))
    before = state_of(db)
    path = small_ged(ged_csv, tmp_path, edit)
    result = tacitus_cli("import", "ucdp-ged", path, "--db", db)
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(f"tacitus: error: {path}:{FIRST_DATA_LINE}:"), lines[0]
    assert f"field {field!r}" in lines[0] and text in lines[0], lines[0]
    assert state_of(db) == before


def test_a_duplicated_header_is_refused(tmp_path: Path, ged_csv: Path, tacitus_cli: Callable[..., Any]) -> None:
    path = small_ged(ged_csv, tmp_path)
    text = path.read_text(encoding="utf-8").replace(",best,", ",relid,", 1)
    path.write_text(text, encoding="utf-8")
    result = tacitus_cli("import", "ucdp-ged", path, "--db", tmp_path / "s.duckdb")
    assert result.returncode != 0
    assert f"{path}:1: field 'relid': the header names column 'relid' twice" in result.stderr


def test_a_directory_is_named_a_directory(tmp_path: Path, tacitus_cli: Callable[..., Any]) -> None:
    result = tacitus_cli("import", "ucdp-ged", tmp_path, "--db", tmp_path / "s.duckdb")
    assert result.returncode != 0 and "is a directory" in result.stderr


def test_published_ged_tolls_out_of_order_are_kept_and_the_event_is_consistent(
    tmp_path: Path, ged_csv: Path
) -> None:
    """UCDP's own releases have best above high; the record keeps the figures, the event's range holds."""
    path = small_ged(ged_csv, tmp_path, {"low": "50", "best": "10", "high": "5"})
    with tacitus.open(str(tmp_path / "s.duckdb")) as store:
        import_file(store, get_layout("ucdp-ged"), str(path))
        first_id = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))[1]["id"]
        record = store.sql("SELECT killed_low, killed_best, killed_high, event_id FROM records WHERE record_id = ?",
                           [first_id]).iloc[0]
        events = store.events()
    assert (record["killed_low"], record["killed_best"], record["killed_high"]) == (50, 10, 5)
    event = events[events["event_id"] == record["event_id"]].iloc[0]
    assert event["killed_low"] <= event["killed_best"] <= event["killed_high"]
    assert (event["killed_low"], event["killed_best"], event["killed_high"]) == (10, 10, 10)


def test_a_foreign_duckdb_file_is_refused_unless_forced(
    tmp_path: Path, ged_csv: Path, tacitus_cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    import duckdb

    db = tmp_path / "theirs.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE budget (year INTEGER, amount DOUBLE)")
    path = small_ged(ged_csv, tmp_path)
    refused = tacitus_cli("import", "ucdp-ged", path, "--db", db)
    assert refused.returncode != 0 and "holds other tables: budget" in refused.stderr
    with duckdb.connect(str(db)) as con:
        assert [t for (t,) in con.execute("SHOW TABLES").fetchall()] == ["budget"]
    forced = tacitus_cli("import", "ucdp-ged", path, "--db", db, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "20 added" in forced.stdout
