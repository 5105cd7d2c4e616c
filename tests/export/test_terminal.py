"""What a person at a terminal sees: progress bars with totals and time left (import, extract, resolve, report),
quiet in pipes and with --quiet, and tables that fit the window without splitting a number. Each command runs in
a real pseudo-terminal."""

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
    assert code == 0 and re.search(r"report: claim \S+ .*\d+/11 steps", screen)


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


def _quiet_in_a_pipe(argv: list[str]) -> str:
    """stderr of a command whose output goes to pipes (not a terminal): where no bar may be drawn."""
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_extract_counts_documents_against_their_total(tmp_path: Path, tacitus_argv: list[str]) -> None:
    reports = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
    jsonl = reports / "incidents.jsonl"
    total = 1 + sum(1 for line in jsonl.read_text(encoding="utf-8").splitlines() if line.strip())
    argv = [*tacitus_argv, "extract", str(reports / "two_incidents.txt"), str(jsonl), "--no-ner", "-w", "1", "-o",
            str(tmp_path / "events.jsonl")]
    code, screen = _in_terminal(argv)
    assert code == 0 and re.search(rf"extracting .*\d+/{total} documents .* left", screen), screen
    assert "extracting" not in _quiet_in_a_pipe(argv)
    code, screen = _in_terminal([argv[0], "--quiet", *argv[1:]])
    assert code == 0 and "extracting" not in screen and f"from {total} documents" in screen


def test_resolve_shows_each_stage_with_its_total(gtd_acled_store: Path, tmp_path: Path,
                                                 tacitus_argv: list[str]) -> None:
    import shutil

    for name in ("a", "b", "c"):
        shutil.copy(gtd_acled_store, tmp_path / f"{name}.duckdb")
    code, screen = _in_terminal([*tacitus_argv, "resolve", "--db", str(tmp_path / "a.duckdb")])
    assert code == 0, screen
    assert re.search(r"resolve: blocking .*13/13 records", screen), screen  # 7 GTD rows and 6 ACLED rows
    assert re.search(r"resolve: scoring .* ([1-9]\d*)/\1 dataset pairs .* left", screen), screen
    assert re.search(r"resolve: assignment .*\d+/\d+ candidate pairs", screen), screen
    assert re.search(r"resolve: writing .*\d+/\d+ records", screen), screen
    assert "resolve:" not in _quiet_in_a_pipe([*tacitus_argv, "resolve", "--db", str(tmp_path / "b.duckdb")])
    code, screen = _in_terminal([*tacitus_argv, "--quiet", "resolve", "--db", str(tmp_path / "c.duckdb")])
    assert code == 0 and "resolve:" not in screen and "13 records" in screen
