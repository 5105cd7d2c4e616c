"""Re-importing a dataset: the same file adds nothing; a changed version updates only what changed, in bulk,
re-derives the touched events, and flags links that a change may have invalidated."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tacitus
from tacitus.ingest import get_layout, import_file

ROWS = 3_000


def _revise(source: Path, target: Path, pick: Callable[[int, dict[str, str]], bool],
            edit: Callable[[dict[str, str]], None]) -> list[str]:
    """Copy a GED file, editing the rows `pick` chooses; returns the ids of the edited rows."""
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        fields = list(reader.fieldnames or [])
    edited = []
    for number, row in enumerate(rows):
        if pick(number, row):
            edit(row)
            edited.append(row["id"])
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return edited


def _raise_best(row: dict[str, str]) -> None:
    row["best"] = str(int(row["best"]) + 1000)
    row["high"] = row["best"]


def test_a_changed_version_updates_in_place_and_rederives(tmp_path: Path, resampled_ged: Callable[..., Path]) -> None:
    first = resampled_ged(tmp_path / "v1.csv", ROWS)
    layout = get_layout("ucdp-ged")
    db = tmp_path / "s.duckdb"
    with tacitus.open(str(db)) as store:
        fresh = import_file(store, layout, str(first))
        again = import_file(store, layout, str(first))
        assert (fresh.added, again.added, again.updated, again.unchanged) == (ROWS, 0, 0, ROWS)
        before = store.events().set_index("event_id")
        second = tmp_path / "v2.csv"
        changed_ids = _revise(first, second, lambda number, _: number % 100 == 0, _raise_best)
        revised = import_file(store, layout, str(second))
        assert (revised.added, revised.updated, revised.unchanged) == (0, len(changed_ids), ROWS - len(changed_ids))
        after = store.events().set_index("event_id")
        assert len(after) == len(before) == ROWS
        records = store.sql("SELECT record_id, event_id FROM records WHERE record_id IN (SELECT unnest(?))",
                            [changed_ids])
        for event_id in records["event_id"]:
            assert after.loc[event_id, "killed_best"] == before.loc[event_id, "killed_best"] + 1000
        history = store.history()
        assert (history["action"] == "updated").sum() == len(changed_ids)
        assert store.stale_links() is None  # no changed record shared an event with another
        claims = store.claims(str(records["event_id"].iloc[0]))
        best_claim = claims[claims["field"] == "killed_best"].iloc[0]
        assert best_claim["value"] == after.loc[records["event_id"].iloc[0], "killed_best"]


def test_a_change_to_a_linked_record_flags_the_links_stale(tmp_path: Path, resampled_ged: Callable[..., Path]) -> None:
    first = resampled_ged(tmp_path / "v1.csv", 50)
    layout = get_layout("ucdp-ged")
    with tacitus.open(str(tmp_path / "s.duckdb")) as store:
        import_file(store, layout, str(first))
        keys = list(store.sql("SELECT record_key FROM records ORDER BY record_key LIMIT 2")["record_key"])
        target = store.sql("SELECT event_id FROM records WHERE record_key = ?", [keys[0]])["event_id"].iloc[0]
        store.assign({keys[1]: target})
        record_id = keys[1].split(":")[1]
        second = tmp_path / "v2.csv"
        _revise(first, second, lambda _, row: row["id"] == record_id, _raise_best)
        result = import_file(store, layout, str(second))
        assert result.updated == 1
        assert store.stale_links() is not None
        merged = store.events()
        assert int(merged.loc[merged["event_id"] == target, "source_count"].iloc[0]) == 2


def test_stale_links_are_named_by_query_and_doctor_until_resolve(
    tmp_path: Path, resampled_ged: Callable[..., Path], tacitus_cli: Callable[..., Any]
) -> None:
    """The flag a changed linked record raises is visible where users look, and `resolve` (or doctor --fix)
    clears it."""
    first = resampled_ged(tmp_path / "v1.csv", 50)
    db = tmp_path / "s.duckdb"
    layout = get_layout("ucdp-ged")
    with tacitus.open(str(db)) as store:
        import_file(store, layout, str(first))
        keys = list(store.sql("SELECT record_key FROM records ORDER BY record_key LIMIT 2")["record_key"])
        target = store.sql("SELECT event_id FROM records WHERE record_key = ?", [keys[0]])["event_id"].iloc[0]
        store.assign({keys[1]: target})
    second = tmp_path / "v2.csv"
    _revise(first, second, lambda _, row: row["id"] == keys[1].split(":")[1], _raise_best)
    assert tacitus_cli("import", "ucdp-ged", second, "--db", db).returncode == 0
    queried = tacitus_cli("query", "--db", db, "--limit", "1")
    assert queried.returncode == 0 and "run `tacitus resolve`" in queried.stderr
    checked = tacitus_cli("doctor", "--db", db)
    assert checked.returncode == 1 and "FAIL  links current" in checked.stdout
    assert tacitus_cli("resolve", "--db", db).returncode == 0
    assert "tacitus resolve" not in tacitus_cli("query", "--db", db, "--limit", "1").stderr
    assert "ok    links current" in tacitus_cli("doctor", "--db", db).stdout
