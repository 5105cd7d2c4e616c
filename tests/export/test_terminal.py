"""What a person at a terminal sees: progress bars with totals and time left, quiet in pipes and with --quiet,
and tables that fit the window without splitting a number. Each command runs in a real pseudo-terminal."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
from pathlib import Path

import pandas as pd

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _in_terminal(argv: list[str], columns: int = 100) -> tuple[int, str]:
    """Run a command with stdin/stdout/stderr on a pseudo-terminal `columns` wide; its exit code and screen text."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50", "TERM": "xterm"}
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    chunks = []
    while select.select([master], [], [], 120)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    code = process.wait(timeout=120)
    os.close(master)
    return code, _ANSI.sub("", b"".join(chunks).decode("utf-8", "replace"))


def test_import_shows_a_bar_with_total_and_time_left(ged_csv: Path, tmp_path: Path, tacitus_argv: list[str]) -> None:
    code, screen = _in_terminal([*tacitus_argv, "import", "ucdp-ged", str(ged_csv), "--db", str(tmp_path / "a.db")])
    assert code == 0
    assert re.search(r"importing ucdp_ged_22_1_pakistan\.csv .*[\d,]+/6,417 rows .* left", screen)
    code, screen = _in_terminal([*tacitus_argv, "--quiet", "import", "ucdp-ged", str(ged_csv), "--db",
                                 str(tmp_path / "b.db")])
    assert code == 0 and "importing" not in screen and "6,416 added" in screen


def test_report_counts_its_steps(ged_store: Path, tmp_path: Path, tacitus_argv: list[str]) -> None:
    seed = Path(__file__).resolve().parents[2] / "examples" / "seed-claims.yaml"
    code, screen = _in_terminal([*tacitus_argv, "report", "--db", str(ged_store), "--claims", str(seed), "-o",
                                 str(tmp_path / "r.html")])
    assert code == 0 and re.search(r"report: claim \S+ .*\d+/10 steps", screen)


def test_stats_table_fits_a_narrow_terminal_without_splitting_numbers(ged_store: Path,
                                                                       tacitus_argv: list[str]) -> None:
    code, screen = _in_terminal([*tacitus_argv, "stats", "--db", str(ged_store), "--with", "targets"], columns=64)
    assert code == 0
    table_lines = [line for line in screen.splitlines() if line.startswith("│")]
    assert table_lines and all(len(line) <= 64 for line in table_lines)
    shown = [[cell.strip() for cell in line.strip("│").split("│")] for line in table_lines]
    full = subprocess.run([*tacitus_argv, "stats", "--db", str(ged_store), "--format", "csv"], capture_output=True,
                          text=True, check=True)
    csv = pd.read_csv(io.StringIO(full.stdout), dtype=str, keep_default_na=False)
    assert [row[:5] for row in shown] == csv.iloc[:, :5].values.tolist()  # every number whole, one row per year
    assert re.search(r"\d+ more column\(s\) not shown: .*soft_share", screen)
