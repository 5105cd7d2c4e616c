"""Killing `tacitus import` with SIGKILL while it writes leaves a usable store with nothing half-written.

The import runs as a real process on a GED-shaped file large enough that writing takes a noticeable moment.
Records are written in batches inside one transaction while the file is still being read, so the write phase
spans most of the run. We time one uninterrupted import into a copy of the store, then kill -9 fresh imports at
fractions of that time, and check that the store opens and holds either the state before the import or the
complete import. Offsets are relative to a measured run, not fixed, so a slow or fast machine kills at the same
stage.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import tacitus
from tacitus.ingest import get_layout, import_file

ROWS = 8_000
KILL_FRACTIONS = (0.5, 0.7, 0.85)  # of an uninterrupted import's run time


def _counts(db: Path) -> dict[str, int]:
    with tacitus.open(str(db)) as store:
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
    gtd_sample: Path,
    resampled_ged: Callable[..., Path],
    tacitus_argv: list[str],
    tacitus_cli: Callable[..., subprocess.CompletedProcess[str]],
    run_time: Callable[[list[str]], float],
    kill_after: Callable[[list[str], float], bool],
) -> None:
    big = resampled_ged(tmp_path / "ged_resampled.csv", ROWS)
    db = tmp_path / "store.duckdb"
    with tacitus.open(str(db)) as store:  # a store with something in it already
        import_file(store, get_layout("gtd"), str(gtd_sample))
    before = _counts(db)
    command = [*tacitus_argv, "import", "ucdp-ged", str(big), "--db", str(db)]
    rehearsal = tmp_path / "rehearsal.duckdb"
    shutil.copyfile(db, rehearsal)
    full_run = run_time([*tacitus_argv, "import", "ucdp-ged", str(big), "--db", str(rehearsal)])

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
            assert state["records"] == before["records"] + ROWS, note
            assert state["events"] == before["events"] + ROWS, note
            complete = state
            break  # the import finished (or committed just before the signal); nothing more to kill

    assert killed_mid_write >= 1, f"no attempt was killed during the write, so the test proved nothing ({state})"

    result = tacitus_cli("import", "ucdp-ged", big, "--db", db)
    assert result.returncode == 0, result.stderr
    final = _counts(db)
    assert final["records"] == before["records"] + ROWS and final["events"] == before["events"] + ROWS
    if complete is not None:
        assert final["claims"] == complete["claims"]
