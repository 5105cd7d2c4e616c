"""kill -9 at several points of `tacitus resolve` and of `tacitus extract --db` (a revision of stored documents).

Each command runs as a real process against a real store. One uninterrupted run on a copy gives the run time and
the complete result; fresh runs are then killed with SIGKILL at fractions of that time (so a slow or fast machine
kills at the same stages). After every kill the store must open, hold exactly the state before the command or
the complete result (never something between), and fail no more of `doctor`'s checks than before the command:
spans on their own text, links and derived values consistent, no orphans.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

import tacitus
from tacitus.ingest import get_layout, import_file
from tacitus.store.doctor import examine, repair

DRONES = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "drone-strikes"
REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
FRACTIONS = (0.35, 0.6, 0.8, 0.9, 0.97)


def _state(db: Path) -> tuple[dict[str, int], str]:
    """Row counts of every table and a checksum over events, records and claims: "the same store" in these tests."""
    with tacitus.open(str(db)) as store:
        counts = {
            t: int(store.sql(f"SELECT count(*) AS n FROM {t}")["n"].iloc[0])
            for t in ("documents", "records", "events", "claims", "event_history", "superseded_documents",
                      "superseded_claims")
        }
        digest = hashlib.sha256()
        for query in ("SELECT * EXCLUDE (updated_at) FROM events ORDER BY event_id",
                      "SELECT record_key, event_id, content_hash FROM records ORDER BY record_key",
                      "SELECT claim_id, doc_version, quote FROM claims ORDER BY claim_id"):
            digest.update(store.sql(query).to_csv(index=False).encode("utf-8"))
    return counts, digest.hexdigest()


def _store_problems(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        findings, _ = examine(con)
    finally:
        con.close()
    return [f.line() for f in findings if f.failed]


def _kill_repeatedly(db: Path, command: list[str], rehearsal_command: list[str],
                     run_time: Callable[[list[str]], float], kill_after: Callable[[list[str], float], bool]) -> None:
    """Kill `command` at every fraction; check each time that the store is before or after, and consistent."""
    before = _state(db)
    known = _store_problems(db)  # what the store's sources already break (e.g. values without claims): not ours
    full_run = run_time(rehearsal_command)
    after_db = Path(rehearsal_command[rehearsal_command.index("--db") + 1])
    after = _state(after_db)
    assert after != before, "the command changed nothing, so killing it proves nothing"
    assert _store_problems(after_db) == known
    kills = 0
    for fraction in FRACTIONS:
        killed = kill_after(command, fraction * full_run)
        state = _state(db)
        note = f"kill at {fraction:.0%} of {full_run:.1f}s (killed: {killed})"
        assert state in (before, after), f"a killed run left a store between before and after; {note}"
        assert _store_problems(db) == known, note
        if state == after:
            break  # it finished (or committed just before the signal): nothing more to kill
        kills += killed
    assert kills >= 1, "no run was killed before it finished"


@pytest.mark.slow
def test_kill_9_during_resolve(tmp_path: Path, ged_csv: Path, tacitus_argv: list[str],
                               run_time: Callable[[list[str]], float],
                               kill_after: Callable[[list[str], float], bool]) -> None:
    """Two real drone lists and part of GED: resolution moves hundreds of records in one transaction."""
    db = tmp_path / "store.duckdb"
    ged = tmp_path / "ged.csv"
    ged.write_text("".join(ged_csv.read_text(encoding="utf-8").splitlines(keepends=True)[:2002]), encoding="utf-8")
    with tacitus.open(str(db)) as store:
        import_file(store, get_layout("tbij-drones"), str(DRONES / "tbij_pakistan_drone_strikes_2004_2013.csv"))
        import_file(store, get_layout("pbc-drones"), str(DRONES / "pakistanbodycount_drone_attacks_2004_2017.csv"))
        import_file(store, get_layout("ucdp-ged"), str(ged))
    with tacitus.open(str(db)) as store:  # imported events start from the records' own values; derive them
        repair(store, examine(store.con)[1])  # type: ignore[attr-defined]
    rehearsal = Path(shutil.copyfile(db, tmp_path / "rehearsal.duckdb"))
    _kill_repeatedly(db, [*tacitus_argv, "resolve", "--db", str(db)],
                     [*tacitus_argv, "resolve", "--db", str(rehearsal)], run_time, kill_after)


@pytest.mark.slow
def test_kill_9_during_extract_db_revising_documents(tmp_path: Path, tacitus_argv: list[str],
                                                     run_time: Callable[[list[str]], float],
                                                     kill_after: Callable[[list[str], float], bool]) -> None:
    """A feed's articles come back revised under the same ids: versions, superseded claims and re-derived events
    are written together, or not at all."""
    lines = [json.loads(line) for line in (REPORTS / "incidents.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [{"id": f"feed-{n}-{row['id']}", "text": row["text"], "published": "2014-01-02"}
            for n in range(4) for row in lines]
    first, revised = tmp_path / "first.jsonl", tmp_path / "revised.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    revised.write_text("".join(json.dumps({**r, "text": "Revised report. " + r["text"]}) + "\n" for r in rows),
                       encoding="utf-8")
    db = tmp_path / "store.duckdb"
    subprocess.run([*tacitus_argv, "extract", str(first), "--no-ner", "--db", str(db)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rehearsal = Path(shutil.copyfile(db, tmp_path / "rehearsal.duckdb"))
    _kill_repeatedly(db, [*tacitus_argv, "extract", str(revised), "--no-ner", "--db", str(db)],
                     [*tacitus_argv, "extract", str(revised), "--no-ner", "--db", str(rehearsal)], run_time,
                     kill_after)
    with tacitus.open(str(rehearsal)) as store:
        assert set(store.sql("SELECT version FROM documents")["version"]) == {2}
