"""`tacitus geocode` output contract."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tacitus.geo.cli import geocode_command

KEYS = {"name", "admin1", "admin2", "country_code", "latitude", "longitude", "geo_precision", "gazetteer_id"}


def test_jsonl_one_object_per_query_in_order() -> None:
    result = CliRunner().invoke(
        geocode_command, ["Mir Ali", "Zzyzxkili", "Landi Kotal", "--date", "2010-01-01", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]  # stderr names the no-match
    assert [r["query"] for r in rows] == ["Mir Ali", "Zzyzxkili", "Landi Kotal"]
    assert all(r.keys() >= KEYS for r in rows)
    assert rows[0]["admin1"] == "Federally Administered Tribal Areas"
    assert rows[1]["name"] is None
    assert rows[2]["admin2"] == "Khyber"
    assert result.stderr.startswith("tacitus: no place named 'Zzyzxkili' in the gazetteer")


def test_all_lists_candidates() -> None:
    result = CliRunner().invoke(geocode_command, ["Matta", "--all", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert len(row["candidates"]) >= 2 and row["name"] == row["candidates"][0]["name"]


def test_bad_date_is_one_clear_error() -> None:
    result = CliRunner().invoke(geocode_command, ["Wana", "--date", "2010-13-01"])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output


def test_table_output() -> None:
    result = CliRunner().invoke(geocode_command, ["Wana"])
    assert result.exit_code == 0 and "Wana" in result.output
