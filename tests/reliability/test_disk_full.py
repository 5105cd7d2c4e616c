"""A full disk, on a real tiny tmpfs: one line saying "no space left on device", and the store left intact.

The store lives on a 4 MB tmpfs mounted for the test (skipped where mounting is not allowed, e.g. without root
or in an unprivileged container). Writes that run out of space must fail with one line that names the cause
(before, DuckDB's failed rollback hid it) and leave the store as it was before the command: same table counts,
same events checksum, still passing `tacitus doctor`.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def _fill(folder: Path) -> None:
    """Take every free byte of the disk."""
    with (folder / "filler").open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass


def _no_space_line(result: Any) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("tacitus: error:")]
    assert len(lines) == 1, result.stderr
    assert "no space left on device" in lines[0]


def test_import_onto_a_full_disk(
    tiny_disk: Path, small_store: Path, ged_csv: Path, tacitus_cli: Callable[..., Any],
    state_of: Callable[[Path], Any],
) -> None:
    db = Path(shutil.copyfile(small_store, tiny_disk / "store.duckdb"))
    before = state_of(db)
    _no_space_line(tacitus_cli("import", "ucdp-ged", ged_csv, "--db", db))  # 6,416 rows do not fit
    assert state_of(db) == before
    doctor = tacitus_cli("doctor", "--db", db)
    assert doctor.returncode == 0, doctor.stdout


def test_extract_into_a_store_on_a_full_disk(
    tiny_disk: Path, small_store: Path, tacitus_cli: Callable[..., Any], state_of: Callable[[Path], Any]
) -> None:
    db = Path(shutil.copyfile(small_store, tiny_disk / "store.duckdb"))
    before = state_of(db)
    _fill(tiny_disk)
    _no_space_line(tacitus_cli("extract", REPORTS / "incidents.jsonl", "--no-ner", "--db", db))
    (tiny_disk / "filler").unlink()
    assert state_of(db) == before


def test_export_onto_a_full_disk_leaves_no_partial_file(
    tiny_disk: Path, small_store: Path, tacitus_cli: Callable[..., Any]
) -> None:
    _fill(tiny_disk)
    target = tiny_disk / "events.csv"
    _no_space_line(tacitus_cli("export", "--db", small_store, "--format", "csv", "-o", target))
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]
