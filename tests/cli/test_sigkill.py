"""Killing `tacitus import` with SIGKILL while it writes leaves a usable store with nothing half-written.

The import runs as a real process on a GED-shaped file large enough that writing takes a noticeable moment.
We wait until the store file starts to grow (the write phase has begun), kill -9 at a few offsets from there,
and check that the store opens and holds either the state before the import or the complete import.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import tacitus
from tacitus.ingest import get_layout, import_file

ROWS = 8_000
KILL_OFFSETS = (0.0, 0.15, 0.4)  # seconds after the store file first grows


def _counts(db: Path) -> dict[str, int]:
    with tacitus.open(str(db)) as store:
        counts = store.counts()
        counts["events_without_record"] = int(
            store.sql("SELECT count(*) AS n FROM events WHERE event_id NOT IN (SELECT event_id FROM records)").iloc[0][
                "n"
            ]
        )
    return counts


def _kill_while_writing(command: list[str], db: Path, offset: float) -> bool:
    """Start the import, SIGKILL it `offset` s after the store grows; True if it died by our signal."""
    size = db.stat().st_size
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while proc.poll() is None and db.stat().st_size == size:
            time.sleep(0.005)
        time.sleep(offset)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_sigkill_mid_import_leaves_before_or_after_never_between(
    tmp_path: Path,
    gtd_sample: Path,
    resampled_ged: Callable[..., Path],
    tacitus_argv: list[str],
    tacitus_cli: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    big = resampled_ged(tmp_path / "ged_resampled.csv", ROWS)
    db = tmp_path / "store.duckdb"
    with tacitus.open(str(db)) as store:  # a store with something in it already
        import_file(store, get_layout("gtd"), str(gtd_sample))
    before = _counts(db)
    command = [*tacitus_argv, "import", "ucdp-ged", str(big), "--db", str(db)]

    killed_mid_write = 0
    complete: dict[str, int] | None = None
    for offset in KILL_OFFSETS:
        killed = _kill_while_writing(command, db, offset)
        state = _counts(db)  # the store must open after every kill
        note = f"offset {offset}s, killed={killed}: {state} (before: {before})"
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
