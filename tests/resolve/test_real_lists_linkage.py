"""Linking the two real drone-strike lists (read from ../shared): the Nek Mohammad strike is one event."""

from __future__ import annotations

import csv
from pathlib import Path

from tacitus.ingest import get_layout, import_file
from tacitus.resolve import explain, resolve
from tacitus.store import open_store

ROOT = Path(__file__).resolve().parents[2]
DRONES = ROOT / ".." / "shared" / "data" / "drone-strikes"


def test_drone_lists_link_nek_mohammad_and_reach_the_gold_precision(tmp_path, tacitus_cli):
    db = tmp_path / "drones.duckdb"
    with open_store(db) as store:
        import_file(store, get_layout("tbij-drones"), str(DRONES / "tbij_pakistan_drone_strikes_2004_2013.csv"))
        import_file(store, get_layout("pbc-drones"), str(DRONES / "pakistanbodycount_drone_attacks_2004_2017.csv"))
        resolve(store)
        links = store.links()
        event_of = {f"{d}:{r}": e for e, d, r in links.itertuples(index=False)}
        assert event_of["tbij_drones:B1"] == event_of["pbc_drones:1"]
        nek = explain(store, event_of["tbij_drones:B1"])
        assert {row["reason"]["comparisons"]["date"]["level"] for row in nek} == {"within 1 day(s)"}
        assert {row["reason"]["rule"] for row in nek} == {"leftover"}
    # Against the hand-built gold sample (bench/gold), extended with the hard cases (days with two or more
    # strikes on one village): measured 0.930 / 0.795 at the default threshold (docs/resolution.md). The issue's
    # target (0.95 / 0.90) is not reached on this pair; this guards the measured level against regressions.
    with open(ROOT / "bench" / "gold" / "tbij_pbc_drones.csv", newline="", encoding="utf-8") as handle:
        gold = [row for row in csv.DictReader(handle) if row["decision"] != "ambiguous"]
    partner = {}
    for key, event in event_of.items():
        if key.startswith("tbij_drones:"):
            others = [k for k, e in event_of.items() if e == event and k.startswith("pbc_drones:")]
            partner[key.split(":", 1)[1]] = others[0].split(":", 1)[1] if others else ""
    right = sum(1 for row in gold if row["pbc_drones_s"] and partner[row["tbij_strike"]] == row["pbc_drones_s"])
    linked = sum(1 for row in gold if partner[row["tbij_strike"]])
    wanted = sum(1 for row in gold if row["pbc_drones_s"])
    assert right / linked >= 0.92
    assert right / wanted >= 0.78
    out = tmp_path / "links.csv"
    result = tacitus_cli("export", "--db", db, "--format", "links", "-o", out)
    assert result.returncode == 0, result.stderr
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["event_id", "dataset", "record_id"]
    nek_rows = {(r["dataset"], r["record_id"]) for r in rows if r["event_id"] == event_of["tbij_drones:B1"]}
    assert nek_rows == {("tbij_drones", "B1"), ("pbc_drones", "1")}
