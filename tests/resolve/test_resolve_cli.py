"""`tacitus resolve` and `tacitus split` as real processes: summary, --explain, --config errors, undo."""

from __future__ import annotations

from tacitus.model import event_id_for
from tacitus.store import open_store


def _store(tmp_path, make_store, records):
    store = make_store(*records, name="cli.duckdb")
    store.close()
    return tmp_path / "cli.duckdb"


def test_resolve_explain_and_split_from_the_command_line(tmp_path, make_store, market_reports, checkpost_reports,
                                                         tacitus_cli):
    db = _store(tmp_path, make_store, [*market_reports, *checkpost_reports])
    result = tacitus_cli("resolve", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "6 records: 6 events before, 2 after; 4 records moved" in result.stdout
    assert "  report: 2 events" in result.stdout
    event = event_id_for("report", "dawn-0510#1")
    explained = tacitus_cli("resolve", "--db", db, "--explain", event)
    assert explained.returncode == 0, explained.stderr
    assert f"event {event}: 4 record(s)" in explained.stdout
    assert "date         same day" in explained.stdout
    split = tacitus_cli("split", "--db", db, event, "report:dawn-0512#1")
    assert split.returncode == 0, split.stderr
    assert f"report:dawn-0512#1 → {event_id_for('report', 'dawn-0512#1')}" in split.stdout
    with open_store(db, read_only=True) as store:
        assert len(store.events()) == 3


def test_bad_config_and_unknown_event_fail_with_one_line(tmp_path, make_store, market_reports, tacitus_cli):
    db = _store(tmp_path, make_store, market_reports)
    config = tmp_path / "resolve.yaml"
    config.write_text("comparisons:\n  date:\n    m: [0.5, 0.5]\n    u: [0.1, 0.1, 0.8]\n", encoding="utf-8")
    result = tacitus_cli("resolve", "--db", db, "--config", config)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"tacitus: error: {config}: field 'comparisons.date.m': needs a list of 5 probabilities"]
    config.write_text("treshold_match_weight: 2\n", encoding="utf-8")
    result = tacitus_cli("resolve", "--db", db, "--config", config)
    assert result.returncode == 2
    assert "unknown setting 'treshold_match_weight'" in result.stderr
    missing = tacitus_cli("split", "--db", db, "ev_nothing")
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [f"tacitus: error: no event 'ev_nothing' in {db}"]
    no_engine = tacitus_cli("resolve", "--db", db, "--spark-master", "local[1]")
    assert no_engine.returncode == 2
    assert "--spark-master needs --engine spark" in no_engine.stderr and "Traceback" not in no_engine.stderr
    with open_store(db, read_only=True) as store:
        assert len(store.events()) == 4  # the failed runs changed nothing
