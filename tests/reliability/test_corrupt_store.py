"""Truncated and overwritten store files, through every command that opens a store.

A damaged file must give one line on stderr (`tacitus: error: …`, saying the store is damaged or cannot be
opened), a non-zero exit, and no traceback, whichever command meets it first and wherever in the file the
damage is: the header (refused on open), a checksum-protected block (refused on open or on first read), or the
tail (refused on the first read that reaches it).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


def _truncated_tenth(good: Path, bad: Path) -> None:
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 10])


def _truncated_tail(good: Path, bad: Path) -> None:
    """Cut where the table data lies, past the header and catalogue: the file opens, the first full read fails."""
    data = good.read_bytes()
    bad.write_bytes(data[:300_000])


def _header_overwritten(good: Path, bad: Path) -> None:
    data = bytearray(good.read_bytes())
    data[0:4096] = bytes(range(256)) * 16
    bad.write_bytes(bytes(data))


def _block_overwritten(good: Path, bad: Path) -> None:
    data = bytearray(good.read_bytes())
    data[8192:12288] = b"\xa5" * 4096
    bad.write_bytes(bytes(data))


def _not_a_database(good: Path, bad: Path) -> None:
    bad.write_text("event_id,date\nev_1,2014-12-16\n", encoding="utf-8")


DAMAGES = {
    "truncated to a tenth": _truncated_tenth,
    "tail cut off": _truncated_tail,
    "header overwritten": _header_overwritten,
    "block overwritten": _block_overwritten,
    "a CSV named .duckdb": _not_a_database,
}
# The damages refused on open fail the same way in every command (they share DuckDBStore.__init__); the ones that
# open and fail later, on a read, go through every command, since each reads different tables first.
EVERY_COMMAND = {"tail cut off", "block overwritten"}
ON_OPEN = ("query", "import", "extract --db", "doctor")


def _commands(db: Path, ged: Path, tmp: Path) -> dict[str, list[str | Path]]:
    claims = tmp / "claims.yaml"
    claims.write_text(
        "title: t\nclaims:\n  - id: c\n    statement: s\n    indicator: events\n    compare:\n"
        "      type: before_after\n      date: 2012\n      months: 12\n      expect: decrease\n",
        encoding="utf-8",
    )
    return {
        "query": ["query", "--db", db],
        "export": ["export", "--db", db, "--format", "csv", "-o", tmp / "out.csv"],
        "resolve": ["resolve", "--db", db],
        "import": ["import", "ucdp-ged", ged, "--db", db],
        "stats": ["stats", "--db", db],
        "report": ["report", "--db", db, "--claims", claims, "-o", tmp / "report.html"],
        "extract --db": ["extract", REPORTS / "two_incidents.txt", "--no-ner", "--db", db],
        "split": ["split", "--db", db, "ev_0000000000000000"],
        "init": ["init", "--db", db],
        "doctor": ["doctor", "--db", db],
    }


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_every_command_refuses_a_damaged_store_in_one_line(
    damage: str, small_store: Path, small_ged: Path, tmp_path: Path, tacitus_cli: Callable[..., Any]
) -> None:
    good, ged = small_store, small_ged
    master = tmp_path / "master.duckdb"
    DAMAGES[damage](good, master)
    wrong: list[str] = []
    for name, argv in _commands(tmp_path / "store.duckdb", ged, tmp_path).items():
        if damage not in EVERY_COMMAND and name not in ON_OPEN:
            continue
        shutil.copyfile(master, tmp_path / "store.duckdb")
        result = tacitus_cli(*argv)
        text = result.stdout + result.stderr
        said = [line for line in text.splitlines() if line.startswith(("tacitus: error:", "FAIL  "))]
        if result.returncode == 0:
            wrong.append(f"{name}: exit 0")
        elif "Traceback" in result.stderr:
            wrong.append(f"{name}: traceback")
        elif not said or not any(w in said[0] for w in SAYS):
            wrong.append(f"{name}: {said[0] if said else text[-300:]}")
        assert not (tmp_path / "out.csv").exists()
    assert wrong == []


SAYS = ("damaged", "cannot open", "cannot be read", "not a Tacitus store")
