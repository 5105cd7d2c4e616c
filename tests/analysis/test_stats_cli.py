"""`tacitus stats` as a real process: columns, indicator options, formats, and one-line errors."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pandas as pd

Run = Callable[..., CompletedProcess[str]]


def test_stats_csv_has_the_base_columns(small_db: Path, tacitus_cli: Run) -> None:
    done = tacitus_cli("stats", "--db", small_db, "--actor", "TTP", "--format", "csv")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(io.StringIO(done.stdout))
    assert table.columns[:5].tolist() == ["period", "events", "killed_low", "killed_best", "killed_high"]
    # E1, E2, E3 in 2013; E5 in 2014 (the TTP is the drone strike's second side)
    assert table[["period", "events", "killed_best"]].values.tolist() == [[2013, 3, 19], [2014, 1, 4]]


def test_stats_with_indicators_written_to_json(small_db: Path, tacitus_cli: Run, tmp_path: Path) -> None:
    # JSON output with two optional indicator groups
    out = tmp_path / "stats.json"
    done = tacitus_cli("stats", "--db", small_db, "--by", "year", "--with", "targets", "--with", "fragmentation",
                       "--with", "index", "--format", "json", "-o", out)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["period"] for r in rows] == ["2013", "2014"]
    assert rows[0]["hard"] == 2 and rows[0]["groups"] == 2 and rows[1]["danger_to_civilians"] == 2


def test_yearly_indicator_with_months_is_one_clear_error(small_db: Path, tacitus_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "never.csv"
    done = tacitus_cli("stats", "--db", small_db, "--by", "month", "--with", "cells", "-o", out)
    assert done.returncode == 2
    assert done.stderr.strip() == "tacitus: error: --with cells is defined per year; use --by year"
    assert not out.exists()


def test_missing_store_is_one_clear_error(tmp_path: Path, tacitus_cli: Run) -> None:
    done = tacitus_cli("stats", "--db", tmp_path / "nope.duckdb")
    assert done.returncode == 2
    assert "nope.duckdb: no such store" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
