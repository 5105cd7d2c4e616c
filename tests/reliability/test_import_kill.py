"""Killing `tacitus import` with SIGKILL while it writes leaves a usable store with nothing half-written (on a
DuckDB file and on PostgreSQL).

The import runs as a real process on a GED-shaped file large enough that each stage takes a noticeable
moment: staging (DuckDB's read_csv into a temporary table), checks, coding, and the merge into the store inside
one transaction. We time one uninterrupted import into a copy of the store, then kill -9 fresh imports at
fractions of that time that span every stage, and check that the store opens and holds either the state before
the import or the complete import. Offsets are relative to a measured run, not fixed, so a slow or fast machine
kills at the same stage.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import tacitus
from tacitus.ingest import get_layout, import_file

ROWS = 40_000
# PostgreSQL (a real server; a killed client's open transaction is rolled back by it): fewer rows, since every
# stage runs a few times slower over the socket and the test runs the import up to eight times.
POSTGRES_ROWS = 5_000
KILL_FRACTIONS = (0.2, 0.35, 0.5, 0.65, 0.8, 0.9)  # of an uninterrupted import's run time


def _counts(db: str) -> dict[str, int]:
    with tacitus.open(db) as store:
        counts = store.counts()
        counts["events_without_record"] = int(
            store.sql("SELECT count(*) AS n FROM events WHERE event_id NOT IN (SELECT event_id FROM records)").iloc[0][
                "n"
            ]
        )
    return counts


@pytest.mark.slow
def test_sigkill_mid_import_leaves_before_or_after_never_between(
    tmp_path: Path,
    backend: str,
    new_store: Callable[..., str],
    gtd_sample: Path,
    resampled_ged: Callable[..., Path],
    tacitus_argv: list[str],
    tacitus_cli: Callable[..., subprocess.CompletedProcess[str]],
    run_time: Callable[[list[str]], float],
    kill_after: Callable[[list[str], float], bool],
) -> None:
    rows = ROWS if backend == "duckdb" else POSTGRES_ROWS
    big = resampled_ged(tmp_path / "ged_resampled.csv", rows)
    db = new_store()
    with tacitus.open(db) as store:  # a store with something in it already
        import_file(store, get_layout("gtd"), str(gtd_sample))
    before = _counts(db)
    command = [*tacitus_argv, "import", "ucdp-ged", str(big), "--db", db]
    full_run = run_time([*tacitus_argv, "import", "ucdp-ged", str(big), "--db", new_store(copy_of=db)])

    killed_mid_write = 0
    complete: dict[str, int] | None = None
    for fraction in KILL_FRACTIONS:
        killed = kill_after(command, fraction * full_run)
        state = _counts(db)  # the store must open after every kill
        note = f"kill at {fraction:.0%} of {full_run:.1f}s, killed={killed}: {state} (before: {before})"
        assert state["events_without_record"] == 0, note
        if state["records"] == before["records"]:
            assert state == before, f"a killed import left rows behind; {note}"
            killed_mid_write += killed
        else:
            assert state["records"] == before["records"] + rows, note
            assert state["events"] == before["events"] + rows, note
            complete = state
            break  # the import finished (or committed just before the signal); nothing more to kill

    assert killed_mid_write >= 1, f"no attempt was killed during the write, so the test proved nothing ({state})"

    result = tacitus_cli("import", "ucdp-ged", big, "--db", db)
    assert result.returncode == 0, result.stderr
    final = _counts(db)
    assert final["records"] == before["records"] + rows and final["events"] == before["events"] + rows
    if complete is not None:
        assert final["claims"] == complete["claims"]


@pytest.mark.slow
def test_sigkill_mid_reimport_of_a_changed_version_leaves_the_first_version(
    tmp_path: Path,
    resampled_ged: Callable[..., Path],
    tacitus_argv: list[str],
    state_of: Callable[[Path], tuple[dict[str, int], str]],
    run_time: Callable[[list[str]], float],
    kill_after: Callable[[list[str], float], bool],
) -> None:
    """A changed re-import (bulk update and re-derivation) killed at any point leaves version one intact."""
    first = resampled_ged(tmp_path / "v1.csv", ROWS)
    lines = first.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].split(",")
    where = header.index("where_prec")
    for i in range(1, len(lines), 7):
        cells = lines[i].split(",")
        if len(cells) == len(header) and cells[where].isdigit():
            cells[where] = str(min(int(cells[where]) + 1, 7))
            lines[i] = ",".join(cells)
    second = tmp_path / "v2.csv"
    second.write_text("".join(lines), encoding="utf-8")
    db = tmp_path / "store.duckdb"
    subprocess.run([*tacitus_argv, "import", "ucdp-ged", str(first), "--db", str(db)], check=True,
                   stdout=subprocess.DEVNULL)
    before = state_of(db)
    rehearsal = tmp_path / "rehearsal.duckdb"
    shutil.copyfile(db, rehearsal)
    full_run = run_time([*tacitus_argv, "import", "ucdp-ged", str(second), "--db", str(rehearsal)])
    after = state_of(rehearsal)
    assert after != before
    killed = 0
    for fraction in KILL_FRACTIONS:
        died = kill_after([*tacitus_argv, "import", "ucdp-ged", str(second), "--db", str(db)], fraction * full_run)
        state = state_of(db)
        assert state in (before, after), f"kill at {fraction:.0%}: a half-applied revision"
        if state == after:
            break
        killed += died
    assert killed >= 1
